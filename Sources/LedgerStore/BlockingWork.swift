import Dispatch

/// Runs a store's blocking work (SQLite calls, which wait for disk and for other writers' locks)
/// on threads of its own, never on Swift concurrency's cooperative threads: there are only as
/// many of those as cores, and a server whose handlers wait there on a lock stops answering
/// anyone, reads included. Hummingbird moves file I/O off them the same way.
///
/// Each call has a thread to itself: it is sent to a serial queue of its own, which Dispatch runs
/// on a new thread when none is idle. A shared concurrent queue runs on at most one thread per
/// core on Linux (more only once Dispatch sees them blocked, which took 0.8–1.7 s here): with as
/// many appends waiting for another process's write lock as there are cores, every read waited
/// behind them, and a quick read waited behind long scans (tools/PERFORMANCE.md §6).
public enum BlockingWork {
    /// Runs `work` on a thread of its own and waits, without blocking, for its result.
    public static func run<T>(_ work: () throws(StoreError) -> T) async throws(StoreError) -> T {
        try await withoutActuallyEscaping(work) { work async throws(StoreError) -> T in
            let job = Job(work)
            let result: Outcome<T> = await withCheckedContinuation { continuation in
                DispatchQueue(label: "parledger.store.blocking", qos: .userInitiated).async {
                    continuation.resume(returning: job.run())
                }
            }
            return try result.value.get()
        }
    }

    /// The work handed to the other thread. The closure is not Sendable (it may hold a reader's
    /// callback), but it runs exactly once, while the calling task waits for it, so it is never
    /// used from two threads at a time; it is dropped as soon as it has run, before the caller
    /// resumes, so it does not outlive the call.
    private final class Job<T>: @unchecked Sendable {
        private var work: (() throws(StoreError) -> T)?

        init(_ work: @escaping () throws(StoreError) -> T) { self.work = work }

        func run() -> Outcome<T> {
            defer { work = nil }
            guard let work else { return Outcome(value: .failure(StoreError(.io, "blocking work ran twice"))) }
            return Outcome(value: Result { () throws(StoreError) in try work() })
        }
    }

    /// A result handed back to the waiting task; see `Job`.
    private struct Outcome<T>: @unchecked Sendable {
        let value: Result<T, StoreError>
    }
}
