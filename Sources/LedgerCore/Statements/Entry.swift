/// A statement as the log appended it (FORMAT.md §6).
public struct Entry: Sendable, Hashable {
    /// The 0-based position.
    public let seq: Int
    /// The log's clock when it appended the entry.
    public let recordedAt: Timestamp
    /// The hash of entry `seq − 1`, or zero for the genesis entry.
    public let prev: SHA256Hash
    /// The signed statement.
    public let signed: SignedStatement
    /// The canonical entry bytes.
    public let bytes: [UInt8]
    /// SHA-256(0x00 ‖ bytes): the chain link and the Merkle leaf.
    public let hash: SHA256Hash

    /// The statement inside.
    public var statement: Statement { signed.statement }

    /// Builds the entry the log appends.
    public init(seq: Int, recordedAt: Timestamp, prev: SHA256Hash, signed: SignedStatement) {
        self.seq = seq
        self.recordedAt = recordedAt
        self.prev = prev
        self.signed = signed
        self.bytes = CanonicalJSON.encode(
            .object([
                "prev": .string(prev.hex), "recordedAt": .string(recordedAt.text), "seq": .int(Int64(seq)),
                "signature": .string(Base64.encode(signed.signature)), "statement": signed.statement.json,
            ])
        )
        self.hash = Self.hash(of: bytes)
    }

    /// The entry hash of given entry bytes.
    public static func hash(of bytes: [UInt8]) -> SHA256Hash { SHA256Hash.of(prefix: 0x00, bytes) }

    /// Reads entry bytes, refusing anything that is not exactly canonical and well-formed.
    public init(bytes: [UInt8]) throws(LedgerFormatError) {
        let value: JSONValue
        do {
            value = try CanonicalJSON.parse(bytes)
        } catch {
            throw LedgerFormatError("", "not canonical JSON: \(error.description)")
        }
        guard CanonicalJSON.encode(value) == bytes else {
            throw LedgerFormatError("", "bytes are not in canonical form")
        }
        let reader = try ObjectReader(value, path: "")
        try reader.requireOnly(["prev", "recordedAt", "seq", "signature", "statement"])
        // A negative seq is well-formed here and fails the position check (FORMAT.md §11, check 2).
        let seq = try reader.int("seq")
        let signature = try reader.parsed("signature", as: "base64 Ed25519 signature") { text in
            Base64.decode(text).flatMap { $0.count == 64 ? $0 : nil }
        }
        let statement = try Statement(json: try reader.object("statement"))
        self.seq = Int(seq)
        self.recordedAt = try reader.parsed("recordedAt", as: "timestamp", Timestamp.init(text:))
        self.prev = try reader.parsed("prev", as: "hash", SHA256Hash.init(hex:))
        self.signed = SignedStatement(statement: statement, signature: signature)
        self.bytes = bytes
        self.hash = Self.hash(of: bytes)
    }
}
