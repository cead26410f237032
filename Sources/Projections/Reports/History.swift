public import Appraisal
public import LedgerCore

/// The history of one unit's leaf: every event that touched it — who, in which role, when, what,
/// why and with which evidence — in ledger order, each with its position.
public struct LeafHistory: Sendable {
    public struct Event: Sendable {
        public let seq: Int
        /// The statement's id, by which later statements refer to it (an evidence withdrawal).
        public let statementID: StatementID
        public let recordedAt: Timestamp
        public let type: EventType
        public let actor: KeyID
        public let actorName: String
        public let role: Role?
        /// The payload members that say what and why (points, round, reasons, texts, decisions,
        /// an evidence file's document).
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

    /// Which leaves an appraisal statement touches: the leaves its payload names (its own
    /// `unit` and `leaf`, a correction's `changes`, or the leaf of the objection it resolves),
    /// and the unit it concerns as a whole when it names no leaf or item (a submission, a
    /// reopening), which joins every leaf's history of that unit. One rule for a single leaf's
    /// history and for the index of every history.
    public struct Touches: Sendable, Equatable {
        public var leaves: [(unit: String, leaf: String)] = []
        public var wholeUnit: String?

        public static func == (left: Touches, right: Touches) -> Bool {
            left.wholeUnit == right.wholeUnit
                && left.leaves.map { [$0.unit, $0.leaf] } == right.leaves.map { [$0.unit, $0.leaf] }
        }

        /// - Parameter objection: the unit and leaf of an objection, by its statement id.
        public init(_ statement: Statement, objection: (String) -> (unit: String, leaf: String)?) {
            guard AppraisalEvent.Kind(rawValue: statement.type.text) != nil else { return }
            let payload = statement.payload
            if let unit = payload["unit"]?.stringValue, let leaf = payload["leaf"]?.stringValue {
                leaves = [(unit, leaf)]
            } else if let id = payload["objection"]?.stringValue {
                leaves = objection(id).map { [$0] } ?? []
            } else if case .array(let changes) = payload["changes"] {
                leaves = changes.compactMap { change in
                    guard let unit = change["unit"]?.stringValue, let leaf = change["leaf"]?.stringValue else {
                        return nil
                    }
                    return (unit, leaf)
                }
            } else if let unit = payload["unit"]?.stringValue, payload["item"] == nil {
                wholeUnit = unit
            }
        }

        public func touch(unit: String, leaf: String) -> Bool {
            wholeUnit == unit || leaves.contains { $0.unit == unit && $0.leaf == leaf }
        }
    }

    /// Folds in the next entry, with the keys known before it.
    public mutating func fold(_ entry: Entry, keys: [KeyID: KeyRecord]) {
        let statement = entry.statement
        let objections = self.objections
        let touches = Touches(statement) { id in
            objections.contains(id) ? (self.unit.text, self.leaf.text) : nil
        }
        guard touches.touch(unit: unit.text, leaf: leaf.text) else { return }
        if statement.type == AppraisalEvent.Kind.objectionFiled.type {
            self.objections.insert(statement.statementID.text)
        }
        let payload = statement.payload
        let key = keys[statement.actor]
        let detailNames = [
            "points", "round", "note", "reason", "reasoning", "text", "decision", "outcome", "explanationRequested",
            "until", "objection", "supersedes", "document",
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
                statementID: statement.statementID,
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

    /// The history without its appraisals, as the unit sees it before preliminary results.
    public var withoutAppraisals: LeafHistory {
        var view = self
        view.events.removeAll { $0.type == AppraisalEvent.Kind.appraisalRecorded.type }
        return view
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
