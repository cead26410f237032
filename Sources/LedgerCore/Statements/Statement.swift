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
    /// The event's data.
    public let payload: [String: JSONValue]
    /// The canonical bytes, computed once.
    public let canonicalBytes: [UInt8]

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
        self.ledger = ledger
        self.statementID = statementID
        self.type = type
        self.actor = actor
        self.claimedAt = claimedAt
        self.payload = payload
        self.canonicalBytes = CanonicalJSON.encode(
            .object([
                "actor": .string(actor.hex), "claimedAt": .string(claimedAt.text), "ledger": .string(ledger.text),
                "payload": .object(payload), "statementId": .string(statementID.text), "type": .string(type.text),
            ])
        )
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

    /// The statement as a JSON value.
    public var json: JSONValue {
        .object([
            "actor": .string(actor.hex), "claimedAt": .string(claimedAt.text), "ledger": .string(ledger.text),
            "payload": .object(payload), "statementId": .string(statementID.text), "type": .string(type.text),
        ])
    }

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
