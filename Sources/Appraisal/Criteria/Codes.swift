package import LedgerCore

/// A criterion's code in its set's tree: dot-separated positive integers, `3` (a domain), `3.3`
/// (a criterion) or `3.3.1` (a sub-criterion), at most four parts.
public struct CriterionCode: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The parts, 16 bits each from the most significant, unused parts 0 (no part is 0): one
    /// integer to hash and compare, since every score is keyed by a code.
    private let packed: UInt64

    public init?(_ text: String) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(pieces.count) else { return nil }
        var parts: [Int] = []
        for piece in pieces {
            guard (1...4).contains(piece.utf8.count), piece.utf8.first != UInt8(ascii: "0"),
                piece.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let number = Int(piece)
            else { return nil }
            parts.append(number)
        }
        self.init(parts: parts)
    }

    private init(parts: [Int]) {
        var packed: UInt64 = 0
        for index in 0..<4 { packed = packed << 16 | UInt64(index < parts.count ? parts[index] : 0) }
        self.packed = packed
    }

    /// The parts, e.g. [3, 3, 1].
    public var parts: [Int] {
        (0..<4).map { Int((packed >> (48 - 16 * UInt64($0))) & 0xFFFF) }.filter { $0 != 0 }
    }

    /// How many parts: 1 for a domain.
    public var depth: Int { (0..<4).filter { (packed >> (48 - 16 * UInt64($0))) & 0xFFFF != 0 }.count }

    /// The code of the domain this criterion belongs to.
    public var domain: CriterionCode { CriterionCode(packed: packed & 0xFFFF_0000_0000_0000) }

    private init(packed: UInt64) { self.packed = packed }

    /// Whether `child` sits directly under this code.
    public func isParent(of child: CriterionCode) -> Bool {
        let depth = depth
        guard child.depth == depth + 1 else { return false }
        let shift = UInt64(16 * (4 - depth))
        return child.packed >> shift == packed >> shift
    }

    public var text: String { parts.map(String.init).joined(separator: ".") }
    public var description: String { text }

    /// Tree order: 1.2 before 1.10, a parent before its children.
    public static func < (left: CriterionCode, right: CriterionCode) -> Bool { left.packed < right.packed }
}

/// A short configured code: a unit group, a criteria set, a survey template, a respondent group
/// (`a–z 0–9 -`, 1–40), or, with capitals allowed, a bonus/penalty item or a survey question.
public struct ConfigCode: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let text: String

    public init?(_ text: String, allowingCapitals: Bool = false) {
        guard (1...40).contains(text.utf8.count),
            text.utf8.allSatisfy({ byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                    || (allowingCapitals && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            })
        else { return nil }
        self.text = text
    }

    /// An item or question code, where capitals are usual (`B1`, `Q7`).
    public static func item(_ text: String) -> ConfigCode? { ConfigCode(text, allowingCapitals: true) }

    public var description: String { text }
    public static func < (left: ConfigCode, right: ConfigCode) -> Bool { left.text < right.text }
}

/// How a leaf is scored (events/PROCESS.md §3).
public enum ScoringMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// Tự đánh giá: the unit self-scores, the council appraises.
    case selfAssessed = "TĐG"
    /// Điều tra xã hội học: computed from survey forms; units never score it.
    case survey = "XHH"
}

/// What a leaf confirmed not applicable does to a unit's score (projections/RULES.md §4).
public enum NotApplicablePolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// The leaf leaves both the score and the max.
    case excludeFromMax
    /// The leaf is awarded its max.
    case awardMax
}

/// A leaf's own N/A rule: not allowed, the campaign's default, or a policy of its own.
public enum LeafNotApplicable: String, Sendable, Hashable, CaseIterable, Codable {
    case notAllowed
    case allowed
    case excludeFromMax
    case awardMax
}

/// A decision or plan of the authority: its number and date.
public struct DecisionReference: Sendable, Hashable, Codable {
    public let number: String
    public let date: CalendarDate

    public init(number: String, date: CalendarDate) {
        self.number = number
        self.date = date
    }

    static func read(_ reader: ObjectReader) throws(LedgerFormatError) -> DecisionReference {
        try reader.requireOnly(["number", "date"])
        return DecisionReference(
            number: try reader.text("number", .shortText),
            date: try reader.parsed("date", as: "date (YYYY-MM-DD)", CalendarDate.init)
        )
    }

    var json: JSONValue { ["number": .string(number), "date": date.json] }
}

/// A calendar date, `YYYY-MM-DD`.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let text: String

    public init?(_ text: String) {
        guard text.utf8.count == 10, Timestamp(text: text + "T00:00:00.000Z") != nil else { return nil }
        self.text = text
    }

    public var description: String { text }
    public static func < (left: CalendarDate, right: CalendarDate) -> Bool { left.text < right.text }
}

extension ObjectReader {
    /// A points member in the ledger's form.
    func points(_ name: String) throws(LedgerFormatError) -> Points {
        try parsed(name, as: "number of points (a decimal string such as \"1.5\")", { Points(canonical: $0) })
    }

    /// A points member that is 0 or more (a score).
    func nonNegativePoints(_ name: String) throws(LedgerFormatError) -> Points {
        let value = try points(name)
        guard value >= .zero else { throw LedgerFormatError(location(name), "must not be negative") }
        return value
    }

    /// A points member that is more than 0 (a bonus or deduction).
    func positivePoints(_ name: String) throws(LedgerFormatError) -> Points {
        let value = try points(name)
        guard value > .zero else { throw LedgerFormatError(location(name), "must be more than 0") }
        return value
    }

    func unit(_ name: String = "unit") throws(LedgerFormatError) -> UnitCode {
        try parsed(name, as: "unit code", UnitCode.init)
    }

    func leaf(_ name: String = "leaf") throws(LedgerFormatError) -> CriterionCode {
        try parsed(name, as: "criterion code (such as 3.3.1)", CriterionCode.init)
    }

    package func code(_ name: String, capitals: Bool = false) throws(LedgerFormatError) -> ConfigCode {
        try parsed(name, as: capitals ? "code (A–Z a–z 0–9 -)" : "code (a–z 0–9 -)") {
            ConfigCode($0, allowingCapitals: capitals)
        }
    }

    package func keyID(_ name: String) throws(LedgerFormatError) -> KeyID {
        try parsed(name, as: "key id", KeyID.init)
    }

    /// A survey form's serial (`AppraisalEvent.SurveyForm.isSerial`).
    package func serial(_ name: String) throws(LedgerFormatError) -> String {
        try parsed(name, as: "form serial", AppraisalEvent.serial)
    }

    func statementReference(_ name: String) throws(LedgerFormatError) -> StatementID {
        try parsed(name, as: "statement id", StatementID.init)
    }

    func timestamp(_ name: String) throws(LedgerFormatError) -> Timestamp {
        try parsed(name, as: "timestamp (YYYY-MM-DDTHH:MM:SS.mmmZ)", { Timestamp(text: $0) })
    }

    func decision(_ name: String) throws(LedgerFormatError) -> DecisionReference {
        try DecisionReference.read(try reader(name))
    }

    func choice<T: Choice>(_ name: String, _ type: T.Type) throws(LedgerFormatError) -> T {
        try parsed(
            name,
            as: "value (one of \(T.allCases.map(\.rawValue).joined(separator: ", ")))",
            { T(rawValue: $0) }
        )
    }
}

/// A closed set of string values in a payload.
protocol Choice: RawRepresentable<String>, CaseIterable {}

extension ScoringMethod: Choice {}
extension NotApplicablePolicy: Choice {}
extension LeafNotApplicable: Choice {}

/// A value written in payloads as one JSON string, its `text`.
protocol PayloadText {
    var text: String { get }
}

extension PayloadText {
    var json: JSONValue { .string(text) }
}

extension CriterionCode: PayloadText {}
extension ConfigCode: PayloadText {}
extension CalendarDate: PayloadText {}
extension Points: PayloadText {}
extension UnitCode: PayloadText {}
extension StatementID: PayloadText {}
extension Timestamp: PayloadText {}

/// A payload object of the members that have a value: an optional member is absent, never null.
func present(_ members: [String: JSONValue?]) -> [String: JSONValue] { members.compactMapValues { $0 } }

/// A reader for an element of an array member.
func elementReader(_ element: (JSONValue, String)) throws(LedgerFormatError) -> ObjectReader {
    try ObjectReader(element.0, path: element.1)
}
