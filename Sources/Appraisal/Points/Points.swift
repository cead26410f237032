/// An exact number of points, in thousandths of a point (projections/RULES.md §1: never binary floating
/// point). Scores, maxima, caps and coefficients are all `Points`; rounding happens only where a
/// figure is published.
///
/// In the ledger a `Points` is a decimal string in its shortest form: `"1.5"`, `"0.25"`, `"2"`,
/// `"-0.5"` — never a JSON number, never trailing zeros.
public struct Points: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// Thousandths of a point.
    public let thousandths: Int64

    /// The largest magnitude accepted: far above any score, far below overflow.
    static let limit: Int64 = 1_000_000_000_000

    public init(thousandths: Int64) { self.thousandths = thousandths }

    public static let zero = Points(thousandths: 0)

    /// Whole points.
    public init(_ whole: Int) { self.thousandths = Int64(whole) * 1000 }

    /// Reads the ledger's form: optional `-`, digits without leading zeros, and up to three
    /// decimals without trailing zeros. Nil for anything else.
    public init?(canonical text: String) {
        guard let parsed = Self.parse(text, lenient: false) else { return nil }
        self = parsed
    }

    /// Reads what a person types: also accepts a decimal comma (Vietnamese usage: `1,5`),
    /// trailing zeros (`1.50`) and surrounding spaces.
    public init?(typed text: String) {
        guard let parsed = Self.parse(text, lenient: true) else { return nil }
        self = parsed
    }

    private static func parse(_ text: String, lenient: Bool) -> Points? {
        var bytes = Array((lenient ? text.trimmingSpaces : text).utf8)
        if lenient { bytes = bytes.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 } }
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes.removeFirst()
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 12,
            whole.allSatisfy(Self.isDigit)
        else { return nil }
        if !lenient, whole.count > 1, whole.first == UInt8(ascii: "0") { return nil }
        var fraction = parts.count == 2 ? Array(parts[1]) : []
        if parts.count == 2 {
            guard !fraction.isEmpty, fraction.allSatisfy(Self.isDigit) else { return nil }
            if lenient {
                while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
            } else if fraction.last == UInt8(ascii: "0") {
                return nil
            }
            guard fraction.count <= 3 else { return nil }
        }
        var value: Int64 = 0
        for digit in whole { value = value * 10 + Int64(digit - UInt8(ascii: "0")) }
        var scale: Int64 = 100
        value *= 1000
        for digit in fraction {
            value += Int64(digit - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        guard value <= limit else { return nil }
        if negative {
            guard value != 0 || lenient else { return nil }
            value = -value
        }
        return Points(thousandths: value)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The ledger's form: shortest decimal.
    public var text: String {
        let magnitude = thousandths.magnitude
        let sign = thousandths < 0 ? "-" : ""
        let whole = magnitude / 1000
        var fraction = magnitude % 1000
        guard fraction != 0 else { return "\(sign)\(whole)" }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let padded = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - padded.count))\(padded)"
    }

    public var description: String { text }

    public static func < (left: Points, right: Points) -> Bool { left.thousandths < right.thousandths }
    public static func + (left: Points, right: Points) -> Points {
        Points(thousandths: left.thousandths + right.thousandths)
    }
    public static func - (left: Points, right: Points) -> Points {
        Points(thousandths: left.thousandths - right.thousandths)
    }
    public static prefix func - (value: Points) -> Points { Points(thousandths: -value.thousandths) }
}

extension String {
    /// The text without leading and trailing spaces and tabs (no Foundation needed).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
