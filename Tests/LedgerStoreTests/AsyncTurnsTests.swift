import LedgerStore
import PostgresStore
import Synchronization
import Testing

/// The turns a PostgreSQL store's appends take within one process: one at a time, each after the
/// one before has ended, a failing one included.
@Suite("Async turns")
struct AsyncTurnsTests {
    /// How many turns are inside now, the most ever at once, and how many have ended.
    final class Occupancy: Sendable {
        let counts = Mutex((now: 0, most: 0, done: 0))
    }

    @Test(.timeLimit(.minutes(1))) func workRunsOneAtATimeAndEveryTurnEnds() async throws {
        let turns = AsyncTurns()
        let occupancy = Occupancy()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<50 {
                group.addTask {
                    do throws(StoreError) {
                        try await turns.run { () async throws(StoreError) in
                            occupancy.counts.withLock {
                                $0.now += 1
                                $0.most = max($0.most, $0.now)
                            }
                            // Suspends inside the turn, as an append awaiting the database does.
                            await Task.yield()
                            try? await Task.sleep(for: .microseconds(200))
                            occupancy.counts.withLock {
                                $0.now -= 1
                                $0.done += 1
                            }
                            if task % 7 == 0 { throw StoreError(.io, "turn \(task) fails") }
                        }
                    } catch {
                        #expect(error.message == "turn \(task) fails")
                    }
                }
            }
            try await group.waitForAll()
        }
        let counts = occupancy.counts.withLock { $0 }
        #expect(counts.most == 1)
        #expect(counts.done == 50)
        #expect(counts.now == 0)
    }
}
