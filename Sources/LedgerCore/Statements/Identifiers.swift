/// A ledger's id: also the origin line of its checkpoints (FORMAT.md §3).
public struct LedgerID: Sendable, Hashable, CustomStringConvertible {
    /// The id text.
    public let text: String

    /// Accepts 1–128 characters from U+0021–U+007E except `+`.
    public init?(_ text: String) {
        let bytes = text.utf8
        guard (1...128).contains(bytes.count), bytes.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E && $0 != 0x2B }) else {
            return nil
        }
        self.text = text
    }

    public var description: String { text }
}

/// A statement's id: a lowercase UUID chosen by the actor, the idempotency key of an append.
///
/// Kept as its 128 bits: the appraisal state keys evidence, claims and objections by it, and a
/// fold makes one for each of a million entries, so it hashes as one number and costs no
/// allocation; the text is written out when asked for.
public struct StatementID: Sendable, Hashable, CustomStringConvertible {
    /// The UUID's 128 bits, as two words: 8-byte aligned, so the id packs into statements and
    /// events without padding.
    private let high: UInt64
    private let low: UInt64

    /// The UUID's 128 bits: what a verifier remembers of every statement to catch a replay, so
    /// a million of them fit in 16 MB.
    public var bits: UInt128 { UInt128(high) << 64 | UInt128(low) }

    private init(bits: UInt128) {
        high = UInt64(truncatingIfNeeded: bits >> 64)
        low = UInt64(truncatingIfNeeded: bits)
    }

    /// The UUID text, lowercase 8-4-4-4-12.
    public var text: String {
        var characters: [UInt8] = []
        characters.reserveCapacity(36)
        for nibble in stride(from: 31, through: 0, by: -1) {
            if nibble == 23 || nibble == 19 || nibble == 15 || nibble == 11 { characters.append(UInt8(ascii: "-")) }
            characters.append(Hex.digits[Int(truncatingIfNeeded: bits >> (nibble * 4)) & 0xF])
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// Accepts the lowercase 8-4-4-4-12 form only.
    public init?(_ text: String) {
        self.init(utf8: text.utf8)
    }

    /// Accepts the lowercase 8-4-4-4-12 form only, from its UTF-8 bytes (an entry's, without
    /// making a string of them first).
    public init?(utf8 bytes: some Collection<UInt8>) {
        guard bytes.count == 36 else { return nil }
        // The first 16 hex digits fill the high word, the last 16 the low one.
        var words: (high: UInt64, low: UInt64) = (0, 0)
        var digits = 0
        for (position, byte) in bytes.enumerated() {
            if position == 8 || position == 13 || position == 18 || position == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let digit = Hex.value(byte) else { return nil }
            let value = UInt64(digit)
            if digits < 16 { words.high = words.high << 4 | value } else { words.low = words.low << 4 | value }
            digits += 1
        }
        high = words.high
        low = words.low
    }

    /// A statement id from 16 random bytes (a version 4 UUID).
    public init(randomBytes bytes: [UInt8]) {
        var uuid = bytes + [UInt8](repeating: 0, count: max(0, 16 - bytes.count))
        uuid[6] = (uuid[6] & 0x0F) | 0x40
        uuid[8] = (uuid[8] & 0x3F) | 0x80
        self.init(bits: uuid.prefix(16).reduce(UInt128(0)) { $0 << 8 | UInt128($1) })
    }

    public var description: String { text }
}

/// An explicit, versioned event type such as `selfScore.recorded/v1` (FORMAT.md §3).
public struct EventType: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The type text.
    public let text: String

    /// Accepts `name(.name)*/vN`, each name a lowercase ASCII letter then ASCII letters and digits.
    public init?(_ text: String) {
        var characters = text
        guard characters.withUTF8(Self.isValid) else { return nil }
        self.text = text
    }

    /// Whether UTF-8 bytes spell `name(.name)*/vN`; read in place, since every entry has a type.
    private static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return false }
        let version = bytes[(slash + 1)...]
        guard version.count >= 2, version.first == UInt8(ascii: "v"), version.dropFirst().first != UInt8(ascii: "0"),
            version.dropFirst().allSatisfy(ASCII.isDigit)
        else { return false }
        var nameStart = 0
        for index in 0...slash where index == slash || bytes[index] == UInt8(ascii: ".") {
            let name = bytes[nameStart..<index]
            guard let first = name.first, ASCII.isLower(first), name.allSatisfy(ASCII.isAlphanumeric) else {
                return false
            }
            nameStart = index + 1
        }
        return true
    }

    public var description: String { text }

    public static func < (left: EventType, right: EventType) -> Bool { left.text < right.text }
}

/// A unit's code, e.g. `SNV` or `H-CL` (FORMAT.md §3).
public struct UnitCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The code text.
    public let text: String
    /// FNV-1a of the text, worked out once: every score of a national ledger is kept in
    /// dictionaries keyed by unit and leaf, and hashing one word is cheaper than the text.
    private let fingerprint: UInt64

    /// Accepts 1–32 characters from `A–Z a–z 0–9 . _ -`.
    public init?(_ text: String) {
        guard (1...32).contains(text.utf8.count),
            text.utf8.allSatisfy({
                ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
                    || $0 == UInt8(ascii: "-")
            })
        else { return nil }
        self.text = text
        self.fingerprint = text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    public var description: String { text }

    public static func == (left: UnitCode, right: UnitCode) -> Bool {
        left.fingerprint == right.fingerprint && left.text == right.text
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }

    public static func < (left: UnitCode, right: UnitCode) -> Bool { left.text < right.text }
}

/// Byte classes for validating identifiers without going through `Character`.
enum ASCII {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLower(byte) || isUpper(byte) }
}
