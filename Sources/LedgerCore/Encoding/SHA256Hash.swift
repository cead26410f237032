import Crypto

/// A SHA-256 value: an entry hash, a Merkle node or root, a blob address.
public struct SHA256Hash: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 lowercase hex characters.
    public init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = Hex.decode(hex) else { return nil }
        self.bytes = bytes
    }

    /// The `prev` of the genesis entry.
    public static let zero = SHA256Hash(unchecked: [UInt8](repeating: 0, count: 32))

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// SHA-256 of the given bytes.
    public static func of(_ data: some Sequence<UInt8>) -> SHA256Hash {
        SHA256Hash(unchecked: Array(SHA256.hash(data: Array(data))))
    }

    /// SHA-256 of a one-byte prefix followed by the data, without copying the data first.
    static func of(prefix: UInt8, _ parts: [UInt8]...) -> SHA256Hash {
        var hasher = SHA256()
        hasher.update(data: [prefix])
        for part in parts { hasher.update(data: part) }
        return SHA256Hash(unchecked: Array(hasher.finalize()))
    }

    /// Lowercase hex, as hashes appear in entries.
    public var hex: String { Hex.encode(bytes) }

    /// Standard base64, as roots appear in checkpoints.
    public var base64: String { Base64.encode(bytes) }

    /// The first 16 hex characters, for tables and messages.
    public var short: String { String(hex.prefix(16)) }

    public var description: String { hex }

    public static func < (left: SHA256Hash, right: SHA256Hash) -> Bool {
        left.bytes.lexicographicallyPrecedes(right.bytes)
    }
}
