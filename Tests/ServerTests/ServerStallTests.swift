import Appraisal
import Foundation
import HTTPTypes
import LedgerCore
import LedgerStore
import LedgerTestSupport
import SQLiteStore
import Server
import Testing

/// A server whose appends wait for another process's write lock keeps answering reads: the
/// waits happen on threads of their own, not on Swift concurrency's few cooperative threads.
@Suite struct ServerStallTests {
    @Test func readsAnswerWhileAppendsWaitForAnotherWritersLock() async throws {
        let path = Scratch.path("stall", "sqlite")
        let store = try SQLiteStore(path: path, create: true, rules: AppraisalLedgerRules())
        let harness = APIHarness(store: store)
        try await harness.fixture.opened()
        harness.clock.set(harness.fixture.day(2))
        // Another process's writer, holding SQLite's write lock until told to let go.
        let other = try OtherWriter(holdingLockOn: path)
        let leaves = ["1.1", "1.2", "2.1", "1.1"]
        try await harness.run { api in
            let token = try await api.signIn(harness.fixture.officer)
            try await withThrowingTaskGroup(of: (String, HTTPResponse.Status).self) { group in
                for (index, leaf) in leaves.enumerated() {
                    let statement = harness.selfScore(leaf, "1", note: "chờ khóa \(index)")
                    group.addTask { ("append", try await api.append([statement], token: token).status) }
                }
                group.addTask {
                    // Let the four appends reach the lock, then read: the answers come while they wait.
                    try await Task.sleep(for: .milliseconds(300))
                    for uri in ["/api/ledger", "/api/standings", "/api/campaign", "/api/checkpoint"] {
                        let answer = try await api.get(uri)
                        #expect(answer.status.code < 500, "\(uri): \(answer.text)")
                    }
                    return ("reads", .ok)
                }
                group.addTask {
                    do { try await Task.sleep(for: .seconds(20)) } catch { return ("cancelled", .ok) }
                    return ("timeout", .gatewayTimeout)
                }
                // The reads must finish first; only then is the other writer's lock released.
                let first = try await group.next()
                #expect(first?.0 == "reads", "the reads waited behind the appends: \(String(describing: first))")
                try other.release()
                var appended = 0
                while let (what, status) = try await group.next() {
                    if what == "append" {
                        #expect(status == .created)
                        appended += 1
                        if appended == leaves.count { group.cancelAll() }
                    }
                }
                #expect(appended == leaves.count)
            }
        }
    }
}

/// The `sqlite3` shell in another process, inside a write transaction (BEGIN IMMEDIATE) until
/// `release`.
private final class OtherWriter: @unchecked Sendable {
    // `@unchecked Sendable`: one test drives it, from one task at a time.
    private let process = Process()
    private let input = Pipe()

    init(holdingLockOn path: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path]
        process.standardInput = input
        process.standardOutput = Pipe()
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // The shell answers once it holds the lock.
        try input.fileHandleForWriting.write(contentsOf: Data("BEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
        let output = process.standardOutput as? Pipe
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("locked"),
            let chunk = output?.fileHandleForReading.availableData,
            !chunk.isEmpty
        {
            seen += chunk
        }
    }

    func release() throws {
        try input.fileHandleForWriting.write(contentsOf: Data("ROLLBACK;\n.quit\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
