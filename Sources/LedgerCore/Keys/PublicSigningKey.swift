import Crypto
import Synchronization

/// An Ed25519 public key, written `ed25519:` + base64 of its 32 bytes (FORMAT.md §3).
///
/// Only a *strong key* (FORMAT.md §5.1: canonical, on the curve, of prime order) can be made, so
/// no code path can register or trust the identity point or any other key under which a
/// signature can be forged without the private key.
public struct PublicSigningKey: Sendable, Hashable, CustomStringConvertible {
    /// Why bytes or text are not a public key parledger accepts.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// Not `ed25519:` followed by canonical base64 of 32 bytes.
        case format
        /// `y ≥ p`, or a zero x with its sign bit set.
        case nonCanonical
        /// No curve point has this encoding.
        case notOnCurve
        /// A point of small order: signatures under it can be forged.
        case smallOrder
        /// A point with a small-order component: never made by key generation.
        case mixedOrder

        public var description: String {
            switch self {
            case .format: "is not ed25519: followed by the base64 of 32 bytes"
            case .nonCanonical: "is not the canonical encoding of a curve point"
            case .notOnCurve: "is not a point of the Ed25519 curve"
            case .smallOrder: "is a point of small order, under which anyone could sign"
            case .mixedOrder: "has a small-order component; a real Ed25519 key never has"
            }
        }
    }

    /// The 32 raw bytes of RFC 8032.
    public let rawBytes: [UInt8]
    /// The key's id.
    public let keyID: KeyID
    private let key: Curve25519.Signing.PublicKey

    static let prefix = "ed25519:"

    /// Keys already found strong in this process. A ledger decodes each registration more than
    /// once (to start checking signatures, then to apply it), and the check costs a scalar
    /// multiplication; there are only as many keys as people, so the set stays small.
    private static let knownStrong = Mutex<Set<[UInt8]>>([])

    /// Wraps 32 raw bytes, refusing any that are not a strong key (FORMAT.md §5.1).
    public init(validating rawBytes: [UInt8]) throws(Problem) {
        guard rawBytes.count == 32 else { throw .format }
        if !Self.knownStrong.withLock({ $0.contains(rawBytes) }) {
            switch Edwards25519.weakness(of: rawBytes) {
            case .nonCanonical: throw .nonCanonical
            case .notOnCurve: throw .notOnCurve
            case .smallOrder: throw .smallOrder
            case .mixedOrder: throw .mixedOrder
            case nil: Self.knownStrong.withLock { _ = $0.insert(rawBytes) }
            }
        }
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawBytes) else { throw .notOnCurve }
        self.rawBytes = rawBytes
        self.key = key
        self.keyID = KeyID(of: rawBytes)
    }

    /// Parses the text form `ed25519:BASE64`, refusing any key that is not strong.
    public init(validatingText text: String) throws(Problem) {
        guard text.hasPrefix(Self.prefix), let bytes = Base64.decode(String(text.dropFirst(Self.prefix.count))) else {
            throw .format
        }
        try self.init(validating: bytes)
    }

    /// Wraps 32 raw bytes; nil when they are not a strong key.
    public init?(rawBytes: [UInt8]) {
        guard let key = try? PublicSigningKey(validating: rawBytes) else { return nil }
        self = key
    }

    /// Parses the text form `ed25519:BASE64`; nil when it is not a strong key.
    public init?(text: String) {
        guard let key = try? PublicSigningKey(validatingText: text) else { return nil }
        self = key
    }

    /// The text form, as `--public-key` and the ledger accept it.
    public var text: String { Self.prefix + Base64.encode(rawBytes) }

    public var description: String { text }

    /// Whether `signature` is this key's Ed25519 signature of `message`, by the one rule of
    /// FORMAT.md §5.1: `S` below the group order, `R` not a small-order point, then the
    /// cofactorless equation (BoringSSL's, as OpenSSL's and WebCrypto's).
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64, Edwards25519.isCanonicalScalar(signature[32...]),
            !Edwards25519.smallOrderEncodings.contains(Array(signature[..<32]))
        else { return false }
        return key.isValidSignature(signature, for: message)
    }

    public static func == (left: PublicSigningKey, right: PublicSigningKey) -> Bool { left.rawBytes == right.rawBytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawBytes) }
}
