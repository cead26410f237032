public import LedgerCore

/// Replays the appraisal rules over a whole ledger, in order: every act must have been allowed
/// when it was recorded. `parledger verify` checks the format (signatures, chain, keys, roles);
/// this checks the appraisal, so a ledger written by any implementation can be held to the
/// rules of events/CATALOG.md.
public struct AppraisalAudit: Sendable {
    private var rules = AppraisalLedgerRules()
    private var ledger = LedgerState()
    private var tree = CompactRange()
    /// The first entry the rules refuse, with why.
    public private(set) var failure: (seq: Int, violation: LedgerViolation)?

    public init() {}

    /// Entries audited so far.
    public var size: Int { tree.size }

    /// Audits the next entry; after a failure, further entries are ignored.
    public mutating func audit(_ entry: Entry) {
        guard failure == nil else { return }
        do throws(LedgerViolation) {
            try rules.admit(entry, ledger: ledger, tree: tree)
        } catch {
            failure = (entry.seq, error)
            return
        }
        ledger.apply(entry)
        tree.append(entry.hash)
    }
}
