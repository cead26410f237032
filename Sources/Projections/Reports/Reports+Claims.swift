public import Appraisal
public import LedgerCore

/// The claims a council, its appraisers and the units follow: bonus and deduction claims (the
/// deduction a late submission proposes among them) and N/A claims, each with what was claimed,
/// why, when, and the decision. The projection of the claims, so that no front end re-derives them
/// from the entries.
extension Reports {
    /// Which claims to list: those still waiting for a decision, or those decided.
    public enum ClaimStatus: String, Sendable, CaseIterable {
        case pending, decided
    }

    /// The claims of `units` (every unit when nil), optionally only the pending or decided ones, in
    /// the order they were claimed; N/A claims only of leaves in `domains` when given.
    public static func claims(
        _ state: AppraisalState,
        units: Set<UnitCode>? = nil,
        domains: Set<CriterionCode>? = nil,
        status: ClaimStatus? = nil
    ) -> [String: JSONValue] {
        func listed(_ unit: UnitCode, pending: Bool) -> Bool {
            (units?.contains(unit) ?? true) && (status.map { ($0 == .pending) == pending } ?? true)
        }
        let adjustments = state.claims.filter { listed($0.value.unit, pending: $0.value.pending) }
            .sorted { ($0.value.claimedAt, $0.key.text) < ($1.value.claimedAt, $1.key.text) }
        let notApplicable = state.notApplicableClaims.filter {
            listed($0.value.key.unit, pending: $0.value.confirmed == nil)
                && (domains?.contains($0.value.key.leaf.domain) ?? true)
        }
        .sorted { ($0.value.claimedAt, $0.key.text) < ($1.value.claimedAt, $1.key.text) }
        return [
            "adjustments": .array(adjustments.map { .object(claimLine($0.key, $0.value, state)) }),
            "notApplicable": .array(notApplicable.map { .object(notApplicableLine($0.key, $0.value, state)) }),
            "pending": [
                "adjustments": .int(Int64(adjustments.count { $0.value.pending })),
                "notApplicable": .int(Int64(notApplicable.count { $0.value.confirmed == nil })),
            ],
        ]
    }

    /// One bonus or deduction claim as every report lists it (the claims, a scorecard, the minutes).
    static func claimLine(
        _ id: StatementID,
        _ claim: AppraisalState.Claim,
        _ state: AppraisalState
    ) -> [String: JSONValue] {
        [
            "claim": .string(id.text), "unit": .string(claim.unit.text),
            "unitName": .string(state.units[claim.unit]?.name ?? ""), "item": .string(claim.item.code.text),
            "name": .string(claim.item.name), "kind": .string(claim.item.kind.rawValue),
            "lateSubmission": .bool(claim.lateSubmission),
            "claimedPoints": .string(claim.claimed.text), "reason": .string(claim.reason),
            "evidence": .array(claim.evidence.map(evidenceLine)), "claimedAt": .string(claim.claimedAt.text),
            "status": .string(claim.pending ? "pending" : claim.accepted == nil ? "rejected" : "accepted"),
            "points": points(claim.accepted), "decisionReason": claim.decision.map { .string($0.reason) } ?? .null,
            "decidedAt": claim.decision.map { .string($0.at.text) } ?? .null,
        ]
    }

    static func notApplicableLine(
        _ id: StatementID,
        _ claim: AppraisalState.NotApplicableClaim,
        _ state: AppraisalState
    ) -> [String: JSONValue] {
        let status = claim.confirmed.map { $0 ? "confirmed" : "rejected" } ?? "pending"
        return [
            "claim": .string(id.text), "unit": .string(claim.key.unit.text),
            "unitName": .string(state.units[claim.key.unit]?.name ?? ""), "leaf": .string(claim.key.leaf.text),
            "leafName": .string(state.criteria(of: claim.key.unit)?.leaves[claim.key.leaf]?.name ?? ""),
            "reason": .string(claim.reason), "claimedAt": .string(claim.claimedAt.text), "status": .string(status),
            "decisionReason": claim.decision.map { .string($0.reason) } ?? .null,
            "decidedAt": claim.decision.map { .string($0.at.text) } ?? .null,
        ]
    }

    /// A cited document as payloads give it: the file and what it is.
    static func evidenceLine(_ evidence: AppraisalEvent.Evidence) -> JSONValue {
        [
            "blob": [
                "sha256": .string(evidence.blob.sha256.hex), "size": .int(evidence.blob.size),
                "name": .string(evidence.blob.name), "mediaType": .string(evidence.blob.mediaType),
            ],
            "document": [
                "number": .string(evidence.document.number), "issuer": .string(evidence.document.issuer),
                "issuedOn": .string(evidence.document.issuedOn.description),
                "page": evidence.document.page.map { .int(Int64($0)) } ?? .null,
            ],
        ]
    }
}
