import Application
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import PostgresStore

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the whole ledger: encoding, signatures, chain, keys and roles, tree, blobs.",
        discussion:
            "Exit 0: valid. 1: invalid (the first bad position and why). 2: bad usage or unreadable input. 3: the store is unavailable now (try again)."
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "A checkpoint (signed note) the ledger must extend.") var checkpoint: String?
    @Option(
        name: .customLong("witness-dir"),
        help:
            "A folder of witnessed checkpoints; without --checkpoint the ledger must extend the largest (default: LEDGER.checkpoints beside a SQLite ledger, when it exists)."
    ) var witnessDir: String?
    @Flag(help: "Print one JSON object (events/FORMAT.md §11.2).") var json = false

    func run() async throws {
        let note = try (checkpoint ?? witnessedCheckpoint()).map { path throws(CLIError) in
            try Self.readCheckpoint(path)
        }
        let store = try storeOptions.openForReading()
        let interactive = isatty(STDERR_FILENO) == 1 && !json
        let report = try await storeCall { () async throws(StoreError) in
            try await store.verify(checkpoint: note) { count in
                if interactive { FileHandle.standardError.write(Data("\rverified \(count) entries…".utf8)) }
            }
        }
        if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        Self.print(report, json: json)
        if !report.isValid { throw ExitCode(1) }
    }

    /// The largest checkpoint of the witness folder, if there is one: a ledger that lost its tail
    /// since is then reported `truncated` instead of verifying as a shorter, valid ledger.
    private func witnessedCheckpoint() -> String? {
        let folder =
            witnessDir.map { WitnessFolder(folder: URL(fileURLWithPath: $0)) }
            ?? (PostgresLocation.isPostgresURL(storeOptions.store)
                ? nil : WitnessFolder.beside(ledgerPath: storeOptions.store))
        guard let largest = folder?.largest() else { return nil }
        if !json { printNotice("against the witnessed checkpoint \(largest.file.path)") }
        return largest.file.path
    }

    static func readCheckpoint(_ path: String) throws(CLIError) -> Result<SignedNote, LedgerViolation> {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("cannot read checkpoint \(path)")
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            return .failure(LedgerViolation(.checkpointFormat, "the checkpoint is not UTF-8"))
        }
        return Result { () throws(LedgerViolation) in try SignedNote(parsing: text) }
    }

    static func print(_ report: LedgerVerifier.Report, json: Bool) {
        if json {
            Swift.print(String(decoding: CanonicalJSON.encode(report.json), as: UTF8.self))
            return
        }
        if let failure = report.failure {
            Swift.print(failure.line)
            return
        }
        var line = "ok: \(report.size) entries, root \(report.root.base64)"
        if let checkpoint = report.checkpoint {
            line += "; extends the checkpoint of \(checkpoint.size) entries (\(checkpoint.cosignatures) cosignatures)"
        }
        Swift.print(line)
        for hash in report.erasedBlobs { Swift.print("erased evidence: \(hash.hex)") }
    }
}
