public import LedgerCore

/// One clock per ledger: the time an entry is recorded at.
///
/// A ledger's time never runs backwards (FORMAT.md §11, check `time`), and only one clock may move
/// it: the database server's for a shared ledger, the host's for a file. A clock a little behind
/// the last entry (a correction by NTP, another writer's clock a second ahead) records at the last
/// entry's time; one behind by more than the allowed skew is refused as such, never clamped, so a
/// wrong clock is found and fixed rather than freezing the ledger's time or hiding the gap.
public enum LedgerClock {
    /// The allowed distance between clocks before a campaign sets its own (CATALOG.md, "Time").
    public static let defaultAllowedSkewMilliseconds: Int64 = 300_000

    /// The time to record an entry appended when the ledger's clock reads `now`.
    ///
    /// - Parameters:
    ///   - last: the last entry's `recordedAt`, if there is one.
    ///   - allowedSkew: how far behind `last` the clock may be, in milliseconds.
    /// - Throws: `clockBehind`, naming both times and how far apart they are.
    public static func recordedAt(now: Timestamp, last: Timestamp?, allowedSkew: Int64) throws(StoreError) -> Timestamp
    {
        guard let last, now < last else { return now }
        let behind = last.millisecondsSinceEpoch - now.millisecondsSinceEpoch
        guard behind <= allowedSkew else {
            throw StoreError(
                .clockBehind,
                "the ledger's clock reads \(now), \(describe(behind)) behind its last entry (\(last)); more than the "
                    + "allowed \(describe(allowedSkew)). Set this machine's clock right (NTP), then repeat: nothing was written"
            )
        }
        return last
    }

    /// A duration in the largest whole units that say it: "3 days 4 h", "12 min 5 s", "800 ms".
    static func describe(_ milliseconds: Int64) -> String {
        let seconds = milliseconds / 1000
        let parts: [(Int64, String)] = [
            (seconds / 86_400, seconds / 86_400 == 1 ? "day" : "days"), (seconds % 86_400 / 3600, "h"),
            (seconds % 3600 / 60, "min"), (seconds % 60, "s"),
        ]
        let shown = parts.drop(while: { $0.0 == 0 }).prefix(2).filter { $0.0 > 0 }
        guard !shown.isEmpty else { return "\(milliseconds) ms" }
        return shown.map { "\($0.0) \($0.1)" }.joined(separator: " ")
    }
}
