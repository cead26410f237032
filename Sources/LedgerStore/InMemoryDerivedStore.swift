public import LedgerCore
import Synchronization

/// Derived data in memory: for tests, and for a ledger whose folder the reader may not write,
/// where it lasts as long as the process.
public final class InMemoryDerivedStore: DerivedStore {
    private struct Storage {
        var snapshots: [Int: ProjectionSnapshot] = [:]
        var reports: [String: [Int: ProjectionSnapshot]] = [:]
        var actHead: ProjectionSnapshot?
        var actSections: [String: [UInt8]] = [:]
    }

    private let storage = Mutex(Storage())

    public init() {}

    public func saveSnapshot(_ snapshot: ProjectionSnapshot) {
        storage.withLock { $0.snapshots[snapshot.size] = snapshot }
    }

    public func latestSnapshot(atMost size: Int?, recordedAtMost recordedAt: Timestamp?) -> ProjectionSnapshot? {
        storage.withLock { storage in
            storage.snapshots.values.filter { $0.fits(atMost: size, recordedAtMost: recordedAt) }.max {
                $0.size < $1.size
            }
        }
    }

    public func saveReport(_ snapshot: ProjectionSnapshot, named name: String) {
        storage.withLock { $0.reports[name, default: [:]][snapshot.size] = snapshot }
    }

    public func latestReport(named name: String, recordedAtMost recordedAt: Timestamp) -> ProjectionSnapshot? {
        storage.withLock { storage in
            (storage.reports[name] ?? [:]).values.filter { $0.lastRecordedAt <= recordedAt }.max { $0.size < $1.size }
        }
    }

    public func saveActSections(head: ProjectionSnapshot, sections: [String: [UInt8]]) {
        storage.withLock { storage in
            if let kept = storage.actHead, kept.size > head.size { return }
            storage.actHead = head
            storage.actSections = sections
        }
    }

    public func actHead() -> ProjectionSnapshot? { storage.withLock { $0.actHead } }

    public func actSections(_ names: [String], size: Int) -> [String: [UInt8]]? {
        storage.withLock { storage in
            guard storage.actHead?.size == size else { return nil }
            var found: [String: [UInt8]] = [:]
            for name in names { found[name] = storage.actSections[name] }
            return found
        }
    }
}
