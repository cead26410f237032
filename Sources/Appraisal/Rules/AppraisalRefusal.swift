/// Why the appraisal rules refuse an act: a closed set of business reasons with stable codes,
/// and a message naming the unit, leaf or field concerned and what would be accepted.
public struct AppraisalRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, CaseIterable {
        case payload
        case textControlCharacter = "text-control-character"
        case clockSkew = "clock-skew"
        case campaignMissing = "campaign-missing"
        case campaignExists = "campaign-exists"
        case criteriaSetUnknown = "criteria-set-unknown"
        case criteriaSetExists = "criteria-set-exists"
        case groupUnknown = "group-unknown"
        case unitUnknown = "unit-unknown"
        case unitExists = "unit-exists"
        case keyUnitNotEnrolled = "key-unit-not-enrolled"
        case notYourUnit = "not-your-unit"
        case keyNotAppraiser = "key-not-appraiser"
        case domainUnknown = "domain-unknown"
        case notAssigned = "not-assigned"
        case ownUnit = "own-unit"
        case leafUnknown = "leaf-unknown"
        case surveyLeaf = "survey-leaf"
        case pointsOutOfRange = "points-out-of-range"
        case selfScoringClosed = "self-scoring-closed"
        case justificationMissing = "justification-missing"
        case reasonMissing = "reason-missing"
        case evidenceUnknown = "evidence-unknown"
        case notApplicableNotAllowed = "not-applicable-not-allowed"
        case notApplicablePending = "not-applicable-pending"
        case notApplicableNoClaim = "not-applicable-no-claim"
        case notApplicableConfirmed = "not-applicable-confirmed"
        case incomplete
        case alreadySubmitted = "already-submitted"
        case roundClosed = "round-closed"
        case tooEarly = "too-early"
        case preliminaryIssued = "preliminary-issued"
        case preliminaryMissing = "preliminary-missing"
        case explanationWindowClosed = "explanation-window-closed"
        case leafNotAppraised = "leaf-not-appraised"
        case objectionOpen = "objection-open"
        case objectionUnknown = "objection-unknown"
        case itemUnknown = "item-unknown"
        case claimUnknown = "claim-unknown"
        case templateUnknown = "template-unknown"
        case templateExists = "template-exists"
        case templateIncomplete = "template-incomplete"
        case quotaMissing = "quota-missing"
        case serialReused = "serial-reused"
        case answerInvalid = "answer-invalid"
        case formUnknown = "form-unknown"
        case pendingMatters = "pending-matters"
        case leavesNotAppraised = "leaves-not-appraised"
        case councilReportMissing = "council-report-missing"
        case councilReportExists = "council-report-exists"
        case resultsPublished = "results-published"
        case resultsNotPublished = "results-not-published"
        case supersedesMismatch = "supersedes-mismatch"
        case checkpointMismatch = "checkpoint-mismatch"
        case unitWithdrawn = "unit-withdrawn"
        case deadlinePassed = "deadline-passed"
        case deadlinesOutOfOrder = "deadlines-out-of-order"
        case nameUnchanged = "name-unchanged"
        case objectionSettled = "objection-settled"
        case lateDeductionClaimed = "late-deduction-claimed"
    }

    public let reason: Reason
    public let message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason.rawValue): \(message)" }
}
