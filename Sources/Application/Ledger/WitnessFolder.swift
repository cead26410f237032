public import Foundation
public import LedgerCore

/// A folder of signed checkpoints, one file each (`checkpoint-000000001234.txt`, by tree size), as
/// a witness keeps them: the server writes one at each cadence, officers cosign them in place
/// (`parledger checkpoint cosign --checkpoint FILE`), and `verify` checks a ledger against the
/// largest. A SQLite ledger's default folder is beside it (`ledger.sqlite.checkpoints`): a ledger
/// that lost its tail (a damaged `-wal`, a file copied while in use) is then found short of a
/// checkpoint that was signed while the entries were there.
public struct WitnessFolder: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// The default folder of a SQLite ledger file.
    public static func beside(ledgerPath: String) -> WitnessFolder {
        WitnessFolder(folder: URL(fileURLWithPath: ledgerPath + ".checkpoints"))
    }

    /// The file a checkpoint of `size` entries is kept in.
    public func file(size: Int) -> URL {
        let digits = String(size)
        return folder.appendingPathComponent(
            "checkpoint-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits + ".txt"
        )
    }

    /// Keeps `note` (a checkpoint of `size` entries), synced; an existing file of that size keeps
    /// its cosignatures and gains any new ones.
    public func keep(_ note: SignedNote, size: Int) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var merged = note
        if let data = FileManager.default.contents(atPath: file(size: size).path),
            let text = String(data: data, encoding: .utf8),
            let existing = try? SignedNote(parsing: text), existing.text == note.text
        {
            for signature in existing.signatures where !merged.signatures.contains(signature) {
                merged.append(signature)
            }
        }
        let temporary = folder.appendingPathComponent(
            ".checkpoint-\(size).\(ProcessInfo.processInfo.processIdentifier)"
        )
        _ = FileManager.default.createFile(atPath: temporary.path, contents: nil)
        let handle = try FileHandle(forWritingTo: temporary)
        try handle.write(contentsOf: Data(merged.serialized.utf8))
        try handle.synchronize()
        try handle.close()
        guard rename(temporary.path, file(size: size).path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file(size: size).path])
        }
    }

    /// The size of the largest checkpoint kept, from the file names alone (cheap enough to ask
    /// before every append).
    public func largestSize() -> Int? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        return names.compactMap(Self.size(ofFileNamed:)).max()
    }

    /// The largest checkpoint kept, and its file.
    public func largest() -> (file: URL, text: String)? {
        guard let size = largestSize() else { return nil }
        let file = file(size: size)
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return (file, String(decoding: data, as: UTF8.self))
    }

    private static func size(ofFileNamed name: String) -> Int? {
        guard name.hasPrefix("checkpoint-"), name.hasSuffix(".txt") else { return nil }
        return Int(name.dropFirst("checkpoint-".count).dropLast(".txt".count))
    }
}
