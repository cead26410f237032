public import Appraisal
public import LedgerCore
public import LedgerStore

extension LeafHistory {
    /// A leaf's history and the fold of the same prefix, read from a store up to `limit` in one
    /// pass (the history needs the keys known before each entry, which the fold carries).
    public static func load(
        _ store: any EventStore,
        unit: UnitCode,
        leaf: CriterionCode,
        upTo limit: LedgerFold.Limit
    ) async throws(StoreError) -> (history: LeafHistory, fold: LedgerFold) {
        let box = Box(LeafHistory(unit: unit, leaf: leaf))
        try await store.scan(chunkSize: 4096) { chunk in
            for bytes in chunk {
                // As in `LedgerFold.catchUp`: a damaged entry stops the read, never shortens it.
                let entry: Entry
                do { entry = try Entry(bytes: bytes) } catch {
                    throw StoreError(.io, "entry \(box.fold.size) does not decode (\(error)); run parledger verify")
                }
                guard limit.admits(entry) else { return false }
                box.history.fold(entry, keys: box.fold.ledger.keys)
                box.fold.fold(entry)
            }
            return true
        }
        return (box.history, box.fold)
    }

    private final class Box: @unchecked Sendable {
        // `@unchecked Sendable`: the store calls the scan body on one thread, one chunk at a time.
        var history: LeafHistory
        var fold = LedgerFold()

        init(_ history: LeafHistory) { self.history = history }
    }
}
