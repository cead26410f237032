public import Appraisal
public import LedgerCore

/// The history of one unit's leaf: every event that touched it — who, in which role, when, what,
/// why and with which evidence — in ledger order, each with its position.
public struct LeafHistory: Sendable {
    public struct Event: Sendable {
        public let seq: Int
        public let recordedAt: Timestamp
        public let type: EventType
        public let actor: KeyID
        public let actorName: String
        public let role: Role?
        /// The payload members that say what and why (points, round, reasons, texts, decisions).
        public let details: [String: JSONValue]
        /// The evidence files named: file name and hash.
        public let evidence: [(name: String, sha256: String)]
    }

    public let unit: UnitCode
    public let leaf: CriterionCode
    public private(set) var events: [Event] = []
    /// The objections on this leaf, so their resolutions join the history.
    private var objections: Set<String> = []

    public init(unit: UnitCode, leaf: CriterionCode) {
        self.unit = unit
        self.leaf = leaf
    }

    /// Folds in the next entry, with the keys known before it.
    public mutating func fold(_ entry: Entry, keys: [KeyID: KeyRecord]) {
        let statement = entry.statement
        guard AppraisalEvent.Kind(rawValue: statement.type.text) != nil else { return }
        let payload = statement.payload
        let touches: Bool
        if payload["unit"]?.stringValue == unit.text, payload["leaf"]?.stringValue == leaf.text {
            touches = true
            if statement.type == AppraisalEvent.Kind.objectionFiled.type {
                objections.insert(statement.statementID.text)
            }
        } else if let objection = payload["objection"]?.stringValue {
            touches = objections.contains(objection)
        } else if case .array(let changes) = payload["changes"] {
            touches = changes.contains { $0["unit"]?.stringValue == unit.text && $0["leaf"]?.stringValue == leaf.text }
        } else {
            touches = payload["unit"]?.stringValue == unit.text && payload["leaf"] == nil && payload["item"] == nil
        }
        guard touches else { return }
        let key = keys[statement.actor]
        let detailNames = [
            "points", "round", "note", "reason", "reasoning", "text", "decision", "outcome", "explanationRequested",
            "until", "objection", "supersedes",
        ]
        var details: [String: JSONValue] = [:]
        for name in detailNames { if let value = payload[name] { details[name] = value } }
        // A correction names this leaf's new points and their reason inside `changes`, beside the
        // decision's own reason.
        if case .array(let changes) = payload["changes"],
            let change = changes.first(where: {
                $0["unit"]?.stringValue == unit.text && $0["leaf"]?.stringValue == leaf.text
            }),
            case .object(let members) = change
        {
            details["change"] = .object(members.filter { $0.key == "points" || $0.key == "reason" })
        }
        var evidence: [(String, String)] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if let blob = members["blob"], let name = blob["name"]?.stringValue,
                    let hash = blob["sha256"]?.stringValue
                {
                    evidence.append((name, hash))
                }
                for (name, member) in members where name != "blob" { collect(member) }
            case .array(let elements):
                elements.forEach(collect)
            default:
                break
            }
        }
        collect(.object(payload))
        events.append(
            Event(
                seq: entry.seq,
                recordedAt: entry.recordedAt,
                type: statement.type,
                actor: statement.actor,
                actorName: key?.name ?? "",
                role: key?.role,
                details: details,
                evidence: evidence
            )
        )
    }

    /// As a report body.
    public var json: [String: JSONValue] {
        [
            "unit": .string(unit.text), "leaf": .string(leaf.text),
            "events": .array(
                events.map { event in
                    [
                        "seq": .int(Int64(event.seq)), "recordedAt": .string(event.recordedAt.text),
                        "type": .string(event.type.text), "actor": .string(event.actor.hex),
                        "name": .string(event.actorName),
                        "role": event.role.map { .string($0.rawValue) } ?? .null, "details": .object(event.details),
                        "evidence": .array(
                            event.evidence.map { ["name": .string($0.name), "sha256": .string($0.sha256)] }
                        ),
                    ]
                }
            ),
        ]
    }
}
