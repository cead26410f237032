import Foundation
import LedgerCore
import Testing

/// Only ledgers are ever written: a store path that holds another application's database, or a
/// ledger from a newer build, is refused by name before anything is written.
@Suite("CLI: only ledgers are written")
struct LedgerFileSafetyTests {
    func keyFile(_ folder: URL, _ name: String) async throws -> (file: String, publicKey: String) {
        let file = folder.appendingPathComponent("\(name).key").path
        _ = try await CLI.parledger("key", "new", "--out", file, "--name", name)
        let shown = try CanonicalJSON.parse(await CLI.parledger("key", "show", file, "--format", "json").stdout)
        return (file, shown["publicKey"]?.stringValue ?? "")
    }

    @Test func anotherApplicationsDatabaseIsRefusedAndLeftAsItWas() async throws {
        let folder = CLI.temporaryFolder()
        let database = folder.appendingPathComponent("hr.db").path
        let created = try await CLI.sqlite(
            database,
            "CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO staff VALUES (1, 'Nguyễn Văn A');"
        )
        try #require(created.status == 0, "\(created.stderr)")
        let before = try #require(FileManager.default.contents(atPath: database))
        let authority = try await keyFile(folder, "authority")
        let officer = try await keyFile(folder, "officer")
        let writes: [[String]] = [
            ["init", "--store", database, "--ledger-id", "travinh.gov.vn/par/2023", "--authority-key", authority.file],
            [
                "key", "register", "--store", database, "--as", authority.file, "--public-key", officer.publicKey,
                "--role", "auditor", "--name", "Kiểm toán",
            ],
            ["append", "--store", database, "--key", authority.file, "--type", "note.recorded/v1", "--payload", "{}"],
            ["checkpoint", "--store", database, "--key", authority.file],
            ["score", "--store", database, "--key", officer.file, "--unit", "SNV", "--leaf", "1.1", "--points", "1"],
        ]
        for arguments in writes {
            let refused = try await CLI.parledger(arguments)
            #expect(refused.status == 2, "\(arguments[0]): \(refused.stdout)\(refused.stderr)")
            #expect(refused.stderr.contains("is not a parledger ledger"), "\(arguments[0]): \(refused.stderr)")
            #expect(refused.stderr.contains("nothing was written"), "\(arguments[0]): \(refused.stderr)")
        }
        #expect(FileManager.default.contents(atPath: database) == before, "the database's bytes are unchanged")
        let tables = try await CLI.sqlite(database, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        #expect(tables.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "staff")
    }

    @Test func aLedgerFromANewerBuildIsRefusedForWriting() async throws {
        let folder = CLI.temporaryFolder()
        let store = folder.appendingPathComponent("ledger.sqlite").path
        let authority = try await keyFile(folder, "authority")
        let officer = try await keyFile(folder, "officer")
        let initialised = try await CLI.parledger(
            "init",
            "--store",
            store,
            "--ledger-id",
            "travinh.gov.vn/par/2023",
            "--authority-key",
            authority.file
        )
        try #require(initialised.status == 0, "\(initialised.stderr)")
        // What a later build's migration would leave behind.
        _ = try await CLI.sqlite(
            store,
            "PRAGMA wal_checkpoint(TRUNCATE); INSERT INTO grdb_migrations VALUES ('v99: later')"
        )
        let before = try #require(FileManager.default.contents(atPath: store))
        let refused = try await CLI.parledger(
            "key",
            "register",
            "--store",
            store,
            "--as",
            authority.file,
            "--public-key",
            officer.publicKey,
            "--role",
            "auditor",
            "--name",
            "Kiểm toán"
        )
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("newer parledger"), "\(refused.stderr)")
        #expect(FileManager.default.contents(atPath: store) == before)
        #expect(try await CLI.parledger("verify", "--store", store).status == 2)
    }

    @Test func aNewOrEmptyFileBecomesALedger() async throws {
        let folder = CLI.temporaryFolder()
        let empty = folder.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let authority = try await keyFile(folder, "authority")
        let created = try await CLI.parledger(
            "init",
            "--store",
            empty,
            "--ledger-id",
            "travinh.gov.vn/par/2023",
            "--authority-key",
            authority.file
        )
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try await CLI.parledger("verify", "--store", empty).status == 0)
    }
}
