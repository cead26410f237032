import Synchronization

/// How long one store's appends waited for SQLite's write lock and held it: from asking for the
/// IMMEDIATE transaction to getting it, and from then to the end of its commit (or rollback). Kept
/// as running totals, so a long-lived server's bookkeeping stays the same size; the benchmarks read
/// it in-process (tools/PERFORMANCE.md), and no command prints it.
package final class WriteLockTimes: Sendable {
    /// The totals since the store was opened.
    package struct Totals: Sendable, Equatable {
        package var transactions = 0
        package var waited: Duration = .zero
        package var held: Duration = .zero
        package var longestHeld: Duration = .zero
        package var lastHeld: Duration = .zero
    }

    private let totals = Mutex(Totals())

    init() {}

    /// The totals as they stand.
    package var current: Totals { totals.withLock { $0 } }

    func record(waited: Duration, held: Duration) {
        totals.withLock { totals in
            totals.transactions += 1
            totals.waited += waited
            totals.held += held
            totals.longestHeld = max(totals.longestHeld, held)
            totals.lastHeld = held
        }
    }
}
