import Appraisal
import LedgerCore
import Testing

/// `AppraisalEvent.payload`: every event is written back to the payload it was read from, byte for
/// byte, and every event built in Swift is written to a payload that reads back as that event.
@Suite("Payload encoding")
struct PayloadEncodingTests {
    static let valid = PayloadVectorTests.cases.filter(\.valid)

    @Test func everyEventTypeHasValidVectors() {
        #expect(Set(Self.valid.map(\.type)) == Set(AppraisalEvent.Kind.allCases.map(\.rawValue)))
    }

    @Test(arguments: valid)
    func aDecodedVectorIsWrittenBackToItsBytes(_ vector: PayloadVectorTests.Case) throws {
        let type = try #require(EventType(vector.type))
        let event = try #require(try AppraisalEvent.decode(type: type, payload: vector.payload))
        #expect(event.type == type)
        #expect(CanonicalJSON.encode(.object(event.payload)) == CanonicalJSON.encode(vector.payload))
        #expect(try AppraisalEvent.decode(type: type, payload: .object(event.payload)) == event)
    }

    @Test(arguments: AppraisalEvent.Kind.allCases)
    func anEventBuiltInSwiftReadsBackFromItsPayload(_ kind: AppraisalEvent.Kind) throws {
        for event in try Self.examples(of: kind) {
            #expect(event.kind == kind)
            let bytes = CanonicalJSON.encode(.object(event.payload))
            let decoded = try AppraisalEvent.decode(type: kind.type, payload: try CanonicalJSON.parse(bytes))
            #expect(decoded == event, "\(String(decoding: bytes, as: UTF8.self))")
            #expect(decoded.map { CanonicalJSON.encode(.object($0.payload)) } == bytes)
            // The flat decoder, where it takes the payload, reads the same event.
            if let flat = AppraisalEvent.decodeFlat(kind, bytes[...]) { #expect(flat == event) }
        }
    }

    @Test func optionalMembersAreAbsentNotNull() throws {
        let score = AppraisalEvent.selfScoreRecorded(
            unit: try code("SNV", UnitCode.init),
            leaf: try code("1.1", CriterionCode.init),
            points: Points(1),
            note: nil
        )
        #expect(score.payload.keys.sorted() == ["leaf", "points", "unit"])
        #expect(AppraisalEvent.preliminaryResultsIssued(note: nil).payload.isEmpty)
        let form = AppraisalEvent.SurveyForm(
            serial: "X-1",
            unit: try code("SNV", UnitCode.init),
            respondentGroup: try code("citizens") { ConfigCode($0) },
            answers: [:]
        )
        #expect(
            CanonicalJSON.encode(
                .object(
                    AppraisalEvent.surveyBatchRecorded(
                        template: try code("ks") { ConfigCode($0) },
                        version: 1,
                        forms: [form]
                    ).payload
                )
            )
                == Array(
                    #"{"forms":[{"answers":{},"respondentGroup":"citizens","serial":"X-1","unit":"SNV"}],"template":{"template":"ks","version":1}}"#
                        .utf8
                )
        )
    }

    /// Events of a kind as a front end builds them, optional members absent and present.
    static func examples(of kind: AppraisalEvent.Kind) throws -> [AppraisalEvent] {
        let unit = try code("SNV", UnitCode.init)
        let leaf = try code("1.1", CriterionCode.init)
        let id = try code("0b3e0f6a-8d5c-4a1b-9e2f-3c4d5e6f7a8b", StatementID.init)
        let decision = DecisionReference(number: "534/QĐ-UBND", date: try code("2023-04-17", CalendarDate.init))
        let evidence = AppraisalEvent.Evidence(
            blob: .init(
                sha256: try code(String(repeating: "ab", count: 32)) { SHA256Hash(hex: $0) },
                size: 1024,
                name: "Quyết định 12.pdf",
                mediaType: "application/pdf"
            ),
            document: .init(
                number: "12/QĐ-UBND",
                issuer: "UBND tỉnh",
                issuedOn: try code("2023-03-15", CalendarDate.init)
            )
        )
        let paged = AppraisalEvent.Evidence(
            blob: evidence.blob,
            document: .init(number: "12", issuer: "UBND", issuedOn: evidence.document.issuedOn, page: 3)
        )
        let root = SHA256Hash.of(Array("root".utf8))
        switch kind {
        case .criteriaSetPublished:
            return [.criteriaSetPublished(try criteriaSet())]
        case .campaignOpened:
            return [.campaignOpened(try campaign())]
        case .unitEnrolled:
            return [.unitEnrolled(code: unit, name: "Sở Nội vụ", group: try code("department") { ConfigCode($0) })]
        case .appraiserAssigned:
            let key = SigningKey.generate(name: "Lê Phúc").keyID
            return [
                .appraiserAssigned(
                    keyID: key,
                    domains: [try code("1", CriterionCode.init), try code("4", CriterionCode.init)],
                    ownUnit: unit
                )
            ]
        case .selfScoreRecorded:
            return [
                .selfScoreRecorded(unit: unit, leaf: leaf, points: Points(thousandths: 1500), note: nil),
                .selfScoreRecorded(unit: unit, leaf: leaf, points: .zero, note: "Theo báo cáo tổng hợp"),
            ]
        case .evidenceAttached:
            return [
                .evidenceAttached(unit: unit, leaf: leaf, evidence: evidence),
                .evidenceAttached(unit: unit, leaf: leaf, evidence: paged),
            ]
        case .evidenceWithdrawn:
            return [.evidenceWithdrawn(unit: unit, leaf: leaf, evidence: id, reason: "Nhầm tài liệu")]
        case .notApplicableClaimed:
            return [.notApplicableClaimed(unit: unit, leaf: leaf, reason: "Không phát sinh")]
        case .notApplicableDecided:
            return [
                .notApplicableDecided(unit: unit, leaf: leaf, confirmed: true, reason: "Đúng thực tế"),
                .notApplicableDecided(unit: unit, leaf: leaf, confirmed: false, reason: "Có phát sinh"),
            ]
        case .selfAssessmentSubmitted:
            return [.selfAssessmentSubmitted(unit: unit)]
        case .selfAssessmentReopened:
            return [
                .selfAssessmentReopened(
                    unit: unit,
                    reason: "Bổ sung minh chứng",
                    until: try code("2023-12-08T10:00:00.000Z", Timestamp.init(text:))
                )
            ]
        case .appraisalRecorded:
            return [
                .appraisalRecorded(
                    unit: unit,
                    leaf: leaf,
                    round: 1,
                    points: Points(thousandths: 500),
                    reason: nil,
                    explanationRequested: false
                ),
                .appraisalRecorded(
                    unit: unit,
                    leaf: leaf,
                    round: 2,
                    points: .zero,
                    reason: "Trễ hạn",
                    explanationRequested: true
                ),
                .appraisalRecorded(
                    unit: unit,
                    leaf: leaf,
                    round: 2,
                    points: Points(1),
                    reason: "Theo kết luận của Hội đồng",
                    explanationRequested: false,
                    objection: id
                ),
            ]
        case .preliminaryResultsIssued:
            return [.preliminaryResultsIssued(note: nil), .preliminaryResultsIssued(note: "Công văn 320/SNV")]
        case .explanationSubmitted:
            return [
                .explanationSubmitted(unit: unit, leaf: leaf, text: "Đã gửi đúng hạn", evidence: []),
                .explanationSubmitted(unit: unit, leaf: leaf, text: "Đã gửi đúng hạn", evidence: [evidence, paged]),
            ]
        case .objectionFiled:
            return [
                .objectionFiled(unit: unit, leaf: leaf, text: "Kiến nghị giữ nguyên điểm", evidence: []),
                .objectionFiled(unit: unit, leaf: leaf, text: "Kiến nghị giữ nguyên điểm", evidence: [paged]),
            ]
        case .objectionResolved:
            return [
                .objectionResolved(
                    objection: id,
                    accepted: true,
                    points: Points(thousandths: 1500),
                    reasoning: "Có căn cứ"
                ),
                .objectionResolved(objection: id, accepted: false, points: nil, reasoning: "Giữ nguyên"),
            ]
        case .bonusPenaltyClaimed:
            return [
                .bonusPenaltyClaimed(
                    unit: unit,
                    item: try code("B1", ConfigCode.item),
                    points: Points(1),
                    reason: "Sáng kiến",
                    evidence: [evidence]
                )
            ]
        case .bonusPenaltyDecided:
            return [
                .bonusPenaltyDecided(claim: id, accepted: true, points: Points(thousandths: 500), reason: "Có căn cứ"),
                .bonusPenaltyDecided(claim: id, accepted: false, points: nil, reason: "Chưa được công nhận"),
            ]
        case .surveyTemplatePublished:
            return [.surveyTemplatePublished(try template())]
        case .surveyBatchRecorded:
            let citizens = try code("citizens") { ConfigCode($0) }
            let forms = [
                AppraisalEvent.SurveyForm(
                    serial: "X-001",
                    unit: unit,
                    respondentGroup: citizens,
                    answers: ["Q1": "A", "Q10": "K"]
                ),
                AppraisalEvent.SurveyForm(
                    serial: "X/002.b",
                    unit: unit,
                    respondentGroup: citizens,
                    answers: [:],
                    demographics: ["age": "30–45", "gender": "Nữ"]
                ),
                AppraisalEvent.SurveyForm(
                    serial: "X-003",
                    unit: unit,
                    respondentGroup: citizens,
                    answers: ["Q2": "B"],
                    demographics: [:]
                ),
            ]
            return [.surveyBatchRecorded(template: try code("ks-xa") { ConfigCode($0) }, version: 2, forms: forms)]
        case .surveyFormInvalidated:
            return [.surveyFormInvalidated(serial: "X-001", reason: "Trả lời dưới 70% số câu hỏi")]
        case .councilReportApproved:
            return [
                .councilReportApproved(number: "05/BC-HĐTĐ", date: decision.date, summary: nil),
                .councilReportApproved(number: "05/BC-HĐTĐ", date: decision.date, summary: "Báo cáo kết quả thẩm định"),
            ]
        case .resultsPublished:
            return [.resultsPublished(decision: decision, checkpointSize: 812, checkpointRoot: root)]
        case .resultsCorrected:
            return [
                .resultsCorrected(
                    decision: decision,
                    supersedes: "812/QĐ-UBND",
                    reason: "Sai sót khi tổng hợp",
                    changes: [
                        .init(unit: unit, leaf: leaf, points: Points(1), reason: "Đối chiếu lại"),
                        .init(
                            unit: unit,
                            leaf: try code("1.2", CriterionCode.init),
                            points: .zero,
                            reason: "Không đạt"
                        ),
                    ],
                    checkpointSize: 900,
                    checkpointRoot: root
                )
            ]
        case .campaignAmended:
            return [
                .campaignAmended(
                    decision: decision,
                    reason: "Gia hạn do bão",
                    deadlines: [
                        .round2Closes: try code("2024-03-20T10:00:00.000Z", Timestamp.init(text:)),
                        .explanationCloses: try code("2024-02-20T10:00:00.000Z", Timestamp.init(text:)),
                    ]
                )
            ]
        case .roundReopened:
            let until = try code("2024-03-25T10:00:00.000Z", Timestamp.init(text:))
            return [
                .roundReopened(round: 2, units: [unit], leaves: nil, until: until, reason: "Chưa thẩm định xong"),
                .roundReopened(round: 1, units: [unit], leaves: [leaf], until: until, reason: "Bổ sung"),
            ]
        case .unitWithdrawn:
            return [
                .unitWithdrawn(unit: unit, decision: decision, reason: "Giải thể", successor: nil),
                .unitWithdrawn(
                    unit: unit,
                    decision: decision,
                    reason: "Sáp nhập",
                    successor: try code("SNV-TP", UnitCode.init)
                ),
            ]
        case .unitRenamed:
            return [.unitRenamed(unit: unit, name: "Sở Nội vụ tỉnh Vĩnh Long", decision: decision)]
        }
    }

    /// Two domains, nodes three deep, a leaf with allowed values, and both kinds of item.
    static func criteriaSet() throws -> CriteriaSet {
        func leaf(
            _ text: String,
            _ maxPoints: Points,
            _ method: ScoringMethod,
            allowed: [Points]? = nil
        ) throws
            -> CriteriaSet.Leaf
        {
            CriteriaSet.Leaf(
                code: try code(text, CriterionCode.init),
                name: "Tiêu chí \(text)",
                maxPoints: maxPoints,
                method: method,
                rule: "Đạt: \(maxPoints) điểm",
                allowedValues: allowed,
                evidence: method == .survey ? [] : ["Báo cáo"],
                notApplicable: method == .survey ? .notAllowed : .allowed
            )
        }
        return CriteriaSet(
            set: try code("department") { ConfigCode($0) },
            version: 1,
            name: "Bộ tiêu chí cấp sở",
            decision: DecisionReference(number: "534/QĐ-UBND", date: try code("2023-04-17", CalendarDate.init)),
            totalPoints: Points(thousandths: 4500),
            nodes: [
                .init(code: try code("1", CriterionCode.init), name: "Chỉ đạo, điều hành"),
                .init(
                    try leaf(
                        "1.1",
                        Points(thousandths: 500),
                        .selfAssessed,
                        allowed: [.zero, Points(thousandths: 500)]
                    )
                ),
                .init(code: try code("1.2", CriterionCode.init), name: "Báo cáo"),
                .init(try leaf("1.2.1", Points(1), .selfAssessed)),
                .init(try leaf("1.2.2", Points(1), .survey)),
                .init(code: try code("2", CriterionCode.init), name: "Thể chế"),
                .init(try leaf("2.1", Points(2), .selfAssessed)),
            ],
            bonusCap: Points(2),
            deductionCap: Points(3),
            items: [
                .init(code: try code("B1", ConfigCode.item), name: "Sáng kiến", kind: .bonus, maxPoints: Points(1)),
                .init(
                    code: try code("D1", ConfigCode.item),
                    name: "Trễ hạn",
                    kind: .deduction,
                    maxPoints: Points(thousandths: 500)
                ),
            ]
        )
    }

    /// Two groups, quotas with and without a weight (1 given is not the same payload as none).
    static func campaign() throws -> CampaignPlan {
        let department = try code("department") { ConfigCode($0) }
        let district = try code("district") { ConfigCode($0) }
        let citizens = try code("citizens") { ConfigCode($0) }
        func time(_ text: String) throws -> Timestamp { try code(text, Timestamp.init(text:)) }
        return CampaignPlan(
            plan: DecisionReference(number: "43/KH-UBND", date: try code("2023-05-09", CalendarDate.init)),
            year: 2023,
            groups: [
                .init(code: department, name: "Sở, ban, ngành", criteriaSet: department, criteriaVersion: 1),
                .init(code: district, name: "UBND cấp huyện", criteriaSet: district, criteriaVersion: 2),
            ],
            deadlines: .init(
                selfScoringOpens: try time("2023-10-16T01:00:00.000Z"),
                selfScoringCloses: try time("2023-12-04T10:00:00.000Z"),
                round1Closes: try time("2024-01-31T10:00:00.000Z"),
                explanationCloses: try time("2024-02-15T10:00:00.000Z"),
                round2Closes: try time("2024-03-10T10:00:00.000Z")
            ),
            respondentGroups: [.init(code: citizens, name: "Người dân, tổ chức")],
            quotas: [
                .init(group: department, respondentGroup: citizens, formsPerUnit: 20),
                .init(group: district, respondentGroup: citizens, formsPerUnit: 30, weight: 1),
            ],
            scoring: .init(
                publicationDecimals: 2,
                bands: [.init(name: "Tốt", minimumIndex: Points(90)), .init(name: "Yếu", minimumIndex: .zero)],
                tieBreak: [.surveyTotal, .fewerDeductions],
                minimumSampleShare: Points(thousandths: 500),
                formValidShare: Points(thousandths: 700),
                notApplicableDefault: .excludeFromMax,
                lateSubmissionDeduction: Points(1),
                clockSkewSeconds: 300
            )
        )
    }

    /// Options with a coefficient and without ("không biết"), a question asked of two groups.
    static func template() throws -> SurveyTemplate {
        SurveyTemplate(
            template: try code("department-2023") { ConfigCode($0) },
            version: 1,
            group: try code("department") { ConfigCode($0) },
            name: "Phiếu khảo sát",
            options: [
                .init(code: try code("A", ConfigCode.item), label: "Rất tốt", coefficient: Points(1)),
                .init(code: try code("E", ConfigCode.item), label: "Không biết", coefficient: nil),
            ],
            questions: [
                .init(
                    code: try code("Q1", ConfigCode.item),
                    text: "Lãnh đạo sở quan tâm chỉ đạo CCHC?",
                    leaf: try code("1.2.2", CriterionCode.init),
                    respondentGroups: [
                        try code("citizens") { ConfigCode($0) }, try code("unit-leaders") { ConfigCode($0) },
                    ]
                )
            ]
        )
    }
}

/// A code, date or time written out in a test.
private func code<T>(_ text: String, _ parse: (String) -> T?) throws -> T {
    try #require(parse(text), "\(text) does not parse")
}
