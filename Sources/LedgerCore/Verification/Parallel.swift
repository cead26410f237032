import Dispatch
import Foundation

/// Runs independent, CPU-bound work on every core: signature checks and entry decoding.
enum Parallel {
    /// `transform` applied to `0..<count`, spread over the cores in contiguous stripes.
    static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(transform) }
        let stripes = min(count, System.coreCount * 4)
        let results = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
            let lower = count * stripe / stripes
            let upper = count * (stripe + 1) / stripes
            for index in lower..<upper { results.store(transform(index), at: index) }
        }
        return results.collect()
    }
}

/// Write-once slots that concurrent stripes fill at disjoint indices.
///
/// `@unchecked Sendable` because each index is written by exactly one stripe through a raw
/// pointer (no copy-on-write check), and read only after `concurrentPerform` has returned,
/// which orders every write before the read.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) { slots[index] = value }

    func collect() -> [T] { slots.compactMap { $0 } }
}

/// Facts about the machine that the core may use for parallelism (never for behaviour).
public enum System {
    /// The number of active processor cores.
    public static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

extension Array where Element: Sendable {
    /// `transform` applied to every element on every core, results in order.
    public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let elements = self
        return Parallel.map(elements.count) { transform(elements[$0]) }
    }
}
