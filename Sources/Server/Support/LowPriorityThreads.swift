import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Threads of their own, at a lower scheduling priority (a higher nice value) than the rest of the
/// server, for the tasks that prefer them (`withTaskExecutorPreference`): a read of the past folds
/// thousands of entries, and on a machine whose cores are all busy the scheduler then gives the
/// cheap reads and the appends their time first. On an idle machine the priority changes nothing.
final class LowPriorityThreads: TaskExecutor, @unchecked Sendable {
    /// Jobs waiting for a thread, first in first out.
    private let queue = Mutex<[UnownedJob]>([])
    /// One signal per job enqueued.
    private let pending = DispatchSemaphore(value: 0)

    /// The process's threads for heavy reads, one per core (every server of the process shares
    /// them: they never exit, and a test process makes many servers; `HeavyReads` limits how many
    /// of them work at once).
    static let shared = LowPriorityThreads(count: ProcessInfo.processInfo.activeProcessorCount)

    /// - Parameters:
    ///   - count: how many threads run jobs.
    ///   - niceness: added to each thread's nice value (Linux schedules each thread by its own).
    init(count: Int, niceness: Int32 = 10) {
        for index in 0..<max(1, count) {
            let thread = Thread { [self] in
                Self.lowerPriority(by: niceness)
                runJobs()
            }
            thread.name = "parledger-low-priority-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.append(job) }
        pending.signal()
    }

    private func runJobs() -> Never {
        while true {
            pending.wait()
            guard let job = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    /// Raises the calling thread's nice value (on Linux `setpriority` with `who` 0 applies to the
    /// calling thread alone). Failing to is harmless: the work runs, only not behind the rest.
    private static func lowerPriority(by niceness: Int32) {
        #if canImport(Glibc)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        _ = setpriority(which, 0, getpriority(which, 0) + niceness)
        #endif
    }
}
