public import LedgerCore
import Presentation

/// The moment an "as of" names (projections/RULES.md §10), read the same way by the CLI's `--as-of` and the
/// server's `asOf`: a time `YYYY-MM-DDTHH:MM:SS.mmmZ`, or a date `YYYY-MM-DD` or `DD/MM/YYYY` (as
/// Vietnamese readers write it) meaning the end of that day in Vietnam (UTC+7).
public enum AsOf {
    public static func moment(_ text: String) -> Timestamp? {
        if let time = Timestamp(text: text) { return time }
        if let date = LocalTime.isoDate(typed: text), let midnight = Timestamp(text: date + "T00:00:00.000Z") {
            // The end of the day in Vietnam: 24 h − 7 h − 1 ms after 00:00Z.
            return midnight.adding(milliseconds: 17 * 3_600_000 - 1)
        }
        return nil
    }
}
