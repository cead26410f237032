public import Appraisal

/// An exact rational number of points (projections/RULES.md §1): survey means, totals and indexes are kept
/// as ratios until a figure is published, then rounded half-up once. Always in lowest terms with
/// a positive denominator, in 128-bit integers.
///
/// Should a sum's common denominator ever pass 2^127 (dozens of survey leaves whose answer counts
/// share no factor), both terms are first carried to 10^-30 of a point, rounded half-up, and the
/// result is marked inexact: 28 orders of magnitude below the published precision.
public struct Ratio: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Int128
    public let denominator: Int128
    /// False once a sum had to be carried at 10^-30 (see above).
    public let isExact: Bool

    public init(_ numerator: Int128, _ denominator: Int128 = 1, exact: Bool = true) {
        precondition(denominator != 0, "a ratio's denominator is never 0")  // callers divide by counts they checked
        let sign: Int128 = denominator < 0 ? -1 : 1
        let divisor = Swift.max(1, Self.gcd(numerator.magnitude, denominator.magnitude))
        self.numerator = sign * (numerator / Int128(divisor))
        self.denominator = sign * (denominator / Int128(divisor))
        self.isExact = exact
    }

    /// Points as a ratio (thousandths over 1000).
    public init(_ points: Points) { self.init(Int128(points.thousandths), 1000) }

    public init(_ whole: Int) { self.init(Int128(whole), 1) }

    public static let zero = Ratio(0)

    private static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    private static let fine: Int128 = {
        var scale: Int128 = 1
        for _ in 0..<30 { scale *= 10 }
        return scale
    }()

    /// This value carried to 10^-30, rounded half-up.
    private var carried: Ratio { Ratio(scaled(digits: 30), Self.fine, exact: false) }

    /// round-half-up(self × 10^digits), as an integer (away from zero at .5).
    private func scaled(digits: Int) -> Int128 {
        let negative = numerator < 0
        let magnitude = numerator.magnitude
        let divisor = denominator.magnitude
        var units = magnitude / divisor
        var remainder = magnitude % divisor
        // Long division, one decimal digit at a time. The remainder stays below the denominator,
        // but ten times it may pass 2^128, so each step works in 256 bits: the digit is below 10.
        for _ in 0..<digits {
            let (digit, next) = divisor.dividingFullWidth(remainder.multipliedFullWidth(by: 10))
            units = units * 10 + digit
            remainder = next
        }
        if remainder * 2 >= divisor { units += 1 }
        let value = Int128(truncatingIfNeeded: units)
        return negative ? -value : value
    }

    public static func + (left: Ratio, right: Ratio) -> Ratio {
        let exact = left.isExact && right.isExact
        let divisor = Int128(gcd(left.denominator.magnitude, right.denominator.magnitude))
        let leftFactor = right.denominator / divisor
        let rightFactor = left.denominator / divisor
        let (common, overflowD) = left.denominator.multipliedReportingOverflow(by: leftFactor)
        let (leftPart, overflowL) = left.numerator.multipliedReportingOverflow(by: leftFactor)
        let (rightPart, overflowR) = right.numerator.multipliedReportingOverflow(by: rightFactor)
        if !(overflowD || overflowL || overflowR) {
            let (sum, overflowS) = leftPart.addingReportingOverflow(rightPart)
            if !overflowS { return Ratio(sum, common, exact: exact) }
        }
        let (a, b) = (left.carried, right.carried)
        return Ratio(a.numerator * (fine / a.denominator) + b.numerator * (fine / b.denominator), fine, exact: false)
    }

    public static prefix func - (value: Ratio) -> Ratio {
        Ratio(-value.numerator, value.denominator, exact: value.isExact)
    }

    public static func - (left: Ratio, right: Ratio) -> Ratio { left + -right }

    public static func * (left: Ratio, right: Ratio) -> Ratio {
        let first = Ratio(left.numerator, right.denominator)
        let second = Ratio(right.numerator, left.denominator)
        let (numerator, overflowN) = first.numerator.multipliedReportingOverflow(by: second.numerator)
        let (denominator, overflowD) = first.denominator.multipliedReportingOverflow(by: second.denominator)
        if !(overflowN || overflowD) { return Ratio(numerator, denominator, exact: left.isExact && right.isExact) }
        // Each factor carried to 10^-15 instead: a product of two figures below 10^4 points fits,
        // 13 orders of magnitude below the published precision (figures here stay below 10^4).
        let half: Int128 = 1_000_000_000_000_000
        let (product, overflow) = left.scaled(digits: 15).multipliedReportingOverflow(by: right.scaled(digits: 15))
        precondition(!overflow, "a product of ratios beyond 10^8 points: \(left) × \(right)")
        return Ratio(product, half * half, exact: false)
    }

    public static func / (left: Ratio, right: Ratio) -> Ratio {
        left * Ratio(right.denominator, right.numerator, exact: right.isExact)
    }

    public static func < (left: Ratio, right: Ratio) -> Bool { (left - right).numerator < 0 }

    public static func == (left: Ratio, right: Ratio) -> Bool {
        left.numerator == right.numerator && left.denominator == right.denominator
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(numerator)
        hasher.combine(denominator)
    }

    /// Rounded half-up (away from zero at .5) to `decimals` places: the only rounding of the
    /// appraisal, done where a figure is published.
    public func rounded(_ decimals: Int) -> Ratio {
        var scale: Int128 = 1
        for _ in 0..<decimals { scale *= 10 }
        return Ratio(scaled(digits: decimals), scale, exact: isExact)
    }

    /// The value rounded half-up to `decimals` places, as a decimal string such as "87.35".
    public func text(_ decimals: Int) -> String {
        var scale: Int128 = 1
        for _ in 0..<decimals { scale *= 10 }
        let units = scaled(digits: decimals)
        let magnitude = units.magnitude
        let whole = magnitude / UInt128(scale)
        let fraction = String(magnitude % UInt128(scale))
        let sign = units < 0 ? "-" : ""
        guard decimals > 0 else { return "\(sign)\(whole)" }
        return "\(sign)\(whole).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
    }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }
}
