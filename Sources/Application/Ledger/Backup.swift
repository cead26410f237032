import Foundation
public import LedgerCore
public import LedgerStore
import PostgresStore
import SQLiteStore

/// A consistent copy of a live ledger in a new SQLite file, verified before it is kept.
///
/// A SQLite ledger is copied with SQLite's online backup (one snapshot, writers go on); a
/// PostgreSQL ledger is copied entry by entry (`LedgerCopy`) up to its size when the backup began.
/// Either way the copy is then opened on its own, verified in full, and its root compared with the
/// source's at the same size; only then is it moved to the file asked for, so a failed backup
/// leaves nothing that could be taken for one.
public enum Backup {
    /// What a finished backup holds.
    public struct Report: Sendable {
        public let file: String
        public let size: Int
        public let root: SHA256Hash
        public let blobs: Int
    }

    public static func make(of ledger: OpenLedger, to file: String) async throws(StoreError) -> Report {
        let files = FileManager.default
        guard !files.fileExists(atPath: file) else {
            throw StoreError(.refused, "\(file) already exists; a backup goes to a new file")
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        guard files.isWritableFile(atPath: folder) else {
            throw StoreError(.unavailable, "cannot write in \(folder); choose a folder you may write")
        }
        let partial = file + ".partial"
        removeSQLiteFiles(partial)
        defer { removeSQLiteFiles(partial) }

        if let sqlite = ledger.log as? SQLiteStore {
            try await sqlite.backup(to: partial)
        } else {
            let target = try SQLiteStore(path: partial, create: true, rules: nil)
            _ = try await LedgerCopy.copy(from: ledger.log, to: target)
        }

        let copy = try SQLiteStore(readingOnly: partial)
        let report = try await copy.verify()
        guard report.isValid else {
            throw StoreError(
                .io,
                "the copy does not verify (\(report.failure?.line ?? "unknown failure")); it was not kept"
            )
        }
        let size = report.size
        let root = try await copy.root(size: size)
        guard try await ledger.log.root(size: size) == root else {
            throw StoreError(.io, "the copy's root differs from the ledger's at size \(size); it was not kept")
        }
        let blobs = try await copy.blobHashes().count
        guard rename(partial, file) == 0 else {
            throw StoreError(.unavailable, "cannot move the copy to \(file)")
        }
        return Report(file: file, size: size, root: root, blobs: blobs)
    }

    private static func removeSQLiteFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
