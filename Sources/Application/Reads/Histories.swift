public import Appraisal
public import LedgerCore
public import LedgerStore
public import Projections

extension OpenLedger {
    /// The histories of a unit's leaves (all of them, or `leaves`) up to `limit`, read from the
    /// entries the history index names, with the fold of the same prefix (what the histories are
    /// sealed with; `prefix` when the caller has it already, as a prefix of the past is folded
    /// anew each time). One read of the store for all of them.
    public func histories(
        unit: UnitCode,
        leaves: [CriterionCode]? = nil,
        upTo limit: LedgerFold.Limit,
        prefix: LedgerFold? = nil
    ) async throws(StoreError) -> (histories: [LeafHistory], fold: LedgerFold) {
        let fold: LedgerFold
        if let prefix { fold = prefix } else { fold = try await folds.fold(limit) }
        let index = try await history.index()
        let wanted = leaves ?? fold.state.criteria(of: unit)?.leaves.keys.sorted() ?? []
        let positions = Set(wanted.flatMap { index.positions(unit: unit, leaf: $0) }).filter { $0 < fold.size }
        var entries: [Entry] = []
        for stored in try await log.entries(at: Array(positions)) {
            do { entries.append(try Entry(bytes: stored.bytes)) } catch {
                throw StoreError(.io, "entry \(stored.seq) does not decode (\(error)); run parledger verify")
            }
        }
        // A leaf's history is the campaign's: an earlier or later year's entries on it are left out.
        entries = entries.filter { fold.state.recordedDuring($0.recordedAt) }
        let keys = fold.ledger.keys
        let histories = wanted.map { leaf in
            let named = Set(index.positions(unit: unit, leaf: leaf))
            return LeafHistory.build(
                unit: unit,
                leaf: leaf,
                from: entries.filter { named.contains($0.seq) },
                upTo: limit,
                keys: keys
            )
        }
        return (histories, fold)
    }
}
