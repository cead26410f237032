import LedgerCore

/// Turns for the server's heavy reads. A read of a past prefix (`asOf`, `atSeq`) that no kept
/// answer serves folds the ledger anew from the nearest snapshot: tens of milliseconds of one
/// core's time on the demo's ledger, far more at national scale. Run side by side, a few such
/// reads took every core, and a cheap read (the standings of now, a kept answer) or an append
/// waited behind them: its p99 went from 7 ms to over a second under 16 history readers on two
/// cores (tools/PERFORMANCE.md §6). So only `atOnce` of them run at a time, by default all cores
/// but one, and the others wait their turn in the order they came; and they run on threads of a
/// lower priority (`LowPriorityThreads`), so that when the cores are busy anyway the cheap reads
/// and the appends go first.
struct HeavyReads: Sendable {
    private let turns: Turns
    private var threads: LowPriorityThreads { LowPriorityThreads.shared }

    init(atOnce: Int) { turns = Turns(atOnce: atOnce) }

    /// `work` in a turn, on the low-priority threads, its striped work kept on them too.
    func run<T, Failure: Error>(_ work: () async throws(Failure) -> T) async throws(Failure) -> T {
        try await turns.run { () async throws(Failure) -> T in
            let outcome = await withTaskExecutorPreference(threads) { () async -> Result<T, Failure> in
                await System.$stripesMayUseEveryCore.withValue(false) { () async -> Result<T, Failure> in
                    do throws(Failure) {
                        return .success(try await work())
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return try outcome.get()
        }
    }
}
