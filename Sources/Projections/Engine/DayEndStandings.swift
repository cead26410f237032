import Appraisal
public import LedgerCore
public import LedgerStore

/// The standings at the end of each day, kept in the store as a fold passes each day's last entry,
/// so that "the standings on a date" (projections/RULES.md §10) is a lookup rather than a fold of
/// the ledger up to that day. Derived data like the snapshots: each kept answer names the prefix
/// it came from, and a read uses it only when that prefix is exactly the one asked about and its
/// root still matches the ledger's.
public enum DayEndStandings {
    /// The kept answers' name. The version changes whenever the standings report does, so an
    /// answer kept by an older parledger is never served.
    public static let name = "standings/day-end/v1"

    /// The day of a moment in Vietnam (UTC+7), as days since 1970-01-01, the calendar `--as-of`
    /// dates count in.
    static func day(of time: Timestamp) -> Int64 {
        let vietnam = time.millisecondsSinceEpoch + 7 * 3_600_000
        return vietnam >= 0 ? vietnam / 86_400_000 : (vietnam + 1) / 86_400_000 - 1
    }

    /// Whether an entry recorded at `next` opens a later day than the fold's last entry: the fold
    /// then ends a day.
    static func endsDay(_ fold: LedgerFold, before next: Timestamp) -> Bool {
        guard let last = fold.lastRecordedAt else { return false }
        return day(of: next) > day(of: last)
    }

    /// Whether answers kept already are computed again: a rebuild trusts nothing derived.
    public enum Keeping: Sendable {
        case whenMissing
        case replacing
    }

    /// Keeps the standings of every group for the fold's prefix on the read side (none before a
    /// campaign opens). Derived data: one that cannot be kept is computed again when asked for.
    public static func keep(
        _ fold: LedgerFold,
        in derived: any DerivedStore,
        _ keeping: Keeping = .whenMissing
    ) async {
        guard fold.size > 0, let last = fold.lastRecordedAt, fold.state.campaign != nil else { return }
        if keeping == .whenMissing,
            let kept = (try? await derived.latestReport(named: name, recordedAtMost: last)) ?? nil,
            kept.size == fold.size, kept.root == fold.root
        {
            return
        }
        let body = CanonicalJSON.encode(.object(Reports.standings(fold.state)))
        try? await derived.saveReport(
            ProjectionSnapshot(size: fold.size, root: fold.root, lastRecordedAt: last, bytes: body),
            named: name
        )
    }

    /// The standings of every group as of a moment, sealed — the very bytes a fold up to that
    /// moment would give — when a kept answer stands for exactly the entries recorded by then;
    /// nil otherwise, and the caller folds.
    public static func sealed(
        _ store: any EventStore,
        derived: any DerivedStore,
        asOf moment: Timestamp
    ) async throws(StoreError) -> [UInt8]? {
        guard let kept = (try? await derived.latestReport(named: name, recordedAtMost: moment)) ?? nil else {
            return nil
        }
        // The prefix as of the moment ends where the kept answer does only if the next entry, if
        // any, was recorded after the moment.
        if let next = try await store.entries(from: kept.size, limit: 1).first {
            guard let entry = try? Entry(bytes: next.bytes), entry.recordedAt > moment else { return nil }
        }
        guard kept.size <= (try await store.size()), try await store.root(size: kept.size) == kept.root else {
            return nil
        }
        return Reports.sealed(canonicalBody: kept.bytes, size: kept.size, root: kept.root, asOf: moment)
    }
}
