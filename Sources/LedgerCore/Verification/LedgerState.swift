/// What a verifier or a store knows after a prefix of the ledger: the head of the chain, the
/// keys, the policy and the erasures (FORMAT.md §11). A pure fold: `apply` takes entries in order.
public struct LedgerState: Sendable, Codable {
    /// The ledger id, once the genesis entry is in.
    public private(set) var ledgerID: LedgerID?
    /// The number of entries applied.
    public private(set) var size = 0
    /// The hash of the last entry, or zero.
    public private(set) var lastHash = SHA256Hash.zero
    /// The `recordedAt` of the last entry.
    public private(set) var lastRecordedAt: Timestamp?
    /// Every key ever registered.
    public private(set) var keys: [KeyID: KeyRecord] = [:]
    /// The roles that may emit each domain event type.
    public private(set) var policy: [EventType: Set<Role>] = [:]
    /// Erased blobs and the entry that erased each.
    public private(set) var erasures: [SHA256Hash: Int] = [:]

    /// An empty ledger.
    public init() {}

    /// Checks 5 and 6 of FORMAT.md §11 for a statement that would be entry `size`, and returns
    /// the public key its signature must verify under.
    public func signer(of statement: Statement) throws(LedgerViolation) -> PublicSigningKey {
        guard let ledgerID else { return try genesisSigner(of: statement) }
        guard statement.ledger == ledgerID else {
            throw LedgerViolation(.ledger, "statement is for ledger \(statement.ledger), not \(ledgerID)")
        }
        guard let key = keys[statement.actor] else {
            throw LedgerViolation(.keyUnknown, "key \(statement.actor.short)… is not registered")
        }
        if let revokedAt = key.revokedAt, revokedAt < size {
            throw LedgerViolation(.keyRevoked, "key \(statement.actor.short)… was revoked at seq \(revokedAt)")
        }
        return key.publicKey
    }

    private func genesisSigner(of statement: Statement) throws(LedgerViolation) -> PublicSigningKey {
        guard statement.type == ControlEvent.genesisType else {
            throw LedgerViolation(
                .payload,
                "the first entry must be \(ControlEvent.genesisType), not \(statement.type)"
            )
        }
        let event: ControlEvent?
        do {
            event = try ControlEvent.decode(type: statement.type, payload: statement.payload)
        } catch {
            throw LedgerViolation(.payload, error.description)
        }
        guard case .genesis(let authority, _) = event else {
            throw LedgerViolation(.payload, "the first entry must be a genesis")
        }
        guard authority.publicKey.keyID == authority.keyID else {
            throw LedgerViolation(.payload, "payload.authority.keyId is not the key id of its publicKey")
        }
        guard statement.actor == authority.keyID else {
            throw LedgerViolation(.payload, "the genesis must be signed by the authority key it names")
        }
        return authority.publicKey
    }

    /// The role the statement's actor signs in; nil before the genesis.
    private func role(of statement: Statement) -> Role? { keys[statement.actor]?.role }

    /// What `authorize` read from a statement it allowed.
    public struct Authorization: Sendable {
        /// The decoded control event, if the type is one.
        public let event: ControlEvent?
        /// The evidence blobs the payload refers to, in the order of its canonical bytes.
        public let blobReferences: [BlobReference]
    }

    /// Checks 8 and 9 of FORMAT.md §11: the role may emit the type, and a control payload obeys §8.
    /// Returns what it read on the way, so that callers need not decode the payload again.
    @discardableResult
    public func authorize(_ statement: Statement) throws(LedgerViolation) -> Authorization {
        guard ledgerID != nil else {
            return Authorization(
                event: try? ControlEvent.decode(statement),
                blobReferences: (try? BlobReference.find(in: statement)) ?? []
            )
        }
        guard let role = role(of: statement) else {
            throw LedgerViolation(.keyUnknown, "key \(statement.actor.short)… is not registered")
        }
        let allowed = ControlEvent.emitters[statement.type] ?? policy[statement.type] ?? []
        guard allowed.contains(role), statement.type != ControlEvent.genesisType else {
            if statement.type == ControlEvent.genesisType {
                throw LedgerViolation(.role, "\(statement.type) is only allowed at seq 0")
            }
            if ControlEvent.emitters[statement.type] == nil, policy[statement.type] == nil {
                throw LedgerViolation(.role, "event type \(statement.type) is not in the ledger's policy")
            }
            throw LedgerViolation(.role, "role \(role.rawValue) may not emit \(statement.type)")
        }
        let authorization: Authorization
        do {
            authorization = Authorization(
                event: try ControlEvent.decode(statement),
                blobReferences: try BlobReference.find(in: statement)
            )
        } catch {
            throw LedgerViolation(.payload, error.description)
        }
        if let event = authorization.event { try check(event, signedAs: role) }
        return authorization
    }

    private func check(_ event: ControlEvent, signedAs role: Role) throws(LedgerViolation) {
        switch event {
        case .genesis:
            throw LedgerViolation(.role, "\(ControlEvent.genesisType) is only allowed at seq 0")
        case .keyRegistered(let registration):
            if role == .secretariat, registration.role == .authority || registration.role == .secretariat {
                throw LedgerViolation(
                    .payload,
                    "a secretariat key may not register a \(registration.role.rawValue) key"
                )
            }
            guard registration.publicKey.keyID == registration.keyID else {
                throw LedgerViolation(.payload, "payload.keyId is not the key id of payload.publicKey")
            }
            guard keys[registration.keyID] == nil else {
                throw LedgerViolation(.payload, "key \(registration.keyID.short)… is already registered")
            }
            if registration.role.requiresUnit, registration.unit == nil {
                throw LedgerViolation(.payload, "a \(registration.role.rawValue) key must name its unit")
            }
            if !registration.role.allowsUnit, registration.unit != nil {
                throw LedgerViolation(.payload, "a \(registration.role.rawValue) key must not name a unit")
            }
        case .keyRevoked(let keyID, _):
            guard let target = keys[keyID] else {
                throw LedgerViolation(.payload, "key \(keyID.short)… is not registered")
            }
            guard target.revokedAt == nil else {
                throw LedgerViolation(.payload, "key \(keyID.short)… is already revoked")
            }
            if role == .secretariat, target.role == .authority || target.role == .secretariat {
                throw LedgerViolation(.payload, "a secretariat key may not revoke a \(target.role.rawValue) key")
            }
            if target.role == .authority {
                let others = keys.values.filter { $0.role == .authority && $0.revokedAt == nil && $0.keyID != keyID }
                guard !others.isEmpty else {
                    throw LedgerViolation(
                        .payload,
                        "revoking the last authority key would leave nobody to govern the ledger"
                    )
                }
            }
        case .policyAmended, .evidenceErased:
            return
        }
    }

    /// Takes an entry that passed every check into the state.
    public mutating func apply(_ entry: Entry) {
        let statement = entry.statement
        let event = try? ControlEvent.decode(statement)
        switch event {
        case .genesis(let authority, let policy):
            ledgerID = statement.ledger
            keys[authority.keyID] = KeyRecord(
                keyID: authority.keyID,
                publicKey: authority.publicKey,
                name: authority.name,
                role: .authority,
                unit: nil,
                registeredAt: entry.seq
            )
            self.policy = policy
        case .keyRegistered(let registration):
            keys[registration.keyID] = KeyRecord(
                keyID: registration.keyID,
                publicKey: registration.publicKey,
                name: registration.name,
                role: registration.role,
                unit: registration.unit,
                registeredAt: entry.seq
            )
        case .keyRevoked(let keyID, _):
            keys[keyID]?.revokedAt = entry.seq
        case .policyAmended(let grants):
            for (type, roles) in grants { policy[type] = roles }
        case .evidenceErased(let sha256, _):
            if erasures[sha256] == nil { erasures[sha256] = entry.seq }
        case nil:
            break
        }
        size = entry.seq + 1
        lastHash = entry.hash
        lastRecordedAt = entry.recordedAt
    }

    /// Takes an entry that carries no control event (its envelope is all a fold reads of it):
    /// only the head moves.
    package mutating func apply(nonControlEntry seq: Int, hash: SHA256Hash, recordedAt: Timestamp) {
        restoreHead(size: seq + 1, lastHash: hash, lastRecordedAt: recordedAt)
    }

    /// Sets the head after a store rebuilt the state from its control entries only: the keys,
    /// policy and erasures come from those, the head from the last entry.
    package mutating func restoreHead(size: Int, lastHash: SHA256Hash, lastRecordedAt: Timestamp?) {
        self.size = size
        self.lastHash = lastHash
        self.lastRecordedAt = lastRecordedAt
    }

    /// This state with only the keys `keep` accepts: the part of it an act loads, beside the keys
    /// it names (`adding(_:)`). Never a state to read the ledger's keys from.
    package func keepingKeys(where keep: (KeyRecord) -> Bool) -> LedgerState {
        var part = self
        part.keys = keys.filter { keep($0.value) }
        return part
    }

    /// Adds keys kept apart from this state (`keepingKeys(where:)`).
    package mutating func adding(_ records: [KeyRecord]) {
        for record in records { keys[record.keyID] = record }
    }

    /// The keys that may sign a checkpoint of `size` entries (FORMAT.md §11.1).
    public func logKeys(forCheckpointOfSize size: Int) -> [KeyRecord] {
        keys.values.filter { $0.role.signsCheckpoints && $0.isActive(at: size) }.sorted { $0.keyID < $1.keyID }
    }
}
