import Appraisal
import Foundation
import LedgerCore
import LedgerStore
import Projections

/// The seed province's whole 2023 campaign (events/PROCESS.md §1), acted out on a ledger through the same
/// store and rules as real users, on the dates of events/PROCESS.md §1. Deterministic: keys,
/// statement ids and every choice come from fixed seeds, so two runs write the same statements.
struct DemoCampaign {
    let store: any EventStore
    var ledger: LedgerID { seeded.ledger }
    private(set) var counts: [String: Int] = [:]
    private var clock = Timestamp(text: "2023-05-09T01:00:00.000Z")!
    private var seeded: SeededStatements
    private var random = SplitMix64(seed: 2023)

    /// Every actor's key, by a label such as `officer/SNV`.
    private(set) var keys: [String: SigningKey] = [:]
    private(set) var units: [(code: String, name: String, group: String)] = []
    private var criteria: [String: CriteriaSet] = [:]
    private var template: [String: SurveyTemplate] = [:]
    private(set) var selfScored: [AppraisalState.LeafKey: Points] = [:]
    private(set) var appraised: [AppraisalState.LeafKey: Points] = [:]
    private var notApplicable: Set<AppraisalState.LeafKey> = []
    /// The entry of one self-score, for the demo's inclusion proof.
    private(set) var sampleSelfScore: Entry?
    private(set) var refusals: [String] = []

    /// Domains and the department that owns each field (events/PROCESS.md §2); Thanh tra tỉnh's working
    /// group appraises the owners' own units.
    static let appraisers: [(unit: String, domains: [String], name: String)] = [
        ("SNV", ["1", "4", "5"], "Lê Hoàng Phúc (Sở Nội vụ)"), ("STP", ["2"], "Trần Văn Hải (Sở Tư pháp)"),
        ("VP-UBND", ["3"], "Nguyễn Thị Mai (Văn phòng UBND tỉnh)"), ("STC", ["6"], "Phạm Quốc Bảo (Sở Tài chính)"),
        ("STTTT", ["7"], "Võ Minh Tâm (Sở Thông tin và Truyền thông)"),
        ("SKHDT", ["8"], "Đặng Thu Hà (Sở Kế hoạch và Đầu tư)"),
        ("TTT", ["1", "2", "3", "4", "5", "6", "7", "8"], "Huỳnh Văn Long (Thanh tra tỉnh, tổ giúp việc)"),
    ]

    init(store: any EventStore, samples: URL) {
        self.store = store
        self.seeded = SeededStatements(
            ledger: LedgerID("travinh.gov.vn/par/2023")!,
            keyPrefix: "parledger-demo/",
            statementPrefix: "parledger-demo/statement/",
            samples: samples
        )
    }

    // MARK: Plumbing

    private mutating func key(_ label: String, _ name: String) -> SigningKey {
        let key = seeded.key(label, name: name)
        keys[label] = key
        return key
    }

    /// Moves the ledger's clock to a day of the timeline (08:00 in Vietnam).
    private mutating func on(_ date: String) {
        guard let time = Timestamp(text: "\(date)T01:00:00.000Z"), time > clock else { return }
        clock = time
    }

    private mutating func statement(
        _ type: EventType,
        _ payload: [String: JSONValue],
        by key: SigningKey
    ) throws
        -> SignedStatement
    {
        try seeded.statement(type, payload, by: key, at: clock)
    }

    /// Appends acts as one batch; each is checked by the appraisal rules like any user's.
    @discardableResult
    private mutating func append(
        _ acts: [(AppraisalEvent.Kind, [String: JSONValue], SigningKey)]
    ) async throws -> [Entry] {
        guard !acts.isEmpty else { return [] }
        // A batch is signed and recorded at one moment, a minute after the last.
        clock = clock.adding(milliseconds: 60_000)
        var batch: [SignedStatement] = []
        for (kind, payload, key) in acts {
            batch.append(try statement(kind.type, payload, by: key))
            counts[kind.rawValue, default: 0] += 1
        }
        let time = clock
        let store = store
        return try await storeCall { () async throws(StoreError) in try await store.append(batch, recordedAt: time) }
    }

    @discardableResult
    private mutating func act(
        _ kind: AppraisalEvent.Kind,
        _ payload: [String: JSONValue],
        by key: SigningKey
    )
        async throws -> Entry
    {
        try await append([(kind, payload, key)])[0]
    }

    /// An act the rules must refuse: recorded with its reason for the summary.
    private mutating func attempt(
        _ what: String,
        _ kind: AppraisalEvent.Kind,
        _ payload: [String: JSONValue],
        by key: SigningKey
    )
        async throws
    {
        clock = clock.adding(milliseconds: 60_000)
        let signed = try statement(kind.type, payload, by: key)
        do {
            let time = clock
            let store = store
            _ = try await storeCall { () async throws(StoreError) in try await store.append([signed], recordedAt: time)
            }
            throw CLIError.refused("the demo expected the rules to refuse: \(what)")
        } catch let error as CLIError where error.exitCode == .refused && !error.message.hasPrefix("the demo") {
            refusals.append("\(what) → \(error.message)")
        }
    }

    private func sample(_ name: String) throws -> JSONValue { try seeded.sample(name) }

    private func object(_ name: String) throws -> [String: JSONValue] { try seeded.object(name) }

    // MARK: The campaign

    mutating func run() async throws {
        try await setUp()
        try await selfAssessment()
        try await survey()
        try await roundOne()
        try await explanationsAndObjections()
        try await roundTwoAndReport()
    }

    /// May 2023: genesis, keys, criteria sets, the plan, units, templates, appraisers.
    private mutating func setUp() async throws {
        let authority = key("authority", "UBND tỉnh Trà Vinh – Chủ tịch")
        let secretariat = key("secretariat", "Sở Nội vụ – Phòng Cải cách hành chính")
        let genesis = try statement(
            ControlEvent.genesisType,
            ControlEvent.genesisPayload(authority: authority, policy: AppraisalPolicy.policy),
            by: authority
        )
        let time = clock
        let store = store
        _ = try await storeCall { () async throws(StoreError) in try await store.append([genesis], recordedAt: time) }

        guard case .array(let unitList) = try sample("units-2023.json") else {
            throw CLIError.usage("units-2023.json must be an array")
        }
        units = unitList.compactMap { unit in
            guard let code = unit["code"]?.stringValue, let name = unit["name"]?.stringValue,
                let group = unit["group"]?.stringValue
            else { return nil }
            return (code, name, group)
        }
        var registrations: [(String, SigningKey, Role, String?, SigningKey)] = [
            ("secretariat", secretariat, .secretariat, nil, authority)
        ]
        registrations.append(
            ("clerk", key("clerk", "Trần Thị Thu – nhập phiếu khảo sát"), .surveyClerk, nil, secretariat)
        )
        registrations.append(
            (
                "chair", key("chair", "Phó Chủ tịch UBND tỉnh – Chủ tịch Hội đồng thẩm định"), .councilChair, nil,
                authority
            )
        )
        registrations.append(("auditor", key("auditor", "Thanh tra tỉnh – kiểm tra viên"), .auditor, nil, secretariat))
        for unit in units {
            registrations.append(
                (
                    "officer/\(unit.code)", key("officer/\(unit.code)", "Cán bộ CCHC – \(unit.name)"), .unitOfficer,
                    unit.code, secretariat
                )
            )
            registrations.append(
                (
                    "leader/\(unit.code)", key("leader/\(unit.code)", "Thủ trưởng – \(unit.name)"), .unitLeader,
                    unit.code, secretariat
                )
            )
        }
        for appraiser in Self.appraisers {
            registrations.append(
                (
                    "appraiser/\(appraiser.unit)", key("appraiser/\(appraiser.unit)", appraiser.name), .appraiser,
                    appraiser.unit, authority
                )
            )
        }
        var batch: [SignedStatement] = []
        for (_, registered, role, unit, signer) in registrations {
            var payload: [String: JSONValue] = [
                "keyId": .string(registered.keyID.hex), "name": .string(registered.name),
                "publicKey": .string(registered.publicKey.text), "role": .string(role.rawValue),
            ]
            if let unit { payload["unit"] = .string(unit) }
            batch.append(try statement(ControlEvent.keyRegisteredType, payload, by: signer))
        }
        let registeredAt = clock
        _ = try await storeCall { () async throws(StoreError) in try await store.append(batch, recordedAt: registeredAt)
        }
        counts["key.registered/v1"] = batch.count

        for group in ["department", "district"] {
            let payload = try object("criteria-\(group)-2023.json")
            criteria[group] = try CriteriaSet(payload: .object(payload))
            try await act(.criteriaSetPublished, payload, by: secretariat)
        }
        try await act(.campaignOpened, try object("campaign-2023.json"), by: authority)
        on("2023-05-10")
        try await append(
            units.map { unit in
                (
                    .unitEnrolled,
                    ["code": .string(unit.code), "name": .string(unit.name), "group": .string(unit.group)], secretariat
                )
            }
        )
        on("2023-07-14")
        for group in ["department", "district"] {
            let payload = try object("survey-template-\(group)-2023.json")
            template[group] = try SurveyTemplate(payload: .object(payload))
            try await act(.surveyTemplatePublished, payload, by: secretariat)
        }
        on("2023-10-05")
        try await append(
            Self.appraisers.map { appraiser in
                (
                    .appraiserAssigned,
                    [
                        "keyId": .string(keys["appraiser/\(appraiser.unit)"]?.keyID.hex ?? ""),
                        "domains": .array(appraiser.domains.map { .string($0) }), "ownUnit": .string(appraiser.unit),
                    ],
                    secretariat
                )
            }
        )
    }

    /// The points a leaf may take, for choosing scores, the best first: its allowed values, or
    /// max, ¾, ½ and 0.
    private func choices(_ leaf: CriteriaSet.Leaf) -> [Points] {
        if let allowed = leaf.allowedValues { return allowed.reversed() }
        let max = leaf.maxPoints.thousandths
        return [max, max * 3 / 4, max / 2, 0].map { Points(thousandths: $0) }
    }

    /// Oct–Dec 2023: every unit self-scores every TĐG leaf, with evidence files, and submits;
    /// one unit misses the deadline and is reopened.
    private mutating func selfAssessment() async throws {
        let lateUnit = "H-TCU"
        on("2023-10-16")
        try await attempt(
            "a self-score by another unit's officer",
            .selfScoreRecorded,
            ["unit": "STP", "leaf": "1.1.1", "points": "0.5", "note": "Thử"],
            by: keys["officer/SNV"]!
        )
        var day = 0
        for unit in units {
            guard let set = criteria[unit.group], let officer = keys["officer/\(unit.code)"] else { continue }
            day += 1
            on(String(format: "2023-11-%02d", min(28, day)))
            var acts: [(AppraisalEvent.Kind, [String: JSONValue], SigningKey)] = []
            for leaf in set.orderedLeaves where leaf.method == .selfAssessed {
                let key = AppraisalState.LeafKey(unit: UnitCode(unit.code)!, leaf: leaf.code)
                if leaf.notApplicable != .notAllowed, random.next(below: 100) < 12 {
                    notApplicable.insert(key)
                    acts.append(
                        (
                            .notApplicableClaimed,
                            [
                                "unit": .string(unit.code), "leaf": .string(leaf.code.text),
                                "reason": "Trong năm không phát sinh nhiệm vụ thuộc tiêu chí này",
                            ],
                            officer
                        )
                    )
                    continue
                }
                let options = choices(leaf)
                let points =
                    random.next(below: 100) < 70 ? options[0] : options[Int(random.next(below: UInt64(options.count)))]
                var score: [String: JSONValue] = [
                    "unit": .string(unit.code), "leaf": .string(leaf.code.text), "points": .string(points.text),
                ]
                if random.next(below: 100) < 60 {
                    let content =
                        "\(unit.name)\nTài liệu kiểm chứng tiêu chí \(leaf.code): \(leaf.evidence.first ?? leaf.name)\n"
                    let blob = try await storeCall { () async throws(StoreError) in
                        try await store.putBlob(Array(content.utf8))
                    }
                    acts.append(
                        (
                            .evidenceAttached,
                            [
                                "unit": .string(unit.code), "leaf": .string(leaf.code.text),
                                "blob": [
                                    "sha256": .string(blob.sha256.hex), "size": .int(blob.size),
                                    "name": .string("minh-chung-\(leaf.code.text).txt"), "mediaType": "text/plain",
                                ],
                                "document": [
                                    "number": .string("\(10 + Int(random.next(below: 90)))/BC-\(unit.code)"),
                                    "issuer": .string(unit.name), "issuedOn": "2023-09-30", "page": 1,
                                ],
                            ],
                            officer
                        )
                    )
                } else {
                    score["note"] = "Kết quả thực hiện đã nêu trong báo cáo tự đánh giá năm 2023"
                }
                acts.append((.selfScoreRecorded, score, officer))
                selfScored[key] = points
            }
            let entries = try await append(acts)
            if sampleSelfScore == nil { sampleSelfScore = entries.last }
            if unit.code != lateUnit, let leader = keys["leader/\(unit.code)"] {
                on(String(format: "2023-11-%02d", min(30, day + 2)))
                try await act(.selfAssessmentSubmitted, ["unit": .string(unit.code)], by: leader)
            }
        }
        on("2023-12-05")
        try await attempt(
            "a self-score after the deadline",
            .selfScoreRecorded,
            ["unit": .string(lateUnit), "leaf": "1.2", "points": "1", "note": "Bổ sung"],
            by: keys["officer/\(lateUnit)"]!
        )
        try await act(
            .selfAssessmentReopened,
            [
                "unit": .string(lateUnit), "reason": "Đơn vị đề nghị bổ sung minh chứng (Công văn 215/UBND)",
                "until": "2023-12-08T10:00:00.000Z",
            ],
            by: keys["secretariat"]!
        )
        on("2023-12-07")
        // Submitted after the deadline: the ledger proposes the campaign's late-submission
        // deduction as a pending claim, decided with the others in January.
        try await act(.selfAssessmentSubmitted, ["unit": .string(lateUnit)], by: keys["leader/\(lateUnit)"]!)
    }

    /// Oct–Dec 2023: the survey clerk keys in 1,278 forms, one batch per unit and respondent group.
    private mutating func survey() async throws {
        guard let campaign = try? CampaignPlan(payload: try sample("campaign-2023.json")) else { return }
        on("2023-12-10")
        var invalid: [String] = []
        for unit in units {
            guard let form = template[unit.group] else { continue }
            for quota in campaign.quotas where quota.group.text == unit.group {
                let questions = form.questions.filter { $0.respondentGroups.contains(quota.respondentGroup) }
                var forms: [JSONValue] = []
                for number in 1...quota.formsPerUnit {
                    let serial =
                        "2023-\(unit.code)-\(quota.respondentGroup.text.prefix(3).uppercased())-\(String(format: "%03d", number))"
                    let sparse = random.next(below: 1000) < 6
                    var answers: [String: JSONValue] = [:]
                    for question in questions where !sparse || random.next(below: 4) == 0 {
                        let roll = random.next(below: 100)
                        let option = roll < 45 ? "A" : roll < 80 ? "B" : roll < 92 ? "C" : roll < 97 ? "D" : "E"
                        answers[question.code.text] = .string(option)
                    }
                    if sparse { invalid.append(serial) }
                    forms.append(
                        [
                            "serial": .string(serial), "unit": .string(unit.code),
                            "respondentGroup": .string(quota.respondentGroup.text), "answers": .object(answers),
                        ]
                    )
                }
                try await act(
                    .surveyBatchRecorded,
                    [
                        "template": ["template": .string(form.template.text), "version": .int(Int64(form.version))],
                        "forms": .array(forms),
                    ],
                    by: keys["clerk"]!
                )
            }
        }
        counts["survey forms"] = units.reduce(0) { total, unit in
            total + campaign.quotas.filter { $0.group.text == unit.group }.reduce(0) { $0 + $1.formsPerUnit }
        }
        on("2023-12-15")
        try await append(
            invalid.map { serial in
                (
                    .surveyFormInvalidated, ["serial": .string(serial), "reason": "Phiếu trả lời dưới 70% số câu hỏi"],
                    keys["secretariat"]!
                )
            }
        )
    }

    /// The appraiser of a unit's leaf: the domain's owner, or the working group for the owner's own unit.
    private func appraiser(of unit: String, _ leaf: CriterionCode) -> SigningKey? {
        let domain = leaf.domain.text
        let owner = Self.appraisers.first { $0.unit != "TTT" && $0.domains.contains(domain) }
        return keys["appraiser/\(owner?.unit == unit ? "TTT" : owner?.unit ?? "TTT")"]
    }

    /// Dec 2023 – Jan 2024: N/A decisions, round 1 with adjustments and reasons, bonus decisions.
    private mutating func roundOne() async throws {
        on("2023-12-11")
        for unit in units {
            guard let set = criteria[unit.group], let code = UnitCode(unit.code) else { continue }
            var acts: [(AppraisalEvent.Kind, [String: JSONValue], SigningKey)] = []
            for leaf in set.orderedLeaves where leaf.method == .selfAssessed {
                guard let appraiser = appraiser(of: unit.code, leaf.code) else { continue }
                let key = AppraisalState.LeafKey(unit: code, leaf: leaf.code)
                if notApplicable.contains(key) {
                    let confirm = random.next(below: 10) < 8
                    acts.append(
                        (
                            .notApplicableDecided,
                            [
                                "unit": .string(unit.code), "leaf": .string(leaf.code.text),
                                "decision": .string(confirm ? "confirmed" : "rejected"),
                                "reason": .string(
                                    confirm
                                        ? "Xác nhận không phát sinh" : "Có phát sinh nhiệm vụ theo Kế hoạch 43/KH-UBND"
                                ),
                            ],
                            appraiser
                        )
                    )
                    if confirm { continue }
                }
                let selfScore = selfScored[key]
                var points = selfScore ?? .zero
                var payload: [String: JSONValue] = [
                    "unit": .string(unit.code), "leaf": .string(leaf.code.text), "round": 1,
                    "explanationRequested": false,
                ]
                if selfScore == nil {
                    payload["reason"] = "Không chấp nhận không phát sinh; đơn vị không có kết quả thực hiện"
                } else if random.next(below: 100) < 15 {
                    // One step down: the next lower value the leaf takes.
                    if let adjusted = choices(leaf).first(where: { $0 < points }) {
                        points = adjusted
                        payload["reason"] = "Minh chứng chưa đầy đủ so với yêu cầu của tiêu chí"
                        payload["explanationRequested"] = .bool(random.next(below: 2) == 0)
                    }
                }
                payload["points"] = .string(points.text)
                acts.append((.appraisalRecorded, payload, appraiser))
                appraised[key] = points
            }
            try await append(acts)
        }
        try await attempt(
            "an appraisal of the appraiser's own unit",
            .appraisalRecorded,
            ["unit": "SNV", "leaf": "1.2", "round": 1, "points": "1", "reason": "Thử", "explanationRequested": false],
            by: keys["appraiser/SNV"]!
        )
        on("2024-01-15")
        for unit in units.prefix(3) {
            try await act(
                .bonusPenaltyClaimed,
                [
                    "unit": .string(unit.code), "item": "B1", "points": "1",
                    "reason": "Sáng kiến CCHC được UBND tỉnh công nhận", "evidence": [],
                ],
                by: keys["officer/\(unit.code)"]!
            )
        }
        try await act(
            .bonusPenaltyClaimed,
            [
                "unit": "SGTVT", "item": "D1", "points": "0.5", "reason": "Báo cáo CCHC quý III gửi trễ hạn",
                "evidence": [],
            ],
            by: keys["secretariat"]!
        )
        on("2024-01-25")
        let state = try await storeCall { () async throws(StoreError) in try await LedgerFold.load(store).state }
        for (id, claim) in state.claims.sorted(by: { $0.key.text < $1.key.text }) where claim.pending {
            let accept = claim.unit.text != units[2].code
            var payload: [String: JSONValue] = [
                "claim": .string(id.text), "decision": .string(accept ? "accepted" : "rejected"),
                "reason": .string(accept ? "Có căn cứ" : "Sáng kiến chưa được công nhận cấp tỉnh"),
            ]
            if accept {
                payload["points"] = .string(claim.item.maxPoints == Points(1) ? "1" : claim.item.maxPoints.text)
            }
            if claim.item.kind == .deduction, claim.unit.text == "SGTVT" { payload["points"] = "0.5" }
            try await act(.bonusPenaltyDecided, payload, by: keys["appraiser/TTT"]!)
        }
    }

    /// Feb 2024: preliminary results, explanations and about twenty objections.
    private mutating func explanationsAndObjections() async throws {
        on("2024-02-02")
        try await act(
            .preliminaryResultsIssued,
            ["note": "Kết quả thẩm định vòng 1 (Công văn 320/SNV-CCHC)"],
            by: keys["secretariat"]!
        )
        on("2024-02-06")
        let disputed = appraised.filter { key, points in (selfScored[key] ?? points) > points }
            .sorted { ($0.key.unit.text, $0.key.leaf) < ($1.key.unit.text, $1.key.leaf) }
        for (key, _) in disputed.prefix(5) {
            try await act(
                .explanationSubmitted,
                [
                    "unit": .string(key.unit.text), "leaf": .string(key.leaf.text),
                    "text": "Đơn vị bổ sung giải trình: nhiệm vụ đã hoàn thành đúng hạn theo kế hoạch", "evidence": [],
                ],
                by: keys["officer/\(key.unit.text)"]!
            )
        }
        var objections: [(Entry, AppraisalState.LeafKey)] = []
        for (key, _) in disputed.dropFirst(5).prefix(20) {
            let entry = try await act(
                .objectionFiled,
                [
                    "unit": .string(key.unit.text), "leaf": .string(key.leaf.text),
                    "text": "Đơn vị kiến nghị giữ nguyên điểm tự đánh giá vì minh chứng đã đầy đủ", "evidence": [],
                ],
                by: keys["officer/\(key.unit.text)"]!
            )
            objections.append((entry, key))
        }
        on("2024-02-17")
        if let key = disputed.dropFirst(25).first?.key {
            try await attempt(
                "an objection after the explanation window",
                .objectionFiled,
                [
                    "unit": .string(key.unit.text), "leaf": .string(key.leaf.text), "text": "Kiến nghị muộn",
                    "evidence": [],
                ],
                by: keys["officer/\(key.unit.text)"]!
            )
        }
        on("2024-02-22")
        for (index, (entry, key)) in objections.enumerated() {
            let accept = index % 2 == 0
            var payload: [String: JSONValue] = [
                "objection": .string(entry.statement.statementID.text),
                "outcome": .string(accept ? "accepted" : "rejected"),
                "reasoning": .string(
                    accept ? "Hội đồng chấp nhận: minh chứng bổ sung phù hợp" : "Hội đồng giữ nguyên kết quả thẩm định"
                ),
            ]
            if accept, let points = selfScored[key] {
                payload["points"] = .string(points.text)
                appraised[key] = points
            }
            try await act(.objectionResolved, payload, by: keys["chair"]!)
        }
        resolvedObjections = objections.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.1)
    }

    private var resolvedObjections: [AppraisalState.LeafKey] = []

    /// Mar 2024: round 2 on the accepted objections, and the council's report.
    private mutating func roundTwoAndReport() async throws {
        on("2024-03-01")
        for key in resolvedObjections {
            guard let points = appraised[key], let appraiser = appraiser(of: key.unit.text, key.leaf) else { continue }
            try await act(
                .appraisalRecorded,
                [
                    "unit": .string(key.unit.text), "leaf": .string(key.leaf.text), "round": 2,
                    "points": .string(points.text),
                    "reason": "Theo kết luận của Hội đồng về kiến nghị của đơn vị", "explanationRequested": false,
                ],
                by: appraiser
            )
        }
        on("2024-03-15")
        try await act(
            .councilReportApproved,
            [
                "number": "05/BC-HĐTĐ", "date": "2024-03-15",
                "summary": "Báo cáo kết quả thẩm định Chỉ số CCHC năm 2023",
            ],
            by: keys["chair"]!
        )
    }

    /// Apr–May 2024: the authority publishes against the ledger's checkpoint, then corrects one
    /// score by a later decision.
    mutating func publishAndCorrect() async throws {
        on("2024-04-10")
        try await act(
            .resultsPublished,
            [
                "decision": ["number": "812/QĐ-UBND", "date": "2024-04-10"],
                "checkpoint": try await currentCheckpoint(store),
            ],
            by: keys["authority"]!
        )
        try await attempt(
            "an appraisal after publication",
            .appraisalRecorded,
            ["unit": "STP", "leaf": "1.2", "round": 2, "points": "1", "reason": "Thử", "explanationRequested": false],
            by: keys["appraiser/SNV"]!
        )
        on("2024-05-02")
        try await act(
            .resultsCorrected,
            [
                "decision": ["number": "1020/QĐ-UBND", "date": "2024-05-02"], "supersedes": "812/QĐ-UBND",
                "reason": "Sai sót khi tổng hợp điểm tiêu chí 1.2 của Sở Tư pháp",
                "changes": [["unit": "STP", "leaf": "1.2", "points": "1", "reason": "Đối chiếu lại báo cáo định kỳ"]],
                "checkpoint": try await currentCheckpoint(store),
            ],
            by: keys["authority"]!
        )
    }

    /// The time of the last act, for the checkpoint's cosignatures.
    var now: Timestamp { clock }
}

/// A small, fixed-seed generator (SplitMix64): the demo's choices are the same on every run and
/// every machine, which Swift's default generator does not promise.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A number in 0..<bound, by rejection so every value is equally likely.
    mutating func next(below bound: UInt64) -> UInt64 {
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let value = next()
            if value < limit { return value % bound }
        }
    }
}
