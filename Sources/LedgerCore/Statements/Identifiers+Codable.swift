/// The ledger's identifiers and values are `Codable` as their text, for caches that are not part
/// of the signed format (projection snapshots). Decoding checks the text like any input.
protocol TextCodable: Codable {
    static func decoded(_ text: String) -> Self?
    var codedText: String { get }
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self.decoded(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a valid \(Self.self): \(text)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(codedText)
    }
}

extension LedgerID: TextCodable {
    static func decoded(_ text: String) -> Self? { Self(text) }
    var codedText: String { text }
}

extension StatementID: TextCodable {
    static func decoded(_ text: String) -> Self? { Self(text) }
    var codedText: String { text }
}

extension EventType: TextCodable {
    static func decoded(_ text: String) -> Self? { Self(text) }
    var codedText: String { text }
}

extension UnitCode: TextCodable {
    static func decoded(_ text: String) -> Self? { Self(text) }
    var codedText: String { text }
}

extension Timestamp: TextCodable {
    static func decoded(_ text: String) -> Self? { Self(text: text) }
    var codedText: String { text }
}

extension KeyID: TextCodable {
    static func decoded(_ text: String) -> Self? { Self(text) }
    var codedText: String { hex }
}

extension SHA256Hash: TextCodable {
    static func decoded(_ text: String) -> Self? { Self(hex: text) }
    var codedText: String { hex }
}

extension PublicSigningKey: TextCodable {
    static func decoded(_ text: String) -> Self? { Self(text: text) }
    var codedText: String { text }
}

extension Role: Codable {}
