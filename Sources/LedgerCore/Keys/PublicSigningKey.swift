import Crypto

/// An Ed25519 public key, written `ed25519:` + base64 of its 32 bytes (FORMAT.md §3).
public struct PublicSigningKey: Sendable, Hashable, CustomStringConvertible {
    /// The 32 raw bytes of RFC 8032.
    public let rawBytes: [UInt8]
    /// The key's id.
    public let keyID: KeyID
    private let key: Curve25519.Signing.PublicKey

    static let prefix = "ed25519:"

    /// Wraps 32 raw bytes; nil when they are not a valid Ed25519 point encoding.
    public init?(rawBytes: [UInt8]) {
        guard rawBytes.count == 32, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawBytes) else {
            return nil
        }
        self.rawBytes = rawBytes
        self.key = key
        self.keyID = KeyID(of: rawBytes)
    }

    /// Parses the text form `ed25519:BASE64`.
    public init?(text: String) {
        guard text.hasPrefix(Self.prefix), let bytes = Base64.decode(String(text.dropFirst(Self.prefix.count))) else {
            return nil
        }
        self.init(rawBytes: bytes)
    }

    /// The text form, as `--public-key` and the ledger accept it.
    public var text: String { Self.prefix + Base64.encode(rawBytes) }

    public var description: String { text }

    /// Whether `signature` is this key's Ed25519 signature of `message`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        signature.count == 64 && key.isValidSignature(signature, for: message)
    }

    public static func == (left: PublicSigningKey, right: PublicSigningKey) -> Bool { left.rawBytes == right.rawBytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawBytes) }
}
