import Foundation
public import LedgerCore
import Presentation

/// The moment an "as of" names (projections/RULES.md §10), read the same way by the CLI's `--as-of` and the
/// server's `asOf`, as every act's time is read: a time `YYYY-MM-DDTHH:MM:SS.mmmZ` or "17:00
/// 04/12/2023" (Vietnam's time, as the tables print it), or a date `YYYY-MM-DD` or `DD/MM/YYYY`
/// meaning the end of that day in Vietnam (UTC+7).
public enum AsOf {
    public static func moment(_ text: String) -> Timestamp? {
        let typed = text.trimmingCharacters(in: .whitespaces)
        guard let moment = LocalTime.vietnam.moment(typed: typed) else { return nil }
        // "17:00 04/12/2023" is a minute as the tables print it: what was recorded within it too,
        // as a date means its whole day.
        let clock = Timestamp(text: typed) == nil && typed.contains(" ")
        return clock ? moment.adding(milliseconds: 59_999) : moment
    }
}
