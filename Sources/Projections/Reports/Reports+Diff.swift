public import Appraisal
public import LedgerCore

extension Reports {
    /// One unit's move between two prefixes of the ledger: its rank and index before and after.
    public struct RankMove: Sendable {
        public let group: ConfigCode
        public let unit: UnitCode
        public let name: String
        public let rankBefore: Int?
        public let rankAfter: Int
        public let indexBefore: String?
        public let indexAfter: String
        /// The index change at publication precision, signed (`+0.50`), nil for a new unit.
        public let change: String?
        /// The units withdrawn into this one (`successor`) that stood in `before`: its lineage.
        public let mergedFrom: [Predecessor]
    }

    /// A unit withdrawn into another, with its rank and index where it last stood.
    public struct Predecessor: Sendable {
        public let unit: UnitCode
        public let name: String
        public let rank: Int
        public let index: String
    }

    /// Rank moves and index changes of every unit from `before` to `after` (`parledger diff`).
    public static func rankMoves(from before: AppraisalState, to after: AppraisalState) -> [RankMove] {
        guard let plan = after.campaign else { return [] }
        let decimals = plan.scoring.publicationDecimals
        var previous: [UnitCode: Standing] = [:]
        for (_, standings) in Standing.all(before) {
            for standing in standings { previous[standing.scorecard.unit] = standing }
        }
        // A unit's lineage: the units withdrawn naming it as their successor.
        var predecessors: [UnitCode: [UnitCode]] = [:]
        for (code, unit) in after.units.sorted(by: { $0.key < $1.key }) {
            if let successor = unit.withdrawal?.successor { predecessors[successor, default: []].append(code) }
        }
        var moves: [RankMove] = []
        for (group, standings) in Standing.all(after) {
            for standing in standings {
                let old = previous[standing.scorecard.unit]
                let change = old.map { standing.index - $0.index }
                let merged = (predecessors[standing.scorecard.unit] ?? []).compactMap { code -> Predecessor? in
                    guard let stood = previous[code] else { return nil }
                    return Predecessor(
                        unit: code,
                        name: stood.scorecard.name,
                        rank: stood.rank,
                        index: stood.index.text(decimals)
                    )
                }
                moves.append(
                    RankMove(
                        group: group.code,
                        unit: standing.scorecard.unit,
                        name: standing.scorecard.name,
                        rankBefore: old?.rank,
                        rankAfter: standing.rank,
                        indexBefore: old?.index.text(decimals),
                        indexAfter: standing.index.text(decimals),
                        change: change.map { ($0 > .zero ? "+" : "") + $0.text(decimals) },
                        mergedFrom: merged
                    )
                )
            }
        }
        return moves
    }

    /// The diff report's body: where it starts and every unit's move (sealed with the later fold).
    public static func diff(from before: LedgerFold, fromText: String, to after: LedgerFold) -> [String: JSONValue] {
        [
            "from": .string(fromText), "fromLedgerSize": .int(Int64(before.size)),
            "changes": .array(
                rankMoves(from: before.state, to: after.state).map { move in
                    var object: [String: JSONValue] = [
                        "group": .string(move.group.text), "unit": .string(move.unit.text),
                        "rankBefore": move.rankBefore.map { .int(Int64($0)) } ?? .null,
                        "rankAfter": .int(Int64(move.rankAfter)),
                        "indexBefore": move.indexBefore.map { .string($0) } ?? .null,
                        "indexAfter": .string(move.indexAfter),
                    ]
                    // Only where a merger happened, so a diff within a campaign reads as before.
                    if !move.mergedFrom.isEmpty {
                        object["mergedFrom"] = .array(
                            move.mergedFrom.map {
                                [
                                    "unit": .string($0.unit.text), "name": .string($0.name),
                                    "rankBefore": .int(Int64($0.rank)), "indexBefore": .string($0.index),
                                ]
                            }
                        )
                    }
                    return .object(object)
                }
            ),
        ]
    }
}
