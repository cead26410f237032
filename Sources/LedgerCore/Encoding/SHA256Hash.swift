import Crypto

/// A SHA-256 value: an entry hash, a Merkle node or root, a blob address.
///
/// Kept as four words rather than an array: a fold or a verify makes several hashes per entry
/// (the entry's, the tree's nodes), and none of them then costs an allocation.
public struct SHA256Hash: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 32 bytes as four big-endian words, so that comparing the words in order compares the
    /// bytes in order.
    private let words: (UInt64, UInt64, UInt64, UInt64)

    /// The 32 bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Wraps 32 bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.init(unchecked: bytes)
    }

    /// Parses 64 lowercase hex characters.
    public init?(hex: String) {
        var hex = hex
        guard let parsed = hex.withUTF8(SHA256Hash.init(hexDigits:)) else { return nil }
        self = parsed
    }

    /// Parses 64 lowercase hex digits given as UTF-8, straight into the words: every entry's
    /// `prev` is read this way, without a string or an array in between.
    init?(hexDigits digits: UnsafeBufferPointer<UInt8>) {
        guard digits.count == 64 else { return nil }
        func word(_ index: Int) -> UInt64? {
            var value: UInt64 = 0
            for digit in digits[(index * 16)..<(index * 16 + 16)] {
                guard let nibble = Hex.value(digit) else { return nil }
                value = value << 4 | UInt64(nibble)
            }
            return value
        }
        guard let first = word(0), let second = word(1), let third = word(2), let fourth = word(3) else { return nil }
        words = (first, second, third, fourth)
    }

    /// The `prev` of the genesis entry.
    public static let zero = SHA256Hash(unchecked: [UInt8](repeating: 0, count: 32))

    init(unchecked bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { SHA256Hash(raw: $0) }
    }

    /// The first 32 bytes of a buffer.
    init(raw buffer: UnsafeRawBufferPointer) {
        func word(_ offset: Int) -> UInt64 {
            UInt64(bigEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        words = (word(0), word(8), word(16), word(24))
    }

    /// Calls `body` with the 32 bytes, laid out on the stack.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var bigEndian = (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian)
        return try Swift.withUnsafeBytes(of: &bigEndian) { try body($0) }
    }

    public static func == (left: SHA256Hash, right: SHA256Hash) -> Bool {
        left.words.0 == right.words.0 && left.words.1 == right.words.1 && left.words.2 == right.words.2
            && left.words.3 == right.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    /// SHA-256 of the given bytes.
    public static func of(_ data: some Sequence<UInt8>) -> SHA256Hash {
        SHA256.hash(data: Array(data)).withUnsafeBytes { SHA256Hash(raw: $0) }
    }

    /// SHA-256 of a one-byte prefix followed by the data, without copying the data first.
    static func of(prefix: UInt8, _ parts: [UInt8]...) -> SHA256Hash {
        var hasher = SHA256()
        Swift.withUnsafeBytes(of: prefix) { hasher.update(bufferPointer: $0) }
        for part in parts { part.withUnsafeBytes { hasher.update(bufferPointer: $0) } }
        return hasher.finalize().withUnsafeBytes { SHA256Hash(raw: $0) }
    }

    /// SHA-256(0x01 ‖ left ‖ right): a Merkle node (RFC 9162), hashed from the stack.
    static func node(_ left: SHA256Hash, _ right: SHA256Hash) -> SHA256Hash {
        var hasher = SHA256()
        Swift.withUnsafeBytes(of: UInt8(0x01)) { hasher.update(bufferPointer: $0) }
        left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { SHA256Hash(raw: $0) }
    }

    /// Lowercase hex, as hashes appear in entries.
    public var hex: String { Hex.encode(bytes) }

    /// Standard base64, as roots appear in checkpoints.
    public var base64: String { Base64.encode(bytes) }

    /// The first 16 hex characters, for tables and messages.
    public var short: String { String(hex.prefix(16)) }

    public var description: String { hex }

    public static func < (left: SHA256Hash, right: SHA256Hash) -> Bool {
        (left.words.0, left.words.1, left.words.2, left.words.3)
            < (right.words.0, right.words.1, right.words.2, right.words.3)
    }
}
