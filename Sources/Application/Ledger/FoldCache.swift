public import LedgerStore
public import Projections

/// The folds reads and acts compute from. The fold of the whole ledger is kept and caught up
/// with new entries when asked for (one query when nothing changed), so neither a read of "now"
/// nor an act replays the ledger; a read as of a time or size starts from the nearest snapshot on
/// the read side.
public actor FoldCache {
    private let log: any EventStore
    private let derived: any DerivedStore
    private var current: LedgerFold?

    /// A read or act that replayed at least this many entries keeps a snapshot where it ended, so
    /// the next process (or the next read of a later prefix) replays only the entries after it.
    public static let snapshotInterval = 10_000

    init(log: any EventStore, derived: any DerivedStore) {
        self.log = log
        self.derived = derived
    }

    /// The fold of the ledger up to `limit`.
    public func fold(_ limit: LedgerFold.Limit) async throws(StoreError) -> LedgerFold {
        switch limit {
        case .everything:
            var fold = current ?? LedgerFold()
            if current == nil { fold = try await LedgerFold.fromSnapshot(log, derived: derived) }
            // The day ends it passes are kept, so that the standings on those dates are lookups.
            let start = fold.size
            try await fold.catchUp(log, keepingIn: derived, keepingDayEnds: .whenMissing)
            if fold.size - start >= Self.snapshotInterval { await fold.saveSnapshot(to: derived) }
            if fold.size > current?.size ?? -1 { current = fold }
            return fold
        case .asOf, .size:
            return try await LedgerFold.load(log, derived: derived, upTo: limit, snapshotAfter: Self.snapshotInterval)
        }
    }
}
