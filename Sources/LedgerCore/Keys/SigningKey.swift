import Crypto

/// A person's Ed25519 private key, with the name it was made for.
///
/// Its `description` names the key id only: private key material never reaches output, logs or
/// error messages.
public struct SigningKey: Sendable, CustomStringConvertible {
    private let key: Curve25519.Signing.PrivateKey
    /// The person or office the key belongs to, in NFC.
    public let name: String
    /// The public half.
    public let publicKey: PublicSigningKey

    /// Rebuilds a key from its 32-byte RFC 8032 seed.
    public init?(seed: [UInt8], name: String) {
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed),
            let publicKey = PublicSigningKey(rawBytes: Array(key.publicKey.rawRepresentation))
        else { return nil }
        self.key = key
        self.name = name
        self.publicKey = publicKey
    }

    /// A fresh key from the system's secure random source.
    public static func generate(name: String) -> SigningKey {
        // A fresh seed always yields a valid key; the loop only guards the optional initializer.
        while true {
            if let key = SigningKey(seed: Array(Curve25519.Signing.PrivateKey().rawRepresentation), name: name) {
                return key
            }
        }
    }

    /// The key's id.
    public var keyID: KeyID { publicKey.keyID }

    /// The 32-byte seed, for writing the key file and nothing else.
    public var seed: [UInt8] { Array(key.rawRepresentation) }

    /// The Ed25519 signature of `message` (deterministic, RFC 8032).
    public func sign(_ message: [UInt8]) -> [UInt8] {
        // Signing with a well-formed key cannot fail; an empty signature would be refused by every verifier.
        (try? Array(key.signature(for: message))) ?? []
    }

    public var description: String { "SigningKey(\(keyID.short)…, \(name))" }
}
