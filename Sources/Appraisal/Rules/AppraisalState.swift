public import LedgerCore

/// What the appraisal rules need to know of the ledger so far: the fold of every appraisal event
/// (`evolve`), from which `decide` judges the next act.
public struct AppraisalState: Sendable, Codable, Equatable {
    /// A unit's leaf: where scores, evidence, claims and objections live.
    public struct LeafKey: Sendable, Hashable, Codable {
        public let unit: UnitCode
        public let leaf: CriterionCode

        public init(unit: UnitCode, leaf: CriterionCode) {
            self.unit = unit
            self.leaf = leaf
        }
    }

    public struct EnrolledUnit: Sendable, Codable, Equatable {
        public internal(set) var name: String
        public let group: ConfigCode
        /// When the unit's leader last submitted, if the submission still stands.
        public var submittedAt: Timestamp?
        /// Self-scoring reopened by the secretariat until this time.
        public var reopenedUntil: Timestamp?
        /// The names it had before a renaming decision, oldest first.
        public internal(set) var formerNames: [String] = []
        /// Set once the unit is withdrawn from the campaign (dissolved, merged).
        public internal(set) var withdrawal: Withdrawal?

        init(name: String, group: ConfigCode) {
            self.name = name
            self.group = group
        }

        /// Whether the unit is still appraised: enrolled and not withdrawn.
        public var isActive: Bool { withdrawal == nil }
    }

    /// Why and when a unit left the campaign, and the unit that carries on its work, if any.
    public struct Withdrawal: Sendable, Codable, Equatable {
        public let decision: DecisionReference
        public let reason: String
        public let successor: UnitCode?
        public let at: Timestamp
    }

    /// An appraisal round reopened for a unit (`round.reopened/v1`): until when, and for which
    /// leaves (nil: all of them).
    public struct RoundReopening: Sendable, Codable, Equatable {
        public let until: Timestamp
        public let leaves: Set<CriterionCode>?

        /// Whether it lets `leaf` be appraised at `time`.
        public func admits(_ leaf: CriterionCode, at time: Timestamp) -> Bool {
            time <= until && (leaves?.contains(leaf) ?? true)
        }
    }

    /// A round of one unit.
    public struct RoundKey: Sendable, Hashable, Codable {
        public let round: Int
        public let unit: UnitCode

        public init(round: Int, unit: UnitCode) {
            self.round = round
            self.unit = unit
        }
    }

    public struct Assignment: Sendable, Codable, Equatable {
        public let domains: Set<CriterionCode>
        public let ownUnit: UnitCode
    }

    public enum NotApplicableState: Sendable, Equatable, Codable { case pending, confirmed, rejected }

    public struct Evidence: Sendable, Codable, Equatable {
        public let key: LeafKey
        public var withdrawn: Bool
    }

    public struct Objection: Sendable, Codable, Equatable {
        public let key: LeafKey
        public let filedAt: Timestamp
        /// The appraised points the objection contests.
        public let contested: Points?
        public var open: Bool
        /// Once resolved: accepted or not, the new points, the reasoning and when.
        public var resolution: Resolution?
    }

    public struct Resolution: Sendable, Codable, Equatable {
        public let accepted: Bool
        public let points: Points?
        public let reasoning: String
        public let at: Timestamp
        /// The appraised points in force when the council resolved it (a round 2 may have come
        /// between the objection and its resolution): what the resolution is judged against.
        public let before: Points?
    }

    /// The points a resolved objection fixed for a leaf, and the objection that did.
    public struct Settlement: Sendable, Codable, Equatable {
        public let objection: StatementID
        public let points: Points
    }

    /// The documents one act of the process recorded: which act, for which unit (if any), when.
    public struct ProcessDocuments: Sendable, Codable, Equatable {
        public enum Act: String, Sendable, Codable {
            case selfAssessmentSubmitted, councilReportApproved, resultsPublished, resultsCorrected
        }
        public let act: Act
        public let unit: UnitCode?
        public let at: Timestamp
        public let documents: [AppraisalEvent.Evidence]
    }

    /// A unit's self-score of a leaf, and the note that explains it.
    public struct SelfScore: Sendable, Codable, Equatable {
        public let points: Points
        public let note: String?
    }

    /// A bonus or deduction claim (or the deduction a late submission proposes) and its decision.
    public struct Claim: Sendable, Codable, Equatable {
        public let unit: UnitCode
        public let item: CriteriaSet.AdjustmentItem
        /// The points claimed (for a late submission, the campaign's deduction).
        public let claimed: Points
        public let reason: String
        /// The documents the claim cites.
        public let evidence: [AppraisalEvent.Evidence]
        public let claimedAt: Timestamp
        /// Proposed by a late submission (keyed by the submission), not claimed by anyone.
        public var lateSubmission = false
        public var pending: Bool
        /// The points accepted, once decided (nil when rejected or pending).
        public var accepted: Points?
        /// The decision's reason and time, once decided.
        public var decision: Decision?
    }

    /// A recorded decision on a claim: its reason and when it was recorded.
    public struct Decision: Sendable, Codable, Equatable {
        public let reason: String
        public let at: Timestamp
    }

    /// A unit's claim that a leaf does not apply to it (không phát sinh), and its decision.
    public struct NotApplicableClaim: Sendable, Codable, Equatable {
        public let key: LeafKey
        public let reason: String
        public let claimedAt: Timestamp
        public var confirmed: Bool?
        public var decision: Decision?
    }

    /// A keyed-in survey form.
    public struct RecordedForm: Sendable, Codable, Equatable {
        public let unit: UnitCode
        public let respondentGroup: ConfigCode
        public let answers: [String: String]
        /// What the form says of its respondent (`demo:` columns), when it says anything.
        public let demographics: [String: String]?
        public let template: SetKey
        public var invalidated: Bool
    }

    /// A criteria set or survey template: its code and version.
    public struct SetKey: Sendable, Hashable, Codable {
        public let set: ConfigCode
        public let version: Int

        public init(set: ConfigCode, version: Int) {
            self.set = set
            self.version = version
        }
    }

    public internal(set) var criteriaSets: [SetKey: CriteriaSet] = [:]
    public internal(set) var campaign: CampaignPlan?
    /// When the campaign was opened, and when the next one was (nil while it is the latest): the
    /// ledger times between which its entries were recorded (a leaf's history of that year).
    public internal(set) var openedAt: Timestamp?
    public internal(set) var succeededAt: Timestamp?
    public internal(set) var units: [UnitCode: EnrolledUnit] = [:]
    /// Rounds reopened for a unit beyond the plan's deadline.
    public internal(set) var roundReopenings: [RoundKey: RoundReopening] = [:]
    /// The decisions that amended the plan's deadlines, in order.
    public internal(set) var amendments: [DecisionReference] = []
    public internal(set) var assignments: [KeyID: Assignment] = [:]
    public internal(set) var selfScores: [LeafKey: SelfScore] = [:]
    public internal(set) var evidence: [StatementID: Evidence] = [:]
    public internal(set) var evidenceCount: [LeafKey: Int] = [:]
    public internal(set) var notApplicable: [LeafKey: NotApplicableState] = [:]
    /// Every N/A claim, by the claim's statement id.
    public internal(set) var notApplicableClaims: [StatementID: NotApplicableClaim] = [:]
    /// The pending N/A claim of each leaf: the one the next decision answers.
    public internal(set) var pendingNotApplicable: [LeafKey: StatementID] = [:]
    public internal(set) var appraisals: [LeafKey: [Int: Points]] = [:]
    public internal(set) var preliminaryIssuedAt: Timestamp?
    public internal(set) var objections: [StatementID: Objection] = [:]
    public internal(set) var claims: [StatementID: Claim] = [:]
    public internal(set) var templates: [SetKey: SurveyTemplate] = [:]
    /// Every recorded survey form, by serial.
    public internal(set) var forms: [String: RecordedForm] = [:]
    /// The appraised points in force: the latest appraisal, accepted objection or correction.
    public internal(set) var finalAppraised: [LeafKey: Points] = [:]
    /// Leaves whose latest appraisal asked the unit to explain, until it does.
    public internal(set) var explanationsRequested: Set<LeafKey> = []
    /// Leaves whose points the council's resolution of an objection fixed.
    public internal(set) var settled: [LeafKey: Settlement] = [:]
    /// Leaves whose final points a correcting decision set.
    public internal(set) var corrected: Set<LeafKey> = []
    /// When each unit's self-assessment was submitted after the deadline (under a reopening).
    public internal(set) var lateSubmissions: Set<UnitCode> = []
    /// The ledger size the publication's checkpoint names: the prefix the results came from.
    public internal(set) var publishedAtSize: Int?
    public internal(set) var councilReportApproved = false
    /// The decision numbers of the publication and its corrections, in order.
    public internal(set) var decisions: [String] = []
    /// The process documents acts recorded (a unit's report, the council's report, decisions), in order.
    public internal(set) var processDocuments: [ProcessDocuments] = []

    public init() {}

    /// The deduction item a late self-assessment is for a unit: the one the plan names from the
    /// unit's criteria set, or else an item of its own (`late-submission`) worth the plan's deduction.
    public func lateSubmissionItem(of unit: UnitCode) -> CriteriaSet.AdjustmentItem {
        let deduction = campaign?.scoring.lateSubmissionDeduction ?? .zero
        guard let code = campaign?.scoring.lateSubmissionItem,
            let item = criteria(of: unit)?.items.first(where: { $0.code == code })
        else { return .lateSubmission(deduction) }
        return item
    }

    /// Whether a unit already has a late-submission deduction pending or accepted: it is deducted once.
    public func hasLateDeduction(_ unit: UnitCode) -> Bool {
        let code = lateSubmissionItem(of: unit).code
        return claims.values.contains { $0.unit == unit && $0.item.code == code && ($0.pending || $0.accepted != nil) }
    }

    /// The state a new campaign starts from once this one is published (events/PROCESS.md §8): the
    /// criteria sets and survey templates, and the units with their names, former names and
    /// withdrawals, carry over; scores, claims, objections, forms, assignments and decisions are the
    /// old campaign's own.
    /// Whether an entry recorded at `time` belongs to this campaign's period.
    public func recordedDuring(_ time: Timestamp) -> Bool {
        (openedAt.map { time >= $0 } ?? true) && (succeededAt.map { time < $0 } ?? true)
    }

    public func nextCampaign() -> AppraisalState {
        var next = AppraisalState()
        next.criteriaSets = criteriaSets
        next.templates = templates
        next.units = units.mapValues { unit in
            var carried = EnrolledUnit(name: unit.name, group: unit.group)
            carried.formerNames = unit.formerNames
            carried.withdrawal = unit.withdrawal
            return carried
        }
        return next
    }

    /// The units still appraised (not withdrawn), by code.
    public var activeUnits: [UnitCode] { units.filter { $0.value.isActive }.keys.sorted() }

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
            openedAt = time
        case .unitEnrolled(let code, let name, let group):
            units[code] = EnrolledUnit(name: name, group: group)
        case .appraiserAssigned(let keyID, let domains, let ownUnit):
            assignments[keyID] = Assignment(domains: Set(domains), ownUnit: ownUnit)
        case .selfScoreRecorded(let unit, let leaf, let points, let note):
            selfScores[LeafKey(unit: unit, leaf: leaf)] = SelfScore(points: points, note: note)
        case .evidenceAttached(let unit, let leaf, _):
            let key = LeafKey(unit: unit, leaf: leaf)
            evidence[id] = Evidence(key: key, withdrawn: false)
            evidenceCount[key, default: 0] += 1
        case .evidenceWithdrawn(let unit, let leaf, let attached, _):
            evidence[attached]?.withdrawn = true
            evidenceCount[LeafKey(unit: unit, leaf: leaf), default: 1] -= 1
        case .notApplicableClaimed(let unit, let leaf, let reason):
            let key = LeafKey(unit: unit, leaf: leaf)
            notApplicable[key] = .pending
            notApplicableClaims[id] = NotApplicableClaim(key: key, reason: reason, claimedAt: time)
            pendingNotApplicable[key] = id
        case .notApplicableDecided(let unit, let leaf, let confirmed, let reason):
            let key = LeafKey(unit: unit, leaf: leaf)
            notApplicable[key] = confirmed ? .confirmed : .rejected
            if let claim = pendingNotApplicable.removeValue(forKey: key) {
                notApplicableClaims[claim]?.confirmed = confirmed
                notApplicableClaims[claim]?.decision = Decision(reason: reason, at: time)
            }
        case .selfAssessmentSubmitted(let unit, let documents):
            if !documents.isEmpty {
                processDocuments.append(
                    ProcessDocuments(act: .selfAssessmentSubmitted, unit: unit, at: time, documents: documents)
                )
            }
            if let plan = campaign, time > plan.deadlines.selfScoringCloses {
                // events/PROCESS.md §5: a late submission proposes the campaign's late-submission deduction,
                // a pending claim (keyed by the submission) the council decides like any other.
                let deduction = plan.scoring.lateSubmissionDeduction
                let item = lateSubmissionItem(of: unit)
                if !lateSubmissions.contains(unit), deduction > .zero, !hasLateDeduction(unit) {
                    claims[id] = Claim(
                        unit: unit,
                        item: item,
                        claimed: min(deduction, item.maxPoints),
                        reason: "",
                        evidence: [],
                        claimedAt: time,
                        lateSubmission: true,
                        pending: true
                    )
                }
                lateSubmissions.insert(unit)
            }
            units[unit]?.submittedAt = time
            units[unit]?.reopenedUntil = nil
        case .selfAssessmentReopened(let unit, _, let until):
            units[unit]?.submittedAt = nil
            units[unit]?.reopenedUntil = until
        case .appraisalRecorded(let unit, let leaf, let round, let points, _, let explanationRequested, _):
            let key = LeafKey(unit: unit, leaf: leaf)
            if explanationRequested { explanationsRequested.insert(key) } else { explanationsRequested.remove(key) }
            appraisals[key, default: [:]][round] = points
            // A resolved objection is final (projections/RULES.md §3): a later round 2 agrees with it.
            if settled[key] == nil, round == 2 || appraisals[key]?[2] == nil { finalAppraised[key] = points }
        case .preliminaryResultsIssued:
            preliminaryIssuedAt = time
        case .explanationSubmitted(let unit, let leaf, _, _):
            explanationsRequested.remove(LeafKey(unit: unit, leaf: leaf))
        case .objectionFiled(let unit, let leaf, _, _):
            let key = LeafKey(unit: unit, leaf: leaf)
            objections[id] = Objection(key: key, filedAt: time, contested: finalAppraised[key], open: true)
        case .objectionResolved(let objection, let accepted, let points, let reasoning):
            guard let key = objections[objection]?.key else { break }
            let before = finalAppraised[key]
            objections[objection]?.open = false
            objections[objection]?.resolution = Resolution(
                accepted: accepted,
                points: points,
                reasoning: reasoning,
                at: time,
                before: before
            )
            if accepted, let points { finalAppraised[key] = points }
            if let fixed = finalAppraised[key] { settled[key] = Settlement(objection: objection, points: fixed) }
        case .bonusPenaltyClaimed(let unit, let itemCode, let points, let reason, let evidence):
            if let item = criteria(of: unit)?.items.first(where: { $0.code == itemCode }) {
                claims[id] = Claim(
                    unit: unit,
                    item: item,
                    claimed: points,
                    reason: reason,
                    evidence: evidence,
                    claimedAt: time,
                    pending: true
                )
            }
        case .bonusPenaltyDecided(let claim, let accepted, let points, let reason):
            claims[claim]?.pending = false
            claims[claim]?.accepted = accepted ? points : nil
            claims[claim]?.decision = Decision(reason: reason, at: time)
        case .surveyTemplatePublished(let template):
            templates[SetKey(set: template.template, version: template.version)] = template
        case .surveyBatchRecorded(let template, let version, let batch):
            for form in batch {
                forms[form.serial] = RecordedForm(
                    unit: form.unit,
                    respondentGroup: form.respondentGroup,
                    answers: form.answers,
                    demographics: form.demographics,
                    template: SetKey(set: template, version: version),
                    invalidated: false
                )
            }
        case .surveyFormInvalidated(let serial, _):
            forms[serial]?.invalidated = true
        case .councilReportApproved(_, _, _, let documents):
            councilReportApproved = true
            if !documents.isEmpty {
                processDocuments.append(
                    ProcessDocuments(act: .councilReportApproved, unit: nil, at: time, documents: documents)
                )
            }
        case .resultsPublished(let decision, let size, _, let documents):
            if !documents.isEmpty {
                processDocuments.append(
                    ProcessDocuments(act: .resultsPublished, unit: nil, at: time, documents: documents)
                )
            }
            decisions.append(decision.number)
            if publishedAtSize == nil { publishedAtSize = size }
        case .resultsCorrected(let decision, _, _, let changes, _, _, let formChanges, let documents):
            decisions.append(decision.number)
            for form in formChanges { forms[form.serial]?.invalidated = form.invalidated }
            if !documents.isEmpty {
                processDocuments.append(
                    ProcessDocuments(act: .resultsCorrected, unit: nil, at: time, documents: documents)
                )
            }
            for change in changes {
                let key = LeafKey(unit: change.unit, leaf: change.leaf)
                finalAppraised[key] = change.points
                corrected.insert(key)
            }
        case .campaignAmended(let decision, _, let deadlines):
            if let plan = campaign { campaign?.deadlines = plan.deadlines.amended(deadlines) }
            amendments.append(decision)
        case .roundReopened(let round, let reopened, let leaves, let until, _):
            for unit in reopened {
                roundReopenings[RoundKey(round: round, unit: unit)] = RoundReopening(
                    until: until,
                    leaves: leaves.map(Set.init)
                )
            }
        case .unitWithdrawn(let unit, let decision, let reason, let successor):
            units[unit]?.withdrawal = Withdrawal(decision: decision, reason: reason, successor: successor, at: time)
        case .unitRenamed(let unit, let name, _):
            if let former = units[unit]?.name { units[unit]?.formerNames.append(former) }
            units[unit]?.name = name
        }
    }

    /// The latest appraisal of a leaf: round 2 if any, else round 1.
    public func appraised(_ key: LeafKey) -> Points? {
        appraisals[key].flatMap { $0[2] ?? $0[1] }
    }
}
