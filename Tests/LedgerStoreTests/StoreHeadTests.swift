import LedgerCore
import LedgerStore
import Testing

/// A partial head (rules folded from the sections one act reads) serves the append it was primed
/// for and nothing else: no read uses it, and it leaves the cache once that append has ended.
@Suite struct StoreHeadTests {
    struct Rules: StatementRules {
        let coversWholeLedger: Bool
        mutating func admit(_ entry: Entry, ledger: LedgerState, tree: CompactRange) throws(LedgerViolation) {}
        mutating func replay(_ entry: Entry) {}
    }

    static func head(partial: Bool) -> StoreHead {
        StoreHead(state: LedgerState(), frontier: CompactRange(), rules: Rules(coversWholeLedger: !partial))
    }

    @Test func aPartialHeadServesOneAppendAndNoRead() {
        var cached: StoreHead? = Self.head(partial: false)
        StoreHead.prime(Self.head(partial: true), in: &cached)
        #expect(cached?.isPartial == true)

        // A read reloads the whole format state; it does not replace the primed head.
        guard
            case .reload(let rules, _) = StoreHead.refresh(
                cached: cached,
                size: 0,
                storeRules: Rules(coversWholeLedger: true),
                withRules: false
            )
        else {
            Issue.record("a read used the partial head")
            return
        }
        #expect(rules == nil)
        #expect(!StoreHead.keepsReloaded(withRules: false, storeRules: Rules(coversWholeLedger: true)))

        // The append it was primed for uses it.
        guard
            case .reuse(let used) = StoreHead.refresh(
                cached: cached,
                size: 0,
                storeRules: Rules(coversWholeLedger: true),
                withRules: true
            )
        else {
            Issue.record("the append did not use the primed head")
            return
        }
        #expect(used.isPartial)

        // Committed, its plan's head is partial too: the cache empties.
        StoreHead.keep(used, in: &cached)
        #expect(cached == nil)

        // Refused or failed, the append still forgets it; a whole head stays.
        StoreHead.prime(Self.head(partial: true), in: &cached)
        StoreHead.forgetPartial(in: &cached)
        #expect(cached == nil)
        cached = Self.head(partial: false)
        StoreHead.forgetPartial(in: &cached)
        #expect(cached?.isPartial == false)

        // A whole head primed over a partial one replaces it.
        StoreHead.prime(Self.head(partial: true), in: &cached)
        StoreHead.prime(Self.head(partial: false), in: &cached)
        #expect(cached?.isPartial == false)
    }
}
