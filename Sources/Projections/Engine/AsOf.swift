import Foundation
public import LedgerCore
import Presentation

/// The moment an "as of" names (projections/RULES.md §10), read the same way by the CLI's `--as-of` and the
/// server's `asOf`, as every act's time is read: a time `YYYY-MM-DDTHH:MM:SS.mmmZ` or "17:00
/// 04/12/2023" (Vietnam's time, as the tables print it), or a date `YYYY-MM-DD` or `DD/MM/YYYY`
/// meaning the end of that day in Vietnam (UTC+7).
public enum AsOf {
    public static func moment(_ text: String) -> Timestamp? {
        LocalTime.vietnam.moment(typed: text.trimmingCharacters(in: .whitespaces))
    }
}
