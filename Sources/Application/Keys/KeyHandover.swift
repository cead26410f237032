public import Appraisal
public import LedgerCore

/// A key's handover as one act (an officer leaves, a key is lost): the successor is registered
/// with the same role and unit, given the same appraisal assignment if the old key had one, and
/// the old key is revoked, in one batch, so the unit is never without its officer and never has
/// two. The successor is registered first: an authority handing over its own key still signs the
/// batch with a key that is active for every entry of it.
public enum KeyHandover {
    public struct Refused: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public static func events(
        handingOver old: KeyID,
        to successor: PublicSigningKey,
        name: String,
        reason: String,
        keys: [KeyID: KeyRecord],
        state: AppraisalState,
        by signer: Role
    ) throws(Refused) -> [(type: EventType, payload: [String: JSONValue])] {
        guard let record = keys[old] else {
            throw Refused(description: "key \(old.short)… is not registered in this ledger")
        }
        guard record.revokedAt == nil else {
            throw Refused(description: "key \(old.short)… was already revoked at entry \(record.revokedAt ?? 0)")
        }
        guard record.registeredAt > 0 else {
            throw Refused(description: "the authority's genesis key cannot be handed over")
        }
        // The ledger's own rule (FORMAT.md §8), said before anything is signed.
        guard signer == .authority || ![.authority, .secretariat].contains(record.role) else {
            throw Refused(description: "only the authority hands over an authority's or the secretariat's key")
        }
        let revocationReason = "\(reason) (bàn giao cho khóa \(successor.keyID.hex))"
        guard name.unicodeScalars.count <= 500, revocationReason.unicodeScalars.count <= 500 else {
            throw Refused(description: "the name and the reason may have at most 500 and 420 characters")
        }
        guard keys[successor.keyID] == nil else {
            throw Refused(
                description:
                    "the successor key \(successor.keyID.short)… is already registered; make a new key for them"
            )
        }
        let registration = ControlEvent.keyRegistered(
            .init(name: name, publicKey: successor, role: record.role, unit: record.unit)
        )
        var events: [(type: EventType, payload: [String: JSONValue])] = [
            (registration.type, registration.payload)
        ]
        if let assignment = state.assignments[old] {
            let assigned = AppraisalEvent.appraiserAssigned(
                keyID: successor.keyID,
                domains: assignment.domains.sorted { $0.text < $1.text },
                ownUnit: assignment.ownUnit
            )
            events.append((assigned.type, assigned.payload))
        }
        let revocation = ControlEvent.keyRevoked(keyID: old, reason: revocationReason)
        events.append((revocation.type, revocation.payload))
        return events
    }
}
