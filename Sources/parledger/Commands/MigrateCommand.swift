import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import PostgresStore

/// Copies a ledger between stores (SQLite to PostgreSQL, PostgreSQL to SQLite, or alike) by
/// appending its own statements again, position by position, at their recorded times: the target
/// rebuilds the same entry bytes, leaf hashes and tree, and every rule is checked again on the way.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a ledger to another store (SQLite ↔ PostgreSQL) and verify the copy.",
        discussion: """
            The target must be empty: migrate never writes into a ledger that holds entries or blobs. \
            Evidence blobs and the latest checkpoint are copied; projection snapshots are not (rebuild \
            makes them). The copy is verified in full and must have the source's size and root.
            """
    )

    @Option(help: "The ledger to copy: a SQLite path or a postgres:// URL.") var from: String
    @Option(help: "The empty ledger to copy into: a SQLite path or a postgres:// URL.") var to: String
    @Option(help: "Entries per appended batch.") var batch = 1000

    func run() async throws {
        guard batch > 0 else { throw CLIError.usage("--batch must be positive") }
        guard from != to else { throw CLIError.usage("--from and --to name the same ledger") }
        let source = try openStoreForReading(from)
        // Checked before anything is written: a copy that fails halfway into PostgreSQL stays there
        // for good (its rows cannot be deleted).
        let (sourceReport, erased) = try await storeCall { () async throws(StoreError) in
            (try await source.verify(), try await source.state().erasures.count)
        }
        guard sourceReport.isValid else {
            throw CLIError.refused(
                "\(displayName(ofStore: from)) does not verify (\(sourceReport.failure?.line ?? "unknown failure")); "
                    + "nothing was copied"
            )
        }
        guard erased == 0 else {
            throw CLIError.refused(
                "\(displayName(ofStore: from)) has \(erased) erased evidence blob(s): appending the statements that "
                    + "attached them again needs the blobs, so it cannot be copied; nothing was copied"
            )
        }
        let newFile = !PostgresLocation.isPostgresURL(to) && !FileManager.default.fileExists(atPath: to)
        let target = try openStore(to, create: true)
        let (targetSize, targetBlobs) = try await storeCall { () async throws(StoreError) in
            (try await target.size(), try await target.blobHashes().count)
        }
        guard targetSize == 0, targetBlobs == 0 else {
            throw CLIError.usage(
                "\(displayName(ofStore: to)) is not empty (\(targetSize) entries, \(targetBlobs) blobs); "
                    + "migrate copies only into an empty ledger"
            )
        }
        let copied: (entries: Int, blobs: Int)
        do {
            copied = try await Self.copy(from: source, to: target, batch: batch)
        } catch {
            // A SQLite file this run created goes; a PostgreSQL ledger's rows cannot be deleted.
            if newFile {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: to + suffix) }
                throw CLIError.store(error)
            }
            let failure = CLIError.store(error)
            throw CLIError(
                exitCode: failure.exitCode,
                message: failure.message
                    + "; \(displayName(ofStore: to)) now holds a partial copy: migrate into a new ledger"
            )
        }
        let (sourceRoot, targetRoot) = try await storeCall { () async throws(StoreError) in
            (try await source.root(size: copied.entries), try await target.root(size: try await target.size()))
        }
        guard try await storeCall({ () async throws(StoreError) in try await target.size() }) == copied.entries,
            sourceRoot == targetRoot
        else {
            throw CLIError.refused(
                "the copy's size or root differs from the source's; the target is not a faithful copy"
            )
        }
        let report = try await storeCall { () async throws(StoreError) in try await target.verify() }
        guard report.isValid else {
            throw CLIError.refused("the copy does not verify: \(report.failure?.line ?? "unknown failure")")
        }
        print(
            "copied \(copied.entries) entries and \(copied.blobs) blobs from \(displayName(ofStore: from)) "
                + "to \(displayName(ofStore: to))"
        )
        print("ok: \(report.size) entries, root \(targetRoot.base64) on both; the copy verifies")
    }

    /// Blobs first (appends refuse statements whose evidence is missing), then the entries in
    /// batches of one recorded time each, checking every rebuilt entry's bytes against the source's.
    static func copy(
        from source: any EventStore,
        to target: any EventStore,
        batch: Int
    ) async throws(StoreError) -> (entries: Int, blobs: Int) {
        let blobs = try await source.blobHashes()
        for hash in blobs {
            guard let bytes = try await source.blob(hash) else { continue }
            _ = try await target.putBlob(bytes)
        }
        let size = try await source.size()
        var next = 0
        while next < size {
            let stored = try await source.entries(from: next, limit: batch)
            guard !stored.isEmpty else { break }
            let entries = try decode(stored)
            var start = 0
            while start < entries.count {
                // One append per run of entries recorded at the same time, so each keeps its time.
                let time = entries[start].recordedAt
                var end = start
                while end < entries.count, entries[end].recordedAt == time { end += 1 }
                let written = try await target.append(entries[start..<end].map(\.signed), recordedAt: time)
                for (original, copy) in zip(entries[start..<end], written) where copy.bytes != original.bytes {
                    throw StoreError(
                        .io,
                        "entry \(original.seq) was rebuilt with different bytes (as seq \(copy.seq)); the copy stops here"
                    )
                }
                start = end
            }
            next += stored.count
        }
        if let checkpoint = try await source.latestCheckpoint() { try await target.saveCheckpoint(checkpoint) }
        return (size, blobs.count)
    }

    private static func decode(_ stored: [StoredEntry]) throws(StoreError) -> [Entry] {
        var entries: [Entry] = []
        for item in stored {
            do {
                entries.append(try Entry(bytes: item.bytes))
            } catch {
                throw StoreError(.io, "source entry \(item.seq) does not decode (\(error)); run parledger verify on it")
            }
        }
        return entries
    }
}
