public import LedgerCore

/// What the appraisal rules need to know of the ledger so far: the fold of every appraisal event
/// (`evolve`), from which `decide` judges the next act.
public struct AppraisalState: Sendable {
    /// A unit's leaf: where scores, evidence, claims and objections live.
    public struct LeafKey: Sendable, Hashable {
        public let unit: UnitCode
        public let leaf: CriterionCode

        public init(unit: UnitCode, leaf: CriterionCode) {
            self.unit = unit
            self.leaf = leaf
        }
    }

    public struct EnrolledUnit: Sendable {
        public let name: String
        public let group: ConfigCode
        /// When the unit's leader last submitted, if the submission still stands.
        public var submittedAt: Timestamp?
        /// Self-scoring reopened by the secretariat until this time.
        public var reopenedUntil: Timestamp?
    }

    public struct Assignment: Sendable {
        public let domains: Set<CriterionCode>
        public let ownUnit: UnitCode
    }

    public enum NotApplicableState: Sendable, Equatable { case pending, confirmed, rejected }

    public struct Evidence: Sendable {
        public let key: LeafKey
        public var withdrawn: Bool
    }

    public struct Objection: Sendable {
        public let key: LeafKey
        public var open: Bool
    }

    public struct Claim: Sendable {
        public let unit: UnitCode
        public let item: CriteriaSet.AdjustmentItem
        public var pending: Bool
    }

    /// A criteria set or survey template: its code and version.
    public struct SetKey: Sendable, Hashable {
        public let set: ConfigCode
        public let version: Int

        public init(set: ConfigCode, version: Int) {
            self.set = set
            self.version = version
        }
    }

    public internal(set) var criteriaSets: [SetKey: CriteriaSet] = [:]
    public internal(set) var campaign: CampaignPlan?
    public internal(set) var units: [UnitCode: EnrolledUnit] = [:]
    public internal(set) var assignments: [KeyID: Assignment] = [:]
    public internal(set) var selfScores: [LeafKey: (points: Points, note: String?)] = [:]
    public internal(set) var evidence: [StatementID: Evidence] = [:]
    public internal(set) var evidenceCount: [LeafKey: Int] = [:]
    public internal(set) var notApplicable: [LeafKey: NotApplicableState] = [:]
    public internal(set) var appraisals: [LeafKey: [Int: Points]] = [:]
    public internal(set) var preliminaryIssuedAt: Timestamp?
    public internal(set) var objections: [StatementID: Objection] = [:]
    public internal(set) var claims: [StatementID: Claim] = [:]
    public internal(set) var templates: [SetKey: SurveyTemplate] = [:]
    public internal(set) var formSerials: [String: Bool] = [:]
    public internal(set) var councilReportApproved = false
    /// The decision numbers of the publication and its corrections, in order.
    public internal(set) var decisions: [String] = []

    public init() {}

    /// The criteria set frozen for a unit's group.
    public func criteria(of unit: UnitCode) -> CriteriaSet? {
        guard let group = units[unit].flatMap({ campaign?.group($0.group) }) else { return nil }
        return criteriaSets[SetKey(set: group.criteriaSet, version: group.criteriaVersion)]
    }

    /// Folds in an appraisal event that the rules admitted.
    public mutating func evolve(_ event: AppraisalEvent, id: StatementID, at time: Timestamp) {
        switch event {
        case .criteriaSetPublished(let set):
            criteriaSets[SetKey(set: set.set, version: set.version)] = set
        case .campaignOpened(let plan):
            campaign = plan
        case .unitEnrolled(let code, let name, let group):
            units[code] = EnrolledUnit(name: name, group: group)
        case .appraiserAssigned(let keyID, let domains, let ownUnit):
            assignments[keyID] = Assignment(domains: Set(domains), ownUnit: ownUnit)
        case .selfScoreRecorded(let unit, let leaf, let points, let note):
            selfScores[LeafKey(unit: unit, leaf: leaf)] = (points, note)
        case .evidenceAttached(let unit, let leaf, _, _):
            let key = LeafKey(unit: unit, leaf: leaf)
            evidence[id] = Evidence(key: key, withdrawn: false)
            evidenceCount[key, default: 0] += 1
        case .evidenceWithdrawn(let unit, let leaf, let attached, _):
            evidence[attached]?.withdrawn = true
            evidenceCount[LeafKey(unit: unit, leaf: leaf), default: 1] -= 1
        case .notApplicableClaimed(let unit, let leaf, _):
            notApplicable[LeafKey(unit: unit, leaf: leaf)] = .pending
        case .notApplicableDecided(let unit, let leaf, let confirmed, _):
            notApplicable[LeafKey(unit: unit, leaf: leaf)] = confirmed ? .confirmed : .rejected
        case .selfAssessmentSubmitted(let unit):
            units[unit]?.submittedAt = time
            units[unit]?.reopenedUntil = nil
        case .selfAssessmentReopened(let unit, _, let until):
            units[unit]?.submittedAt = nil
            units[unit]?.reopenedUntil = until
        case .appraisalRecorded(let unit, let leaf, let round, let points, _, _):
            appraisals[LeafKey(unit: unit, leaf: leaf), default: [:]][round] = points
        case .preliminaryResultsIssued:
            preliminaryIssuedAt = time
        case .explanationSubmitted:
            break
        case .objectionFiled(let unit, let leaf, _):
            objections[id] = Objection(key: LeafKey(unit: unit, leaf: leaf), open: true)
        case .objectionResolved(let objection, _, _, _):
            objections[objection]?.open = false
        case .bonusPenaltyClaimed(let unit, let itemCode, _, _):
            if let item = criteria(of: unit)?.items.first(where: { $0.code == itemCode }) {
                claims[id] = Claim(unit: unit, item: item, pending: true)
            }
        case .bonusPenaltyDecided(let claim, _, _, _):
            claims[claim]?.pending = false
        case .surveyTemplatePublished(let template):
            templates[SetKey(set: template.template, version: template.version)] = template
        case .surveyBatchRecorded(_, _, let forms):
            for form in forms { formSerials[form.serial] = false }
        case .surveyFormInvalidated(let serial, _):
            formSerials[serial] = true
        case .councilReportApproved:
            councilReportApproved = true
        case .resultsPublished(let decision, _, _), .resultsCorrected(let decision, _, _, _, _):
            decisions.append(decision.number)
        }
    }

    /// The latest appraisal of a leaf: round 2 if any, else round 1.
    public func appraised(_ key: LeafKey) -> Points? {
        appraisals[key].flatMap { $0[2] ?? $0[1] }
    }
}
