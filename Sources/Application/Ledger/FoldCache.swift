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
    /// The load of the fold the first reads and acts start from, while it runs.
    private var first: Task<Result<LedgerFold, StoreError>, Never>?

    /// A read or act that replayed at least this many entries keeps a snapshot where it ended, so
    /// the next process (or the next read of a later prefix) replays only the entries after it.
    public static let snapshotInterval = 10_000

    init(log: any EventStore, derived: any DerivedStore) {
        self.log = log
        self.derived = derived
    }

    /// Whether the fold of the whole ledger is in memory (a server, after its first read or act).
    public var holdsFold: Bool { current != nil }

    /// The fold of the ledger up to `limit`.
    public func fold(_ limit: LedgerFold.Limit) async throws(StoreError) -> LedgerFold {
        switch limit {
        case .everything:
            var fold: LedgerFold
            if let current { fold = current } else { fold = try await firstFold() }
            // The day ends it passes are kept, so that the standings on those dates are lookups.
            let start = fold.size
            try await fold.catchUp(log, keepingIn: derived, keepingDayEnds: .whenMissing)
            if fold.size - start >= Self.snapshotInterval { await fold.saveSnapshot(to: derived) }
            if fold.size > current?.size ?? -1 { current = fold }
            first = nil
            return fold
        case .asOf, .size:
            return try await LedgerFold.load(log, derived: derived, upTo: limit, snapshotAfter: Self.snapshotInterval)
        }
    }

    /// The fold at the read side's latest snapshot, loaded once however many reads and acts ask
    /// for it before it is there: a server's first requests come together, and each decoding the
    /// snapshot for itself (115 MB of JSON at national scale) took every core
    /// (tools/PERFORMANCE.md §6).
    private func firstFold() async throws(StoreError) -> LedgerFold {
        let load =
            first
            ?? Task { [log, derived] () -> Result<LedgerFold, StoreError> in
                do throws(StoreError) {
                    return .success(try await LedgerFold.fromSnapshot(log, derived: derived))
                } catch {
                    return .failure(error)
                }
            }
        first = load
        switch await load.value {
        case .success(let fold): return fold
        case .failure(let error):
            first = nil
            throw error
        }
    }
}
