import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import SQLiteStore
import Testing

/// What a person holding the SQLite file could do to it, done with the `sqlite3` CLI. Each change
/// must be caught by `parledger verify` at the right position, and the independent Python verifier
/// must reach the same verdict, at the same position, with the same code.
@Suite("Tampering by hand")
struct TamperingTests {
    let fixture = Fixture()

    /// A 30-entry ledger: keys, 20 notes, a revoked survey clerk, 5 more notes; and a checkpoint file.
    func ledger() async throws -> (store: String, checkpoint: String, folder: URL) {
        let folder = CLI.temporaryFolder()
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let store: any EventStore = try SQLiteStore(path: path, create: true)
        try await fixture.seeded(store)
        _ = try await store.append(
            [fixture.register(fixture.clerk, .surveyClerk, by: fixture.secretariat)],
            recordedAt: fixture.at(1)
        )
        _ = try await store.append(
            (0..<20).map { fixture.note("ghi chú \($0)", by: fixture.officer) },
            recordedAt: fixture.at(2)
        )
        _ = try await store.append([fixture.revoke(fixture.clerk, by: fixture.secretariat)], recordedAt: fixture.at(3))
        _ = try await store.append(
            (20..<25).map { fixture.note("ghi chú \($0)", by: fixture.secretariat) },
            recordedAt: fixture.at(4)
        )
        let size = try await store.size()
        #expect(size == 30)
        let note = Checkpoint(origin: fixture.ledger, size: size, root: try await store.root(size: size)).signed(
            by: fixture.authority
        )
        // Kept in the store too: proofs are only made against a checkpoint the log signed.
        try await store.saveCheckpoint(note)
        let checkpoint = folder.appendingPathComponent("checkpoint").path
        try Data(note.serialized.utf8).write(to: URL(fileURLWithPath: checkpoint))
        return (path, checkpoint, folder)
    }

    struct Verdict: Equatable {
        let status: Int32
        let valid: Bool?
        let seq: Int?
        let code: String?
    }

    static func verdict(_ result: CLI.Result) -> Verdict {
        let json = try? CanonicalJSON.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let failure = json?["failure"]
        return Verdict(
            status: result.status,
            valid: json.flatMap { if case .bool(let flag)? = $0["valid"] { return flag } else { return nil } },
            seq: failure?["seq"]?.intValue.map(Int.init),
            code: failure?["code"]?.stringValue
        )
    }

    /// Verifies with both verifiers; returns the Swift verdict after checking Python agrees.
    func verifyBoth(
        _ ledger: (store: String, checkpoint: String, folder: URL),
        checkpoint: Bool = false
    ) async throws -> Verdict {
        var arguments = ["verify", "--store", ledger.store, "--json"]
        if checkpoint { arguments += ["--checkpoint", ledger.checkpoint] }
        let swift = Self.verdict(try await CLI.parledger(arguments))
        let export = ledger.folder.appendingPathComponent("export-\(UUID().uuidString)").path
        let exported = try await CLI.parledger("export", "--store", ledger.store, "--out", export)
        #expect(exported.status == 0, "\(exported.stderr)")
        let python = Self.verdict(
            try await CLI.python([export, "--json"] + (checkpoint ? ["--checkpoint", ledger.checkpoint] : []))
        )
        #expect(python == swift, "Python \(python) vs Swift \(swift)")
        return swift
    }

    func sql(_ ledger: (store: String, checkpoint: String, folder: URL), _ statement: String) async throws {
        let result = try await CLI.sqlite(ledger.store, statement)
        #expect(result.status == 0, "sqlite3: \(result.stderr)")
    }

    static let dropTriggers = "DROP TRIGGER entries_no_update; DROP TRIGGER entries_no_delete;"

    func entry(_ ledger: (store: String, checkpoint: String, folder: URL), _ seq: Int) async throws -> Entry {
        let store: any EventStore = try SQLiteStore(path: ledger.store, create: false)
        let stored = try await store.entries(from: seq, limit: 1)
        return try Entry(bytes: try #require(stored.first).bytes)
    }

    /// Appends a correctly chained entry by hand, as someone who dropped the triggers could.
    func forge(_ ledger: (store: String, checkpoint: String, folder: URL), _ signed: SignedStatement) async throws {
        let last = try await entry(ledger, 29)
        let forged = Entry(seq: 30, recordedAt: last.recordedAt, prev: last.hash, signed: signed)
        try await sql(
            ledger,
            "INSERT INTO entries (seq, statement_id, type, actor, recorded_at, leaf_hash, bytes) VALUES (30, '\(signed.statement.statementID)', "
                + "'\(signed.statement.type)', '\(signed.statement.actor)', '\(forged.recordedAt)', X'\(forged.hash.hex)', X'\(Hex.encode(forged.bytes))')"
        )
    }

    @Test func theUntouchedLedgerVerifiesInBoth() async throws {
        let ledger = try await ledger()
        await #expect(try verifyBoth(ledger) == Verdict(status: 0, valid: true, seq: nil, code: nil))
        await #expect(try verifyBoth(ledger, checkpoint: true) == Verdict(status: 0, valid: true, seq: nil, code: nil))
    }

    /// An auditor given the file, in a folder they may not write (read-only media, another
    /// account's ledger), verifies it, reads its log and proves an entry, and leaves no trace:
    /// no SQLite `-shm` or `-wal` beside it, which would be theirs and would stop the owner from
    /// writing. A damaged copy is still found at its entry. As root, the commands run as `nobody`,
    /// since file modes do not bind root.
    @Test func anAuditorWhoMayNotWriteTheFileVerifiesItWithoutLeavingATrace() async throws {
        let placed = try await ledger()
        // In a folder whose name needs escaping in the SQLite URI an immutable read opens.
        let folder = placed.folder.appendingPathComponent("sổ cái #1 ?50% & x=y")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        #expect(!FileManager.default.fileExists(atPath: placed.store + "-wal"))
        for name in ["ledger.sqlite", "checkpoint"] {
            try FileManager.default.moveItem(
                at: placed.folder.appendingPathComponent(name),
                to: folder.appendingPathComponent(name)
            )
        }
        let intact = (
            store: folder.appendingPathComponent("ledger.sqlite").path,
            checkpoint: folder.appendingPathComponent("checkpoint").path, folder: folder
        )
        let damaged = try await ledger()
        try await sql(
            damaged,
            Self.dropTriggers
                + "UPDATE entries SET bytes = CAST(replace(CAST(bytes AS TEXT), 'ghi chú 8\"', 'ghi chú 3\"') AS BLOB) WHERE seq = 12"
        )
        for ledger in [intact, damaged] {
            _ = try await CLI.run("/bin/chmod", ["0444", ledger.store, ledger.checkpoint])
            _ = try await CLI.run("/bin/chmod", ["0555", ledger.folder.path])
        }
        defer {
            for ledger in [intact, damaged] { _ = try? CLI.run("/bin/chmod", ["0755", ledger.folder.path]) }
        }
        func asAuditor(_ arguments: [String]) async throws -> CLI.Result {
            geteuid() == 0
                ? try await CLI.run("/usr/sbin/runuser", ["-u", "nobody", "--", CLI.binary] + arguments)
                : try await CLI.parledger(arguments)
        }
        let listed = try FileManager.default.contentsOfDirectory(atPath: intact.folder.path).sorted()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: intact.store))

        let verified = try await asAuditor(["verify", "--store", intact.store, "--checkpoint", intact.checkpoint])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.hasPrefix("ok: 30 entries"))
        let log = try await asAuditor(["log", "--store", intact.store, "--from", "28"])
        #expect(log.status == 0, "\(log.stderr)")
        let positions = log.stdout.split(separator: "\n").compactMap { Int($0.prefix { $0 != " " }) }
        #expect(positions == [28, 29])
        let proof = try await asAuditor(["prove", "inclusion", "--store", intact.store, "--seq", "12"])
        #expect(proof.status == 0, "\(proof.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: intact.folder.path).sorted() == listed)
        #expect(try Data(contentsOf: URL(fileURLWithPath: intact.store)) == bytes)

        let found = await Self.verdict(try asAuditor(["verify", "--store", damaged.store, "--json"]))
        #expect(found == Verdict(status: 1, valid: false, seq: 12, code: "signature"))
    }

    @Test func theDatabaseRefusesUpdatesAndDeletesWhileItsTriggersStand() async throws {
        let ledger = try await ledger()
        let update = try await CLI.sqlite(ledger.store, "UPDATE entries SET bytes = X'00' WHERE seq = 5")
        #expect(update.status != 0)
        #expect(update.stderr.contains("append-only"))
        let delete = try await CLI.sqlite(ledger.store, "DELETE FROM entries WHERE seq = 29")
        #expect(delete.status != 0)
        await #expect(try verifyBoth(ledger).valid == true)
    }

    @Test func aChangedByteIsFoundAtItsEntry() async throws {
        let ledger = try await ledger()
        try await sql(
            ledger,
            Self.dropTriggers
                + "UPDATE entries SET bytes = CAST(replace(CAST(bytes AS TEXT), 'ghi chú 3\"', 'ghi chú 8\"') AS BLOB) WHERE seq = 7"
        )
        await #expect(try verifyBoth(ledger) == Verdict(status: 1, valid: false, seq: 7, code: "signature"))
    }

    @Test func aDeletedEntryIsFoundWhereItWas() async throws {
        let ledger = try await ledger()
        try await sql(ledger, Self.dropTriggers + "DELETE FROM entries WHERE seq = 12")
        await #expect(try verifyBoth(ledger) == Verdict(status: 1, valid: false, seq: 12, code: "seq"))
    }

    @Test func swappedEntriesAreFoundAtTheFirst() async throws {
        let ledger = try await ledger()
        try await sql(
            ledger,
            Self.dropTriggers + "CREATE TEMP TABLE t AS SELECT seq, bytes FROM entries WHERE seq IN (14, 15);"
                + "UPDATE entries SET bytes = (SELECT bytes FROM t WHERE t.seq = 29 - entries.seq) WHERE seq IN (14, 15);"
        )
        await #expect(try verifyBoth(ledger) == Verdict(status: 1, valid: false, seq: 14, code: "seq"))
    }

    @Test func aCutTailIsFoundAgainstTheCheckpoint() async throws {
        let ledger = try await ledger()
        try await sql(ledger, Self.dropTriggers + "DELETE FROM entries WHERE seq >= 27")
        await #expect(try verifyBoth(ledger) == Verdict(status: 0, valid: true, seq: nil, code: nil))
        await #expect(
            try verifyBoth(ledger, checkpoint: true) == Verdict(status: 1, valid: false, seq: 27, code: "truncated")
        )
    }

    @Test func aSignatureFromAnotherRegisteredKeyIsRefused() async throws {
        let ledger = try await ledger()
        let original = try await entry(ledger, 10)
        let resigned = SignedStatement(statement: original.statement, signedBy: fixture.secretariat)
        let replaced = Entry(seq: 10, recordedAt: original.recordedAt, prev: original.prev, signed: resigned)
        try await sql(
            ledger,
            Self.dropTriggers + "UPDATE entries SET bytes = X'\(Hex.encode(replaced.bytes))' WHERE seq = 10"
        )
        await #expect(try verifyBoth(ledger) == Verdict(status: 1, valid: false, seq: 10, code: "signature"))
    }

    @Test func anEntryReSignedAsAnotherActorBreaksTheChainAfterIt() async throws {
        let ledger = try await ledger()
        let original = try await entry(ledger, 10)
        let statement = try Statement(
            ledger: fixture.ledger,
            statementID: original.statement.statementID,
            type: original.statement.type,
            actor: fixture.secretariat.keyID,
            claimedAt: original.statement.claimedAt,
            payload: original.statement.payload
        )
        let replaced = Entry(
            seq: 10,
            recordedAt: original.recordedAt,
            prev: original.prev,
            signed: SignedStatement(statement: statement, signedBy: fixture.secretariat)
        )
        try await sql(
            ledger,
            Self.dropTriggers + "UPDATE entries SET bytes = X'\(Hex.encode(replaced.bytes))' WHERE seq = 10"
        )
        await #expect(try verifyBoth(ledger) == Verdict(status: 1, valid: false, seq: 11, code: "prev"))
    }

    @Test func anEntryByAnUnknownKeyIsRefused() async throws {
        let ledger = try await ledger()
        try await forge(ledger, fixture.note("giả mạo", by: fixture.stranger))
        await #expect(try verifyBoth(ledger) == Verdict(status: 1, valid: false, seq: 30, code: "key-unknown"))
    }

    @Test func anEntryByARevokedKeyIsRefused() async throws {
        let ledger = try await ledger()
        try await forge(
            ledger,
            fixture.statement(EventType("note.recorded/v1")!, ["text": "sau khi bị thu hồi"], by: fixture.clerk)
        )
        await #expect(try verifyBoth(ledger) == Verdict(status: 1, valid: false, seq: 30, code: "key-revoked"))
    }

    @Test func aRewrittenHistoryFailsAgainstTheCheckpoint() async throws {
        let ledger = try await ledger()
        // Rebuild every entry from 20 on, each re-signed by its own key: valid alone, a fork to a witness.
        let store: any EventStore = try SQLiteStore(path: ledger.store, create: false)
        var entries = try await store.entries(from: 0, limit: 100).map { try Entry(bytes: $0.bytes) }
        var statements = [String]()
        for seq in 20..<30 {
            let old = entries[seq]
            let signer = [fixture.officer, fixture.secretariat, fixture.authority].first {
                $0.keyID == old.statement.actor
            }
            var payload = old.statement.payload
            if seq == 20 { payload["text"] = "đã sửa" }
            let statement = try Statement(
                ledger: fixture.ledger,
                statementID: old.statement.statementID,
                type: old.statement.type,
                actor: old.statement.actor,
                claimedAt: old.statement.claimedAt,
                payload: payload
            )
            let signed = SignedStatement(statement: statement, signedBy: try #require(signer))
            entries[seq] = Entry(seq: seq, recordedAt: old.recordedAt, prev: entries[seq - 1].hash, signed: signed)
            statements.append("UPDATE entries SET bytes = X'\(Hex.encode(entries[seq].bytes))' WHERE seq = \(seq);")
        }
        try await sql(ledger, Self.dropTriggers + statements.joined())
        await #expect(try verifyBoth(ledger) == Verdict(status: 0, valid: true, seq: nil, code: nil))
        await #expect(
            try verifyBoth(ledger, checkpoint: true)
                == Verdict(status: 1, valid: false, seq: nil, code: "checkpoint-root")
        )
    }
}
