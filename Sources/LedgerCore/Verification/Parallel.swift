import Dispatch
import Foundation
import Synchronization

/// Runs independent, CPU-bound work on every core: signature checks and entry decoding.
public enum Parallel {
    /// `transform` applied to `0..<count`, spread over the cores in contiguous stripes.
    public static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1, System.stripesMayUseEveryCore else { return (0..<count).map(transform) }
        let stripes = min(count, System.coreCount * 32)
        let results = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
            let lower = count * stripe / stripes
            let upper = count * (stripe + 1) / stripes
            for index in lower..<upper { results.store(transform(index), at: index) }
        }
        return results.collect()
    }
}

/// Write-once slots that concurrent stripes fill at disjoint indices, every index exactly once,
/// before the results are collected.
///
/// `@unchecked Sendable` because each index is written by exactly one stripe through a raw
/// pointer (no copy-on-write check), and read only after `concurrentPerform` has returned (or
/// every stripe of a `StripedJob` is counted finished), which orders every write before the read.
final class ResultSlots<T>: @unchecked Sendable {
    /// Uninitialized until each slot's stripe stores it; moved out whole by `collect`.
    private let slots: UnsafeMutableBufferPointer<T>
    /// Set by the one `collect` that moves the results out, even if two threads ask at once.
    private let collected = Atomic(false)
    #if DEBUG
    /// Slots stored so far: every one must be before the results are collected or dropped.
    private let storedCount = Atomic(0)
    #endif

    init(count: Int) {
        slots = .allocate(capacity: count)
    }

    deinit {
        // Every slot was stored before anyone could drop the slots (the stripes hold them until
        // done), so all are initialized unless collect moved them out.
        if !collected.load(ordering: .acquiring) {
            #if DEBUG
            assert(storedCount.load(ordering: .acquiring) == slots.count, "a result slot was never stored")
            #endif
            slots.deinitialize()
        }
        slots.deallocate()
    }

    /// Stores a stripe's result; `value` is consumed, so a result built in place is moved in
    /// rather than copied and released.
    func store(_ value: consuming T, at index: Int) {
        slots.baseAddress?.advanced(by: index).initialize(to: value)
        #if DEBUG
        storedCount.add(1, ordering: .releasing)
        #endif
    }

    /// The stored results in index order, moved out in one block rather than copied element by
    /// element: a copy would retain everything each result holds only for the slot's release to
    /// undo it, on the thread that is usually the pipeline's critical path. A second call finds
    /// nothing.
    func collect() -> [T] {
        guard let base = slots.baseAddress,
            collected.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return [] }
        #if DEBUG
        assert(storedCount.load(ordering: .acquiring) == slots.count, "a result slot was never stored")
        #endif
        return [T](unsafeUninitializedCapacity: slots.count) { buffer, initialized in
            buffer.baseAddress?.moveInitialize(from: base, count: slots.count)
            initialized = slots.count
        }
    }
}

/// Facts about the machine that the core may use for parallelism (never for behaviour).
public enum System {
    /// The number of active processor cores.
    public static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Whether `Parallel.map` and a `StripedJob` started by the current task may hand work to
    /// other threads.
    /// False for work that runs on threads of lower priority (a server's reads of the past): its
    /// helpers would run at the ordinary priority on every core and take them from the work the
    /// low priority is meant to let through.
    @TaskLocal public static var stripesMayUseEveryCore = true
}

extension Array where Element: Sendable {
    /// `transform` applied to every element on every core, results in order.
    public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let elements = self
        return Parallel.map(elements.count) { transform(elements[$0]) }
    }
}

/// Independent work over `0..<count`, started on every core in the background now and collected
/// later, so that the caller can do other work meanwhile (read the next chunk, write a batch).
///
/// The work is cut into stripes that background workers take one at a time; when the caller
/// collects the results it takes the stripes left over itself, so it adds its core to the work
/// instead of blocking while the workers finish (a blocked thread may hold a pool slot). It then
/// waits only for the stripes other threads took, never for a worker that has not started: on a
/// busy machine that worker may sit in Dispatch's queue behind another job's stripes (a server's
/// read of the past decoding thousands of entries), and an append or a read of now that needs
/// one signature or one entry waited for all of them (tools/PERFORMANCE.md §6). A worker that
/// starts once the stripes are gone does nothing.
///
/// `@unchecked Sendable`: each stripe's slots are written by the one thread that took the stripe
/// from the shared counter, and read only once every stripe is counted as finished (under a lock
/// its writer took after writing), which orders every write before the read.
public final class StripedJob<T: Sendable>: @unchecked Sendable {
    private let count: Int
    /// Dropped once the results are collected, so that what it holds (a chunk's decoded
    /// entries) is released by the caller, not by whichever worker lets go of the job last.
    private let transform: Mutex<(@Sendable (Int) -> T)?>
    private let slots: ResultSlots<T>
    private let stripeCount: Int
    private let nextStripe = Mutex(0)
    private let finishedStripes = Mutex(0)
    /// Signalled by whoever finishes the last stripe.
    private let allFinished = DispatchSemaphore(value: 0)

    public init(count: Int, _ transform: @escaping @Sendable (Int) -> T) {
        self.count = count
        self.transform = Mutex(transform)
        self.slots = ResultSlots(count: count)
        self.stripeCount = min(count, System.coreCount * 8)
        guard System.stripesMayUseEveryCore else {
            // No helpers: the caller's thread does every stripe now, so that every slot is
            // stored whether or not the results are ever asked for.
            runStripes()
            return
        }
        for _ in 0..<System.coreCount where stripeCount > 0 {
            DispatchQueue.global().async { [self] in runStripes() }
        }
    }

    /// Finishes the work with the caller's help; the results in order.
    public var results: [T] {
        runStripes()
        if finishedStripes.withLock({ $0 }) < stripeCount { allFinished.wait() }
        // Every stripe is done: a worker that starts now finds none and writes nothing.
        transform.withLock { $0 = nil }
        return slots.collect()
    }

    private func runStripes() {
        guard let transform = transform.withLock({ $0 }) else { return }
        while true {
            let stripe = nextStripe.withLock { next in
                defer { next += 1 }
                return next
            }
            guard stripe < stripeCount else { return }
            for index in (count * stripe / stripeCount)..<(count * (stripe + 1) / stripeCount) {
                slots.store(transform(index), at: index)
            }
            let finished = finishedStripes.withLock { finished in
                finished += 1
                return finished
            }
            if finished == stripeCount { allFinished.signal() }
        }
    }
}

/// A batch's signature checks, started on every core before the ordered work that needs them
/// (planning and writing an append), against the keys known so far and those the batch
/// registers. A check whose signer was not known yet has no result and is done later.
public final class EarlySignatureChecks: Sendable {
    private let job: StripedJob<Bool?>

    public init(_ batch: [SignedStatement], known: [KeyID: PublicSigningKey]) {
        let signers = ControlEvent.signers(known: known, registeredIn: batch.map(\.statement))
        job = StripedJob(count: batch.count) { index in
            let signed = batch[index]
            return signers[signed.statement.actor].map(signed.isSigned(by:))
        }
    }

    /// Finishes the checks with the caller's help; one result per statement of the batch, nil
    /// where the signer was unknown.
    public var results: [Bool?] { job.results }
}
