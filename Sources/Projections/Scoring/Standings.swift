public import Appraisal

/// The ranking of one unit group (projections/RULES.md §9): by index at publication precision, descending;
/// equal indexes share a rank, competition style (1, 2, 2, 4), unless the campaign's tie-break
/// list tells them apart.
public struct Standing: Sendable {
    public let rank: Int
    public let scorecard: Scorecard
    /// The index as published.
    public let index: Ratio
}

extension Standing {
    /// The standings of every group of the campaign, group by group in the plan's order.
    /// - Parameter cards: the scorecards of every unit still appraised, when kept (`ScorecardMemo`).
    public static func all(
        _ state: AppraisalState,
        cards: [Scorecard]? = nil
    ) -> [(group: CampaignPlan.Group, standings: [Standing])] {
        guard let plan = state.campaign else { return [] }
        let cards = cards ?? Scorecard.all(state)
        return plan.groups.map { group in (group, rank(cards.filter { $0.group == group.code }, plan: plan)) }
    }

    /// Ranks one group's scorecards.
    public static func rank(_ cards: [Scorecard], plan: CampaignPlan) -> [Standing] {
        let decimals = plan.scoring.publicationDecimals
        /// What is compared, in order: the published index, then each tie-break, all "higher is better".
        func key(_ card: Scorecard) -> [Ratio] {
            [card.publishedIndex(plan)]
                + plan.scoring.tieBreak.map { tieBreak in
                    switch tieBreak {
                    case .surveyTotal: card.surveyTotal.rounded(decimals)
                    case .appraisedTotal: card.appraisedTotal.rounded(decimals)
                    case .bonusTotal: card.bonus.rounded(decimals)
                    case .fewerDeductions: -card.deductions.rounded(decimals)
                    }
                }
        }
        let keys = cards.map(key)
        let ranks = competitionRanks(keys)
        return cards.indices.sorted {
            ranks[$0] < ranks[$1] || (ranks[$0] == ranks[$1] && cards[$0].unit < cards[$1].unit)
        }
        .map { Standing(rank: ranks[$0], scorecard: cards[$0], index: keys[$0][0]) }
    }

    /// Competition ranks ("1, 2, 2, 4") of keys compared in order, higher first: each rank is one
    /// more than the number of keys strictly better. Sorted once, so thousands of communes rank
    /// in n log n.
    public static func competitionRanks(_ keys: [[Ratio]]) -> [Int] {
        func better(_ left: [Ratio], _ right: [Ratio]) -> Bool {
            for (a, b) in zip(left, right) where a != b { return a > b }
            return false
        }
        let order = keys.indices.sorted { better(keys[$0], keys[$1]) }
        var ranks = [Int](repeating: 0, count: keys.count)
        for (position, index) in order.enumerated() {
            if position > 0, !better(keys[order[position - 1]], keys[index]) {
                ranks[index] = ranks[order[position - 1]]  // equal to the one before: shares its rank
            } else {
                ranks[index] = position + 1
            }
        }
        return ranks
    }
}
