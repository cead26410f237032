import Foundation
import LedgerCore
import Synchronization
import Testing

/// The parallel helpers move results out of raw storage: these tests hold them to returning every
/// result in order, and to releasing each exactly once (a leak or a double release shows in the
/// count of live results).
@Suite("Parallel work: results in order, each released once", .serialized)
struct ParallelTests {
    /// A result that counts the instances alive.
    final class Counted: Sendable {
        static let alive = Mutex(0)
        let value: Int

        init(_ value: Int) {
            self.value = value
            Self.alive.withLock { $0 += 1 }
        }

        deinit { Self.alive.withLock { $0 -= 1 } }
    }

    @Test(arguments: [0, 1, 2, 7, 1000, 4099])
    func parallelMapReturnsEveryResultInOrderAndReleasesEachOnce(count: Int) {
        let before = Counted.alive.withLock { $0 }
        do {
            let results = Parallel.map(count) { Counted($0 * 3) }
            #expect(results.map(\.value) == (0..<count).map { $0 * 3 })
            #expect(Counted.alive.withLock { $0 } - before == count)
        }
        #expect(Counted.alive.withLock { $0 } == before)
    }

    @Test(arguments: [0, 1, 3, 4096])
    func stripedJobReturnsEveryResultOnceThenNothing(count: Int) {
        let before = Counted.alive.withLock { $0 }
        do {
            let job = StripedJob(count: count) { Counted($0 + 1) }
            let results = job.results
            #expect(results.map(\.value) == (0..<count).map { $0 + 1 })
            #expect(job.results.isEmpty)
        }
        #expect(Counted.alive.withLock { $0 } == before)
    }

    @Test func aStripedJobDroppedUncollectedReleasesItsResults() async {
        let before = Counted.alive.withLock { $0 }
        do {
            let job = StripedJob(count: 500) { Counted($0) }
            // Dropped without collecting: the workers finish, then the slots release what they hold.
            _ = job
        }
        // The background workers hold the job until they finish.
        for _ in 0..<200 where Counted.alive.withLock({ $0 }) != before {
            try? await Task.sleep(for: .milliseconds(10))
        }
        #expect(Counted.alive.withLock { $0 } == before)
    }

    /// Without helpers (work on threads of low priority) the caller does every stripe itself, on
    /// its own thread: the results are the same, and a job dropped uncollected (a fold that stopped
    /// before a chunk it had started decoding) releases every result, none uninitialized.
    @Test func withoutHelpersTheCallerDoesEveryStripeAndADroppedJobIsSafe() {
        let before = Counted.alive.withLock { $0 }
        let caller = Mutex<[String]>([])
        System.$stripesMayUseEveryCore.withValue(false) {
            do {
                let job = StripedJob(count: 1000) { index in
                    caller.withLock { $0.append(Thread.current.description) }
                    return Counted(index * 2)
                }
                #expect(job.results.map(\.value) == (0..<1000).map { $0 * 2 })
                let dropped = StripedJob(count: 300) { Counted($0) }
                _ = dropped
            }
        }
        #expect(Set(caller.withLock { $0 }).count == 1)
        #expect(Counted.alive.withLock { $0 } == before)
    }
}
