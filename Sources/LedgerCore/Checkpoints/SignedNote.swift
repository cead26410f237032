/// A C2SP signed note (c2sp.org/signed-note): text, a blank line, signature lines.
public struct SignedNote: Sendable, Equatable {
    /// One `— name base64(keyID ‖ signature)` line.
    public struct Signature: Sendable, Equatable {
        /// The key name.
        public let name: String
        /// The 4-byte key ID.
        public let keyHash: [UInt8]
        /// The signature bytes after the key ID.
        public let signature: [UInt8]

        public init(name: String, keyHash: [UInt8], signature: [UInt8]) {
            self.name = name
            self.keyHash = keyHash
            self.signature = signature
        }

        var line: String { "— \(name) \(Base64.encode(keyHash + signature))\n" }
    }

    /// The signed text, ending in a newline.
    public let text: String
    /// The signature lines, in order.
    public private(set) var signatures: [Signature]

    public init(text: String, signatures: [Signature]) {
        self.text = text
        self.signatures = signatures
    }

    /// The most signature lines a note may carry (FORMAT.md §12; signed-note asks for at least 16).
    public static let maximumSignatures = 1000

    /// Parses a note, refusing anything signed-note (and FORMAT.md §12) does not allow.
    public init(parsing note: String) throws(LedgerViolation) {
        func malformed(_ detail: String) -> LedgerViolation { LedgerViolation(.checkpointFormat, detail) }
        guard note.unicodeScalars.allSatisfy({ $0 == "\n" || $0.value >= 0x20 }) else {
            throw malformed("a note may not contain control characters other than newline")
        }
        guard note.unicodeScalars.first != "\u{FEFF}" else {
            throw malformed("the note begins with a byte order mark")
        }
        let bytes = Array(note.utf8)
        // The text ends at the last blank line: signature lines never contain one.
        guard let separator = (1..<max(1, bytes.count)).last(where: { bytes[$0] == 0x0A && bytes[$0 - 1] == 0x0A })
        else {
            throw malformed("no blank line separates the text from the signatures: the checkpoint is unsigned")
        }
        let text = String(decoding: bytes[..<separator], as: UTF8.self)
        let signatureBlock = String(decoding: bytes[(separator + 1)...], as: UTF8.self)
        guard signatureBlock.hasSuffix("\n") else {
            throw malformed("the last signature line does not end in a newline")
        }
        var signatures: [Signature] = []
        for line in signatureBlock.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            guard signatures.count < Self.maximumSignatures else {
                throw malformed("a note may carry at most \(Self.maximumSignatures) signature lines")
            }
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "—", Self.isKeyName(parts[1]),
                let bytes = Base64.decode(String(parts[2])), bytes.count > 4
            else { throw malformed("a signature line is not '— <key name> <base64>'") }
            signatures.append(
                Signature(name: String(parts[1]), keyHash: Array(bytes[0..<4]), signature: Array(bytes[4...]))
            )
        }
        guard !signatures.isEmpty else { throw malformed("the note has no signature") }
        self.text = text
        self.signatures = signatures
    }

    /// A key name is non-empty, without `+` and without any Unicode space (FORMAT.md §12 lists them:
    /// the White_Space characters, as Go's sumdb/note refuses them).
    static func isKeyName(_ name: Substring) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                scalar != "+" && !scalar.properties.isWhitespace
            }
    }

    /// The note as text.
    public var serialized: String { text + "\n" + signatures.map(\.line).joined() }

    /// Adds a signature line.
    public mutating func append(_ signature: Signature) { signatures.append(signature) }

    /// The C2SP key ID: SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4].
    public static func keyHash(name: String, type: UInt8, publicKey: PublicSigningKey) -> [UInt8] {
        Array(SHA256Hash.of(Array(name.utf8) + [0x0A, type] + publicKey.rawBytes).bytes.prefix(4))
    }

    /// Signature type 0x01: a plain Ed25519 note signature.
    public static let ed25519Type: UInt8 = 0x01
    /// Signature type 0x04: a timestamped `cosignature/v1`.
    public static let cosignatureType: UInt8 = 0x04
}
