public import Appraisal
public import LedgerCore

/// The report bodies behind the documents a council signs (a unit's scorecard, the dispute
/// register, the council's minutes, the survey summary): what the state keeps, joined with what
/// only the entries say (reasons, texts, evidence documents), which the leaves' histories carry.
extension Reports {
    /// One unit's scorecard: its result, and every criterion by name with its max, self-score and
    /// note, the appraisals of each round with their reasons, the difference, N/A, the evidence
    /// documents still attached, and the unit's bonus and deduction claims with their decisions.
    public static func scorecard(
        _ state: AppraisalState,
        unit: UnitCode,
        histories: [LeafHistory]
    ) -> [String: JSONValue]? {
        guard let plan = state.campaign, let card = Scorecard.of(unit, in: state) else { return nil }
        let byLeaf = Dictionary(histories.map { ($0.leaf, $0) }, uniquingKeysWith: { first, _ in first })
        let leaves: [JSONValue] = card.leaves.map { leaf in
            let events = byLeaf[leaf.code]?.events ?? []
            func last(
                _ kind: AppraisalEvent.Kind,
                where matches: (LeafHistory.Event) -> Bool = { _ in true }
            )
                -> LeafHistory.Event?
            {
                events.last { $0.type == kind.type && matches($0) }
            }
            func reason(round: Int) -> JSONValue {
                last(.appraisalRecorded) { $0.details["round"]?.intValue == Int64(round) }?.details["reason"] ?? .null
            }
            let documents: [JSONValue] = events.filter {
                $0.type == AppraisalEvent.Kind.evidenceAttached.type
                    && state.evidence[$0.statementID]?.withdrawn == false
            }.compactMap { $0.details["document"] }
            var object: [String: JSONValue] = [
                "leaf": .string(leaf.code.text), "name": .string(leaf.name), "method": .string(leaf.method.rawValue),
                "maxPoints": .string(leaf.maxPoints.text), "selfScore": points(leaf.selfScore),
                "selfNote": last(.selfScoreRecorded)?.details["note"] ?? .null,
                "round1": points(leaf.round1), "round1Reason": reason(round: 1),
                "round2": points(leaf.round2), "round2Reason": reason(round: 2),
                "appraised": points(leaf.appraised), "points": figure(leaf.points, plan),
                "difference": difference(leaf.selfScore, leaf.appraised),
                "notApplicable": leaf.notApplicable.map { .string("\($0)") } ?? .null,
                "notApplicableReason": last(.notApplicableClaimed)?.details["reason"] ?? .null,
                "documents": .array(documents),
                "provisional": .bool(leaf.provisional), "corrected": .bool(leaf.corrected),
            ]
            if let survey = leaf.survey {
                object["surveyScore"] = figure(survey.score, plan)
                object["insufficientSample"] = .bool(survey.insufficient)
            }
            return .object(object)
        }
        let claims = state.claims.filter { $0.value.unit == unit }.sorted { $0.key.text < $1.key.text }
        return [
            "result": result(card, plan),
            "reportDocuments": processDocuments(state, .selfAssessmentSubmitted, unit: unit),
            "leaves": .array(leaves),
            "adjustments": .array(claims.map { .object(claimLine($0.key, $0.value, state)) }),
        ]
    }

    /// Every objection with its text and the unit's explanations on the same leaf, the appraisal
    /// it contests, the council's resolution and reasoning, and the points before and after.
    public static func disputeRegister(_ state: AppraisalState, histories: [LeafHistory]) -> [String: JSONValue] {
        let byKey = Dictionary(
            histories.map { (AppraisalState.LeafKey(unit: $0.unit, leaf: $0.leaf), $0) },
            uniquingKeysWith: { first, _ in first }
        )
        let objections = state.objections.sorted { ($0.value.filedAt, $0.key.text) < ($1.value.filedAt, $1.key.text) }
        return [
            "disputes": .array(
                objections.map { id, objection in
                    let events = byKey[objection.key]?.events ?? []
                    let filed = events.first { $0.statementID == id }
                    let explanations = events.filter { $0.type == AppraisalEvent.Kind.explanationSubmitted.type }
                    var object: [String: JSONValue] = [
                        "objection": .string(id.text), "unit": .string(objection.key.unit.text),
                        "unitName": .string(state.units[objection.key.unit]?.name ?? ""),
                        "leaf": .string(objection.key.leaf.text),
                        "leafName": .string(state.criteria(of: objection.key.unit)?.name(of: objection.key.leaf) ?? ""),
                        "filedAt": .string(objection.filedAt.text), "text": filed?.details["text"] ?? .null,
                        "explanations": .array(
                            explanations.map {
                                ["at": .string($0.recordedAt.text), "text": $0.details["text"] ?? .null]
                            }
                        ),
                        "status": .string(objection.open ? "open" : "resolved"),
                        "contested": points(objection.contested),
                    ]
                    if let resolution = objection.resolution {
                        object["outcome"] = .string(resolution.accepted ? "accepted" : "rejected")
                        object["points"] = points(resolution.points ?? resolution.before)
                        object["reasoning"] = .string(resolution.reasoning)
                        object["resolvedAt"] = .string(resolution.at.text)
                        object["change"] = difference(resolution.points ?? resolution.before, resolution.before)
                    }
                    return .object(object)
                }
            )
        ]
    }

    /// The council's minutes: the appendix of adjustments, by round. Round 1 lists every leaf
    /// appraised at other points than its self-score, round 2 every change from round 1, each
    /// with the appraiser's reason; then the objections the council resolved and the bonus and
    /// deduction claims it decided.
    public static func minutes(_ state: AppraisalState, histories: [LeafHistory]) -> [String: JSONValue] {
        var rounds: [Int: [JSONValue]] = [1: [], 2: []]
        let sorted = histories.sorted { ($0.unit, $0.leaf) < ($1.unit, $1.leaf) }
        for history in sorted {
            let key = AppraisalState.LeafKey(unit: history.unit, leaf: history.leaf)
            guard let leafName = state.criteria(of: history.unit)?.name(of: history.leaf) else { continue }
            let selfScore = state.selfScores[key]?.points
            let recorded = state.appraisals[key] ?? [:]
            for round in [1, 2] {
                guard let points = recorded[round] else { continue }
                let before = round == 1 ? selfScore : recorded[1] ?? selfScore
                guard before != points else { continue }
                let reason = history.events.last {
                    $0.type == AppraisalEvent.Kind.appraisalRecorded.type
                        && $0.details["round"]?.intValue == Int64(round)
                }?.details["reason"]
                rounds[round, default: []].append(
                    [
                        "unit": .string(history.unit.text), "unitName": .string(state.units[history.unit]?.name ?? ""),
                        "leaf": .string(history.leaf.text), "leafName": .string(leafName),
                        "before": Self.points(before), "points": Self.points(points),
                        "change": difference(points, before), "reason": reason ?? .null,
                    ]
                )
            }
        }
        let decided = state.claims.filter { !$0.value.pending }.sorted {
            ($0.value.unit, $0.key.text) < ($1.value.unit, $1.key.text)
        }
        return [
            "councilReportApproved": .bool(state.councilReportApproved),
            "councilReportDocuments": processDocuments(state, .councilReportApproved, unit: nil),
            "rounds": .array([1, 2].map { ["round": .int(Int64($0)), "adjustments": .array(rounds[$0] ?? [])] }),
            "objections": disputeRegister(state, histories: histories)["disputes"] ?? [],
            "claims": .array(decided.map { .object(claimLine($0.key, $0.value, state)) }),
        ]
    }

    /// The survey summary: coverage against quota per unit and respondent group, and for every
    /// question of every template the answers given, option by option, per unit and respondent
    /// group (invalidated forms left out).
    public static func surveySummary(_ state: AppraisalState) -> [String: JSONValue] {
        var body = surveyCoverage(state)
        let kept = state.forms.values.filter { !$0.invalidated }
        let byTemplate = Dictionary(grouping: kept) { $0.template }
        var questions: [JSONValue] = []
        for (key, template) in state.templates.sorted(by: {
            ($0.key.set, $0.key.version) < ($1.key.set, $1.key.version)
        }) {
            let forms = byTemplate[key] ?? []
            let cells = Dictionary(grouping: forms) { "\($0.unit.text)\u{0}\($0.respondentGroup.text)" }
            for question in template.questions {
                var counts: [JSONValue] = []
                for cell in cells.keys.sorted() {
                    guard let sample = cells[cell]?.first, question.respondentGroups.contains(sample.respondentGroup)
                    else { continue }
                    let answers = (cells[cell] ?? []).compactMap { $0.answers[question.code.text] }
                    var byOption: [String: JSONValue] = [:]
                    for option in template.options {
                        byOption[option.code.text] = .int(Int64(answers.filter { $0 == option.code.text }.count))
                    }
                    counts.append(
                        [
                            "unit": .string(sample.unit.text), "respondentGroup": .string(sample.respondentGroup.text),
                            "answers": .object(byOption),
                            "blank": .int(Int64((cells[cell] ?? []).count - answers.count)),
                        ]
                    )
                }
                questions.append(
                    [
                        "template": .string(key.set.text), "version": .int(Int64(key.version)),
                        "question": .string(question.code.text), "text": .string(question.text),
                        "leaf": .string(question.leaf.text),
                        "options": .array(template.options.map { .string($0.code.text) }),
                        "counts": .array(counts),
                    ]
                )
            }
        }
        body["questions"] = .array(questions)
        body["respondentGroups"] = .array(
            (state.campaign?.respondentGroups ?? []).map { ["code": .string($0.code.text), "name": .string($0.name)] }
        )
        return body
    }

    /// `left − right` as points text, or null when either is missing.
    /// The documents the latest act of a kind recorded (a unit's submission, the council's report):
    /// each file's name and hash, and the document's number, issuer and date.
    static func processDocuments(
        _ state: AppraisalState,
        _ act: AppraisalState.ProcessDocuments.Act,
        unit: UnitCode?
    ) -> JSONValue {
        let recorded = state.processDocuments.last { $0.act == act && $0.unit == unit }
        return .array((recorded?.documents ?? []).map(evidenceLine))
    }

    static func difference(_ left: Points?, _ right: Points?) -> JSONValue {
        guard let left, let right else { return .null }
        return .string((left - right).text)
    }
}
