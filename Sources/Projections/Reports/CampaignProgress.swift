public import Appraisal
public import LedgerCore

/// Where the campaign stands (projections/progress/README.md): the plan and its deadlines, every
/// enrolled unit's self-assessment — its TĐG leaves self-scored, claimed N/A, with evidence, and
/// whether and when it submitted — the appraisers' assignments, the totals per unit group, and how
/// far the appraisal has gone (preliminary results, council report, decisions).
public struct CampaignProgress: Sendable, Equatable {
    /// A unit's TĐG leaves, counted: how many there are and how far its self-assessment has got.
    public struct Leaves: Sendable, Equatable {
        /// The TĐG leaves of its criteria set.
        public internal(set) var selfAssessed = 0
        public internal(set) var selfScored = 0
        /// Leaves with an N/A claim, pending, confirmed or rejected.
        public internal(set) var notApplicableClaims = 0
        /// Leaves done as submission requires: self-scored, or claimed N/A and the claim not rejected.
        public internal(set) var answered = 0
        /// Leaves with at least one evidence file attached and not withdrawn.
        public internal(set) var withEvidence = 0
        /// Evidence files attached and not withdrawn.
        public internal(set) var evidenceFiles = 0

        static func + (left: Leaves, right: Leaves) -> Leaves {
            var sum = left
            sum.selfAssessed += right.selfAssessed
            sum.selfScored += right.selfScored
            sum.notApplicableClaims += right.notApplicableClaims
            sum.answered += right.answered
            sum.withEvidence += right.withEvidence
            sum.evidenceFiles += right.evidenceFiles
            return sum
        }

        /// The report members, beside a unit's or a group's own.
        var members: [String: JSONValue] {
            [
                "selfAssessedLeaves": .int(Int64(selfAssessed)), "selfScored": .int(Int64(selfScored)),
                "notApplicableClaims": .int(Int64(notApplicableClaims)), "answered": .int(Int64(answered)),
                "leavesWithEvidence": .int(Int64(withEvidence)), "evidenceFiles": .int(Int64(evidenceFiles)),
            ]
        }
    }

    /// One enrolled unit's self-assessment.
    public struct UnitProgress: Sendable, Equatable {
        public let unit: UnitCode
        public let name: String
        public let group: ConfigCode
        /// When its leader submitted, if the submission stands (a reopening undoes it).
        public let submittedAt: Timestamp?
        /// Submitted after `selfScoringCloses`, which only a reopening allows.
        public let late: Bool
        /// Reopened by the secretariat until then, and not submitted since.
        public let reopenedUntil: Timestamp?
        /// When its self-scoring closes: the deadline, or a later reopening's end.
        public let selfScoringCloses: Timestamp
        public let leaves: Leaves
        /// Its earlier names, oldest first (`unit.renamed/v1`).
        public let formerNames: [String]
        /// Set when it was withdrawn from the campaign (dissolved, merged): it no longer counts.
        public let withdrawal: AppraisalState.Withdrawal?
    }

    /// An appraiser's assignment.
    public struct Assignment: Sendable, Equatable {
        public let keyID: KeyID
        /// The name the key was registered with.
        public let name: String?
        public let domains: [CriterionCode]
        /// The unit the appraiser belongs to, which they never appraise.
        public let ownUnit: UnitCode
    }

    /// A unit group's totals.
    public struct GroupTotals: Sendable, Equatable {
        public let group: ConfigCode
        public let name: String
        public let units: Int
        public let submitted: Int
        public let late: Int
        /// Units reopened and not submitted since.
        public let reopened: Int
        public let leaves: Leaves
    }

    public let year: Int
    public let plan: DecisionReference
    public let deadlines: CampaignPlan.Deadlines
    /// The groups in the plan's order (or the one asked for).
    public let groups: [GroupTotals]
    /// By group in the plan's order, then by code.
    public let units: [UnitProgress]
    /// Every assignment, by key id (whatever the group asked for: appraisers work across groups).
    public let assignments: [Assignment]
    public let preliminaryIssuedAt: Timestamp?
    public let councilReportApproved: Bool
    /// The decision numbers of the publication and its corrections, in order.
    public let decisions: [String]
    /// The decisions that amended the plan's deadlines, in order.
    public let amendments: [DecisionReference]

    /// The progress of every group, or of one; nil before the campaign is opened.
    public init?(_ state: AppraisalState, keys: [KeyID: KeyRecord], group only: ConfigCode? = nil) {
        guard let plan = state.campaign else { return nil }
        let groups = plan.groups.filter { only == nil || $0.code == only }
        let order = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1.code, $0) })
        let units = state.units.compactMap { (code, unit) -> UnitProgress? in
            guard order[unit.group] != nil else { return nil }
            var leaves = Leaves()
            for leaf in state.criteria(of: code)?.orderedLeaves ?? [] where leaf.method == .selfAssessed {
                let key = AppraisalState.LeafKey(unit: code, leaf: leaf.code)
                let evidence = state.evidenceCount[key, default: 0]
                leaves.selfAssessed += 1
                if state.selfScores[key] != nil { leaves.selfScored += 1 }
                if state.notApplicable[key] != nil { leaves.notApplicableClaims += 1 }
                if state.isAnswered(key) { leaves.answered += 1 }
                if evidence > 0 { leaves.withEvidence += 1 }
                leaves.evidenceFiles += evidence
            }
            return UnitProgress(
                unit: code,
                name: unit.name,
                group: unit.group,
                submittedAt: unit.submittedAt,
                late: state.lateSubmissions.contains(code),
                reopenedUntil: unit.reopenedUntil,
                selfScoringCloses: unit.selfScoringCloses(in: plan),
                leaves: leaves,
                formerNames: unit.formerNames,
                withdrawal: unit.withdrawal
            )
        }.sorted { (order[$0.group] ?? 0, $0.unit) < (order[$1.group] ?? 0, $1.unit) }
        self.units = units
        self.groups = groups.map { group in
            let members = units.filter { $0.group == group.code && $0.withdrawal == nil }
            return GroupTotals(
                group: group.code,
                name: group.name,
                units: members.count,
                submitted: members.filter { $0.submittedAt != nil }.count,
                late: members.filter(\.late).count,
                reopened: members.filter { $0.reopenedUntil != nil }.count,
                leaves: members.map(\.leaves).reduce(Leaves(), +)
            )
        }
        assignments = state.assignments.map { keyID, assignment in
            Assignment(
                keyID: keyID,
                name: keys[keyID]?.name,
                domains: assignment.domains.sorted(),
                ownUnit: assignment.ownUnit
            )
        }.sorted { $0.keyID.hex < $1.keyID.hex }
        year = plan.year
        self.plan = plan.plan
        deadlines = plan.deadlines
        preliminaryIssuedAt = state.preliminaryIssuedAt
        councilReportApproved = state.councilReportApproved
        decisions = state.decisions
        amendments = state.amendments
    }

    /// As a report body.
    public var json: [String: JSONValue] {
        func time(_ value: Timestamp?) -> JSONValue { value.map { .string($0.text) } ?? .null }
        return [
            "year": .int(Int64(year)),
            "plan": ["number": .string(plan.number), "date": .string(plan.date.text)],
            "deadlines": [
                "selfScoringOpens": time(deadlines.selfScoringOpens),
                "selfScoringCloses": time(deadlines.selfScoringCloses),
                "round1Closes": time(deadlines.round1Closes),
                "explanationCloses": time(deadlines.explanationCloses),
                "round2Closes": time(deadlines.round2Closes),
            ],
            "groups": .array(
                groups.map { group in
                    .object(
                        group.leaves.members.merging([
                            "group": .string(group.group.text), "name": .string(group.name),
                            "units": .int(Int64(group.units)), "submitted": .int(Int64(group.submitted)),
                            "late": .int(Int64(group.late)), "reopened": .int(Int64(group.reopened)),
                        ]) { $1 }
                    )
                }
            ),
            "units": .array(
                units.map { unit in
                    var members = unit.leaves.members.merging([
                        "unit": .string(unit.unit.text), "name": .string(unit.name),
                        "group": .string(unit.group.text), "submittedAt": time(unit.submittedAt),
                        "late": .bool(unit.late), "reopenedUntil": time(unit.reopenedUntil),
                        "selfScoringCloses": time(unit.selfScoringCloses),
                    ]) { $1 }
                    // Present only where a decision changed the unit, so the common answer stays as it was.
                    if !unit.formerNames.isEmpty {
                        members["formerNames"] = .array(unit.formerNames.map { .string($0) })
                    }
                    if let withdrawal = unit.withdrawal {
                        members["withdrawn"] = [
                            "decision": [
                                "number": .string(withdrawal.decision.number),
                                "date": .string(withdrawal.decision.date.text),
                            ],
                            "reason": .string(withdrawal.reason),
                            "successor": withdrawal.successor.map { .string($0.text) } ?? .null,
                            "at": .string(withdrawal.at.text),
                        ]
                    }
                    return .object(members)
                }
            ),
            "assignments": .array(
                assignments.map { assignment in
                    [
                        "keyId": .string(assignment.keyID.hex), "name": assignment.name.map { .string($0) } ?? .null,
                        "domains": .array(assignment.domains.map { .string($0.text) }),
                        "ownUnit": .string(assignment.ownUnit.text),
                    ]
                }
            ),
            "preliminaryIssuedAt": time(preliminaryIssuedAt),
            "councilReportApproved": .bool(councilReportApproved),
            "decisions": .array(decisions.map { .string($0) }),
        ]
        .merging(
            amendments.isEmpty
                ? [:]
                : [
                    "amendments": .array(
                        amendments.map { ["number": .string($0.number), "date": .string($0.date.text)] }
                    )
                ]
        ) { $1 }
    }
}
