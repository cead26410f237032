import LedgerCore
import LedgerStore
import Testing

/// The cached head a store keeps between calls only moves forward: a read that sized the ledger
/// before an append committed must not put back the head that append replaced.
@Suite("Cached head")
struct CachedHeadTests {
    static func head(size: Int) -> StoreHead {
        var state = LedgerState()
        state.restoreHead(size: size, lastHash: .zero, lastRecordedAt: Timestamp(text: "2026-11-30T08:00:00.000Z")!)
        return StoreHead(state: state, frontier: CompactRange(), rules: nil)
    }

    @Test func anOlderHeadNeverReplacesANewerOne() {
        var cached: StoreHead?
        StoreHead.keep(Self.head(size: 5), in: &cached)
        #expect(cached?.state.size == 5)
        StoreHead.keep(Self.head(size: 3), in: &cached)
        #expect(cached?.state.size == 5)
        StoreHead.keep(Self.head(size: 5), in: &cached)
        StoreHead.keep(Self.head(size: 9), in: &cached)
        #expect(cached?.state.size == 9)
    }
}
