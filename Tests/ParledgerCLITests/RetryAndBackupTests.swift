import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

/// Nothing lost, nothing twice: a writer killed after the commit and before its answer, then the
/// same act repeated, records the act once; `parledger backup` makes a verified copy of a live
/// ledger and refuses to overwrite a file.
@Suite("Retries and backups")
struct RetryAndBackupTests {
    /// A ledger with its authority key, in a folder of its own, and its own kept-statements folder.
    struct Ledger {
        let folder = CLI.temporaryFolder()
        var store: String { folder.appendingPathComponent("ledger.sqlite").path }
        var state: String { folder.appendingPathComponent("state").path }
        var authority: String { folder.appendingPathComponent("authority.key").path }
        var auditor: String { folder.appendingPathComponent("auditor.key").path }

        func parledger(_ arguments: [String], fault: Bool = false) async throws -> CLI.Result {
            var environment = ["PARLEDGER_STATE_DIR": state]
            if fault { environment["PARLEDGER_FAULT"] = "after-commit" }
            return try await CLI.run(CLI.binary, arguments, environment: environment)
        }

        func created() async throws -> Ledger {
            #expect(try await parledger(["key", "new", "--out", authority, "--name", "UBND tỉnh"]).status == 0)
            #expect(try await parledger(["key", "new", "--out", auditor, "--name", "Kiểm toán"]).status == 0)
            let initialised = try await parledger([
                "init", "--store", store, "--ledger-id", "travinh.gov.vn/par/2023", "--authority-key", authority,
            ])
            #expect(initialised.status == 0, "\(initialised.stderr)")
            return self
        }

        /// Registering an auditor's key: an act whose second recording would be refused.
        func registerAuditor(fault: Bool = false) async throws -> CLI.Result {
            let shown = try await parledger(["key", "show", auditor, "--format", "json"])
            let publicKey = try CanonicalJSON.parse(shown.stdout.trimmingCharacters(in: .newlines))["publicKey"]?
                .stringValue
            return try await parledger(
                [
                    "key", "register", "--store", store, "--as", authority, "--role", "auditor", "--name", "Kiểm toán",
                    "--public-key", publicKey ?? "-",
                ],
                fault: fault
            )
        }

        func entries() async throws -> [JSONValue] {
            let log = try await parledger(["log", "--store", store, "--format", "json"])
            return try CanonicalJSON.parse(log.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).arrayValue ?? []
        }

        func kept() -> [String] {
            let pending = URL(fileURLWithPath: state).appendingPathComponent("pending").path
            return ((try? FileManager.default.contentsOfDirectory(atPath: pending)) ?? []).filter {
                $0.hasSuffix(".json")
            }
        }
    }

    @Test func aWriterKilledAfterItsCommitThenRepeatedRecordsTheActOnce() async throws {
        let ledger = try await Ledger().created()
        let killed = try await ledger.registerAuditor(fault: true)
        #expect(killed.status == 9, "the writer should have been killed after its commit: \(killed.stderr)")
        #expect(try await ledger.entries().count == 2, "the commit landed before the kill")
        #expect(ledger.kept().count == 1, "the signed statement is kept until it is acknowledged")

        let repeated = try await ledger.registerAuditor()
        #expect(repeated.status == 0, "\(repeated.stderr)")
        #expect(repeated.stderr.contains("re-sending statement"), "\(repeated.stderr)")
        #expect(try await ledger.entries().count == 2, "recorded once, not twice")
        #expect(ledger.kept().isEmpty)

        // Repeated once more, now that the answer came: a new act, which the rules refuse.
        let again = try await ledger.registerAuditor()
        #expect(again.status == 1)
        #expect(try await ledger.entries().count == 2)
    }

    @Test func pendingRetrySendsWhatWasKeptAndListsNothingAfterwards() async throws {
        let ledger = try await Ledger().created()
        #expect(try await ledger.registerAuditor(fault: true).status == 9)
        let listed = try await ledger.parledger(["pending"])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("key.registered/v1"), "\(listed.stdout)")

        let retried = try await ledger.parledger(["pending", "--retry", "--store", ledger.store])
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(retried.stdout.contains("recorded at position 1"), "\(retried.stdout)")
        #expect(try await ledger.entries().count == 2)
        #expect(try await ledger.parledger(["pending"]).stdout.contains("no statement waits"))
    }

    @Test func aRefusedActIsNotKept() async throws {
        let ledger = try await Ledger().created()
        #expect(try await ledger.registerAuditor().status == 0)
        #expect(try await ledger.registerAuditor().status == 1)
        #expect(ledger.kept().isEmpty, "a refusal will never be recorded: nothing to retry")
    }

    @Test func aBackupOfALiveLedgerVerifiesAndHasItsRoot() async throws {
        let ledger = try await Ledger().created()
        #expect(try await ledger.registerAuditor().status == 0)
        let copy = ledger.folder.appendingPathComponent("backup.sqlite").path
        let backup = try await ledger.parledger(["backup", "--store", ledger.store, "--to", copy])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("backed up 2 entries"), "\(backup.stdout)")
        // One file, whole: no journal beside it is needed.
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))
        let original = try await ledger.parledger(["verify", "--store", ledger.store])
        let copied = try await ledger.parledger(["verify", "--store", copy])
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout == original.stdout.replacingOccurrences(of: ledger.store, with: copy))

        let again = try await ledger.parledger(["backup", "--store", ledger.store, "--to", copy])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
    }

    @Test func aLedgerThatLostItsTailIsTruncatedAgainstItsWitnessedCheckpointAndRefusesWrites() async throws {
        let ledger = try await Ledger().created()
        let before = ledger.folder.appendingPathComponent("before.sqlite").path
        #expect(try await ledger.parledger(["backup", "--store", ledger.store, "--to", before]).status == 0)
        #expect(try await ledger.registerAuditor().status == 0)
        let signed = try await ledger.parledger([
            "checkpoint", "sign", "--store", ledger.store, "--key", ledger.authority,
        ])
        #expect(signed.status == 0, "\(signed.stderr)")
        let witnessed = ledger.store + ".checkpoints/checkpoint-000000000002.txt"
        #expect(FileManager.default.fileExists(atPath: witnessed))
        let whole = try await ledger.parledger(["verify", "--store", ledger.store])
        #expect(whole.status == 0, "\(whole.stdout)")
        #expect(whole.stderr.contains("against the witnessed checkpoint"))

        // The tail is lost: the file is as it was before the registration (as after a damaged -wal).
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledger.store + suffix) }
        try FileManager.default.copyItem(atPath: before, toPath: ledger.store)
        let short = try await ledger.parledger(["verify", "--store", ledger.store])
        #expect(short.status == 1)
        #expect(short.stdout.contains("truncated"), "\(short.stdout)")
        let refused = try await ledger.registerAuditor()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("entries were lost"), "\(refused.stderr)")
        #expect(try await ledger.entries().count == 1, "nothing was written over the lost position")
    }
}
