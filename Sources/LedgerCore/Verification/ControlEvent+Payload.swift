extension ControlEvent: LedgerEvent {
    /// The event's type.
    public var type: EventType {
        switch self {
        case .genesis: Self.genesisType
        case .keyRegistered: Self.keyRegisteredType
        case .keyRevoked: Self.keyRevokedType
        case .policyAmended: Self.policyAmendedType
        case .evidenceErased: Self.evidenceErasedType
        }
    }

    /// The payload `decode(type:payload:)` reads back as this event. A policy's roles are written
    /// in their declared order, as `parledger init` has always written them: a payload listing
    /// them in another order decodes to the same event, whose payload is then other bytes.
    public var payload: [String: JSONValue] {
        switch self {
        case .genesis(let authority, let policy):
            return ["authority": .object(authority.identity), "policy": Self.policyJSON(policy)]
        case .keyRegistered(let registration):
            var payload = registration.identity
            payload["role"] = .string(registration.role.rawValue)
            if let unit = registration.unit { payload["unit"] = .string(unit.text) }
            return payload
        case .keyRevoked(let keyID, let reason):
            return ["keyId": .string(keyID.hex), "reason": .string(reason)]
        case .policyAmended(let grants):
            return ["grants": Self.policyJSON(grants)]
        case .evidenceErased(let sha256, let reason):
            return ["reason": .string(reason), "sha256": .string(sha256.hex)]
        }
    }
}

extension ControlEvent.KeyRegistration {
    /// A registration of `publicKey` under its own key id.
    public init(name: String, publicKey: PublicSigningKey, role: Role, unit: UnitCode? = nil) {
        self.init(keyID: publicKey.keyID, name: name, publicKey: publicKey, role: role, unit: unit)
    }

    /// `keyId`, `name` and `publicKey`: all the genesis says of its authority, and what a
    /// registration says before the role.
    fileprivate var identity: [String: JSONValue] {
        ["keyId": .string(keyID.hex), "name": .string(name), "publicKey": .string(publicKey.text)]
    }
}
