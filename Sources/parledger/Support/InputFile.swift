import Foundation

/// A file the user named on the command line, read whole. A refusal says why it could not be
/// read, so the user knows whether to fix the path, the permissions, or the file.
enum InputFile {
    /// - Parameter what: how the file is named in the refusal ("key file "), before its path.
    static func contents(_ path: String, what: String = "") throws(CLIError) -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .usage("cannot read \(what)\(path): there is no such file")
        }
        guard !isFolder.boolValue else { throw .usage("cannot read \(what)\(path): it is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = access(path, R_OK) == 0 ? "it could not be read" : "permission denied"
            throw .usage("cannot read \(what)\(path): \(reason)")
        }
        return data
    }
}
