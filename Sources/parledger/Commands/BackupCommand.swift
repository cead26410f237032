import Application
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `parledger backup --store LOCATION --to FILE`: a consistent, verified copy of a live ledger.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy a live ledger, consistently, into a new SQLite file, and verify the copy.",
        discussion: """
            The only safe copy of a ledger in use: copying a SQLite file by hand can miss entries \
            that are committed but still in its -wal file beside it. A PostgreSQL ledger is copied \
            into a SQLite file the same way, entry by entry. The copy verifies on its own \
            (parledger verify --store FILE) and serves, reads and migrates like any ledger.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The new SQLite file to write (it must not exist).") var to: String

    func run() async throws {
        guard !FileManager.default.fileExists(atPath: to) else {
            throw CLIError.usage("\(to) already exists; a backup goes to a new file")
        }
        let ledger = try storeOptions.ledger(.reading)
        let report = try await storeCall { () async throws(StoreError) in try await Backup.make(of: ledger, to: to) }
        print("backed up \(report.size) entries and \(report.blobs) blobs to \(report.file)")
        print("ok: the copy verifies; root \(report.root.base64) at size \(report.size), as in the ledger")
    }
}
