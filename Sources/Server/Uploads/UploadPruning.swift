import Application
import LedgerCore
import LedgerStore
import Projections

/// Removes the uploads no entry refers to once their grace has passed: checked at most every
/// `everySeconds` (ten minutes in `parledger serve`), when someone uploads (the only way such
/// files come to be).
actor UploadPruning {
    private var lastRun: Timestamp?
    private let every: Int64

    init(everySeconds: Int) { every = Int64(max(0, everySeconds)) * 1000 }

    /// Prunes when it has not for `every`; returns how many files went (0 when it did not run).
    func pruneIfDue(_ ledger: OpenLedger, graceSeconds: Int) async throws(StoreError) -> Int {
        let now = BlobClock.now()
        if let lastRun, now < lastRun.adding(milliseconds: every) { return 0 }
        lastRun = now
        let referenced = Set(try await ledger.history.index().referencedBlobs)
        return try await ledger.log.removeUnreferencedBlobs(
            keeping: referenced,
            storedBefore: now.adding(milliseconds: -Int64(graceSeconds) * 1000)
        )
    }
}
