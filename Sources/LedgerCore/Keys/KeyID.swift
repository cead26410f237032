/// A key's identity: the hex SHA-256 of its 32-byte Ed25519 public key (FORMAT.md §3).
public struct KeyID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 64 lowercase hex characters.
    public let hex: String

    /// Accepts exactly 64 lowercase hex characters.
    public init?(_ hex: String) {
        guard SHA256Hash(hex: hex) != nil else { return nil }
        self.hex = hex
    }

    init(of publicKeyBytes: [UInt8]) {
        self.hex = SHA256Hash.of(publicKeyBytes).hex
    }

    /// The first 16 hex characters, for tables and messages.
    public var short: String { String(hex.prefix(16)) }

    public var description: String { hex }

    public static func < (left: KeyID, right: KeyID) -> Bool { left.hex < right.hex }
}
