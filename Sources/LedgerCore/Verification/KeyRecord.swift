/// A key as the ledger registered it.
public struct KeyRecord: Sendable, Equatable, Codable {
    /// The key's id.
    public let keyID: KeyID
    /// The public key.
    public let publicKey: PublicSigningKey
    /// Who holds it.
    public let name: String
    /// What it may do.
    public let role: Role
    /// The unit it acts for or belongs to, if any.
    public let unit: UnitCode?
    /// The entry that registered it (0 for the authority named by the genesis).
    public let registeredAt: Int
    /// The entry that revoked it, if any.
    public internal(set) var revokedAt: Int?

    /// Whether the key may sign the entry at `seq`: registered by an earlier entry and not
    /// revoked by one. (The genesis entry is checked against its own payload instead.)
    public func isActive(at seq: Int) -> Bool {
        registeredAt < seq && (revokedAt.map { $0 >= seq } ?? true)
    }
}
