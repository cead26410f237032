/// A moment in UTC, written `YYYY-MM-DDTHH:MM:SS.mmmZ` (FORMAT.md §3).
///
/// The fixed width makes string order equal time order, so a verifier in any language compares
/// timestamps as text.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let millisecondsSinceEpoch: Int64
    /// The 24-character text, kept: entries are written and read far more often than made.
    public let text: String

    /// Years 0001–9999 keep the text exactly 24 characters wide.
    static let earliest: Int64 = -62_135_596_800_000
    static let latest: Int64 = 253_402_300_799_999

    /// A timestamp from milliseconds since the epoch; nil outside years 0001–9999.
    public init?(millisecondsSinceEpoch: Int64) {
        guard (Self.earliest...Self.latest).contains(millisecondsSinceEpoch) else { return nil }
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
        self.text = Self.format(millisecondsSinceEpoch)
    }

    /// 1970-01-01T00:00:00.000Z.
    public static let epoch = Timestamp(clamped: 0)

    /// Parses the exact 24-character form; nil for anything else, including impossible dates.
    public init?(text: String) {
        var digits = text
        guard let milliseconds = digits.withUTF8(Self.milliseconds(parsing:)) else { return nil }
        self.millisecondsSinceEpoch = milliseconds
        self.text = text
    }

    /// Milliseconds since the epoch of the exact 24-character form, read from its UTF-8 bytes in
    /// place (every entry has two timestamps).
    private static func milliseconds(parsing bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            let millisecond = number(20..<23),
            year >= 1, (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
    }

    /// The 24-character text.
    private static func format(_ millisecondsSinceEpoch: Int64) -> String {
        let (days, dayMilliseconds) = millisecondsSinceEpoch.floorDivided(by: 86_400_000)
        let (year, month, day) = Self.civilFromDays(days)
        let hour = dayMilliseconds / 3_600_000
        let minute = dayMilliseconds / 60_000 % 60
        let second = dayMilliseconds / 1000 % 60
        let millisecond = dayMilliseconds % 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))."
            + "\(pad(millisecond, 3))Z"
    }

    public var description: String { text }

    /// This moment moved by a number of milliseconds, clamped to the representable range.
    public func adding(milliseconds: Int64) -> Timestamp {
        let moved = min(max(millisecondsSinceEpoch &+ milliseconds, Self.earliest), Self.latest)
        return Timestamp(clamped: moved)
    }

    private init(clamped: Int64) {
        self.millisecondsSinceEpoch = clamped
        self.text = Self.format(clamped)
    }

    public static func == (left: Timestamp, right: Timestamp) -> Bool {
        left.millisecondsSinceEpoch == right.millisecondsSinceEpoch
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(millisecondsSinceEpoch) }

    public static func < (left: Timestamp, right: Timestamp) -> Bool {
        left.millisecondsSinceEpoch < right.millisecondsSinceEpoch
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian arithmetic.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> (Int64, Int64) {
        let quotient = self >= 0 ? self / divisor : (self - divisor + 1) / divisor
        return (quotient, self - quotient * divisor)
    }
}
