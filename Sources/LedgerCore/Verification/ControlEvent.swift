/// The event types that belong to the format itself (FORMAT.md §8), decoded.
public enum ControlEvent: Sendable, Equatable {
    case genesis(authority: KeyRegistration, policy: [EventType: Set<Role>])
    case keyRegistered(KeyRegistration)
    case keyRevoked(keyID: KeyID, reason: String)
    case policyAmended(grants: [EventType: Set<Role>])
    case evidenceErased(sha256: SHA256Hash, reason: String)

    /// A key as a registration names it.
    public struct KeyRegistration: Sendable, Equatable {
        public let keyID: KeyID
        public let name: String
        public let publicKey: PublicSigningKey
        public let role: Role
        public let unit: UnitCode?

        public init(keyID: KeyID, name: String, publicKey: PublicSigningKey, role: Role, unit: UnitCode?) {
            self.keyID = keyID
            self.name = name
            self.publicKey = publicKey
            self.role = role
            self.unit = unit
        }
    }

    public static let genesisType = EventType("ledger.genesis/v1")!
    public static let keyRegisteredType = EventType("key.registered/v1")!
    public static let keyRevokedType = EventType("key.revoked/v1")!
    public static let policyAmendedType = EventType("ledger.policy.amended/v1")!
    public static let evidenceErasedType = EventType("evidence.erased/v1")!

    /// The roles that may emit each control type; no policy can change these.
    public static let emitters: [EventType: Set<Role>] = [
        genesisType: [.authority],
        keyRegisteredType: [.authority, .secretariat],
        keyRevokedType: [.authority, .secretariat],
        policyAmendedType: [.authority],
        evidenceErasedType: [.authority],
    ]

    /// Whether a type is one of the format's own.
    public static func isControlType(_ type: EventType) -> Bool { emitters[type] != nil }

    /// Whether events of a type can register a key: the genesis (the authority's) and registrations.
    public static func registersKeys(_ type: EventType) -> Bool { type == genesisType || type == keyRegisteredType }

    /// The public keys by id: the known ones, and those the statements register whose id is the
    /// hash of the key. A signature checked against one of them is right whatever the order of
    /// the statements, since registration refuses any other key under that id; whether the key
    /// may sign there is a separate, ordered check.
    public static func signers(
        known: [KeyID: PublicSigningKey],
        registeredIn statements: [Statement]
    ) -> [KeyID: PublicSigningKey] {
        var signers = known
        for statement in statements where registersKeys(statement.type) {
            switch try? decode(statement) {
            case .genesis(let registration, _), .keyRegistered(let registration):
                if registration.publicKey.keyID == registration.keyID {
                    signers[registration.keyID] = registration.publicKey
                }
            default:
                break
            }
        }
        return signers
    }

    /// The control event a statement carries; nil for a domain event, whose payload is not read.
    public static func decode(_ statement: Statement) throws(LedgerFormatError) -> ControlEvent? {
        guard isControlType(statement.type) else { return nil }
        return try decode(type: statement.type, payload: statement.payload)
    }

    /// Decodes a control payload; nil when `type` is a domain type.
    public static func decode(type: EventType, payload: [String: JSONValue]) throws(LedgerFormatError) -> ControlEvent?
    {
        let reader = try ObjectReader(.object(payload), path: "payload")
        switch type {
        case genesisType:
            try reader.requireOnly(["authority", "policy"])
            let authorityReader = try ObjectReader(try reader.object("authority"), path: "payload.authority")
            try authorityReader.requireOnly(["keyId", "name", "publicKey"])
            let authority = KeyRegistration(
                keyID: try authorityReader.parsed("keyId", as: "key id", KeyID.init),
                name: try authorityReader.text("name"),
                publicKey: try authorityReader.publicKey("publicKey"),
                role: .authority,
                unit: nil
            )
            let policy = try decodePolicy(try reader.object("policy"), path: "payload.policy", allowEmptyRoles: false)
            return .genesis(authority: authority, policy: policy)
        case keyRegisteredType:
            try reader.requireOnly(["keyId", "name", "publicKey", "role"], optional: ["unit"])
            let unit: UnitCode?
            if reader.members["unit"] != nil {
                unit = try reader.parsed("unit", as: "unit code", UnitCode.init)
            } else {
                unit = nil
            }
            return .keyRegistered(
                KeyRegistration(
                    keyID: try reader.parsed("keyId", as: "key id", KeyID.init),
                    name: try reader.text("name"),
                    publicKey: try reader.publicKey("publicKey"),
                    role: try reader.parsed("role", as: "role", Role.init(rawValue:)),
                    unit: unit
                )
            )
        case keyRevokedType:
            try reader.requireOnly(["keyId", "reason"])
            return .keyRevoked(
                keyID: try reader.parsed("keyId", as: "key id", KeyID.init),
                reason: try reader.text("reason")
            )
        case policyAmendedType:
            try reader.requireOnly(["grants"])
            let grants = try decodePolicy(try reader.object("grants"), path: "payload.grants", allowEmptyRoles: true)
            guard !grants.isEmpty else {
                throw LedgerFormatError("payload.grants", "must name at least one event type")
            }
            return .policyAmended(grants: grants)
        case evidenceErasedType:
            try reader.requireOnly(["reason", "sha256"])
            return .evidenceErased(
                sha256: try reader.parsed("sha256", as: "SHA-256 hash", SHA256Hash.init(hex:)),
                reason: try reader.text("reason")
            )
        default:
            return nil
        }
    }

    public static func decodePolicy(
        _ value: JSONValue,
        path: String,
        allowEmptyRoles: Bool
    ) throws(LedgerFormatError) -> [EventType: Set<Role>] {
        var policy: [EventType: Set<Role>] = [:]
        for (name, rolesValue) in value.objectValue ?? [:] {
            let location = "\(path).\(name)"
            guard let type = EventType(name) else { throw LedgerFormatError(location, "is not a valid event type") }
            guard !isControlType(type) else {
                throw LedgerFormatError(location, "is a control type; its roles are fixed by the format")
            }
            guard let elements = rolesValue.arrayValue else {
                throw LedgerFormatError(location, "must be an array of roles")
            }
            guard allowEmptyRoles || !elements.isEmpty else {
                throw LedgerFormatError(location, "must list at least one role")
            }
            var roles: Set<Role> = []
            for element in elements {
                guard let role = element.stringValue.flatMap(Role.init(rawValue:)) else {
                    throw LedgerFormatError(location, "lists something that is not a role")
                }
                guard roles.insert(role).inserted else {
                    throw LedgerFormatError(location, "lists \(role.rawValue) twice")
                }
            }
            policy[type] = roles
        }
        return policy
    }

    /// The payload of a genesis entry naming `authority`.
    public static func genesisPayload(authority: SigningKey, policy: [EventType: Set<Role>]) -> [String: JSONValue] {
        ControlEvent.genesis(
            authority: KeyRegistration(name: authority.name, publicKey: authority.publicKey, role: .authority),
            policy: policy
        ).payload
    }

    /// A policy as JSON, roles in their declared order.
    public static func policyJSON(_ policy: [EventType: Set<Role>]) -> JSONValue {
        .object(
            Dictionary(
                uniqueKeysWithValues: policy.map { type, roles in
                    (type.text, JSONValue.array(roles.sorted().map { .string($0.rawValue) }))
                }
            )
        )
    }
}

extension ObjectReader {
    /// A public key member, which must be a strong key (FORMAT.md §5.1); the refusal says why not.
    fileprivate func publicKey(_ name: String) throws(LedgerFormatError) -> PublicSigningKey {
        let text = try string(name)
        do {
            return try PublicSigningKey(validatingText: text)
        } catch {
            throw LedgerFormatError(location(name), "\(error.description)")
        }
    }
}
