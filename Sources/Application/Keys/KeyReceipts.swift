import Appraisal
public import Documents
public import LedgerCore
public import LedgerStore
public import Projections

/// The facts of a key's registration receipt (`KeyReceipt`), read from the ledger: the key's
/// record, the entry that registered it (when, and by whom) and the unit's current name.
public enum KeyReceipts {
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public static func receipt(
        for keyID: KeyID,
        in fold: LedgerFold,
        log: any EventStore,
        replaces: KeyID? = nil
    ) async throws -> KeyReceipt {
        guard let record = fold.ledger.keys[keyID] else {
            throw Problem(description: "key \(keyID.short)… is not registered in this ledger")
        }
        guard let stored = try await log.entries(at: [record.registeredAt]).first else {
            throw Problem(description: "entry \(record.registeredAt), which registered the key, is not in the store")
        }
        let entry = try Entry(bytes: stored.bytes)
        let registrar = fold.ledger.keys[entry.signed.statement.actor]
        let unit = record.unit.map { code in
            (code: code.text, name: fold.state.units[code]?.name ?? code.text)
        }
        return KeyReceipt(
            ledgerID: entry.signed.statement.ledger.text,
            seq: record.registeredAt,
            recordedAt: entry.recordedAt,
            holder: record.name,
            keyID: keyID,
            publicKey: record.publicKey,
            role: record.role,
            unit: unit,
            registeredBy: registrar?.name ?? entry.signed.statement.actor.hex,
            replaces: replaces
        )
    }
}
