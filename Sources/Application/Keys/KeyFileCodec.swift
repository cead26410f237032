import Crypto
import Foundation
public import LedgerCore
import _CryptoExtras

/// The text of a private key file, as the CLI and the web page write and read it (canonical
/// JSON ending in a line feed):
///
/// - `parledger-key/v2`, protected: the Ed25519 seed sealed with AES-256-GCM under a key that
///   scrypt derives from the holder's passphrase (NFC, UTF-8). The public facts (name, key id,
///   public key) stay readable, so a file can be told apart without its passphrase; the public key
///   is the sealing's additional data, so a file whose facts were swapped does not open.
/// - `parledger-key/v1`, unprotected: the bare seed. Still read (the demo's keys, files made before
///   passphrases), but refused unless the user says so.
public enum KeyFileCodec {
    public static let protectedFormat = "parledger-key/v2"
    public static let unprotectedFormat = "parledger-key/v1"
    /// The fewest characters (Unicode scalars after NFC) a passphrase may have.
    public static let shortestPassphrase = 8

    /// What a file holds before any passphrase is asked.
    public enum Content: Sendable {
        case unprotected(SigningKey)
        case protected(SealedKey)

        /// Whose key it is, readable without the passphrase.
        public var name: String {
            switch self {
            case .unprotected(let key): key.name
            case .protected(let sealed): sealed.name
            }
        }
    }

    /// Why a file could not be read or written.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case notAKeyFile
        /// The seed does not give the public key the file names.
        case damaged
        /// The sealing did not open: another passphrase, or an altered file.
        case wrongPassphrase
        case weakPassphrase

        public var description: String {
            switch self {
            case .notAKeyFile: "is not a parledger key file"
            case .damaged: "is damaged: its public key does not match its private key"
            case .wrongPassphrase: "does not open with this passphrase (or the file was altered)"
            case .weakPassphrase: "a passphrase must have at least \(KeyFileCodec.shortestPassphrase) characters"
            }
        }
    }

    /// scrypt's cost: 2^15 × 8 × 128 bytes = 32 MiB and about 0.1 s here, ~1 s in a browser.
    /// Files may name other costs, within bounds that keep a hostile file from exhausting memory.
    public struct Cost: Sendable, Equatable {
        public let n: Int
        public let r: Int
        public let p: Int

        public static let standard = Cost(n: 1 << 15, r: 8, p: 1)

        /// At most four times the standard work (N·r·p) and 256 MiB: a file cannot make its reader
        /// (a browser tab included) work for minutes.
        var isAcceptable: Bool {
            n >= 1 << 14 && n <= 1 << 20 && n & (n - 1) == 0 && (1...16).contains(r) && (1...4).contains(p)
                && 128 * n * r <= 256 << 20 && n * r * p <= 4 * (1 << 15) * 8
        }
    }

    /// A protected key whose public facts are read and whose seed is still sealed.
    public struct SealedKey: Sendable {
        public let name: String
        public let publicKey: PublicSigningKey
        let cost: Cost
        let salt: [UInt8]
        let nonce: [UInt8]
        let sealed: [UInt8]

        /// The key, if the passphrase opens the sealing.
        public func open(passphrase: String) throws(Problem) -> SigningKey {
            let sealingKey = try KeyFileCodec.sealingKey(passphrase, salt: salt, cost: cost)
            let seed: [UInt8]
            do {
                let box = try AES.GCM.SealedBox(
                    nonce: AES.GCM.Nonce(data: nonce),
                    ciphertext: sealed.prefix(32),
                    tag: sealed.suffix(16)
                )
                seed = Array(try AES.GCM.open(box, using: sealingKey, authenticating: Array(publicKey.text.utf8)))
            } catch {
                throw .wrongPassphrase
            }
            guard let key = SigningKey(seed: seed, name: name) else { throw .damaged }
            guard key.publicKey == publicKey else { throw .damaged }
            return key
        }
    }

    /// Reads a file's bytes.
    public static func read(_ bytes: [UInt8]) throws(Problem) -> Content {
        var bytes = bytes
        if bytes.last == 0x0A { bytes.removeLast() }
        guard let value = try? CanonicalJSON.parse(bytes), let name = value["name"]?.stringValue,
            !name.unicodeScalars.contains(where: isHidden)
        else {
            throw .notAKeyFile
        }
        switch value["format"]?.stringValue {
        case unprotectedFormat?:
            guard let seedText = value["seed"]?.stringValue, let seed = Base64.decode(seedText),
                let key = SigningKey(seed: seed, name: name)
            else { throw .notAKeyFile }
            if let publicText = value["publicKey"]?.stringValue, publicText != key.publicKey.text { throw .damaged }
            return .unprotected(key)
        case protectedFormat?:
            guard let publicText = value["publicKey"]?.stringValue,
                let publicKey = try? PublicSigningKey(validatingText: publicText),
                value["keyId"]?.stringValue == publicKey.keyID.hex,
                let protection = value["protection"], protection["kdf"]?.stringValue == "scrypt",
                protection["cipher"]?.stringValue == "aes-256-gcm",
                let n = protection["n"]?.intValue, let r = protection["r"]?.intValue,
                let p = protection["p"]?.intValue,
                let salt = protection["salt"]?.stringValue.flatMap(Base64.decode), salt.count == 16,
                let nonce = protection["nonce"]?.stringValue.flatMap(Base64.decode), nonce.count == 12,
                let sealed = value["sealedSeed"]?.stringValue.flatMap(Base64.decode), sealed.count == 48
            else { throw .notAKeyFile }
            let cost = Cost(n: Int(n), r: Int(r), p: Int(p))
            guard cost.isAcceptable else { throw .notAKeyFile }
            return .protected(
                SealedKey(name: name, publicKey: publicKey, cost: cost, salt: salt, nonce: nonce, sealed: sealed)
            )
        default:
            throw .notAKeyFile
        }
    }

    /// A protected file for the key.
    public static func protected(
        _ key: SigningKey,
        passphrase: String,
        cost: Cost = .standard
    ) throws(Problem) -> [UInt8] {
        guard passphrase.precomposedUnicodeScalarCount >= shortestPassphrase else { throw .weakPassphrase }
        let salt = randomBytes(16)
        let sealingKey = try sealingKey(passphrase, salt: salt, cost: cost)
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.seal(
                key.seed,
                using: sealingKey,
                nonce: AES.GCM.Nonce(),
                authenticating: Array(key.publicKey.text.utf8)
            )
        } catch {
            // Sealing 32 bytes with a 256-bit key and a fresh nonce cannot fail.
            preconditionFailure("AES-GCM refused to seal a key: \(error)")
        }
        let protection: JSONValue = [
            "kdf": "scrypt", "n": .int(Int64(cost.n)), "r": .int(Int64(cost.r)), "p": .int(Int64(cost.p)),
            "salt": .string(Base64.encode(salt)), "cipher": "aes-256-gcm",
            "nonce": .string(Base64.encode(Array(box.nonce))),
        ]
        return CanonicalJSON.encode([
            "format": .string(protectedFormat), "keyId": .string(key.keyID.hex), "name": .string(key.name),
            "publicKey": .string(key.publicKey.text), "protection": protection,
            "sealedSeed": .string(Base64.encode(Array(box.ciphertext) + Array(box.tag))),
        ]) + [0x0A]
    }

    /// An unprotected file for the key (`--unprotected`; the demo's keys).
    public static func unprotected(_ key: SigningKey) -> [UInt8] {
        CanonicalJSON.encode([
            "format": .string(unprotectedFormat), "keyId": .string(key.keyID.hex), "name": .string(key.name),
            "publicKey": .string(key.publicKey.text), "seed": .string(Base64.encode(key.seed)),
        ]) + [0x0A]
    }

    /// A control or bidirectional formatting character: a name shown on a terminal or a page may
    /// hold none (an edited file could otherwise move the cursor or reverse the text).
    private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value)
            || (0x2066...0x2069).contains(scalar.value) || scalar.value == 0x200E || scalar.value == 0x200F
    }

    static func sealingKey(_ passphrase: String, salt: [UInt8], cost: Cost) throws(Problem) -> SymmetricKey {
        let bytes = Array(passphrase.precomposedStringWithCanonicalMapping.utf8)
        do {
            return try KDF.Scrypt.deriveKey(
                from: bytes,
                salt: salt,
                outputByteCount: 32,
                rounds: cost.n,
                blockSize: cost.r,
                parallelism: cost.p
            )
        } catch {
            throw .notAKeyFile
        }
    }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

extension String {
    /// The passphrase's length as it is sealed: Unicode scalars after NFC.
    fileprivate var precomposedUnicodeScalarCount: Int { precomposedStringWithCanonicalMapping.unicodeScalars.count }
}
