import Application
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
        // Opened as a simulation is: each entry keeps the time the source recorded, where a live
        // PostgreSQL ledger would take its own server's clock.
        let target = try openSimulated(to)
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
            copied = try await LedgerCopy.copy(from: source, to: target, batch: batch)
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
}
