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
    }

    /// Rank moves and index changes of every unit from `before` to `after` (`parledger diff`).
    public static func rankMoves(from before: AppraisalState, to after: AppraisalState) -> [RankMove] {
        guard let plan = after.campaign else { return [] }
        let decimals = plan.scoring.publicationDecimals
        var previous: [UnitCode: Standing] = [:]
        for (_, standings) in Standing.all(before) {
            for standing in standings { previous[standing.scorecard.unit] = standing }
        }
        var moves: [RankMove] = []
        for (group, standings) in Standing.all(after) {
            for standing in standings {
                let old = previous[standing.scorecard.unit]
                let change = old.map { standing.index - $0.index }
                moves.append(
                    RankMove(
                        group: group.code,
                        unit: standing.scorecard.unit,
                        name: standing.scorecard.name,
                        rankBefore: old?.rank,
                        rankAfter: standing.rank,
                        indexBefore: old?.index.text(decimals),
                        indexAfter: standing.index.text(decimals),
                        change: change.map { ($0 > .zero ? "+" : "") + $0.text(decimals) }
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
                    [
                        "group": .string(move.group.text), "unit": .string(move.unit.text),
                        "rankBefore": move.rankBefore.map { .int(Int64($0)) } ?? .null,
                        "rankAfter": .int(Int64(move.rankAfter)),
                        "indexBefore": move.indexBefore.map { .string($0) } ?? .null,
                        "indexAfter": .string(move.indexAfter),
                    ]
                }
            ),
        ]
    }
}
