import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import PostgresStore
import Testing

/// What a PostgreSQL ledger does when the database misbehaves mid-append: a call that hangs ends
/// at its deadline, a connection killed mid-transaction fails that append with a retryable error,
/// and in both cases the next append goes through (the process's turn to append is released).
/// Also: entries take the database server's time, whatever the appending machine's clock says.
@Suite(
    "PostgreSQL recovery and clock",
    .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason),
    .serialized,
    .timeLimit(.minutes(1))
)
struct PostgresRecoveryTests {
    let fixture = Fixture()

    func open(_ ledger: String, deadline: Duration = .seconds(15)) throws -> PostgresStore {
        try PostgresStore(
            url: PostgresTestDatabase.url(ledger: ledger),
            create: true,
            ownerURL: PostgresTestDatabase.ownerURL,
            callDeadline: deadline
        )
    }

    /// A psql session, as the application role, that holds the ledger's append lock for `seconds`.
    func holdAppendLock(of ledger: String, seconds: Int) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "psql", "-X", "-q", try PostgresTestDatabase.requireAppURL(),
            "-c", "SET application_name = 'lock-holder'",
            "-c", "SELECT pg_advisory_lock(hashtextextended('parledger.ledger:' || '\(ledger)', 0))",
            "-c", "SELECT pg_sleep(\(seconds))",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The backends waiting for the advisory lock the `lock-holder` session holds (this suite runs
    /// one test at a time, so there is one such lock), as a query of their pids.
    static let waitersBehindTheLockHolder = """
        SELECT waiting.pid FROM pg_locks AS waiting
        JOIN pg_locks AS held ON held.locktype = 'advisory' AND held.granted
            AND held.classid = waiting.classid AND held.objid = waiting.objid AND held.objsubid = waiting.objsubid
        JOIN pg_stat_activity AS holder ON holder.pid = held.pid AND holder.application_name = 'lock-holder'
        WHERE waiting.locktype = 'advisory' AND NOT waiting.granted
        """

    /// Waits until a backend waits for the lock the `lock-holder` session holds.
    func waitForLockWaiter() async throws {
        for _ in 0..<100 {
            let found = try await Psql.query("SELECT count(*) FROM (\(Self.waitersBehindTheLockHolder)) AS waiters")
            if found != "0" { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("no append ever waited for the lock")
    }

    /// An append behind a held lock gives up before its deadline, as the server's "lock not
    /// available" (its wait is three quarters of what the deadline leaves), retryably; never the
    /// "current transaction is aborted" of a statement sent after a lock wait whose failure went
    /// unread. Once the lock is free the next append goes through.
    @Test func anAppendStuckPastItsDeadlineFailsRetryablyAndTheNextOneSucceeds() async throws {
        let ledger = PostgresTestDatabase.freshLedger("deadline")
        // Seeded through a store of its own: only the stuck append runs against the short deadline.
        try await fixture.seeded(try open(ledger))
        let store = try open(ledger, deadline: .seconds(2))
        // The lock is held far longer than the deadline, so that an append ending well before the
        // holder lets go was ended by its deadline, even on a loaded machine.
        let holder = try holdAppendLock(of: ledger, seconds: 12)
        defer { holder.terminate() }
        try await Task.sleep(for: .milliseconds(500))
        let started = ContinuousClock.now
        do {
            _ = try await store.append([fixture.note("chờ", by: fixture.secretariat)], recordedAt: fixture.at(1))
            Issue.record("an append behind a held lock went through")
        } catch {
            #expect(error.code == .unavailable, "\(error)")
            #expect(error.isTransient)
            #expect(error.message.contains("try again"), "\(error.message)")
            #expect(error.message.contains("SQLSTATE 55P03"), "\(error.message)")
            #expect(!error.message.contains("25P02"), "\(error.message)")
        }
        #expect(ContinuousClock.now - started < .seconds(9))
        holder.terminate()
        holder.waitUntilExit()
        let next = try await store.append([fixture.note("tiếp", by: fixture.secretariat)], recordedAt: fixture.at(2))
        #expect(next[0].seq == 3)
        #expect(try await store.verify().isValid)
    }

    @Test func aConnectionKilledMidAppendFailsThatAppendAndTheNextOneSucceeds() async throws {
        let ledger = PostgresTestDatabase.freshLedger("killed")
        let store = try open(ledger, deadline: .seconds(30))
        try await fixture.seeded(store)
        let holder = try holdAppendLock(of: ledger, seconds: 8)
        defer { holder.terminate() }
        try await Task.sleep(for: .milliseconds(500))
        let note = fixture.note("bị ngắt", by: fixture.secretariat)
        let stuck = Task { () async -> StoreError? in
            do throws(StoreError) {
                _ = try await store.append([note], recordedAt: fixture.at(1))
                return nil
            } catch {
                return error
            }
        }
        try await waitForLockWaiter()
        // Only the backends waiting for this test's lock: other tests' appends run meanwhile.
        _ = try await Psql.query(
            "SELECT count(pg_terminate_backend(pid)) FROM (\(Self.waitersBehindTheLockHolder)) AS waiters"
        )
        guard let error = await stuck.value else {
            Issue.record("an append whose connection was killed succeeded")
            return
        }
        #expect(error.code == .unavailable, "\(error)")
        #expect(!error.message.contains("PSQLError"), "\(error.message)")
        holder.terminate()
        holder.waitUntilExit()
        // The same statement again: recorded once.
        let retried = try await store.append([note], recordedAt: fixture.at(2))
        let again = try await store.append([note], recordedAt: fixture.at(3))
        #expect(retried[0].seq == 3 && again[0].seq == 3)
        #expect(try await store.size() == 4)
    }

    /// A TCP forwarder to the test database (Python's asyncio), on `port` (0: any free one), that
    /// stands for the database as the store sees it: killing it is an outage, starting it again
    /// on the same port the database's return. Returns the process and the port it listens on.
    func forwarder(port: Int = 0) throws -> (Process, Int) {
        guard let database = URLComponents(string: try PostgresTestDatabase.requireAppURL()),
            let host = database.host, let target = database.port
        else { throw Unexpected("the test database's URL has no host and port") }
        let script = """
            import asyncio, sys
            async def pipe(reader, writer):
                try:
                    while data := await reader.read(65536):
                        writer.write(data)
                        await writer.drain()
                except Exception:
                    pass
                finally:
                    writer.close()
            async def handle(client_reader, client_writer):
                try:
                    server_reader, server_writer = await asyncio.open_connection("\(host)", \(target))
                except Exception:
                    client_writer.close()
                    return
                await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))
            async def main():
                server = await asyncio.start_server(handle, "127.0.0.1", \(port))
                print(server.sockets[0].getsockname()[1], flush=True)
                async with server:
                    await server.serve_forever()
            asyncio.run(main())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line: [UInt8] = []
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") {
            line.append(byte)
        }
        guard let listening = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw Unexpected("the forwarder did not say its port")
        }
        return (process, listening)
    }

    struct Unexpected: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// After an outage long enough for postgres-nio's pool to back off its reconnection attempts
    /// by seconds (and to refuse requests outright), the database's return is used at once: the
    /// calls that lost the server renewed the pool, so the next append connects anew.
    @Test func aDatabaseBackAfterAnOutageIsWrittenToAtOnce() async throws {
        let ledger = PostgresTestDatabase.freshLedger("outage")
        // Seeded directly, with the usual deadline: under the whole suite's load, seeding through
        // the forwarder can take longer than the short deadline the outage below is measured with.
        try await fixture.seeded(try open(ledger))
        var (proxy, port) = try forwarder()
        defer { kill(proxy.processIdentifier, SIGKILL) }
        guard var address = URLComponents(string: try PostgresTestDatabase.requireAppURL()) else { return }
        address.port = port
        let store = try PostgresStore(
            url: PostgresTestDatabase.url(ledger: ledger, base: address.string),
            create: true,
            ownerURL: PostgresTestDatabase.ownerURL,
            callDeadline: .seconds(5)
        )
        // SIGKILL: this test process's children inherit an ignored SIGTERM.
        kill(proxy.processIdentifier, SIGKILL)
        proxy.waitUntilExit()
        // 25 s without the database: the pool's attempts are seconds apart by then.
        let outage = ContinuousClock.now
        var failures = 0
        while ContinuousClock.now - outage < .seconds(25) {
            do {
                _ = try await store.append(
                    [fixture.note("mất kết nối", by: fixture.secretariat)],
                    recordedAt: fixture.at(1)
                )
                Issue.record("an append went through with the database away")
            } catch {
                #expect(error.code == .unavailable, "\(error)")
                failures += 1
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(failures >= 2)
        (proxy, _) = try forwarder(port: port)
        let back = ContinuousClock.now
        var appended: [Entry] = []
        // One statement, sent again after a failure as a client does: an attempt whose answer was
        // lost after its commit is answered with its entry the next time, not recorded twice.
        let reconnected = fixture.note("đã kết nối lại", by: fixture.secretariat)
        // Counted, not timed: a pool still backing off (by 5–7 s after 25 s without its server)
        // refuses each attempt at once, so a dozen would fail 100 ms apart; a renewed pool connects
        // on the first, however slowly a loaded machine does so.
        var refused = 0
        while appended.isEmpty, ContinuousClock.now - back < .seconds(20) {
            do {
                appended = try await store.append([reconnected], recordedAt: fixture.at(2))
            } catch {
                refused += 1
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let waited = ContinuousClock.now - back
        #expect(appended.map(\.seq) == [3])
        #expect(refused <= 2, "\(refused) appends were refused after the database came back, over \(waited)")
    }

    @Test func entriesTakeTheDatabaseServersTimeNotTheAppendingMachines() async throws {
        let store = try open(PostgresTestDatabase.freshLedger("clock"))
        let yearAhead = Timestamp(
            millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000) + 365 * 86_400_000
        )!
        try await fixture.seeded(store)
        let entries = try await store.append([fixture.note("giờ", by: fixture.secretariat)], recordedAt: yearAhead)
        let now = Date().timeIntervalSince1970 * 1000
        let recorded = Double(entries[0].recordedAt.millisecondsSinceEpoch)
        // The test runs beside its database server: their clocks agree to well within a minute.
        #expect(abs(recorded - now) < 60_000, "recorded at \(entries[0].recordedAt)")
    }
}

extension Psql {
    /// The single value a query returns, run as the application role.
    static func query(_ sql: String) async throws -> String {
        let url = try PostgresTestDatabase.requireAppURL()
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Swift.Result {
                        let process = Process()
                        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                        process.arguments = ["psql", "-X", "-q", "-t", "-A", url, "-c", sql]
                        let out = Pipe()
                        process.standardOutput = out
                        process.standardError = FileHandle.nullDevice
                        try process.run()
                        let data = out.fileHandleForReading.readDataToEndOfFile()
                        process.waitUntilExit()
                        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    }
                )
            }
        }
    }
}
