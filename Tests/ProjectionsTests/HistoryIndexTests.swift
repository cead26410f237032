import Appraisal
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Projections
import Testing

/// A history read from the index's few entries is the history a scan of the whole ledger gives.
@Suite("History index")
struct HistoryIndexTests {
    @Test(arguments: Stores.kinds)
    func theIndexedHistoryOfEveryLeafIsTheScannedOne(kind: String) async throws {
        let store = try Stores.make(kind, rules: AppraisalLedgerRules())
        let given = CampaignFixture(store: store)
        let filed = try await given.objected()
        try await given.appraisedTheRest(round: 2, at: given.day(30))
        // The resolution names only the objection: the index must follow it to the leaf.
        try await given.act(
            .objectionResolved,
            [
                "objection": .string(filed.statement.statementID.text), "outcome": "accepted", "points": "1",
                "reasoning": "Có căn cứ",
            ],
            by: given.chair,
            at: given.day(33)
        )
        try await given.published()
        let size = try await store.size()
        let entries = try await store.entries(from: 0, limit: size).map { try Entry(bytes: $0.bytes) }
        var index = HistoryIndex()
        var fold = LedgerFold()
        for entry in entries {
            index.index(entry)
            fold.fold(entry)
        }
        #expect(index.size == size && index.root == fold.root)
        var compared = 0
        for (unit, _) in fold.state.units {
            for leaf in fold.state.criteria(of: unit)?.leaves.keys.sorted() ?? [] {
                var scanned = LeafHistory(unit: unit, leaf: leaf)
                var keys = LedgerState()
                for entry in entries {
                    scanned.fold(entry, keys: keys.keys)
                    keys.apply(entry)
                }
                let named = Set(index.positions(unit: unit, leaf: leaf))
                let indexed = LeafHistory.build(
                    unit: unit,
                    leaf: leaf,
                    from: entries.filter { named.contains($0.seq) },
                    upTo: .everything,
                    keys: fold.ledger.keys
                )
                #expect(indexed.json == scanned.json, "\(unit.text) \(leaf.text)")
                compared += scanned.events.count
            }
        }
        #expect(compared > 10, "the histories compared hold events")
    }
}
