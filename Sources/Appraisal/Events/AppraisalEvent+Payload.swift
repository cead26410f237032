public import LedgerCore

extension AppraisalEvent: LedgerEvent {
    /// The event's type in the catalog.
    public var kind: Kind {
        switch self {
        case .criteriaSetPublished: .criteriaSetPublished
        case .campaignOpened: .campaignOpened
        case .unitEnrolled: .unitEnrolled
        case .appraiserAssigned: .appraiserAssigned
        case .selfScoreRecorded: .selfScoreRecorded
        case .evidenceAttached: .evidenceAttached
        case .evidenceWithdrawn: .evidenceWithdrawn
        case .notApplicableClaimed: .notApplicableClaimed
        case .notApplicableDecided: .notApplicableDecided
        case .selfAssessmentSubmitted: .selfAssessmentSubmitted
        case .selfAssessmentReopened: .selfAssessmentReopened
        case .appraisalRecorded: .appraisalRecorded
        case .preliminaryResultsIssued: .preliminaryResultsIssued
        case .explanationSubmitted: .explanationSubmitted
        case .objectionFiled: .objectionFiled
        case .objectionResolved: .objectionResolved
        case .bonusPenaltyClaimed: .bonusPenaltyClaimed
        case .bonusPenaltyDecided: .bonusPenaltyDecided
        case .surveyTemplatePublished: .surveyTemplatePublished
        case .surveyBatchRecorded: .surveyBatchRecorded
        case .surveyFormInvalidated: .surveyFormInvalidated
        case .councilReportApproved: .councilReportApproved
        case .resultsPublished: .resultsPublished
        case .resultsCorrected: .resultsCorrected
        case .campaignAmended: .campaignAmended
        case .roundReopened: .roundReopened
        case .unitWithdrawn: .unitWithdrawn
        case .unitRenamed: .unitRenamed
        }
    }

    /// The ledger's event type.
    public var type: EventType { kind.type }

    /// The canonical payload (events/CATALOG.md): `decode(type:payload:)` reads it back as this
    /// event, and a payload that decodes is written back to the same canonical bytes — absent
    /// members stay absent, text and points as they were. Nothing is checked here: the rules check
    /// the payload when its statement is appended.
    public var payload: [String: JSONValue] {
        switch self {
        case .criteriaSetPublished(let set):
            set.payload
        case .campaignOpened(let plan):
            plan.payload
        case .unitEnrolled(let code, let name, let group):
            ["code": code.json, "name": .string(name), "group": group.json]
        case .appraiserAssigned(let keyID, let domains, let ownUnit):
            ["keyId": .string(keyID.hex), "domains": .array(domains.map(\.json)), "ownUnit": ownUnit.json]
        case .selfScoreRecorded(let unit, let leaf, let points, let note):
            present(["unit": unit.json, "leaf": leaf.json, "points": points.json, "note": note.map(JSONValue.string)])
        case .evidenceAttached(let unit, let leaf, let evidence):
            ["unit": unit.json, "leaf": leaf.json, "blob": evidence.blob.json, "document": evidence.document.json]
        case .evidenceWithdrawn(let unit, let leaf, let evidence, let reason):
            ["unit": unit.json, "leaf": leaf.json, "evidence": evidence.json, "reason": .string(reason)]
        case .notApplicableClaimed(let unit, let leaf, let reason):
            ["unit": unit.json, "leaf": leaf.json, "reason": .string(reason)]
        case .notApplicableDecided(let unit, let leaf, let confirmed, let reason):
            [
                "unit": unit.json, "leaf": leaf.json,
                "decision": .string(NotApplicableDecision(confirmed: confirmed).rawValue),
                "reason": .string(reason),
            ]
        case .selfAssessmentSubmitted(let unit, let documents):
            present(["unit": unit.json, "documents": Self.documentsJSON(documents)])
        case .selfAssessmentReopened(let unit, let reason, let until):
            ["unit": unit.json, "reason": .string(reason), "until": until.json]
        case .appraisalRecorded(
            let unit,
            let leaf,
            let round,
            let points,
            let reason,
            let explanationRequested,
            let objection
        ):
            present([
                "unit": unit.json, "leaf": leaf.json, "round": .int(Int64(round)), "points": points.json,
                "reason": reason.map(JSONValue.string), "explanationRequested": .bool(explanationRequested),
                "objection": objection?.json,
            ])
        case .preliminaryResultsIssued(let note):
            present(["note": note.map(JSONValue.string)])
        case .explanationSubmitted(let unit, let leaf, let text, let evidence),
            .objectionFiled(let unit, let leaf, let text, let evidence):
            [
                "unit": unit.json, "leaf": leaf.json, "text": .string(text),
                "evidence": .array(evidence.map(\.json)),
            ]
        case .objectionResolved(let objection, let accepted, let points, let reasoning):
            present([
                "objection": objection.json, "outcome": .string(Outcome(accepted: accepted).rawValue),
                "points": points?.json, "reasoning": .string(reasoning),
            ])
        case .bonusPenaltyClaimed(let unit, let item, let points, let reason, let evidence):
            [
                "unit": unit.json, "item": item.json, "points": points.json, "reason": .string(reason),
                "evidence": .array(evidence.map(\.json)),
            ]
        case .bonusPenaltyDecided(let claim, let accepted, let points, let reason):
            present([
                "claim": claim.json, "decision": .string(Outcome(accepted: accepted).rawValue),
                "points": points?.json, "reason": .string(reason),
            ])
        case .surveyTemplatePublished(let template):
            template.payload
        case .surveyBatchRecorded(let template, let version, let forms):
            [
                "template": ["template": template.json, "version": .int(Int64(version))],
                "forms": .array(forms.map(\.json)),
            ]
        case .surveyFormInvalidated(let serial, let reason):
            ["serial": .string(serial), "reason": .string(reason)]
        case .councilReportApproved(let number, let date, let summary, let documents):
            present([
                "number": .string(number), "date": date.json, "summary": summary.map(JSONValue.string),
                "documents": Self.documentsJSON(documents),
            ])
        case .resultsPublished(let decision, let size, let root, let documents):
            present([
                "decision": decision.json, "checkpoint": Self.checkpointJSON(size: size, root: root),
                "documents": Self.documentsJSON(documents),
            ])
        case .resultsCorrected(
            let decision,
            let supersedes,
            let reason,
            let changes,
            let size,
            let root,
            let forms,
            let documents
        ):
            present([
                "decision": decision.json, "supersedes": .string(supersedes), "reason": .string(reason),
                "changes": .array(changes.map(\.json)), "checkpoint": Self.checkpointJSON(size: size, root: root),
                "forms": forms.isEmpty
                    ? nil
                    : .array(
                        forms.map {
                            [
                                "serial": .string($0.serial),
                                "status": .string($0.invalidated ? "invalidated" : "valid"),
                                "reason": .string($0.reason),
                            ]
                        }
                    ),
                "documents": Self.documentsJSON(documents),
            ])
        case .campaignAmended(let decision, let reason, let deadlines):
            [
                "decision": decision.json, "reason": .string(reason),
                "deadlines": .object(
                    Dictionary(uniqueKeysWithValues: deadlines.map { ($0.key.rawValue, $0.value.json) })
                ),
            ]
        case .roundReopened(let round, let units, let leaves, let until, let reason):
            present([
                "round": .int(Int64(round)), "units": .array(units.map(\.json)),
                "leaves": leaves.map { .array($0.map(\.json)) }, "until": until.json, "reason": .string(reason),
            ])
        case .unitWithdrawn(let unit, let decision, let reason, let successor):
            present([
                "unit": unit.json, "decision": decision.json, "reason": .string(reason), "successor": successor?.json,
            ])
        case .unitRenamed(let unit, let name, let decision):
            ["unit": unit.json, "name": .string(name), "decision": decision.json]
        }
    }
}

extension AppraisalEvent {
    /// The optional `documents` member: absent when there are none.
    static func documentsJSON(_ documents: [Evidence]) -> JSONValue? {
        documents.isEmpty ? nil : .array(documents.map(\.json))
    }
}

extension AppraisalEvent.NotApplicableDecision {
    init(confirmed: Bool) { self = confirmed ? .confirmed : .rejected }
}

extension AppraisalEvent.Outcome {
    init(accepted: Bool) { self = accepted ? .accepted : .rejected }
}
