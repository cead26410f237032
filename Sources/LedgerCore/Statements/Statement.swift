/// What an actor signs (FORMAT.md §4).
public struct Statement: Sendable, Hashable {
    /// The ledger the statement is meant for.
    public let ledger: LedgerID
    /// The idempotency key.
    public let statementID: StatementID
    /// The event type.
    public let type: EventType
    /// The signing key.
    public let actor: KeyID
    /// When the actor says they made it.
    public let claimedAt: Timestamp
    /// The canonical bytes, computed once: they are what is signed and hashed.
    public let canonicalBytes: [UInt8]
    /// Where the payload object lies in `canonicalBytes`.
    private let payloadRange: Range<Int>

    /// The payload's canonical bytes.
    public var payloadBytes: ArraySlice<UInt8> { canonicalBytes[payloadRange] }

    /// The event's data, decoded from the canonical bytes when asked for. Verification never
    /// asks for a domain event's payload (unless it may hold a blob reference), which is why
    /// the tree is not kept.
    public var payload: [String: JSONValue] {
        (try? CanonicalJSON.parse(Array(payloadBytes)))?.objectValue ?? [:]
    }

    /// False when the payload certainly has no `blob` member (FORMAT.md §10), without decoding it.
    public var mayReferenceBlobs: Bool { payloadBytes.containsBytes(Self.blobNeedle) }

    private static let blobNeedle = Array("\"blob\":".utf8)

    /// Builds a statement, checking that the payload is canonical-JSON-encodable (NFC text,
    /// integers within 2^53 − 1).
    public init(
        ledger: LedgerID,
        statementID: StatementID,
        type: EventType,
        actor: KeyID,
        claimedAt: Timestamp,
        payload: [String: JSONValue]
    ) throws(LedgerFormatError) {
        do {
            try CanonicalJSON.validate(.object(payload))
        } catch {
            throw LedgerFormatError("payload", error.detail)
        }
        self.init(
            ledger: ledger,
            statementID: statementID,
            type: type,
            actor: actor,
            claimedAt: claimedAt,
            canonicalPayload: CanonicalJSON.encode(.object(payload))
        )
    }

    /// Assembles the canonical bytes around an already canonical payload: the members in their
    /// canonical order, `actor, claimedAt, ledger, payload, statementId, type`.
    init(
        ledger: LedgerID,
        statementID: StatementID,
        type: EventType,
        actor: KeyID,
        claimedAt: Timestamp,
        canonicalPayload: [UInt8]
    ) {
        self.ledger = ledger
        self.statementID = statementID
        self.type = type
        self.actor = actor
        self.claimedAt = claimedAt
        var bytes: [UInt8] = []
        bytes.reserveCapacity(canonicalPayload.count + 300)
        bytes.append(contentsOf: #"{"actor":"#.utf8)
        CanonicalJSON.writeString(actor.hex, into: &bytes)
        bytes.append(contentsOf: #","claimedAt":"#.utf8)
        CanonicalJSON.writeString(claimedAt.text, into: &bytes)
        bytes.append(contentsOf: #","ledger":"#.utf8)
        CanonicalJSON.writeString(ledger.text, into: &bytes)
        bytes.append(contentsOf: #","payload":"#.utf8)
        let payloadStart = bytes.count
        bytes.append(contentsOf: canonicalPayload)
        self.payloadRange = payloadStart..<bytes.count
        bytes.append(contentsOf: #","statementId":"#.utf8)
        CanonicalJSON.writeString(statementID.text, into: &bytes)
        bytes.append(contentsOf: #","type":"#.utf8)
        CanonicalJSON.writeString(type.text, into: &bytes)
        bytes.append(UInt8(ascii: "}"))
        self.canonicalBytes = bytes
    }

    /// A statement read from bytes already checked to be canonical, with its parts: the bytes are
    /// kept as they are (the verifier's hot path).
    init(
        canonicalBytes: [UInt8],
        payloadRange: Range<Int>,
        ledger: LedgerID,
        statementID: StatementID,
        type: EventType,
        actor: KeyID,
        claimedAt: Timestamp
    ) {
        self.ledger = ledger
        self.statementID = statementID
        self.type = type
        self.actor = actor
        self.claimedAt = claimedAt
        self.canonicalBytes = canonicalBytes
        self.payloadRange = payloadRange
    }

    /// Reads a statement from its JSON object, refusing anything FORMAT.md §4 does not allow.
    public init(json: JSONValue, path: String = "statement") throws(LedgerFormatError) {
        let reader = try ObjectReader(json, path: path)
        try reader.requireOnly(["actor", "claimedAt", "ledger", "payload", "statementId", "type"])
        let payload = try reader.object("payload")
        try self.init(
            ledger: try reader.parsed("ledger", as: "ledger id", LedgerID.init),
            statementID: try reader.parsed("statementId", as: "statement id (lowercase UUID)", StatementID.init),
            type: try reader.parsed("type", as: "event type", EventType.init),
            actor: try reader.parsed("actor", as: "key id", KeyID.init),
            claimedAt: try reader.parsed("claimedAt", as: "timestamp", Timestamp.init(text:)),
            payload: payload.objectValue ?? [:]
        )
    }

    /// Statements are the same when their canonical bytes are: the bytes are what is signed.
    public static func == (left: Statement, right: Statement) -> Bool { left.canonicalBytes == right.canonicalBytes }

    public func hash(into hasher: inout Hasher) { hasher.combine(canonicalBytes) }

    /// The media type bound into every signature (FORMAT.md §5).
    public static let payloadType = "application/vnd.parledger.statement+json;version=1"

    /// The DSSE v1 pre-authentication encoding of the canonical bytes: what the actor signs.
    public var signingMessage: [UInt8] { Self.signingMessage(for: canonicalBytes) }

    /// The signing message for given canonical statement bytes.
    public static func signingMessage(for statementBytes: [UInt8]) -> [UInt8] {
        var message = Array("DSSEv1 \(payloadType.utf8.count) \(payloadType) \(statementBytes.count) ".utf8)
        message.append(contentsOf: statementBytes)
        return message
    }
}

/// A statement with its actor's signature.
public struct SignedStatement: Sendable, Hashable {
    /// The statement.
    public let statement: Statement
    /// The 64-byte Ed25519 signature over `statement.signingMessage`.
    public let signature: [UInt8]

    /// Pairs a statement with a signature made elsewhere (for example in a browser).
    public init(statement: Statement, signature: [UInt8]) {
        self.statement = statement
        self.signature = signature
    }

    /// Signs a statement. The key must be the statement's actor.
    public init(statement: Statement, signedBy key: SigningKey) {
        self.statement = statement
        self.signature = key.sign(statement.signingMessage)
    }

    /// Whether the signature verifies under the given public key.
    public func isSigned(by key: PublicSigningKey) -> Bool {
        key.isValidSignature(signature, for: statement.signingMessage)
    }
}
