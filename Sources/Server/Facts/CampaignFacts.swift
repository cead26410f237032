import Appraisal
import LedgerCore
import Projections

/// The campaign facts the web pages show beside the reports: the plan and its deadlines, each
/// unit's progress and submission, the appraisers' assignments, a unit's criteria tree, a key.
/// Pure functions of a fold, as JSON.
enum CampaignFacts {
    static func campaign(_ fold: LedgerFold) -> [String: JSONValue] {
        let state = fold.state
        guard let plan = state.campaign else { return [:] }
        var scored: [UnitCode: Int] = [:]
        for key in state.selfScores.keys { scored[key.unit, default: 0] += 1 }
        var claimed: [UnitCode: Int] = [:]
        for key in state.notApplicable.keys { claimed[key.unit, default: 0] += 1 }
        let units: [JSONValue] = state.units.keys.sorted { $0.text < $1.text }.compactMap { code in
            guard let unit = state.units[code] else { return nil }
            let selfAssessed = state.criteria(of: code)?.orderedLeaves.filter { $0.method == .selfAssessed }.count ?? 0
            return [
                "code": .string(code.text), "name": .string(unit.name), "group": .string(unit.group.text),
                "submittedAt": unit.submittedAt.map { .string($0.text) } ?? .null,
                "late": .bool(state.lateSubmissions.contains(code)),
                "reopenedUntil": unit.reopenedUntil.map { .string($0.text) } ?? .null,
                "selfAssessedLeaves": .int(Int64(selfAssessed)), "selfScored": .int(Int64(scored[code] ?? 0)),
                "notApplicableClaims": .int(Int64(claimed[code] ?? 0)),
            ]
        }
        let assignments: [JSONValue] = state.assignments.keys.sorted { $0.hex < $1.hex }.compactMap { keyID in
            guard let assignment = state.assignments[keyID] else { return nil }
            return [
                "keyId": .string(keyID.hex), "name": fold.ledger.keys[keyID].map { .string($0.name) } ?? .null,
                "domains": .array(assignment.domains.sorted().map { .string($0.text) }),
                "ownUnit": .string(assignment.ownUnit.text),
            ]
        }
        let deadlines = plan.deadlines
        return [
            "ledgerId": fold.ledger.ledgerID.map { .string($0.text) } ?? .null,
            "year": .int(Int64(plan.year)),
            "plan": ["number": .string(plan.plan.number), "date": .string(plan.plan.date.text)],
            "deadlines": [
                "selfScoringOpens": .string(deadlines.selfScoringOpens.text),
                "selfScoringCloses": .string(deadlines.selfScoringCloses.text),
                "round1Closes": .string(deadlines.round1Closes.text),
                "explanationCloses": .string(deadlines.explanationCloses.text),
                "round2Closes": .string(deadlines.round2Closes.text),
            ],
            "groups": .array(plan.groups.map { ["code": .string($0.code.text), "name": .string($0.name)] }),
            "units": .array(units),
            "assignments": .array(assignments),
            "preliminaryIssuedAt": state.preliminaryIssuedAt.map { .string($0.text) } ?? .null,
            "councilReportApproved": .bool(state.councilReportApproved),
            "decisions": .array(state.decisions.map { .string($0) }),
        ]
    }

    /// A unit's criteria tree, in tree order: every node with its depth, each leaf with its max,
    /// method, rule text, required evidence, N/A policy and allowed values; and the bonus and
    /// deduction items.
    static func criteria(_ set: CriteriaSet, unit: UnitCode, state: AppraisalState) -> [String: JSONValue] {
        let nodes: [JSONValue] = set.nodes.map { node in
            var object: [String: JSONValue] = [
                "code": .string(node.code.text), "name": .string(node.name), "depth": .int(Int64(node.code.depth)),
            ]
            if let leaf = node.leaf {
                object["leaf"] = [
                    "maxPoints": .string(leaf.maxPoints.text), "method": .string(leaf.method.rawValue),
                    "rule": .string(leaf.rule), "evidence": .array(leaf.evidence.map { .string($0) }),
                    "notApplicable": .string(leaf.notApplicable.rawValue),
                    "allowedValues": leaf.allowedValues.map { .array($0.map { .string($0.text) }) } ?? .null,
                ]
            }
            return .object(object)
        }
        return [
            "unit": .string(unit.text), "set": .string(set.set.text), "version": .int(Int64(set.version)),
            "name": .string(set.name), "totalPoints": .string(set.totalPoints.text), "nodes": .array(nodes),
            "items": .array(
                set.items.map {
                    [
                        "code": .string($0.code.text), "name": .string($0.name), "kind": .string($0.kind.rawValue),
                        "maxPoints": .string($0.maxPoints.text),
                    ]
                }
            ),
        ]
    }

    static func key(_ key: KeyRecord) -> JSONValue {
        [
            "keyId": .string(key.keyID.hex), "name": .string(key.name), "role": .string(key.role.rawValue),
            "unit": key.unit.map { .string($0.text) } ?? .null, "publicKey": .string(key.publicKey.text),
            "revoked": .bool(key.revokedAt != nil),
        ]
    }
}
