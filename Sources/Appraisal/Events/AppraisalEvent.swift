public import LedgerCore

/// Every act of the appraisal (events/CATALOG.md), decoded from a statement's type and payload,
/// and written back to them by `payload` (AppraisalEvent+Payload.swift).
public enum AppraisalEvent: Sendable, Equatable {
    case criteriaSetPublished(CriteriaSet)
    case campaignOpened(CampaignPlan)
    case unitEnrolled(code: UnitCode, name: String, group: ConfigCode)
    case appraiserAssigned(keyID: KeyID, domains: [CriterionCode], ownUnit: UnitCode)
    case selfScoreRecorded(unit: UnitCode, leaf: CriterionCode, points: Points, note: String?)
    case evidenceAttached(unit: UnitCode, leaf: CriterionCode, evidence: Evidence)
    case evidenceWithdrawn(unit: UnitCode, leaf: CriterionCode, evidence: StatementID, reason: String)
    case notApplicableClaimed(unit: UnitCode, leaf: CriterionCode, reason: String)
    case notApplicableDecided(unit: UnitCode, leaf: CriterionCode, confirmed: Bool, reason: String)
    case selfAssessmentSubmitted(unit: UnitCode, documents: [Evidence] = [])
    case selfAssessmentReopened(unit: UnitCode, reason: String, until: Timestamp)
    case appraisalRecorded(
        unit: UnitCode,
        leaf: CriterionCode,
        round: Int,
        points: Points,
        reason: String?,
        explanationRequested: Bool,
        objection: StatementID? = nil
    )
    case preliminaryResultsIssued(note: String?)
    case explanationSubmitted(unit: UnitCode, leaf: CriterionCode, text: String, evidence: [Evidence])
    case objectionFiled(unit: UnitCode, leaf: CriterionCode, text: String, evidence: [Evidence])
    case objectionResolved(objection: StatementID, accepted: Bool, points: Points?, reasoning: String)
    case bonusPenaltyClaimed(unit: UnitCode, item: ConfigCode, points: Points, reason: String, evidence: [Evidence])
    case bonusPenaltyDecided(claim: StatementID, accepted: Bool, points: Points?, reason: String)
    case surveyTemplatePublished(SurveyTemplate)
    case surveyBatchRecorded(template: ConfigCode, version: Int, forms: [SurveyForm])
    case surveyFormInvalidated(serial: String, reason: String)
    case councilReportApproved(number: String, date: CalendarDate, summary: String?, documents: [Evidence] = [])
    case resultsPublished(
        decision: DecisionReference,
        checkpointSize: Int,
        checkpointRoot: SHA256Hash,
        documents: [Evidence] = []
    )
    case resultsCorrected(
        decision: DecisionReference,
        supersedes: String,
        reason: String,
        changes: [Change],
        checkpointSize: Int,
        checkpointRoot: SHA256Hash,
        forms: [FormCorrection] = [],
        documents: [Evidence] = []
    )
    case campaignAmended(decision: DecisionReference, reason: String, deadlines: [CampaignPlan.Deadline: Timestamp])
    case roundReopened(round: Int, units: [UnitCode], leaves: [CriterionCode]?, until: Timestamp, reason: String)
    case unitWithdrawn(unit: UnitCode, decision: DecisionReference, reason: String, successor: UnitCode?)
    case unitRenamed(unit: UnitCode, name: String, decision: DecisionReference)

    /// A keyed-in survey form.
    public struct SurveyForm: Sendable, Equatable {
        public let serial: String
        public let unit: UnitCode
        public let respondentGroup: ConfigCode
        /// Question code → option code.
        public let answers: [String: String]
        /// The respondent's attributes (free short texts), when the form records any: nil when the
        /// payload has no `demographics`, which is not the same payload as an empty one.
        public let demographics: [String: String]?

        public init(
            serial: String,
            unit: UnitCode,
            respondentGroup: ConfigCode,
            answers: [String: String],
            demographics: [String: String]? = nil
        ) {
            self.serial = serial
            self.unit = unit
            self.respondentGroup = respondentGroup
            self.answers = answers
            self.demographics = demographics
        }

        /// Whether a serial has the form `A–Z a–z 0–9 - / .`, 1–40 characters.
        public static func isSerial(_ text: String) -> Bool { AppraisalEvent.serial(text) != nil }
    }

    /// A final appraised score a correction changes, and why.
    public struct Change: Sendable, Hashable {
        public let unit: UnitCode
        public let leaf: CriterionCode
        public let points: Points
        public let reason: String

        public init(unit: UnitCode, leaf: CriterionCode, points: Points, reason: String) {
            self.unit = unit
            self.leaf = leaf
            self.points = points
            self.reason = reason
        }
    }

    /// A survey form a correcting decision invalidates or restores (`results.corrected/v1` `forms`).
    public struct FormCorrection: Sendable, Hashable {
        public let serial: String
        /// True: the form no longer counts; false: an invalidated form counts again.
        public let invalidated: Bool
        public let reason: String

        public init(serial: String, invalidated: Bool, reason: String) {
            self.serial = serial
            self.invalidated = invalidated
            self.reason = reason
        }
    }

    /// The event types of the catalog, in its order.
    public enum Kind: String, Sendable, CaseIterable {
        case criteriaSetPublished = "criteriaSet.published/v1"
        case campaignOpened = "campaign.opened/v1"
        case unitEnrolled = "unit.enrolled/v1"
        case appraiserAssigned = "appraiser.assigned/v1"
        case selfScoreRecorded = "selfScore.recorded/v1"
        case evidenceAttached = "evidence.attached/v1"
        case evidenceWithdrawn = "evidence.withdrawn/v1"
        case notApplicableClaimed = "notApplicable.claimed/v1"
        case notApplicableDecided = "notApplicable.decided/v1"
        case selfAssessmentSubmitted = "selfAssessment.submitted/v1"
        case selfAssessmentReopened = "selfAssessment.reopened/v1"
        case appraisalRecorded = "appraisal.recorded/v1"
        case preliminaryResultsIssued = "preliminaryResults.issued/v1"
        case explanationSubmitted = "explanation.submitted/v1"
        case objectionFiled = "objection.filed/v1"
        case objectionResolved = "objection.resolved/v1"
        case bonusPenaltyClaimed = "bonusPenalty.claimed/v1"
        case bonusPenaltyDecided = "bonusPenalty.decided/v1"
        case surveyTemplatePublished = "surveyTemplate.published/v1"
        case surveyBatchRecorded = "surveyBatch.recorded/v1"
        case surveyFormInvalidated = "surveyForm.invalidated/v1"
        case councilReportApproved = "councilReport.approved/v1"
        case resultsPublished = "results.published/v1"
        case resultsCorrected = "results.corrected/v1"
        case campaignAmended = "campaign.amended/v1"
        case roundReopened = "round.reopened/v1"
        case unitWithdrawn = "unit.withdrawn/v1"
        case unitRenamed = "unit.renamed/v1"

        /// The kinds by the length of their type's text, with that text's bytes.
        private static let byLength: [[(utf8: [UInt8], kind: Kind)]] = {
            var table = [[(utf8: [UInt8], kind: Kind)]](repeating: [], count: 64)
            for kind in allCases { table[kind.rawValue.utf8.count].append((Array(kind.rawValue.utf8), kind)) }
            return table
        }()

        /// The kind whose type text is these bytes (an entry's, as `Entry.envelope` finds them),
        /// found without making a string of them: a fold does this for every entry.
        public init?(typeUTF8 bytes: ArraySlice<UInt8>) {
            guard bytes.count < Self.byLength.count,
                let kind = Self.byLength[bytes.count].first(where: { $0.utf8.elementsEqual(bytes) })?.kind
            else { return nil }
            self = kind
        }

        /// The ledger's event type.
        public var type: EventType {
            // The raw values are valid event types; the fallback is never reached.
            EventType(rawValue) ?? ControlEvent.genesisType
        }

        /// Who may emit it: the genesis policy `parledger init` writes (events/CATALOG.md).
        public var emitters: Set<Role> {
            switch self {
            case .criteriaSetPublished, .campaignOpened, .appraiserAssigned, .campaignAmended, .unitWithdrawn,
                .unitRenamed:
                [.authority, .secretariat]
            case .roundReopened: [.secretariat, .councilChair]
            case .unitEnrolled, .selfAssessmentReopened, .preliminaryResultsIssued, .surveyTemplatePublished,
                .surveyFormInvalidated:
                [.secretariat]
            case .selfScoreRecorded, .evidenceAttached, .evidenceWithdrawn, .notApplicableClaimed,
                .explanationSubmitted, .objectionFiled:
                [.unitOfficer]
            case .notApplicableDecided, .bonusPenaltyDecided: [.appraiser, .councilChair]
            case .selfAssessmentSubmitted: [.unitLeader]
            case .appraisalRecorded: [.appraiser]
            case .objectionResolved, .councilReportApproved: [.councilChair]
            case .bonusPenaltyClaimed: [.unitOfficer, .secretariat]
            case .surveyBatchRecorded: [.surveyClerk, .secretariat]
            case .resultsPublished, .resultsCorrected: [.authority]
            }
        }
    }

    /// The genesis policy granting every appraisal event type to its emitters.
    public static var policy: [EventType: Set<Role>] {
        Dictionary(uniqueKeysWithValues: Kind.allCases.map { ($0.type, $0.emitters) })
    }

    /// Decodes a statement's payload; nil when its type is not an appraisal event.
    public static func decode(type: EventType, payload: JSONValue) throws(LedgerFormatError) -> AppraisalEvent? {
        guard let kind = Kind(rawValue: type.text) else { return nil }
        return try decode(kind, payload)
    }

    // swiftlint:disable:next cyclomatic_complexity
    private static func decode(_ kind: Kind, _ payload: JSONValue) throws(LedgerFormatError) -> AppraisalEvent {
        let reader = try ObjectReader(payload, path: "payload")
        switch kind {
        case .criteriaSetPublished:
            return .criteriaSetPublished(try CriteriaSet(payload: payload))
        case .campaignOpened:
            return .campaignOpened(try CampaignPlan(payload: payload))
        case .unitEnrolled:
            try reader.requireOnly(["code", "name", "group"])
            return .unitEnrolled(
                code: try reader.unit("code"),
                name: try reader.text("name", .name),
                group: try reader.code("group")
            )
        case .appraiserAssigned:
            try reader.requireOnly(["keyId", "domains", "ownUnit"])
            var domains: [CriterionCode] = []
            for element in try reader.array("domains", nonEmpty: true) {
                guard let text = element.0.stringValue, let code = CriterionCode(text), code.depth == 1,
                    !domains.contains(code)
                else { throw LedgerFormatError(element.1, "must be a domain code such as \"3\", each once") }
                domains.append(code)
            }
            return .appraiserAssigned(
                keyID: try reader.keyID("keyId"),
                domains: domains,
                ownUnit: try reader.unit("ownUnit")
            )
        case .selfScoreRecorded:
            try reader.requireOnly(["unit", "leaf", "points"], optional: ["note"])
            return .selfScoreRecorded(
                unit: try reader.unit(),
                leaf: try reader.leaf(),
                points: try reader.nonNegativePoints("points"),
                note: try reader.optionalText("note", .text)
            )
        case .evidenceAttached:
            try reader.requireOnly(["unit", "leaf", "blob", "document"])
            let evidence = Evidence(
                blob: try Evidence.Blob(try reader.reader("blob")),
                document: try Evidence.Document(try reader.reader("document"))
            )
            return .evidenceAttached(unit: try reader.unit(), leaf: try reader.leaf(), evidence: evidence)
        case .evidenceWithdrawn:
            try reader.requireOnly(["unit", "leaf", "evidence", "reason"])
            return .evidenceWithdrawn(
                unit: try reader.unit(),
                leaf: try reader.leaf(),
                evidence: try reader.statementReference("evidence"),
                reason: try reader.text("reason", .text)
            )
        case .notApplicableClaimed:
            try reader.requireOnly(["unit", "leaf", "reason"])
            return .notApplicableClaimed(
                unit: try reader.unit(),
                leaf: try reader.leaf(),
                reason: try reader.text("reason", .text)
            )
        case .notApplicableDecided:
            try reader.requireOnly(["unit", "leaf", "decision", "reason"])
            return .notApplicableDecided(
                unit: try reader.unit(),
                leaf: try reader.leaf(),
                confirmed: try reader.choice("decision", NotApplicableDecision.self) == .confirmed,
                reason: try reader.text("reason", .text)
            )
        case .selfAssessmentSubmitted:
            try reader.requireOnly(["unit"], optional: ["documents"])
            return .selfAssessmentSubmitted(unit: try reader.unit(), documents: try Evidence.documents(reader))
        case .selfAssessmentReopened:
            try reader.requireOnly(["unit", "reason", "until"])
            return .selfAssessmentReopened(
                unit: try reader.unit(),
                reason: try reader.text("reason", .text),
                until: try reader.timestamp("until")
            )
        case .appraisalRecorded:
            try reader.requireOnly(
                ["unit", "leaf", "round", "points", "explanationRequested"],
                optional: ["reason", "objection"]
            )
            return .appraisalRecorded(
                unit: try reader.unit(),
                leaf: try reader.leaf(),
                round: Int(try reader.int("round", in: 1...2)),
                points: try reader.nonNegativePoints("points"),
                reason: try reader.optionalText("reason", .text),
                explanationRequested: try reader.bool("explanationRequested"),
                objection: try reader.optionalParsed("objection", as: "statement id", StatementID.init)
            )
        case .preliminaryResultsIssued:
            try reader.requireOnly([], optional: ["note"])
            return .preliminaryResultsIssued(note: try reader.optionalText("note", .text))
        case .explanationSubmitted, .objectionFiled:
            try reader.requireOnly(["unit", "leaf", "text", "evidence"])
            let evidence = try Evidence.list(reader)
            let (unit, leaf, text) = (try reader.unit(), try reader.leaf(), try reader.text("text", .text))
            return kind == .objectionFiled
                ? .objectionFiled(unit: unit, leaf: leaf, text: text, evidence: evidence)
                : .explanationSubmitted(unit: unit, leaf: leaf, text: text, evidence: evidence)
        case .objectionResolved:
            try reader.requireOnly(["objection", "outcome", "reasoning"], optional: ["points"])
            let accepted = try reader.choice("outcome", Outcome.self) == .accepted
            return .objectionResolved(
                objection: try reader.statementReference("objection"),
                accepted: accepted,
                points: try Self.pointsIfAccepted(reader, accepted: accepted),
                reasoning: try reader.text("reasoning", .text)
            )
        case .bonusPenaltyClaimed:
            try reader.requireOnly(["unit", "item", "points", "reason", "evidence"])
            let evidence = try Evidence.list(reader)
            return .bonusPenaltyClaimed(
                unit: try reader.unit(),
                item: try reader.code("item", capitals: true),
                points: try reader.positivePoints("points"),
                reason: try reader.text("reason", .text),
                evidence: evidence
            )
        case .bonusPenaltyDecided:
            try reader.requireOnly(["claim", "decision", "reason"], optional: ["points"])
            let accepted = try reader.choice("decision", Outcome.self) == .accepted
            return .bonusPenaltyDecided(
                claim: try reader.statementReference("claim"),
                accepted: accepted,
                points: try Self.pointsIfAccepted(reader, accepted: accepted, positive: true),
                reason: try reader.text("reason", .text)
            )
        case .surveyTemplatePublished:
            return .surveyTemplatePublished(try SurveyTemplate(payload: payload))
        case .surveyBatchRecorded:
            try reader.requireOnly(["template", "forms"])
            let template = try reader.reader("template")
            try template.requireOnly(["template", "version"])
            var forms: [SurveyForm] = []
            for element in try reader.array("forms", nonEmpty: true) {
                forms.append(try Self.form(try elementReader(element)))
            }
            return .surveyBatchRecorded(
                template: try template.code("template"),
                version: Int(try template.int("version", in: 1...9999)),
                forms: forms
            )
        case .surveyFormInvalidated:
            try reader.requireOnly(["serial", "reason"])
            return .surveyFormInvalidated(
                serial: try reader.serial("serial"),
                reason: try reader.text("reason", .text)
            )
        case .councilReportApproved:
            try reader.requireOnly(["number", "date"], optional: ["summary", "documents"])
            let summary = try reader.optionalText("summary", .text)
            return .councilReportApproved(
                number: try reader.text("number", .shortText),
                date: try reader.parsed("date", as: "date (YYYY-MM-DD)", CalendarDate.init),
                summary: summary,
                documents: try Evidence.documents(reader)
            )
        case .resultsPublished:
            try reader.requireOnly(["decision", "checkpoint"], optional: ["documents"])
            let (size, root) = try Self.checkpoint(try reader.reader("checkpoint"))
            return .resultsPublished(
                decision: try reader.decision("decision"),
                checkpointSize: size,
                checkpointRoot: root,
                documents: try Evidence.documents(reader)
            )
        case .resultsCorrected:
            try reader.requireOnly(
                ["decision", "supersedes", "reason", "changes", "checkpoint"],
                optional: ["forms", "documents"]
            )
            let reason = try reader.text("reason", .text)
            var changes: [Change] = []
            // A correction changes scores, survey forms, or both: `changes` may be empty only beside `forms`.
            for element in try reader.array("changes", nonEmpty: reader.members["forms"] == nil) {
                changes.append(try Change(try elementReader(element)))
            }
            var forms: [FormCorrection] = []
            if reader.members["forms"] != nil {
                for element in try reader.array("forms", nonEmpty: true) {
                    let form = try elementReader(element)
                    try form.requireOnly(["serial", "status", "reason"])
                    forms.append(
                        FormCorrection(
                            serial: try form.serial("serial"),
                            invalidated: try form.choice("status", FormStatus.self) == .invalidated,
                            reason: try form.text("reason", .text)
                        )
                    )
                }
            }
            let (size, root) = try Self.checkpoint(try reader.reader("checkpoint"))
            return .resultsCorrected(
                decision: try reader.decision("decision"),
                supersedes: try reader.text("supersedes", .shortText),
                reason: reason,
                changes: changes,
                checkpointSize: size,
                checkpointRoot: root,
                forms: forms,
                documents: try Evidence.documents(reader)
            )
        case .campaignAmended:
            try reader.requireOnly(["decision", "reason", "deadlines"])
            let dates = try reader.reader("deadlines")
            try dates.requireOnly([], optional: CampaignPlan.Deadline.allCases.map(\.rawValue))
            guard !dates.members.isEmpty else {
                throw LedgerFormatError(reader.location("deadlines"), "must name at least one deadline")
            }
            var deadlines: [CampaignPlan.Deadline: Timestamp] = [:]
            for deadline in CampaignPlan.Deadline.allCases where dates.members[deadline.rawValue] != nil {
                deadlines[deadline] = try dates.timestamp(deadline.rawValue)
            }
            return .campaignAmended(
                decision: try reader.decision("decision"),
                reason: try reader.text("reason", .text),
                deadlines: deadlines
            )
        case .roundReopened:
            try reader.requireOnly(["round", "units", "until", "reason"], optional: ["leaves"])
            var units: [UnitCode] = []
            for element in try reader.array("units", nonEmpty: true) {
                guard let text = element.0.stringValue, let unit = UnitCode(text), !units.contains(unit) else {
                    throw LedgerFormatError(element.1, "must be a unit code, each once")
                }
                units.append(unit)
            }
            var leaves: [CriterionCode]?
            if reader.members["leaves"] != nil {
                var codes: [CriterionCode] = []
                for element in try reader.array("leaves", nonEmpty: true) {
                    guard let text = element.0.stringValue, let leaf = CriterionCode(text), !codes.contains(leaf) else {
                        throw LedgerFormatError(element.1, "must be a criterion code such as 3.3.1, each once")
                    }
                    codes.append(leaf)
                }
                leaves = codes
            }
            return .roundReopened(
                round: Int(try reader.int("round", in: 1...2)),
                units: units,
                leaves: leaves,
                until: try reader.timestamp("until"),
                reason: try reader.text("reason", .text)
            )
        case .unitWithdrawn:
            try reader.requireOnly(["unit", "decision", "reason"], optional: ["successor"])
            return .unitWithdrawn(
                unit: try reader.unit(),
                decision: try reader.decision("decision"),
                reason: try reader.text("reason", .text),
                successor: try reader.optionalParsed("successor", as: "unit code", UnitCode.init)
            )
        case .unitRenamed:
            try reader.requireOnly(["unit", "name", "decision"])
            return .unitRenamed(
                unit: try reader.unit(),
                name: try reader.text("name", .name),
                decision: try reader.decision("decision")
            )
        }
    }

    enum NotApplicableDecision: String, CaseIterable, Choice { case confirmed, rejected }
    enum Outcome: String, CaseIterable, Choice { case accepted, rejected }
    enum FormStatus: String, CaseIterable, Choice { case invalidated, valid }

    private static func pointsIfAccepted(
        _ reader: ObjectReader,
        accepted: Bool,
        positive: Bool = false
    ) throws(LedgerFormatError) -> Points? {
        if accepted { return positive ? try reader.positivePoints("points") : try reader.nonNegativePoints("points") }
        guard reader.members["points"] == nil else {
            throw LedgerFormatError(reader.location("points"), "must be absent when rejected")
        }
        return nil
    }

    private static func checkpoint(_ reader: ObjectReader) throws(LedgerFormatError) -> (Int, SHA256Hash) {
        try reader.requireOnly(["size", "root"])
        return (
            // A ledger always holds its genesis entry, so a checkpoint names at least one entry.
            Int(try reader.int("size", in: 1...JSONValue.maxSafeInteger)),
            try reader.parsed("root", as: "base64 SHA-256 root", { Base64.decode($0).flatMap(SHA256Hash.init(bytes:)) })
        )
    }

    /// A `checkpoint` member, as `checkpoint(_:)` reads it.
    static func checkpointJSON(size: Int, root: SHA256Hash) -> JSONValue {
        ["size": .int(Int64(size)), "root": .string(root.base64)]
    }

    /// A form serial: 1–40 of `A–Z a–z 0–9 - / .`.
    static func serial(_ text: String) -> String? {
        guard (1...40).contains(text.utf8.count),
            text.utf8.allSatisfy({ byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")
            })
        else { return nil }
        return text
    }

    private static func form(_ reader: ObjectReader) throws(LedgerFormatError) -> SurveyForm {
        try reader.requireOnly(["serial", "unit", "respondentGroup", "answers"], optional: ["demographics"])
        let answers = try reader.reader("answers")
        var parsed: [String: String] = [:]
        for (question, answer) in answers.members {
            guard ConfigCode.item(question) != nil, let option = answer.stringValue, ConfigCode.item(option) != nil
            else {
                throw LedgerFormatError(answers.location(question), "must be an option code such as \"A\"")
            }
            parsed[question] = option
        }
        var demographics: [String: String]?
        if reader.members["demographics"] != nil {
            let object = try reader.reader("demographics")
            var texts: [String: String] = [:]
            for name in object.members.keys { texts[name] = try object.text(name, .shortText) }
            demographics = texts
        }
        return SurveyForm(
            serial: try reader.serial("serial"),
            unit: try reader.unit(),
            respondentGroup: try reader.code("respondentGroup"),
            answers: parsed,
            demographics: demographics
        )
    }
}

extension AppraisalEvent.SurveyForm {
    /// The form as `AppraisalEvent.form(_:)` reads it.
    var json: JSONValue {
        .object(
            present([
                "serial": .string(serial), "unit": unit.json, "respondentGroup": respondentGroup.json,
                "answers": .object(answers.mapValues { .string($0) }),
                "demographics": demographics.map { .object($0.mapValues { .string($0) }) },
            ])
        )
    }
}

extension AppraisalEvent.Change {
    init(_ reader: ObjectReader) throws(LedgerFormatError) {
        try reader.requireOnly(["unit", "leaf", "points", "reason"])
        let reason = try reader.text("reason", .text)
        self.init(
            unit: try reader.unit(),
            leaf: try reader.leaf(),
            points: try reader.nonNegativePoints("points"),
            reason: reason
        )
    }

    var json: JSONValue { ["unit": unit.json, "leaf": leaf.json, "points": points.json, "reason": .string(reason)] }
}

extension AppraisalEvent.Kind {
    /// The acts whose payload carries evidence files (FORMAT.md §10): who may emit them is who
    /// may upload a file.
    public static let carryingEvidence: [AppraisalEvent.Kind] = [
        .evidenceAttached, .explanationSubmitted, .objectionFiled, .bonusPenaltyClaimed, .selfAssessmentSubmitted,
        .councilReportApproved, .resultsPublished, .resultsCorrected,
    ]
}
