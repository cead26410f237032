import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import PostgresStore
import Testing

/// `--store postgres://…` and `migrate`, through the binary, against the server of
/// `tools/with-postgres` (skipped, and reported, without one).
@Suite("CLI: PostgreSQL", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason))
struct PostgresCommandTests {
    func rootLine(_ verify: CLI.Result) -> String? {
        verify.stdout.split(separator: "\n").first { $0.hasPrefix("ok: ") }.map(String.init)
    }

    /// The demo's ledger (blobs, checkpoints, every act) copied SQLite → PostgreSQL → SQLite: the
    /// same size and root on all three, the same read models, and no copy into a non-empty ledger.
    @Test func theDemoLedgerMigratesBothWaysWithTheSameRootAndReads() async throws {
        let folder = CLI.temporaryFolder()
        let demo = folder.appendingPathComponent("demo")
        let built = try await CLI.parledger("demo", "--dir", demo.path)
        try #require(built.status == 0, "\(built.stderr)")
        let sqlite = demo.appendingPathComponent("ledger.sqlite").path
        let postgres = PostgresTestDatabase.url(ledger: PostgresTestDatabase.freshLedger("demo"))
        let back = folder.appendingPathComponent("back.sqlite").path

        let there = try await CLI.parledger("migrate", "--from", sqlite, "--to", postgres)
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.contains("the copy verifies"))
        #expect(!there.stdout.contains(PostgresTestDatabase.appURL ?? "-"), "the password is never printed")
        let home = try await CLI.parledger("migrate", "--from", postgres, "--to", back)
        #expect(home.status == 0, "\(home.stderr)")

        var roots: [String?] = []
        for store in [sqlite, postgres, back] {
            let verified = try await CLI.parledger("verify", "--store", store)
            #expect(verified.status == 0, "\(store): \(verified.stderr)")
            roots.append(rootLine(verified))
        }
        #expect(roots[0] != nil)
        #expect(Set(roots).count == 1, "\(roots)")
        #expect(try await CLI.parledger("audit", "--store", postgres).status == 0)
        let checkpoint = demo.appendingPathComponent("checkpoint").path
        #expect(try await CLI.parledger("verify", "--store", postgres, "--checkpoint", checkpoint).status == 0)
        for read in [["standings", "--as-of", "2024-02-28"], ["scores", "--unit", "STP"], ["disputes"]] {
            let onSQLite = try await CLI.parledger(read + ["--store", sqlite, "--format", "json"])
            let onPostgres = try await CLI.parledger(read + ["--store", postgres, "--format", "json"])
            #expect(onSQLite.status == 0 && onPostgres.status == 0, "\(read): \(onPostgres.stderr)")
            #expect(onSQLite.stdout == onPostgres.stdout, "\(read)")
        }

        // Never into a non-empty target, either way; nothing is written.
        let intoPostgres = try await CLI.parledger("migrate", "--from", back, "--to", postgres)
        #expect(intoPostgres.status == 2)
        #expect(intoPostgres.stderr.contains("is not empty"))
        let intoSQLite = try await CLI.parledger("migrate", "--from", postgres, "--to", sqlite)
        #expect(intoSQLite.status == 2)
        #expect(intoSQLite.stderr.contains("is not empty"))
        #expect(rootLine(try await CLI.parledger("verify", "--store", postgres)) == roots[0])
    }

    @Test func aMistypedLedgerOrURLIsAnErrorNotANewLedger() async throws {
        let missing = try await CLI.parledger(
            "log",
            "--store",
            PostgresTestDatabase.url(ledger: PostgresTestDatabase.freshLedger("nowhere"))
        )
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no ledger"))
        let noLedger = try await CLI.parledger("log", "--store", PostgresTestDatabase.appURL ?? "")
        #expect(noLedger.status == 2)
        #expect(noLedger.stderr.contains("?ledger=NAME"))
        // No server there (exit 3: try again later), or a wrong password (exit 2: fix the URL):
        // a prompt error, never a wait, and never PostgresNIO's own text.
        let noServer = try await CLI.parledger(
            "log",
            "--store",
            "postgres://parledger_app@127.0.0.1:1/parledger?ledger=x"
        )
        #expect(noServer.status == 3)
        #expect(noServer.stderr.contains("127.0.0.1:1 was refused"), "\(noServer.stderr)")
        #expect(!noServer.stderr.contains("PSQLError"), "\(noServer.stderr)")
        var wrong = try #require(URLComponents(string: PostgresTestDatabase.url(ledger: "x")))
        wrong.password = "not-the-password"
        let badPassword = try await CLI.parledger("log", "--store", wrong.string ?? "")
        #expect(badPassword.status == 2)
        #expect(badPassword.stderr.contains("password authentication failed"), "\(badPassword.stderr)")
        #expect(!badPassword.stderr.contains("not-the-password"))
    }

    /// Six processes append at once, five statements each, to one ledger: every acknowledged
    /// entry is stored at its position byte for byte, positions have no gaps, the chain verifies.
    @Test func concurrentProcessesAppendToOneLedger() async throws {
        let folder = CLI.temporaryFolder()
        let key = folder.appendingPathComponent("authority.key").path
        #expect(try await CLI.parledger("key", "new", "--out", key, "--name", "UBND tỉnh").status == 0)
        let policy = folder.appendingPathComponent("policy.json").path
        try Data(#"{"note.recorded/v1":["authority"]}"#.utf8).write(to: URL(fileURLWithPath: policy))
        let ledger = PostgresTestDatabase.freshLedger("processes")
        let store = PostgresTestDatabase.url(ledger: ledger)
        let created = try await CLI.parledger(
            "init",
            "--store",
            store,
            "--ledger-id",
            "travinh.gov.vn/par/2023",
            "--authority-key",
            key,
            "--policy",
            policy
        )
        try #require(created.status == 0, "\(created.stderr)")

        let processes = 6
        let appendsEach = 5
        let loop = "for i in $(seq \(appendsEach)); do \"$0\" \"$@\" || exit 1; done"
        let results = try await CLI.runConcurrently(
            (0..<processes).map { writer in
                [
                    "/bin/sh", "-c", loop, CLI.binary, "append", "--store", store, "--key", key, "--type",
                    "note.recorded/v1", "--payload", #"{"text":"writer \#(writer)"}"#, "--format", "json",
                ]
            }
        )
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        let acknowledged = try results.flatMap { result in
            try result.stdout.split(separator: "\n").map { try Entry(bytes: Array($0.utf8)) }
        }
        #expect(acknowledged.count == processes * appendsEach)

        let reader = try PostgresStore(url: store, create: false)
        let stored = try await reader.entries(from: 0, limit: 1000)
        #expect(stored.map(\.seq) == Array(0..<(1 + processes * appendsEach)))
        let byPosition = Dictionary(uniqueKeysWithValues: stored.map { ($0.seq, $0.bytes) })
        #expect(acknowledged.allSatisfy { byPosition[$0.seq] == $0.bytes })
        let verified = try await CLI.parledger("verify", "--store", store)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }
}
