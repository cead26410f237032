public import Appraisal
import Foundation
public import LedgerCore
public import LedgerStore

/// A small campaign on an in-memory store with the appraisal rules: given these acts, when
/// this one, then these entries or this refusal (Given/When/Then, tools/CONTRIBUTING.md).
public final class CampaignFixture: @unchecked Sendable {
    // `@unchecked Sendable`: tests use a fixture from one task at a time; the counter is locked.
    public let ledger = LedgerID("test.travinh.gov.vn/par/2023")!
    public let authority = key(1, "UBND tỉnh")
    public let secretariat = key(2, "Sở Nội vụ")
    public let officer = key(3, "Cán bộ Sở Nội vụ")
    public let leader = key(4, "Giám đốc Sở Nội vụ")
    public let otherOfficer = key(5, "Cán bộ Sở Tư pháp")
    public let appraiser = key(6, "Thẩm định viên Sở Tư pháp")
    public let otherAppraiser = key(7, "Thẩm định viên Sở Nội vụ")
    public let chair = key(8, "Chủ tịch Hội đồng")
    public let clerk = key(9, "Nhân viên nhập phiếu")
    public let reviewer = key(10, "Thẩm định viên Văn phòng UBND")
    public let store: any EventStore

    /// 2023-10-01T01:00:00Z; `day(n)` is n days later.
    public let start = Timestamp(text: "2023-10-01T01:00:00.000Z")!
    private let counter = NSLock()

    /// Respondent groups' weights in the survey's mean of group means, where the plan sets them.
    public let surveyWeights: [String: Int]

    /// The deduction item the plan names for a late self-assessment, if any.
    public let lateSubmissionItem: String?

    /// A fixture on an in-memory store, or on the store given (which must apply the appraisal
    /// rules); `surveyWeights` go into the plan's quotas, `lateSubmissionItem` into its scoring.
    public init(store: (any EventStore)? = nil, surveyWeights: [String: Int] = [:], lateSubmissionItem: String? = nil) {
        self.store = store ?? InMemoryStore(rules: AppraisalLedgerRules())
        self.surveyWeights = surveyWeights
        self.lateSubmissionItem = lateSubmissionItem
    }
    private var next = 0

    private static func key(_ seed: UInt8, _ name: String) -> SigningKey {
        SigningKey(seed: Array(repeating: seed, count: 32), name: name)!
    }

    public func day(_ days: Int64, hours: Int64 = 0) -> Timestamp {
        start.adding(milliseconds: (days * 24 + hours) * 3_600_000)
    }

    public func statement(
        _ kind: AppraisalEvent.Kind,
        _ payload: [String: JSONValue],
        by key: SigningKey,
        at time: Timestamp
    ) -> SignedStatement {
        let type = kind.type
        return sign(type, payload, by: key, at: time)
    }

    public func sign(
        _ type: EventType,
        _ payload: [String: JSONValue],
        by key: SigningKey,
        at time: Timestamp
    ) -> SignedStatement {
        counter.lock()
        next += 1
        let n = next
        counter.unlock()
        let id = StatementID(randomBytes: (0..<16).map { UInt8(truncatingIfNeeded: n >> (8 * ($0 % 4))) })
        let statement = try! Statement(  // test fixture: payloads are literals known to be valid
            ledger: ledger,
            statementID: id,
            type: type,
            actor: key.keyID,
            claimedAt: time,
            payload: payload
        )
        return SignedStatement(statement: statement, signedBy: key)
    }

    /// Appends one act at `time` (the ledger's clock and the claimed time alike, unless `claimed`).
    @discardableResult
    public func act(
        _ kind: AppraisalEvent.Kind,
        _ payload: [String: JSONValue],
        by key: SigningKey,
        at time: Timestamp,
        claimed: Timestamp? = nil
    ) async throws(StoreError) -> Entry {
        let signed = statement(kind, payload, by: key, at: claimed ?? time)
        let entries = try await store.append([signed], recordedAt: time)
        return entries[0]
    }

    /// The appraisal state of everything appended so far: the rules' own fold of the entries.
    public func state() async throws -> AppraisalState {
        var rules = AppraisalLedgerRules()
        for stored in try await store.entries(from: 0, limit: Int.max) {
            rules.replay(try Entry(bytes: stored.bytes))
        }
        return rules.state
    }

    /// The refusal of an act, or nil if it was admitted.
    public func refusal(
        _ kind: AppraisalEvent.Kind,
        _ payload: [String: JSONValue],
        by key: SigningKey,
        at time: Timestamp,
        claimed: Timestamp? = nil
    ) async -> LedgerViolation? {
        do {
            try await act(kind, payload, by: key, at: time, claimed: claimed)
            return nil
        } catch {
            return error.violation
        }
    }

    // MARK: The campaign

    /// Domain 1: 1.1 (TĐG, 0/0.5/1), 1.2 (TĐG, 2, N/A allowed), 1.3 (XHH, 2); domain 2: 2.1 (TĐG, 5,
    /// N/A awards max). 10 points; bonus cap 2, deduction cap 3.
    public var criteriaSet: [String: JSONValue] {
        func leaf(
            _ code: String,
            _ max: String,
            _ method: String,
            na: String = "notAllowed",
            allowed: [String]? = nil
        )
            -> JSONValue
        {
            var leaf: [String: JSONValue] = [
                "code": .string(code), "name": .string("Tiêu chí \(code)"), "maxPoints": .string(max),
                "method": .string(method), "rule": "Đạt: điểm tối đa; không đạt: 0 điểm",
                "evidence": method == "TĐG" ? ["Văn bản, báo cáo"] : [], "notApplicable": .string(na),
            ]
            if let allowed { leaf["allowedValues"] = .array(allowed.map { .string($0) }) }
            return .object(leaf)
        }
        return [
            "set": "department", "version": 1, "name": "Bộ tiêu chí cấp sở (thử)",
            "decision": ["number": "534/QĐ-UBND", "date": "2023-04-17"], "totalPoints": "10",
            "domains": [
                [
                    "code": "1", "name": "Chỉ đạo, điều hành",
                    "children": [
                        leaf("1.1", "1", "TĐG", allowed: ["0", "0.5", "1"]), leaf("1.2", "2", "TĐG", na: "allowed"),
                        leaf("1.3", "2", "XHH"),
                    ],
                ],
                ["code": "2", "name": "Thể chế", "children": [leaf("2.1", "5", "TĐG", na: "awardMax")]],
            ],
            "adjustments": [
                "bonusCap": "2", "deductionCap": "3",
                "items": [
                    ["code": "B1", "name": "Sáng kiến được công nhận", "kind": "bonus", "maxPoints": "1"],
                    ["code": "D1", "name": "Báo cáo trễ hạn", "kind": "deduction", "maxPoints": "1"],
                ],
            ],
        ]
    }

    /// Self-scoring days 1–10, round 1 to day 20, explanations to day 30, round 2 to day 40.
    public var campaign: [String: JSONValue] {
        [
            "plan": ["number": "43/KH-UBND", "date": "2023-05-09"], "year": 2023,
            "groups": [
                ["code": "department", "name": "Sở, ban, ngành", "criteria": ["set": "department", "version": 1]]
            ],
            "deadlines": [
                "selfScoringOpens": .string(day(1).text), "selfScoringCloses": .string(day(10).text),
                "round1Closes": .string(day(20).text), "explanationCloses": .string(day(30).text),
                "round2Closes": .string(day(40).text),
            ],
            "respondentGroups": [["code": "citizens", "name": "Người dân"], ["code": "leaders", "name": "Lãnh đạo"]],
            "surveyQuotas": .array(
                ["citizens", "leaders"].map { group in
                    var quota: [String: JSONValue] = [
                        "group": "department", "respondentGroup": .string(group), "formsPerUnit": 2,
                    ]
                    if let weight = surveyWeights[group] { quota["weight"] = .int(Int64(weight)) }
                    return .object(quota)
                }
            ),
            "scoring": .object(
                [
                    "publicationDecimals": 2,
                    "bands": [["name": "Tốt", "minimumIndex": "90"], ["name": "Yếu", "minimumIndex": "0"]],
                    "tieBreak": ["surveyTotal"], "minimumSampleShare": "0.5", "formValidShare": "0.7",
                    "notApplicableDefault": "excludeFromMax", "lateSubmissionDeduction": "1", "clockSkewSeconds": 300,
                ].merging(lateSubmissionItem.map { ["lateSubmissionItem": .string($0)] } ?? [:]) { first, _ in first }
            ),
        ]
    }

    public var template: [String: JSONValue] {
        [
            "template": "department-2023", "version": 1, "group": "department", "name": "Phiếu khảo sát cấp sở",
            "options": [
                ["code": "A", "label": "Rất tốt", "coefficient": "1"],
                ["code": "B", "label": "Tốt", "coefficient": "0.6"],
                ["code": "E", "label": "Không biết", "coefficient": .null],
            ],
            "questions": [
                ["code": "Q1", "text": "Mức độ công khai?", "leaf": "1.3", "respondentGroups": ["citizens"]],
                ["code": "Q2", "text": "Hiệu quả chỉ đạo?", "leaf": "1.3", "respondentGroups": ["leaders"]],
            ],
        ]
    }

    public func register(_ key: SigningKey, _ role: Role, unit: String? = nil) -> SignedStatement {
        var payload: [String: JSONValue] = [
            "keyId": .string(key.keyID.hex), "name": .string(key.name), "publicKey": .string(key.publicKey.text),
            "role": .string(role.rawValue),
        ]
        if let unit { payload["unit"] = .string(unit) }
        return sign(ControlEvent.keyRegisteredType, payload, by: authority, at: start)
    }

    /// Keys, the criteria set, the campaign, units SNV and STP and then their officers' and
    /// leader's keys, three appraisers (appraiser is of STP and appraises domain 1; otherAppraiser
    /// is of SNV and appraises domains 1 and 2; reviewer is of STP and appraises domains 1 and 2)
    /// and the survey template — all before self-scoring opens.
    public func opened() async throws {
        try await keysAndCampaign()
        for (code, name) in [("SNV", "Sở Nội vụ"), ("STP", "Sở Tư pháp")] {
            try await act(
                .unitEnrolled,
                ["code": .string(code), "name": .string(name), "group": "department"],
                by: secretariat,
                at: start
            )
        }
        _ = try await store.append(
            [
                register(officer, .unitOfficer, unit: "SNV"), register(leader, .unitLeader, unit: "SNV"),
                register(otherOfficer, .unitOfficer, unit: "STP"),
            ],
            recordedAt: start
        )
        try await act(
            .appraiserAssigned,
            ["keyId": .string(appraiser.keyID.hex), "domains": ["1"], "ownUnit": "STP"],
            by: secretariat,
            at: start
        )
        try await act(
            .appraiserAssigned,
            ["keyId": .string(otherAppraiser.keyID.hex), "domains": ["1", "2"], "ownUnit": "SNV"],
            by: secretariat,
            at: start
        )
        try await act(
            .appraiserAssigned,
            ["keyId": .string(reviewer.keyID.hex), "domains": ["1", "2"], "ownUnit": "STP"],
            by: secretariat,
            at: start
        )
        try await act(.surveyTemplatePublished, template, by: secretariat, at: start)
    }

    /// The genesis, the keys that name no unit, the criteria set and the campaign: no unit is
    /// enrolled yet, so no unit's key can be registered.
    public func keysAndCampaign() async throws {
        _ = try await store.append(
            [
                sign(
                    ControlEvent.genesisType,
                    ControlEvent.genesisPayload(authority: authority, policy: AppraisalPolicy.policy),
                    by: authority,
                    at: start
                ),
                register(secretariat, .secretariat), register(appraiser, .appraiser),
                register(otherAppraiser, .appraiser), register(chair, .councilChair), register(clerk, .surveyClerk),
                register(reviewer, .appraiser),
            ],
            recordedAt: start
        )
        try await act(.criteriaSetPublished, criteriaSet, by: secretariat, at: start)
        try await act(.campaignOpened, campaign, by: authority, at: start)
    }

    /// Evidence for a leaf of SNV, uploaded and attached on `time`; returns the attaching statement's id.
    @discardableResult
    public func attachEvidence(
        _ leaf: String,
        unit: String = "SNV",
        by key: SigningKey? = nil,
        at time: Timestamp
    )
        async throws -> StatementID
    {
        let blob = try await store.putBlob(Array("Kế hoạch CCHC năm 2023 — \(leaf)".utf8))
        let entry = try await act(
            .evidenceAttached,
            [
                "unit": .string(unit), "leaf": .string(leaf),
                "blob": [
                    "sha256": .string(blob.sha256.hex), "size": .int(blob.size), "name": "ke-hoach.pdf",
                    "mediaType": "application/pdf",
                ],
                "document": ["number": "12/KH-SNV", "issuer": "Sở Nội vụ", "issuedOn": "2023-01-10"],
            ],
            by: key ?? officer,
            at: time
        )
        return entry.statement.statementID
    }

    public func score(
        _ leaf: String,
        _ points: String,
        note: String? = nil,
        unit: String = "SNV"
    ) -> [String: JSONValue] {
        var payload: [String: JSONValue] = ["unit": .string(unit), "leaf": .string(leaf), "points": .string(points)]
        if let note { payload["note"] = .string(note) }
        return payload
    }

    public func appraisal(
        _ leaf: String,
        _ points: String,
        round: Int = 1,
        reason: String? = nil,
        unit: String = "SNV"
    )
        -> [String: JSONValue]
    {
        var payload: [String: JSONValue] = [
            "unit": .string(unit), "leaf": .string(leaf), "round": .int(Int64(round)), "points": .string(points),
            "explanationRequested": false,
        ]
        if let reason { payload["reason"] = .string(reason) }
        return payload
    }

    /// Appraises every TĐG leaf but SNV's 1.1 (left to each test) so that nothing stays
    /// provisional: SNV's 1.2 and 2.1 at their self-scores (as `submitted()` left them), and
    /// STP's leaves, never self-scored, at 0. Round 1 on day 12 unless told otherwise.
    public func appraisedTheRest(round: Int = 1, at time: Timestamp? = nil) async throws {
        let time = time ?? day(12)
        try await act(.appraisalRecorded, appraisal("1.2", "1.5", round: round), by: reviewer, at: time)
        try await act(.appraisalRecorded, appraisal("2.1", "4", round: round), by: reviewer, at: time)
        for leaf in ["1.1", "1.2", "2.1"] {
            try await act(
                .appraisalRecorded,
                appraisal(leaf, "0", round: round, reason: "Đơn vị không tự đánh giá", unit: "STP"),
                by: otherAppraiser,
                at: time
            )
        }
    }

    /// The `checkpoint` member a publication or correction names: the ledger's size and root now.
    public func currentCheckpoint() async throws -> JSONValue {
        let size = try await store.size()
        return ["size": .int(Int64(size)), "root": .string(try await store.root(size: size).base64)]
    }

    /// The council report approved on day 41 and the results published by decision 99/QĐ-UBND
    /// on day 42, against the ledger as it then stands.
    public func published() async throws {
        try await act(.councilReportApproved, ["number": "05/BC-HĐTĐ", "date": "2024-03-10"], by: chair, at: day(41))
        try await act(
            .resultsPublished,
            ["decision": ["number": "99/QĐ-UBND", "date": "2024-04-01"], "checkpoint": try await currentCheckpoint()],
            by: authority,
            at: day(42)
        )
    }

    /// SNV self-scores every TĐG leaf on day 2 (1.1 with evidence, the others with notes) and submits
    /// on day 3; `evidence` names other leaves given a file too.
    public func submitted(evidence: [String] = []) async throws {
        try await opened()
        for leaf in ["1.1"] + evidence { try await attachEvidence(leaf, at: day(2)) }
        try await act(.selfScoreRecorded, score("1.1", "1"), by: officer, at: day(2))
        try await act(.selfScoreRecorded, score("1.2", "1.5", note: "Không có văn bản riêng"), by: officer, at: day(2))
        try await act(.selfScoreRecorded, score("2.1", "4", note: "Theo báo cáo tổng hợp"), by: officer, at: day(2))
        try await act(.selfAssessmentSubmitted, ["unit": "SNV"], by: leader, at: day(3))
    }

    /// After `submitted()`: leaf 1.1 appraised 0.5 ("Trễ hạn") in round 1 on day 12, whose entry
    /// this returns.
    @discardableResult
    public func appraised(evidence: [String] = []) async throws -> Entry {
        try await submitted(evidence: evidence)
        return try await act(.appraisalRecorded, appraisal("1.1", "0.5", reason: "Trễ hạn"), by: appraiser, at: day(12))
    }

    /// After `appraised()`: preliminary results on day 21, and SNV's objection to 1.1 on day 22,
    /// whose entry this returns.
    @discardableResult
    public func objected(evidence: [String] = []) async throws -> Entry {
        try await appraised(evidence: evidence)
        try await act(.preliminaryResultsIssued, [:], by: secretariat, at: day(21))
        return try await act(
            .objectionFiled,
            ["unit": "SNV", "leaf": "1.1", "text": "Ban hành đúng hạn", "evidence": []],
            by: officer,
            at: day(22)
        )
    }
}
