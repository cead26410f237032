public import Foundation

/// Where tests write their ledgers, keys and demo folders: one folder per test process, removed
/// when the process exits, so a test run leaves nothing behind in the temporary directory.
public enum Scratch {
    /// The process's folder, made on first use.
    public static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parledger-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        )
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.folder) }
        return url
    }()

    /// A new path in the folder, e.g. `Scratch.path("ledger", "sqlite")`.
    public static func path(_ prefix: String, _ fileExtension: String) -> String {
        folder.appendingPathComponent("\(prefix)-\(UUID().uuidString).\(fileExtension)").path
    }

    /// A new, empty subfolder.
    public static func subfolder(_ prefix: String) -> URL {
        let url = folder.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
