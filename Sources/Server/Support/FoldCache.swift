import LedgerCore
import LedgerStore
import Projections

/// The folds the reads compute from. The fold of the whole ledger is kept and caught up with new
/// entries on each read (one query when nothing changed), so reads of "now" never replay the
/// ledger; a read as of a time or size loads its prefix from the nearest snapshot.
actor FoldCache {
    private let store: any EventStore
    private var current = LedgerFold()

    init(store: any EventStore) { self.store = store }

    func fold(_ limit: LedgerFold.Limit) async throws(StoreError) -> LedgerFold {
        switch limit {
        case .everything:
            var fold = current
            // The day ends it passes are kept, so that the standings on those dates are lookups.
            try await fold.catchUp(store, keepingDayEnds: .whenMissing)
            if fold.size > current.size { current = fold }
            return fold
        case .asOf, .size:
            return try await LedgerFold.load(store, upTo: limit, snapshotAfter: 10_000)
        }
    }
}
