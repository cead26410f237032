public import LedgerCore

/// Times and dates as the campaign's readers tell them: in Vietnam's time zone (UTC+7, no
/// daylight saving), day first. A deadline stored as 2023-12-04T10:00:00.000Z reads
/// "17:00 04/12/2023".
public struct LocalTime: Sendable, Hashable {
    /// Minutes east of UTC.
    public let offsetMinutes: Int

    /// Vietnam's time: UTC+7 all year.
    public static let vietnam = LocalTime(offsetMinutes: 7 * 60)

    public init(offsetMinutes: Int) { self.offsetMinutes = offsetMinutes }

    /// The local calendar date and time of day of a moment.
    public func parts(_ moment: Timestamp) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        let milliseconds = moment.millisecondsSinceEpoch + Int64(offsetMinutes) * 60_000
        let minutes = Int(milliseconds.floorDivided(by: 60_000))
        let days = minutes.floorDivided(by: 1440)
        let minuteOfDay = minutes - days * 1440
        let (year, month, day) = Self.civil(fromDays: days)
        return (year, month, day, minuteOfDay / 60, minuteOfDay % 60)
    }

    /// "17:00 04/12/2023" in either language (both write the day first for Vietnam's documents).
    public func dateTime(_ moment: Timestamp) -> String {
        let local = parts(moment)
        return "\(Self.two(local.hour)):\(Self.two(local.minute)) \(Self.date(local.year, local.month, local.day))"
    }

    /// "04/12/2023": the local date of a moment.
    public func date(_ moment: Timestamp) -> String {
        let local = parts(moment)
        return Self.date(local.year, local.month, local.day)
    }

    /// "04/12/2023" from a calendar date "2023-12-04"; the text as it was when it is not one.
    public static func date(iso text: String) -> String {
        let pieces = text.split(separator: "-")
        guard pieces.count == 3, let year = Int(pieces[0]), let month = Int(pieces[1]), let day = Int(pieces[2]) else {
            return text
        }
        return date(year, month, day)
    }

    /// The place-and-date line of an official document: "ngày 25 tháng 4 năm 2024" (Decree
    /// 30/2020: no leading zero for days 10 and later only, months 3 and later only), or
    /// "25 April 2024".
    public func longDate(_ moment: Timestamp, _ language: Language) -> String {
        let local = parts(moment)
        switch language {
        case .vi:
            let day = local.day < 10 ? Self.two(local.day) : String(local.day)
            let month = local.month < 3 ? Self.two(local.month) : String(local.month)
            return "ngày \(day) tháng \(month) năm \(local.year)"
        case .en:
            let months = [
                "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December",
            ]
            return "\(local.day) \(months[local.month - 1]) \(local.year)"
        }
    }

    /// A date a reader typed, "31/01/2024" or "2024-01-31", as "2024-01-31"; nil otherwise.
    public static func isoDate(typed text: String) -> String? {
        if text.utf8.count == 10, Timestamp(text: text + "T00:00:00.000Z") != nil { return text }
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 3, (1...2).contains(pieces[0].count), (1...2).contains(pieces[1].count),
            pieces[2].count == 4, let day = Int(pieces[0]), let month = Int(pieces[1]), Int(pieces[2]) != nil
        else { return nil }
        let iso = "\(pieces[2])-\(two(month))-\(two(day))"
        return Timestamp(text: iso + "T00:00:00.000Z") == nil ? nil : iso
    }

    /// A moment a reader typed: "17:00 04/12/2023" (this local time), a date alone ("04/12/2023",
    /// the end of that local day, as a deadline reads), or the ledger's own form
    /// "2023-12-04T10:00:00.000Z"; nil otherwise.
    public func moment(typed text: String) -> Timestamp? {
        if let exact = Timestamp(text: text) { return exact }
        let pieces = text.split(separator: " ", omittingEmptySubsequences: true)
        var minuteOfDay = 24 * 60
        var dateText = text
        if pieces.count == 2 {
            let clock = pieces[0].split(separator: ":", omittingEmptySubsequences: false)
            guard clock.count == 2, (1...2).contains(clock[0].count), clock[1].count == 2, let hour = Int(clock[0]),
                let minute = Int(clock[1]), (0...23).contains(hour), (0...59).contains(minute)
            else { return nil }
            minuteOfDay = hour * 60 + minute
            dateText = String(pieces[1])
        }
        guard let iso = Self.isoDate(typed: dateText), let midnight = Timestamp(text: iso + "T00:00:00.000Z") else {
            return nil
        }
        // A date alone is the whole day: its last millisecond.
        let shift = Int64(minuteOfDay - offsetMinutes) * 60_000 - (pieces.count == 2 ? 0 : 1)
        return midnight.adding(milliseconds: shift)
    }

    private static func date(_ year: Int, _ month: Int, _ day: Int) -> String {
        "\(two(day))/\(two(month))/\(year)"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day count from 1970-01-01.
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension BinaryInteger {
    fileprivate func floorDivided(by divisor: Self) -> Self {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
