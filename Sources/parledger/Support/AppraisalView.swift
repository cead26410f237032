import Appraisal
import LedgerCore
import LedgerStore

/// The appraisal state of a ledger, folded from its entries: what a command consults before it
/// builds an act (a survey import checks its rows against the template in force).
enum AppraisalView {
    static func load(_ store: any EventStore) async throws(CLIError) -> AppraisalState {
        let folded = FoldedRules()
        try await storeCall { () async throws(StoreError) in
            try await store.scan(chunkSize: 1024) { chunk in
                for bytes in chunk {
                    if let entry = try? Entry(bytes: bytes) { folded.rules.replay(entry) }
                }
                return true
            }
        }
        return folded.rules.state
    }

    /// A box for the rules the scan closure folds into (the closure cannot capture an inout value).
    private final class FoldedRules: @unchecked Sendable {
        // `@unchecked Sendable`: the store calls the scan body on one thread, one chunk at a time.
        var rules = AppraisalLedgerRules()
    }
}
