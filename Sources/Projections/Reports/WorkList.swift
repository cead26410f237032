public import Appraisal
public import LedgerCore

/// What waits on one person (`parledger todo`, the pages' inbox): the acts their role has still to
/// do in the current campaign, each with what it concerns (unit, leaves, the id an act refers to)
/// and by when, from the appraisal state alone. Pure: the front ends word and link the items.
public struct WorkList: Sendable {
    /// One thing to do.
    public struct Item: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            /// Leaves of the unit neither self-scored nor claimed N/A, while self-scoring is open.
            case selfScore
            /// Every leaf answered, not submitted: the leader submits.
            case submit
            /// An appraisal asked the unit to explain a leaf, in the explanation window.
            case explain
            /// Leaves of a unit in the appraiser's domains not appraised yet in the round open.
            case appraise
            /// A pending N/A claim the reader may decide.
            case decideNotApplicable
            /// A pending bonus or deduction claim the reader may decide.
            case decideClaim
            /// An open objection (the council chair).
            case resolveObjection
            /// Nothing pending and every leaf appraised: the chair approves the council's report.
            case approveReport
            /// Units whose self-scoring closed without a submission (the secretariat may reopen).
            case notSubmitted
            /// Every unit's self-scoring closed: the secretariat issues the preliminary results.
            case issuePreliminary
            /// The council's report is approved: the authority publishes.
            case publish
            /// Survey forms of a unit still to key in against the plan's quotas (survey clerks),
            /// until the council's report is approved.
            case keyForms
            /// A deadline of the plan in the next seven days.
            case deadline
        }

        public let kind: Kind
        public let unit: UnitCode?
        /// The leaves it concerns, in tree order.
        public let leaves: [CriterionCode]
        /// The statement an act would refer to (a claim, an objection), if any.
        public let reference: StatementID?
        /// The deadline it is due by, if any.
        public let due: Timestamp?
        /// For `deadline`: which one.
        public let deadline: CampaignPlan.Deadline?
        /// For `keyForms`: how many forms the quotas still expect.
        public let forms: Int?

        init(
            _ kind: Kind,
            unit: UnitCode? = nil,
            leaves: [CriterionCode] = [],
            reference: StatementID? = nil,
            due: Timestamp? = nil,
            deadline: CampaignPlan.Deadline? = nil,
            forms: Int? = nil
        ) {
            self.kind = kind
            self.unit = unit
            self.leaves = leaves
            self.reference = reference
            self.due = due
            self.deadline = deadline
            self.forms = forms
        }

        public var json: JSONValue {
            [
                "kind": .string(kind.rawValue), "unit": unit.map { .string($0.text) } ?? .null,
                "leaves": .array(leaves.map { .string($0.text) }),
                "reference": reference.map { .string($0.text) } ?? .null, "due": due.map { .string($0.text) } ?? .null,
                "deadline": deadline.map { .string($0.rawValue) } ?? .null,
                "forms": forms.map { .int(Int64($0)) } ?? .null,
            ]
        }
    }

    public let items: [Item]

    /// How far ahead a deadline is announced.
    public static let horizonMilliseconds: Int64 = 7 * 86_400_000

    /// The items of `key`'s role in `state` at `now`; none for a revoked key or before a campaign.
    public init(for key: KeyRecord, in state: AppraisalState, at now: Timestamp) {
        guard let plan = state.campaign, key.revokedAt == nil, state.decisions.isEmpty else {
            items = []
            return
        }
        var items: [Item] = []
        switch key.role {
        case .unitOfficer, .unitLeader:
            if let unit = key.unit { items += Self.unitItems(unit, role: key.role, state, plan, now) }
        case .appraiser, .councilChair:
            items += Self.appraiserItems(key, state, plan, now)
            if key.role == .councilChair { items += Self.chairItems(state) }
        case .secretariat:
            items += Self.secretariatItems(state, plan, now)
        case .authority:
            if state.councilReportApproved { items.append(Item(.publish)) }
        case .surveyClerk:
            items += Self.clerkItems(state, plan)
        case .auditor:
            break
        }
        for deadline in CampaignPlan.Deadline.allCases {
            let time = plan.deadlines[keyPath: deadline.time]
            if time > now, time.millisecondsSinceEpoch - now.millisecondsSinceEpoch <= Self.horizonMilliseconds {
                items.append(Item(.deadline, due: time, deadline: deadline))
            }
        }
        self.items = items
    }

    public var json: [String: JSONValue] { ["items": .array(items.map(\.json))] }

    private static func unitItems(
        _ unit: UnitCode,
        role: Role,
        _ state: AppraisalState,
        _ plan: CampaignPlan,
        _ now: Timestamp
    ) -> [Item] {
        guard let enrolled = state.units[unit], enrolled.isActive, let set = state.criteria(of: unit) else { return [] }
        var items: [Item] = []
        let closes = enrolled.selfScoringCloses(in: plan)
        let open =
            state.preliminaryIssuedAt == nil && enrolled.submittedAt == nil && now >= plan.deadlines.selfScoringOpens
            && now <= closes
        if open {
            let missing = set.orderedLeaves.filter {
                $0.method == .selfAssessed && !state.isAnswered(.init(unit: unit, leaf: $0.code))
            }
            if role == .unitOfficer, !missing.isEmpty {
                items.append(Item(.selfScore, unit: unit, leaves: missing.map(\.code), due: closes))
            }
            if role == .unitLeader, missing.isEmpty { items.append(Item(.submit, unit: unit, due: closes)) }
        }
        if role == .unitOfficer, state.preliminaryIssuedAt != nil, now <= plan.deadlines.explanationCloses {
            let requested = set.orderedLeaves.map(\.code).filter {
                state.explanationsRequested.contains(.init(unit: unit, leaf: $0))
            }
            if !requested.isEmpty {
                items.append(Item(.explain, unit: unit, leaves: requested, due: plan.deadlines.explanationCloses))
            }
        }
        return items
    }

    private static func appraiserItems(
        _ key: KeyRecord,
        _ state: AppraisalState,
        _ plan: CampaignPlan,
        _ now: Timestamp
    ) -> [Item] {
        guard !state.councilReportApproved else { return [] }
        let assignment = state.assignments[key.keyID]
        let chair = key.role == .councilChair
        /// Whether this reader decides for a unit's leaf: an appraiser in its domain, not of the unit; the chair, not of the unit.
        func decides(_ unit: UnitCode, _ leaf: CriterionCode?) -> Bool {
            if assignment?.ownUnit == unit { return false }
            if chair { return true }
            guard let assignment else { return false }
            return leaf.map { assignment.domains.contains($0.domain) } ?? true
        }
        var items: [Item] = []
        if let assignment, !chair {
            // Round 1 while it is open; leaves a unit's self-scoring has closed on.
            let roundOpen = state.preliminaryIssuedAt == nil && now <= plan.deadlines.round1Closes
            for unit in state.activeUnits where unit != assignment.ownUnit && roundOpen {
                guard let enrolled = state.units[unit], let set = state.criteria(of: unit),
                    enrolled.submittedAt != nil || now > enrolled.selfScoringCloses(in: plan)
                else { continue }
                let waiting = set.orderedLeaves.filter { leaf in
                    let key = AppraisalState.LeafKey(unit: unit, leaf: leaf.code)
                    return leaf.method == .selfAssessed && assignment.domains.contains(leaf.code.domain)
                        && state.appraisals[key]?[1] == nil && state.notApplicable[key] != .confirmed
                }
                if !waiting.isEmpty {
                    items.append(
                        Item(.appraise, unit: unit, leaves: waiting.map(\.code), due: plan.deadlines.round1Closes)
                    )
                }
            }
        }
        // In the order claimed; claims of one batch share a time, so their ids settle the order.
        for (id, claim) in state.notApplicableClaims.sorted(by: {
            ($0.value.claimedAt, $0.key.text) < ($1.value.claimedAt, $1.key.text)
        })
        where claim.confirmed == nil && state.units[claim.key.unit]?.isActive == true
            && decides(claim.key.unit, claim.key.leaf)
        {
            items.append(Item(.decideNotApplicable, unit: claim.key.unit, leaves: [claim.key.leaf], reference: id))
        }
        for (id, claim) in state.claims.sorted(by: {
            ($0.value.claimedAt, $0.key.text) < ($1.value.claimedAt, $1.key.text)
        })
        where claim.pending && state.units[claim.unit]?.isActive == true && decides(claim.unit, nil) {
            items.append(Item(.decideClaim, unit: claim.unit, reference: id))
        }
        return items
    }

    private static func chairItems(_ state: AppraisalState) -> [Item] {
        var items = state.objections.filter { $0.value.open && state.units[$0.value.key.unit]?.isActive == true }
            .sorted { ($0.value.filedAt, $0.key.text) < ($1.value.filedAt, $1.key.text) }
            .map { Item(.resolveObjection, unit: $0.value.key.unit, leaves: [$0.value.key.leaf], reference: $0.key) }
        let pending =
            !items.isEmpty || state.claims.values.contains { $0.pending }
            || state.notApplicable.values.contains(.pending)
        let provisional = state.activeUnits.contains { unit in
            (state.criteria(of: unit)?.orderedLeaves ?? []).contains { leaf in
                let key = AppraisalState.LeafKey(unit: unit, leaf: leaf.code)
                return leaf.method == .selfAssessed && state.finalAppraised[key] == nil
                    && state.notApplicable[key] != .confirmed
            }
        }
        if state.preliminaryIssuedAt != nil, !state.councilReportApproved, !pending, !provisional {
            items.append(Item(.approveReport))
        }
        return items
    }

    /// Each unit whose forms (not invalidated) fall short of the plan's quotas for its group, with
    /// how many are missing: what the survey clerks have still to key in.
    private static func clerkItems(_ state: AppraisalState, _ plan: CampaignPlan) -> [Item] {
        guard !state.councilReportApproved else { return [] }
        let kept = Dictionary(grouping: state.forms.values.filter { !$0.invalidated }, by: \.unit)
        return state.activeUnits.compactMap { unit in
            guard let group = state.units[unit]?.group else { return nil }
            let forms = kept[unit] ?? []
            let missing = plan.quotas.filter { $0.group == group }.reduce(0) { total, quota in
                total + max(0, quota.formsPerUnit - forms.count { $0.respondentGroup == quota.respondentGroup })
            }
            return missing > 0 ? Item(.keyForms, unit: unit, forms: missing) : nil
        }
    }

    private static func secretariatItems(_ state: AppraisalState, _ plan: CampaignPlan, _ now: Timestamp) -> [Item] {
        guard state.preliminaryIssuedAt == nil else { return [] }
        var items: [Item] = []
        var allClosed = true
        for unit in state.activeUnits {
            guard let enrolled = state.units[unit] else { continue }
            let closes = enrolled.selfScoringCloses(in: plan)
            if enrolled.submittedAt == nil {
                if now > closes {
                    items.append(Item(.notSubmitted, unit: unit, due: closes))
                } else {
                    allClosed = false
                }
            }
        }
        if allClosed, now > plan.deadlines.selfScoringCloses {
            items.append(Item(.issuePreliminary, due: plan.deadlines.round1Closes))
        }
        return items
    }
}
