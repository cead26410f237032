package import LedgerStore
import Synchronization

/// First come, first served: async work that takes its turn only when the work before it is done.
///
/// A store's appends take turns within its process, so each finds the head the one before it
/// published. Without turns, the next append takes the ledger's lock the moment the previous one
/// commits, before that one has published its head, and reloads the head as if another process
/// had written (control entries and the rules' catch-up: work that grows with the ledger).
package final class AsyncTurns: Sendable {
    private let state = Mutex<(busy: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    package init() {}

    /// Runs `work` once every turn taken before this one has ended.
    package func run<T>(_ work: () async throws(StoreError) -> T) async throws(StoreError) -> T {
        await begin()
        defer { end() }
        return try await work()
    }

    private func begin() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let mayStart = state.withLock { state in
                guard state.busy else {
                    state.busy = true
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if mayStart { continuation.resume() }
        }
    }

    /// Hands the turn to the next waiting work, or frees it.
    private func end() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.busy = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
