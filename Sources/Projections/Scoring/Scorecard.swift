public import Appraisal
public import LedgerCore

/// A unit's scores and results, computed from the appraisal state by the rules of projections/RULES.md:
/// a pure function, exact until publication.
public struct Scorecard: Sendable {
    /// One leaf of the unit's criteria set.
    public struct Leaf: Sendable {
        public let code: CriterionCode
        public let name: String
        public let method: ScoringMethod
        public let maxPoints: Points
        public let selfScore: Points?
        public let round1: Points?
        public let round2: Points?
        /// The appraised points in force (latest round, accepted objection or correction).
        public let appraised: Points?
        public let survey: SurveyScore?
        public let notApplicable: AppraisalState.NotApplicableState?
        public let evidenceCount: Int
        /// Counted from the self-score because no appraisal exists yet.
        public let provisional: Bool
        public let corrected: Bool
        /// The points the leaf adds to the total.
        public let points: Ratio
        /// The max it adds to the effective max (0 when confirmed N/A excludes it).
        public let countedMax: Points
    }

    /// A survey (XHH) leaf's score: the respondent groups' means and what they give.
    public struct SurveyScore: Sendable {
        public struct Group: Sendable {
            public let respondentGroup: ConfigCode
            public let planned: Int
            public let validForms: Int
            /// The mean coefficient of the group's valid answers to the leaf's questions.
            public let mean: Ratio?
            /// Enough valid forms (at least the campaign's share of the quota).
            public let qualifies: Bool
            /// The group's weight in the mean of group means (the quota's; 1 unless configured).
            public let weight: Int
        }

        public let groups: [Group]
        /// No group qualifies: the leaf scores 0 and is flagged.
        public let insufficient: Bool
        public let score: Ratio
    }

    /// A domain's points and its component index.
    public struct Domain: Sendable {
        public let code: CriterionCode
        public let name: String
        public let points: Ratio
        public let effectiveMax: Ratio
        public let index: Ratio?
    }

    public let unit: UnitCode
    public let name: String
    public let group: ConfigCode
    public let leaves: [Leaf]
    public let domains: [Domain]
    /// Σ appraised (or provisional) TĐG points.
    public let appraisedTotal: Ratio
    /// Σ survey (XHH) points.
    public let surveyTotal: Ratio
    /// Accepted bonuses, capped.
    public let bonus: Ratio
    /// Accepted deductions, capped.
    public let deductions: Ratio
    /// appraised + survey + bonus − deductions, clamped at 0.
    public let total: Ratio
    public let effectiveMax: Ratio
    /// total ÷ effective max × 100.
    public let index: Ratio
    /// The rating band of the index at publication precision.
    public let band: String
    public let provisional: Bool
    public let lateSubmission: Bool
    /// Per respondent group: the unit's valid forms (not invalidated, and enough questions answered).
    public let validForms: [ConfigCode: Int]

    /// The index as published: rounded half-up at the campaign's precision.
    public func publishedIndex(_ plan: CampaignPlan) -> Ratio { index.rounded(plan.scoring.publicationDecimals) }
}

extension Scorecard {
    /// The scorecard of every unit still appraised (enrolled, not withdrawn), in unit code order.
    /// Units are independent, so a national ledger's thousands of scorecards are computed on every
    /// core; forms and claims are grouped by unit once rather than searched per unit.
    public static func all(_ state: AppraisalState) -> [Scorecard] {
        let formsByUnit = Dictionary(grouping: state.forms.values.filter { !$0.invalidated }, by: \.unit)
        let claimsByUnit = Dictionary(grouping: state.claims.values, by: \.unit)
        let units = state.activeUnits
        return Parallel.map(units.count) { index in
            of(
                units[index],
                in: state,
                forms: formsByUnit[units[index]] ?? [],
                claims: claimsByUnit[units[index]] ?? []
            )
        }
        .compactMap { $0 }
    }

    /// The scorecard of one unit; nil when the campaign, the unit or its criteria set is missing.
    public static func of(_ unit: UnitCode, in state: AppraisalState) -> Scorecard? {
        of(
            unit,
            in: state,
            forms: state.forms.values.filter { $0.unit == unit && !$0.invalidated },
            claims: state.claims.values.filter { $0.unit == unit }
        )
    }

    private static func of(
        _ unit: UnitCode,
        in state: AppraisalState,
        forms: [AppraisalState.RecordedForm],
        claims: [AppraisalState.Claim]
    ) -> Scorecard? {
        guard let plan = state.campaign, let enrolled = state.units[unit], let set = state.criteria(of: unit) else {
            return nil
        }
        let tally = SurveyTally(forms: forms, group: enrolled.group, plan: plan, state: state)
        var leaves: [Leaf] = []
        for leaf in set.orderedLeaves {
            let key = AppraisalState.LeafKey(unit: unit, leaf: leaf.code)
            let notApplicable = state.notApplicable[key]
            let policy: NotApplicablePolicy? =
                notApplicable == .confirmed
                ? {
                    switch leaf.notApplicable {
                    case .excludeFromMax: .excludeFromMax
                    case .awardMax: .awardMax
                    case .allowed, .notAllowed: plan.scoring.notApplicableDefault
                    }
                }() : nil
            let rounds = state.appraisals[key] ?? [:]
            let appraised = state.finalAppraised[key]
            let selfScore = state.selfScores[key]?.points
            var survey: SurveyScore?
            var points = Ratio.zero
            var provisional = false
            switch (leaf.method, policy) {
            case (_, .excludeFromMax?):
                points = .zero
            case (_, .awardMax?):
                points = Ratio(leaf.maxPoints)
            case (.selfAssessed, nil):
                if let appraised {
                    points = Ratio(appraised)
                } else {
                    provisional = true
                    points = Ratio(selfScore ?? .zero)
                }
            case (.survey, nil):
                let computed = surveyScore(of: leaf, tally: tally, group: enrolled.group, plan: plan)
                survey = computed
                points = computed.score
            }
            leaves.append(
                Leaf(
                    code: leaf.code,
                    name: leaf.name,
                    method: leaf.method,
                    maxPoints: leaf.maxPoints,
                    selfScore: selfScore,
                    round1: rounds[1],
                    round2: rounds[2],
                    appraised: appraised,
                    survey: survey,
                    notApplicable: notApplicable,
                    evidenceCount: state.evidenceCount[key] ?? 0,
                    provisional: provisional,
                    corrected: state.corrected.contains(key),
                    points: points,
                    countedMax: policy == .excludeFromMax ? .zero : leaf.maxPoints
                )
            )
        }
        let appraisedTotal = leaves.filter { $0.method == .selfAssessed }.reduce(Ratio.zero) { $0 + $1.points }
        let surveyTotal = leaves.filter { $0.method == .survey }.reduce(Ratio.zero) { $0 + $1.points }
        func accepted(_ kind: CriteriaSet.AdjustmentItem.Kind) -> Ratio {
            claims.filter { $0.item.kind == kind }.reduce(Ratio.zero) { $0 + Ratio($1.accepted ?? .zero) }
        }
        let bonus = min(accepted(.bonus), Ratio(set.bonusCap))
        let deductions = min(accepted(.deduction), Ratio(set.deductionCap))
        let total = max(.zero, appraisedTotal + surveyTotal + bonus - deductions)
        let effectiveMax = leaves.reduce(Ratio.zero) { $0 + Ratio($1.countedMax) }
        let index = effectiveMax == .zero ? Ratio.zero : total / effectiveMax * Ratio(100)
        let domains = set.domains.map { code in
            let inDomain = leaves.filter { $0.code.domain == code }
            let points = inDomain.reduce(Ratio.zero) { $0 + $1.points }
            let max = inDomain.reduce(Ratio.zero) { $0 + Ratio($1.countedMax) }
            return Domain(
                code: code,
                name: set.name(of: code) ?? code.text,
                points: points,
                effectiveMax: max,
                index: max == .zero ? nil : points / max * Ratio(100)
            )
        }
        let band = band(of: index, plan: plan)
        return Scorecard(
            unit: unit,
            name: enrolled.name,
            group: enrolled.group,
            leaves: leaves,
            domains: domains,
            appraisedTotal: appraisedTotal,
            surveyTotal: surveyTotal,
            bonus: bonus,
            deductions: deductions,
            total: total,
            effectiveMax: effectiveMax,
            index: index,
            band: band,
            provisional: leaves.contains(where: \.provisional),
            lateSubmission: state.lateSubmissions.contains(unit),
            validForms: tally.validForms
        )
    }

    /// The rating band of an index, judged at publication precision: an index that publishes as
    /// 90.00 is "Tốt" even when it is 89.995 exactly.
    public static func band(of index: Ratio, plan: CampaignPlan) -> String {
        let published = index.rounded(plan.scoring.publicationDecimals)
        return plan.scoring.bands.first { published >= Ratio($0.minimumIndex) }?.name ?? ""
    }

    /// A unit's valid forms, tallied once: valid forms per respondent group, and per leaf and
    /// group the sum and count of the coefficients answered ("không biết" and blanks left out).
    struct SurveyTally {
        var validForms: [ConfigCode: Int] = [:]
        /// Per leaf and respondent group: the answered coefficients' sum (in thousandths, exact)
        /// and count.
        var answers: [CriterionCode: [ConfigCode: (sum: Int64, count: Int)]] = [:]
        /// The respondent groups asked about each leaf by the group's templates.
        var asked: [CriterionCode: Set<ConfigCode>] = [:]

        /// What one template asks one respondent group, worked out once per unit rather than per
        /// form: the position of each question asked (by code text) and its leaf, the answers that
        /// must be given for the form to count, and each option's coefficient.
        private struct Questionnaire {
            let positions: [String: Int]
            let leaves: [CriterionCode]
            let requiredAnswers: Ratio
            let coefficients: [String: Points]

            init(_ template: SurveyTemplate, respondentGroup: ConfigCode, plan: CampaignPlan) {
                let questions = template.questions.filter { $0.respondentGroups.contains(respondentGroup) }
                positions = Dictionary(questions.enumerated().map { ($1.code.text, $0) }) { first, _ in first }
                leaves = questions.map(\.leaf)
                requiredAnswers = Ratio(plan.scoring.formValidShare) * Ratio(questions.count)
                var coefficients: [String: Points] = [:]
                for option in template.options {
                    if let coefficient = option.coefficient { coefficients[option.code.text] = coefficient }
                }
                self.coefficients = coefficients
            }
        }

        /// One questionnaire and its valid forms' answers, summed per question position.
        private struct Tallied {
            let respondentGroup: ConfigCode
            let questionnaire: Questionnaire
            var sums: [Int64]
            var counts: [Int]
        }

        init(forms: [AppraisalState.RecordedForm], group: ConfigCode, plan: CampaignPlan, state: AppraisalState) {
            for template in state.templates.values where template.group == group {
                for question in template.questions {
                    asked[question.leaf, default: []].formUnion(question.respondentGroups)
                }
            }
            struct Asked: Hashable {
                let template: AppraisalState.SetKey
                let respondentGroup: ConfigCode
            }
            var positions: [Asked: Int] = [:]
            var tallies: [Tallied] = []
            var scored: [(position: Int, thousandths: Int64)] = []
            // A national ledger holds about fifty forms of twenty-odd answers per unit: each answer
            // is looked up once and summed by position; leaves are summed after the last form.
            for form in forms {
                let asked = Asked(template: form.template, respondentGroup: form.respondentGroup)
                let index: Int
                if let known = positions[asked] {
                    index = known
                } else {
                    guard let template = state.templates[form.template] else { continue }
                    let questionnaire = Questionnaire(template, respondentGroup: form.respondentGroup, plan: plan)
                    let zeros = Array(repeating: 0, count: questionnaire.leaves.count)
                    index = tallies.count
                    positions[asked] = index
                    tallies.append(
                        Tallied(
                            respondentGroup: form.respondentGroup,
                            questionnaire: questionnaire,
                            sums: zeros.map(Int64.init),
                            counts: zeros
                        )
                    )
                }
                var answered = 0
                scored.removeAll(keepingCapacity: true)
                for (question, answer) in form.answers {
                    guard let position = tallies[index].questionnaire.positions[question] else { continue }
                    answered += 1
                    if let coefficient = tallies[index].questionnaire.coefficients[answer] {
                        scored.append((position, coefficient.thousandths))
                    }
                }
                guard Ratio(answered) >= tallies[index].questionnaire.requiredAnswers else { continue }
                validForms[form.respondentGroup, default: 0] += 1
                for (position, thousandths) in scored {
                    tallies[index].sums[position] += thousandths
                    tallies[index].counts[position] += 1
                }
            }
            for tallied in tallies {
                for (position, leaf) in tallied.questionnaire.leaves.enumerated() where tallied.counts[position] > 0 {
                    let tally = answers[leaf, default: [:]][tallied.respondentGroup] ?? (0, 0)
                    answers[leaf, default: [:]][tallied.respondentGroup] = (
                        tally.sum + tallied.sums[position], tally.count + tallied.counts[position]
                    )
                }
            }
        }
    }

    /// The survey score of a leaf for a unit (projections/RULES.md §5): per respondent group, the mean coefficient
    /// of the valid forms' answers to the leaf's questions ("không biết" and blanks left out); a
    /// group with fewer valid forms than its share of the quota is dropped and the others
    /// reweighted equally; no qualifying group leaves the leaf at 0, flagged insufficient.
    static func surveyScore(
        of leaf: CriteriaSet.Leaf,
        tally: SurveyTally,
        group: ConfigCode,
        plan: CampaignPlan
    ) -> SurveyScore {
        var groups: [SurveyScore.Group] = []
        for quota in plan.quotas
        where quota.group == group && tally.asked[leaf.code]?.contains(quota.respondentGroup) == true {
            let validForms = tally.validForms[quota.respondentGroup] ?? 0
            let answered = tally.answers[leaf.code]?[quota.respondentGroup]
            groups.append(
                SurveyScore.Group(
                    respondentGroup: quota.respondentGroup,
                    planned: quota.formsPerUnit,
                    validForms: validForms,
                    mean: answered.flatMap { $0.count == 0 ? nil : Ratio(Int128($0.sum), 1000 * Int128($0.count)) },
                    qualifies: Ratio(validForms) >= Ratio(plan.scoring.minimumSampleShare) * Ratio(quota.formsPerUnit),
                    weight: quota.weight
                )
            )
        }
        // The qualifying groups' means, each with its quota's weight: dropping a group reweights
        // the others, since the weights are normalised over those that remain.
        let weighted = groups.filter(\.qualifies).compactMap { group in
            group.mean.map { (mean: $0, weight: group.weight) }
        }
        guard !weighted.isEmpty else { return SurveyScore(groups: groups, insufficient: true, score: .zero) }
        let totalWeight = Ratio(weighted.reduce(0) { $0 + $1.weight })
        let mean = weighted.reduce(Ratio.zero) { $0 + $1.mean * Ratio($1.weight) } / totalWeight
        return SurveyScore(groups: groups, insufficient: false, score: Ratio(leaf.maxPoints) * mean)
    }
}
