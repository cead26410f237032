import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import PostgresStore
import SQLiteStore
import Testing

/// What PostgreSQL adds to the conformance suite: many writers, many ledgers in one database,
/// the same bytes as SQLite, and append-only enforced by the database itself. Skipped (reported)
/// without a server; `tools/test` always provides one.
@Suite("PostgreSQL store", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason))
struct PostgresStoreTests {
    let fixture = Fixture()

    func open(_ ledger: String, create: Bool = true) throws -> PostgresStore {
        try PostgresStore(
            url: PostgresTestDatabase.url(ledger: ledger),
            create: create,
            ownerURL: PostgresTestDatabase.ownerURL,
            clock: .caller,
            callDeadline: PostgresTestDatabase.callDeadline
        )
    }

    @Test func reopeningRestoresKeysPolicyAndHead() async throws {
        let ledger = PostgresTestDatabase.freshLedger()
        do {
            let store = try open(ledger)
            try await fixture.seeded(store)
            _ = try await store.append(
                [fixture.revoke(fixture.officer, by: fixture.secretariat)],
                recordedAt: fixture.at(1)
            )
        }
        let reopened = try open(ledger, create: false)
        let state = try await reopened.state()
        #expect(state.size == 4)
        #expect(state.keys[fixture.officer.keyID]?.revokedAt == 3)
        let next = try await reopened.append([fixture.note("tiếp", by: fixture.secretariat)], recordedAt: fixture.at(2))
        #expect(next[0].seq == 4)
        #expect(try await reopened.verify().isValid)
    }

    @Test func anUnknownLedgerIsNotSilentlyCreatedForReading() async throws {
        let store = try open(PostgresTestDatabase.freshLedger("missing"), create: false)
        await #expect(throws: StoreError.self) { _ = try await store.size() }
    }

    @Test func ledgersShareADatabaseButNeverSeeEachOther() async throws {
        let province = try open(PostgresTestDatabase.freshLedger("travinh"))
        let other = try open(PostgresTestDatabase.freshLedger("vinhlong"))
        try await fixture.seeded(province)
        let blob = try await province.putBlob(Array("tờ trình".utf8))
        _ = try await province.append([fixture.note("chỉ ở Trà Vinh", by: fixture.officer)], recordedAt: fixture.at(1))
        try await fixture.seeded(other)
        #expect(try await province.size() == 4)
        #expect(try await other.size() == 3)
        #expect(try await other.blob(blob.sha256) == nil)
        #expect(try await other.blobHashes().isEmpty)
        // The same statement ids may exist in both: positions and idempotency are per ledger.
        let provinceEntries = try await province.entries(from: 0, limit: 10)
        let otherEntries = try await other.entries(from: 0, limit: 10)
        #expect(otherEntries.map(\.seq) == [0, 1, 2])
        #expect(provinceEntries.map(\.seq) == [0, 1, 2, 3])
        #expect(try await province.verify().isValid)
        #expect(try await other.verify().isValid)
    }

    /// Sixteen writers, each its own store (as separate processes are, with its own cached head),
    /// and four more sharing one, append to one ledger at once while a reader watches.
    @Test func manyConcurrentWritersLeaveNoGapsNoDuplicatesAndAValidChain() async throws {
        let ledger = PostgresTestDatabase.freshLedger("concurrent")
        let first = try open(ledger)
        try await fixture.seeded(first)
        let shared = try open(ledger)
        let writers: [PostgresStore] = try (0..<16).map { _ in try open(ledger) } + Array(repeating: shared, count: 4)
        let rounds = 8
        let fixture = self.fixture
        let acknowledged = try await withThrowingTaskGroup(of: [Entry].self) { group in
            for (writer, store) in writers.enumerated() {
                group.addTask {
                    var entries: [Entry] = []
                    for round in 0..<rounds {
                        entries += try await store.append(
                            [
                                fixture.note("w\(writer) r\(round) a", by: fixture.officer),
                                fixture.note("w\(writer) r\(round) b", by: fixture.secretariat),
                            ],
                            recordedAt: fixture.at(Int64(round))
                        )
                    }
                    return entries
                }
            }
            var all: [Entry] = []
            for try await entries in group { all += entries }
            return all
        }
        let expected = 3 + writers.count * rounds * 2
        let stored = try await first.entries(from: 0, limit: expected + 10)
        #expect(stored.map(\.seq) == Array(0..<expected))
        // Every acknowledged entry is stored at the position it was acknowledged with, byte for byte.
        let byPosition = Dictionary(uniqueKeysWithValues: stored.map { ($0.seq, $0.bytes) })
        #expect(acknowledged.count == writers.count * rounds * 2)
        #expect(acknowledged.allSatisfy { byPosition[$0.seq] == $0.bytes })
        #expect(Set(acknowledged.map(\.seq)).count == acknowledged.count)
        let report = try await first.verify()
        #expect(report.isValid)
        #expect(report.size == expected)
    }

    /// A reader polling while writers append sees, every time, a gap-free prefix that extends the
    /// one it saw before, with the same bytes: no position ever fills in later.
    @Test func aReaderNeverSeesAPositionFillInLater() async throws {
        let ledger = PostgresTestDatabase.freshLedger("reader")
        let writer = try open(ledger)
        try await fixture.seeded(writer)
        let reader = try open(ledger, create: false)
        let fixture = self.fixture
        let writers = try (0..<6).map { _ in try open(ledger) }
        let violations = try await withThrowingTaskGroup(of: [String].self) { group in
            for (index, store) in writers.enumerated() {
                group.addTask {
                    for round in 0..<10 {
                        _ = try await store.append(
                            [fixture.note("w\(index) r\(round)", by: fixture.officer)],
                            recordedAt: fixture.at(Int64(round))
                        )
                    }
                    return []
                }
            }
            group.addTask {
                var seen: [[UInt8]] = []
                var problems: [String] = []
                for _ in 0..<60 {
                    let now = try await reader.entries(from: 0, limit: 1000)
                    if now.map(\.seq) != Array(0..<now.count) { problems.append("gap in \(now.map(\.seq))") }
                    if now.count < seen.count { problems.append("shrank from \(seen.count) to \(now.count)") }
                    for (old, new) in zip(seen, now) where old != new.bytes { problems.append("an entry changed") }
                    seen = now.map(\.bytes)
                }
                return problems
            }
            var all: [String] = []
            for try await problems in group { all += problems }
            return all
        }
        #expect(violations.isEmpty)
        #expect(try await reader.size() == 3 + 60)
    }

    @Test func theSameStatementsMakeTheSameBytesAndRootsAsSQLite() async throws {
        let sqlite = try Stores.make("sqlite")
        let postgres = try open(PostgresTestDatabase.freshLedger("bytes"))
        // Signed once, so both stores receive identical statements.
        let batches = [
            [
                fixture.genesis(), fixture.register(fixture.secretariat, .secretariat),
                fixture.register(fixture.officer, .unitOfficer, unit: "STP", by: fixture.secretariat),
            ],
            [fixture.note("một", by: fixture.officer), fixture.note("hai", by: fixture.secretariat)],
            [fixture.revoke(fixture.officer, by: fixture.secretariat)],
        ]
        for (index, batch) in batches.enumerated() {
            for store in [sqlite, postgres] as [any EventStore] {
                _ = try await store.append(batch, recordedAt: fixture.at(Int64(index)))
            }
        }
        #expect(try await sqlite.entries(from: 0, limit: 100) == postgres.entries(from: 0, limit: 100))
        let size = try await sqlite.size()
        #expect(size == 6)
        for prefix in 1...size {
            #expect(try await sqlite.root(size: prefix) == postgres.root(size: prefix))
        }
        #expect(try await sqlite.inclusionProof(index: 2, size: size) == postgres.inclusionProof(index: 2, size: size))
    }

    /// Both guards, shown with psql as any other client would try: the application role has no
    /// right to change rows, and the owner, which has, is stopped by the triggers.
    @Test func theDatabaseItselfRefusesToChangeEntries() async throws {
        let ledger = PostgresTestDatabase.freshLedger("guards")
        let store = try open(ledger)
        try await fixture.seeded(store)
        let app = try #require(PostgresTestDatabase.appURL)
        let owner = try #require(PostgresTestDatabase.ownerURL)
        let changes = [
            "UPDATE parledger.entries SET recorded_at = 'x' WHERE ledger = '\(ledger)'",
            "DELETE FROM parledger.entries WHERE ledger = '\(ledger)'",
            "TRUNCATE parledger.entries",
            "UPDATE parledger.tree_nodes SET idx = idx WHERE ledger = '\(ledger)'",
            "DELETE FROM parledger.tree_nodes WHERE ledger = '\(ledger)'",
        ]
        for sql in changes {
            let asApp = try await Psql.run(app, sql)
            #expect(asApp.status != 0)
            #expect(asApp.stderr.contains("permission denied"), "\(sql): \(asApp.stderr)")
            let asOwner = try await Psql.run(owner, sql)
            #expect(asOwner.status != 0)
            #expect(asOwner.stderr.contains("append-only"), "\(sql): \(asOwner.stderr)")
        }
        #expect(try await store.size() == 3)
        #expect(try await store.verify().isValid)
    }
}

/// psql, the PostgreSQL client, run as a separate process.
enum Psql {
    struct Result {
        let status: Int32
        let stderr: String
    }

    /// The owner's TRUNCATE waits for every open transaction on the table, and while it waits
    /// every other session queues behind it — the CLI processes of other tests among them, whose
    /// waiting tests may hold the few threads this process's own transactions need to commit. So
    /// psql runs on a thread of its own and gives up a lock after 2 s, and is tried again: the
    /// queue it heads never lasts, and the statement reaches the table (and its guards) in time.
    static func run(_ url: String, _ sql: String) async throws -> Result {
        for _ in 0..<60 {
            let result = try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread { continuation.resume(with: Swift.Result { try blockingRun(url, sql) }) }
            }
            guard result.stderr.contains("lock timeout") else { return result }
            try await Task.sleep(for: .seconds(1))
        }
        return Result(status: -1, stderr: "\(sql): no lock in 60 tries")
    }

    private static func blockingRun(_ url: String, _ sql: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-v", "ON_ERROR_STOP=1", url, "-c", "SET lock_timeout = '2s'", "-c", sql]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// The schema check every PostgreSQL store makes before its first read or write.
@Suite("PostgreSQL schema versions")
struct PostgresSchemaVersionTests {
    @Test func aSchemaFromANewerBuildIsRefusedBeforeAnythingIsWritten() throws {
        #expect(throws: Never.self) { try PostgresMigrations.requireKnown(0) }
        let refusal = #expect(throws: StoreError.self) { try PostgresMigrations.requireKnown(10_000) }
        #expect(refusal?.message.contains("newer parledger") == true)
        #expect(refusal?.message.contains("nothing was written") == true)
    }
}
