import Appraisal
import LedgerCore

/// The facts the web pages show beside the reports (the campaign's progress is a read model,
/// `CampaignProgress`): a unit's criteria tree, a key. Pure functions, as JSON.
enum CampaignFacts {
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
