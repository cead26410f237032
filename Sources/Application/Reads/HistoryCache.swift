import Foundation
import LedgerCore
public import LedgerStore
public import Projections

/// The history index (`HistoryIndex`) of a ledger, kept in memory and on the read side, and
/// caught up with new entries when asked for: a history never scans the ledger.
public actor HistoryCache {
    private let log: any EventStore
    private let derived: any DerivedStore
    private var current: HistoryIndex?

    /// An index that grew by at least this many entries is kept again on the read side.
    static let keepEvery = 1_000

    init(log: any EventStore, derived: any DerivedStore) {
        self.log = log
        self.derived = derived
    }

    /// The index of the whole ledger.
    public func index() async throws(StoreError) -> HistoryIndex {
        var index: HistoryIndex
        if let current {
            index = current
        } else {
            index = try await kept() ?? HistoryIndex()
        }
        let start = index.size
        while true {
            let stored = try await log.entries(from: index.size, limit: 4096)
            guard !stored.isEmpty else { break }
            for item in stored {
                let entry: Entry
                do { entry = try Entry(bytes: item.bytes) } catch {
                    throw StoreError(.io, "entry \(item.seq) does not decode (\(error)); run parledger verify")
                }
                index.index(entry)
            }
        }
        if index.size - start >= Self.keepEvery, let lastRecordedAt = index.lastRecordedAt,
            let bytes = try? JSONEncoder().encode(index)
        {
            try? await derived.saveReport(
                ProjectionSnapshot(
                    size: index.size,
                    root: index.root,
                    lastRecordedAt: lastRecordedAt,
                    bytes: [UInt8](bytes)
                ),
                named: HistoryIndex.keptName
            )
        }
        if index.size > current?.size ?? -1 { current = index }
        return index
    }

    /// The index kept on the read side, when its root still matches the ledger's.
    private func kept() async throws(StoreError) -> HistoryIndex? {
        guard let end = Timestamp(text: "9999-12-31T23:59:59.999Z"),
            let snapshot = (try? await derived.latestReport(named: HistoryIndex.keptName, recordedAtMost: end)) ?? nil,
            let decoded = try? JSONDecoder().decode(HistoryIndex.self, from: Data(snapshot.bytes)),
            decoded.size == snapshot.size, decoded.root == snapshot.root,
            snapshot.size <= (try await log.size()), try await log.root(size: snapshot.size) == snapshot.root
        else { return nil }
        return decoded
    }
}
