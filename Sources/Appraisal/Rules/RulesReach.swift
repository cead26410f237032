public import LedgerCore

/// What judging one statement reads of the state besides the campaign's own facts: the units it
/// names, the units of the claims, objections and survey forms it refers to (found by their ids
/// and serials), and the keys it names besides its signer's. `everything` for the acts that read
/// every unit: opening a campaign (every unit carries over) and approving the council report
/// (nothing pending anywhere, every leaf appraised).
///
/// `AppraisalRules` reads nothing of a unit outside this reach; a test holds every statement of
/// the demo's campaigns to the same judgement on the sections as on the whole state.
public struct RulesReach: Sendable, Equatable {
    public var units: Set<UnitCode> = []
    public var claims: Set<StatementID> = []
    public var objections: Set<StatementID> = []
    public var serials: Set<String> = []
    public var keys: Set<KeyID> = []
    public var everything = false

    public init() {}

    /// Every unit's state.
    public static var wholeState: RulesReach {
        var reach = RulesReach()
        reach.everything = true
        return reach
    }

    public mutating func formUnion(_ other: RulesReach) {
        units.formUnion(other.units)
        claims.formUnion(other.claims)
        objections.formUnion(other.objections)
        serials.formUnion(other.serials)
        keys.formUnion(other.keys)
        everything = everything || other.everything
    }
}

extension AppraisalLedgerRules {
    /// What `admit` reads to judge `statement`. A payload that does not decode reads nothing: it
    /// is refused as it stands.
    public static func reach(of statement: Statement) -> RulesReach {
        var reach = RulesReach()
        reach.keys.insert(statement.actor)
        if let control = try? ControlEvent.decode(statement) {
            switch control {
            case .keyRegistered(let registration):
                reach.keys.insert(registration.keyID)
                if let unit = registration.unit { reach.units.insert(unit) }
            case .keyRevoked(let keyID, _):
                reach.keys.insert(keyID)
            case .genesis, .policyAmended, .evidenceErased:
                break
            }
            return reach
        }
        guard AppraisalEvent.Kind(rawValue: statement.type.text) != nil,
            let event = try? AppraisalEvent.decode(type: statement.type, payload: .object(statement.payload))
        else { return reach }
        reach.formUnion(event.reach)
        return reach
    }
}

extension AppraisalEvent {
    /// What `AppraisalRules.decide` reads of this event's units (see `RulesReach`).
    public var reach: RulesReach {
        var reach = RulesReach()
        switch self {
        case .campaignOpened, .councilReportApproved:
            return .wholeState
        case .criteriaSetPublished, .preliminaryResultsIssued, .surveyTemplatePublished, .resultsPublished,
            .campaignAmended:
            break
        case .unitEnrolled(let unit, _, _), .selfAssessmentSubmitted(let unit, _),
            .selfAssessmentReopened(let unit, _, _), .unitRenamed(let unit, _, _):
            reach.units = [unit]
        case .appraiserAssigned(let keyID, _, let ownUnit):
            reach.units = [ownUnit]
            reach.keys = [keyID]
        case .selfScoreRecorded(let unit, _, _, _), .evidenceAttached(let unit, _, _),
            .evidenceWithdrawn(let unit, _, _, _), .notApplicableClaimed(let unit, _, _),
            .notApplicableDecided(let unit, _, _, _), .explanationSubmitted(let unit, _, _, _),
            .objectionFiled(let unit, _, _, _), .bonusPenaltyClaimed(let unit, _, _, _, _):
            reach.units = [unit]
        case .appraisalRecorded(let unit, _, _, _, _, _, let objection):
            reach.units = [unit]
            if let objection { reach.objections = [objection] }
        case .objectionResolved(let objection, _, _, _):
            reach.objections = [objection]
        case .bonusPenaltyDecided(let claim, _, _, _):
            reach.claims = [claim]
        case .surveyBatchRecorded(_, _, let forms):
            reach.units = Set(forms.map(\.unit))
            reach.serials = Set(forms.map(\.serial))
        case .surveyFormInvalidated(let serial, _):
            reach.serials = [serial]
        case .resultsCorrected(_, _, _, let changes, _, _, let forms, _):
            reach.units = Set(changes.map(\.unit))
            reach.serials = Set(forms.map(\.serial))
        case .roundReopened(_, let units, _, _, _):
            reach.units = Set(units)
        case .unitWithdrawn(let unit, _, _, let successor):
            reach.units = Set([unit] + (successor.map { [$0] } ?? []))
        }
        return reach
    }
}

extension AppraisalState {
    /// The units a reach concerns: those it names, and those of the claims, objections and survey
    /// forms it refers to, as this state knows them.
    public func units(of reach: RulesReach) -> Set<UnitCode> {
        var found = reach.units
        found.formUnion(reach.claims.compactMap { claims[$0]?.unit })
        found.formUnion(reach.objections.compactMap { objections[$0]?.key.unit })
        found.formUnion(reach.serials.compactMap { forms[$0]?.unit })
        return found
    }
}
