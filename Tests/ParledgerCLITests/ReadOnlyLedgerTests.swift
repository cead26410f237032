import Appraisal
import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import SQLiteStore
import Testing

/// Reads never write: every read command answers on a ledger file of mode 0444 in a folder of
/// mode 0555 (as root, run as `nobody`, since modes do not bind root), and afterwards the file's
/// bytes and the folder's listing are what they were.
@Suite("CLI: reads on a ledger that may not be written")
struct ReadOnlyLedgerTests {
    @Test func everyReadCommandAnswersAndTheLedgerIsUnchanged() async throws {
        let folder = CLI.temporaryFolder().appendingPathComponent("published")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let store: any EventStore = try SQLiteStore(path: path, create: true, rules: AppraisalLedgerRules())
        let given = CampaignFixture(store: store)
        let objection = try await given.objected()
        let size = try await store.size()
        let note = Checkpoint(origin: given.ledger, size: size, root: try await store.root(size: size))
            .signed(by: given.authority)
        try await store.saveCheckpoint(note)
        let outside = CLI.temporaryFolder()
        let proof = try await CLI.parledger("prove", "inclusion", "--store", path, "--seq", "3")
        let proofFile = outside.appendingPathComponent("entry.proof").path
        try Data(proof.stdout.utf8).write(to: URL(fileURLWithPath: proofFile))
        // Merged into the file, so that the read-only copy needs no write-ahead log beside it.
        _ = try await CLI.sqlite(path, "PRAGMA wal_checkpoint(TRUNCATE)")
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        _ = try await CLI.run("/bin/chmod", ["0444", path])
        _ = try await CLI.run("/bin/chmod", ["0555", folder.path])
        _ = try await CLI.run("/bin/chmod", ["0777", outside.path])
        defer { _ = try? CLI.run("/bin/chmod", ["0755", folder.path]) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let listing = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()

        let day = String(given.day(12).text.prefix(10))
        let later = String(given.day(25).text.prefix(10))
        let reads: [[String]] = [
            ["standings"], ["standings", "--as-of", day], ["standings", "--at-seq", "20", "--format", "json"],
            ["scores", "--unit", "SNV"], ["differences"], ["differences", "--unit", "SNV", "--format", "csv"],
            ["disputes"], ["disputes", "--status", "open"], ["claims", "--status", "pending"], ["survey", "coverage"],
            ["progress"],
            ["history", "--unit", "SNV"],
            ["history", "--unit", "SNV", "--leaf", "1.1"], ["diff", "--from", day, "--to", later], ["rebuild"],
            ["verify"], ["audit"], ["log"], ["prove", "inclusion", "--seq", "5"],
            ["prove", "consistency", "--from", "3"],
            ["export", "--out", outside.appendingPathComponent("export").path],
        ]
        func asReader(_ arguments: [String]) async throws -> CLI.Result {
            geteuid() == 0
                ? try await CLI.run("/usr/sbin/runuser", ["-u", "nobody", "--", CLI.binary] + arguments)
                : try await CLI.parledger(arguments)
        }
        for read in reads {
            let result = try await asReader(read + ["--store", path])
            #expect(result.status == 0, "\(read.joined(separator: " ")): \(result.stderr)")
        }
        let checked = try await asReader(["verify-proof", proofFile, "--store", path])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(objection.seq > 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "the ledger file's bytes are unchanged")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == listing)
    }
}
