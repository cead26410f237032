package import Appraisal
package import Foundation
package import LedgerCore
package import LedgerStore
import Projections

/// The seed province's whole 2023 campaign (events/PROCESS.md §1), acted out on a ledger through the same
/// store and rules as real users, on the dates of events/PROCESS.md §1. Deterministic: keys,
/// statement ids and every choice come from fixed seeds, so two runs write the same statements.
package struct DemoCampaign {
    package let store: any EventStore
    package var ledger: LedgerID { seeded.ledger }
    package private(set) var counts: [String: Int] = [:]
    var clock = Timestamp(text: "2023-05-09T01:00:00.000Z")!
    private var seeded: SeededStatements
    private var random = SplitMix64(seed: 2023)

    /// Every actor's key, by a label such as `officer/SNV`.
    package private(set) var keys: [String: SigningKey] = [:]
    package private(set) var units: [(code: UnitCode, name: String, group: ConfigCode)] = []
    var criteria: [String: CriteriaSet] = [:]
    var template: [String: SurveyTemplate] = [:]
    package private(set) var selfScored: [AppraisalState.LeafKey: Points] = [:]
    package private(set) var appraised: [AppraisalState.LeafKey: Points] = [:]
    private var notApplicable: Set<AppraisalState.LeafKey> = []
    /// The entry of one self-score, for the demo's inclusion proof.
    package private(set) var sampleSelfScore: Entry?
    package private(set) var refusals: [String] = []

    /// Domains and the department that owns each field (events/PROCESS.md §2); Thanh tra tỉnh's working
    /// group appraises the owners' own units.
    static let appraisers: [(unit: String, domains: [String], name: String)] = [
        ("SNV", ["1", "4", "5"], "Lê Hoàng Phúc (Sở Nội vụ)"), ("STP", ["2"], "Trần Văn Hải (Sở Tư pháp)"),
        ("VP-UBND", ["3"], "Nguyễn Thị Mai (Văn phòng UBND tỉnh)"), ("STC", ["6"], "Phạm Quốc Bảo (Sở Tài chính)"),
        ("STTTT", ["7"], "Võ Minh Tâm (Sở Thông tin và Truyền thông)"),
        ("SKHDT", ["8"], "Đặng Thu Hà (Sở Kế hoạch và Đầu tư)"),
        ("TTT", ["1", "2", "3", "4", "5", "6", "7", "8"], "Huỳnh Văn Long (Thanh tra tỉnh, tổ giúp việc)"),
    ]

    package init(store: any EventStore, samples: URL) {
        self.store = store
        self.seeded = Self.seeded(samples: samples)
    }

    /// The demo's keys and statement ids, the same on every run.
    private static func seeded(samples: URL) -> SeededStatements {
        SeededStatements(
            ledger: LedgerID("travinh.gov.vn/par/2023")!,
            keyPrefix: "parledger-demo/",
            statementPrefix: "parledger-demo/statement/",
            samples: samples
        )
    }

    /// The key the demo gives the actor of a label (`secretariat`, `officer/SNV`…), for acting on
    /// a demo ledger written earlier.
    package static func key(_ label: String) -> SigningKey {
        seeded(samples: SeededStatements.repositorySamples).key(label)
    }

    // MARK: Plumbing

    private mutating func key(_ label: String, _ name: String) -> SigningKey {
        let key = seeded.key(label, name: name)
        keys[label] = key
        return key
    }

    /// Moves the ledger's clock to a day of the timeline (08:00 in Vietnam).
    mutating func on(_ date: String) {
        guard let time = Timestamp(text: "\(date)T01:00:00.000Z"), time > clock else { return }
        clock = time
    }

    private mutating func statement(_ event: some LedgerEvent, by key: SigningKey) throws -> SignedStatement {
        try seeded.statement(event, by: key, at: clock)
    }

    /// Appends acts as one batch; each is checked by the appraisal rules like any user's.
    @discardableResult
    mutating func append(_ acts: [(AppraisalEvent, SigningKey)]) async throws -> [Entry] {
        guard !acts.isEmpty else { return [] }
        // A batch is signed and recorded at one moment, a minute after the last.
        clock = clock.adding(milliseconds: 60_000)
        var batch: [SignedStatement] = []
        for (event, key) in acts {
            batch.append(try statement(event, by: key))
            counts[event.kind.rawValue, default: 0] += 1
        }
        return try await store.append(batch, recordedAt: clock)
    }

    @discardableResult
    mutating func act(_ event: AppraisalEvent, by key: SigningKey) async throws -> Entry {
        try await append([(event, key)])[0]
    }

    /// An act the rules must refuse: recorded with its reason for the summary.
    mutating func attempt(_ what: String, _ event: AppraisalEvent, by key: SigningKey) async throws {
        clock = clock.adding(milliseconds: 60_000)
        let signed = try statement(event, by: key)
        let refusal: StoreError
        do {
            _ = try await store.append([signed], recordedAt: clock)
            throw ScenarioError(.unexpected, "the demo expected the rules to refuse: \(what)")
        } catch let error as StoreError {
            refusal = error
        }
        guard refusal.code == .refused || refusal.code == .conflict else { throw refusal }
        refusals.append("\(what) → refused: \(refusal.description)")
    }

    func sample(_ name: String) throws -> JSONValue { try seeded.sample(name) }

    /// A code, date or time the demo gives as text: one that does not parse stops the demo.
    static func parsed<T>(_ text: String, _ parse: (String) -> T?) throws -> T {
        guard let value = parse(text) else { throw ScenarioError(.samples, "the demo's \(text) does not parse") }
        return value
    }

    /// The key of a label that `setUp` made.
    func key(_ label: String) throws -> SigningKey {
        guard let key = keys[label] else { throw ScenarioError(.unexpected, "the demo has no key \(label)") }
        return key
    }

    // MARK: The campaign

    /// The campaign's stages, in the order of the timeline.
    package enum Stage: Int, Sendable, Comparable {
        /// May 2023: genesis, keys, criteria sets, the plan, units, templates, appraisers.
        case setUp
        /// Oct–Dec 2023: self-scores, evidence, submissions, one unit reopened.
        case selfAssessment
        /// Dec 2023: 1,278 survey forms, a few invalidated.
        case survey
        /// Dec 2023 – Jan 2024: round 1, N/A decisions, bonus claims and decisions. Preliminary
        /// results are not issued yet, so the secretariat may still reopen a unit's self-scoring.
        case roundOne
        /// Feb 2024: preliminary results, explanations, objections and their resolutions.
        case objections
        /// Mar 2024: round 2 and the council's report (publication is `publishAndCorrect`).
        case councilReport

        package static func < (left: Stage, right: Stage) -> Bool { left.rawValue < right.rawValue }
    }

    /// Acts the campaign out up to the end of `last` (the whole campaign before publication by default).
    package mutating func run(through last: Stage = .councilReport) async throws {
        try await setUp()
        if last >= .selfAssessment { try await selfAssessment() }
        if last >= .survey { try await survey() }
        if last >= .roundOne { try await roundOne() }
        if last >= .objections { try await explanationsAndObjections() }
        if last >= .councilReport { try await roundTwoAndReport() }
    }

    /// May 2023: genesis, keys, criteria sets, the plan, units, templates, appraisers.
    private mutating func setUp() async throws {
        let authority = key("authority", "UBND tỉnh Trà Vinh – Chủ tịch")
        let secretariat = key("secretariat", "Sở Nội vụ – Phòng Cải cách hành chính")
        let genesis = try statement(
            ControlEvent.genesis(
                authority: .init(name: authority.name, publicKey: authority.publicKey, role: .authority),
                policy: AppraisalPolicy.policy
            ),
            by: authority
        )
        let time = clock
        let store = store
        _ = try await store.append([genesis], recordedAt: time)

        guard case .array(let unitList) = try sample("units-2023.json") else {
            throw ScenarioError(.samples, "units-2023.json must be an array")
        }
        units = unitList.compactMap { unit in
            guard let code = unit["code"]?.stringValue.flatMap(UnitCode.init), let name = unit["name"]?.stringValue,
                let group = unit["group"]?.stringValue.flatMap({ ConfigCode($0) })
            else { return nil }
            return (code, name, group)
        }
        // The province's own people on 9 May; each unit's officer and leader once it is enrolled,
        // on 10 May (a unit's key names an enrolled unit: events/CATALOG.md, Keys).
        var registrations: [Registration] = [(secretariat, .secretariat, nil, authority)]
        registrations.append((key("clerk", "Trần Thị Thu – nhập phiếu khảo sát"), .surveyClerk, nil, secretariat))
        registrations.append(
            (key("chair", "Phó Chủ tịch UBND tỉnh – Chủ tịch Hội đồng thẩm định"), .councilChair, nil, authority)
        )
        registrations.append((key("auditor", "Thanh tra tỉnh – kiểm tra viên"), .auditor, nil, secretariat))
        for appraiser in Self.appraisers {
            registrations.append(
                (key("appraiser/\(appraiser.unit)", appraiser.name), .appraiser, UnitCode(appraiser.unit), authority)
            )
        }
        try await register(registrations, at: clock)

        for group in ["department", "district"] {
            let set = try CriteriaSet(payload: try sample("criteria-\(group)-2023.json"))
            criteria[group] = set
            try await act(.criteriaSetPublished(set), by: secretariat)
        }
        try await act(.campaignOpened(try CampaignPlan(payload: try sample("campaign-2023.json"))), by: authority)
        on("2023-05-10")
        try await append(
            units.map { unit in (.unitEnrolled(code: unit.code, name: unit.name, group: unit.group), secretariat) }
        )
        var unitKeys: [Registration] = []
        for unit in units {
            unitKeys.append(
                (key("officer/\(unit.code)", "Cán bộ CCHC – \(unit.name)"), .unitOfficer, unit.code, secretariat)
            )
            unitKeys.append(
                (key("leader/\(unit.code)", "Thủ trưởng – \(unit.name)"), .unitLeader, unit.code, secretariat)
            )
        }
        clock = clock.adding(milliseconds: 60_000)
        try await register(unitKeys, at: clock)
        on("2023-07-14")
        for group in ["department", "district"] {
            let form = try SurveyTemplate(payload: try sample("survey-template-\(group)-2023.json"))
            template[group] = form
            try await act(.surveyTemplatePublished(form), by: secretariat)
        }
        on("2023-10-05")
        try await assignAppraisers(by: secretariat)
    }

    /// The campaign's appraiser assignments (`Self.appraisers`), in one batch signed by `secretariat`:
    /// every campaign assigns its appraisers anew.
    mutating func assignAppraisers(by secretariat: SigningKey) async throws {
        var assignments: [(AppraisalEvent, SigningKey)] = []
        for appraiser in Self.appraisers {
            assignments.append(
                (
                    .appraiserAssigned(
                        keyID: try key("appraiser/\(appraiser.unit)").keyID,
                        domains: try appraiser.domains.map { code in try Self.parsed(code, CriterionCode.init) },
                        ownUnit: try Self.parsed(appraiser.unit, UnitCode.init)
                    ),
                    secretariat
                )
            )
        }
        try await append(assignments)
    }

    /// A key to register, its role and unit, and the key that signs the registration.
    private typealias Registration = (key: SigningKey, role: Role, unit: UnitCode?, signer: SigningKey)

    /// Registers keys as one batch recorded at `time`.
    private mutating func register(
        _ registrations: [Registration],
        at time: Timestamp
    ) async throws {
        var batch: [SignedStatement] = []
        for registration in registrations {
            let event = ControlEvent.keyRegistered(
                .init(
                    name: registration.key.name,
                    publicKey: registration.key.publicKey,
                    role: registration.role,
                    unit: registration.unit
                )
            )
            batch.append(try statement(event, by: registration.signer))
        }
        _ = try await store.append(batch, recordedAt: time)
        counts["key.registered/v1", default: 0] += batch.count
    }

    /// The points a leaf may take, for choosing scores, the best first: its allowed values, or
    /// max, ¾, ½ and 0.
    func choices(_ leaf: CriteriaSet.Leaf) -> [Points] {
        if let allowed = leaf.allowedValues { return allowed.reversed() }
        let max = leaf.maxPoints.thousandths
        return [max, max * 3 / 4, max / 2, 0].map { Points(thousandths: $0) }
    }

    /// Oct–Dec 2023: every unit self-scores every TĐG leaf, with evidence files, and submits;
    /// one unit misses the deadline and is reopened.
    private mutating func selfAssessment() async throws {
        let lateUnit = try Self.parsed("H-TCU", UnitCode.init)
        on("2023-10-16")
        try await attempt(
            "a self-score by another unit's officer",
            .selfScoreRecorded(
                unit: try Self.parsed("STP", UnitCode.init),
                leaf: try Self.parsed("1.1.1", CriterionCode.init),
                points: Points(thousandths: 500),
                note: "Thử"
            ),
            by: try key("officer/SNV")
        )
        var day = 0
        for unit in units {
            guard let set = criteria[unit.group.text], let officer = keys["officer/\(unit.code)"] else { continue }
            day += 1
            on(String(format: "2023-11-%02d", min(28, day)))
            var acts: [(AppraisalEvent, SigningKey)] = []
            for leaf in set.orderedLeaves where leaf.method == .selfAssessed {
                let key = AppraisalState.LeafKey(unit: unit.code, leaf: leaf.code)
                if leaf.notApplicable != .notAllowed, random.next(below: 100) < 12 {
                    notApplicable.insert(key)
                    acts.append(
                        (
                            .notApplicableClaimed(
                                unit: unit.code,
                                leaf: leaf.code,
                                reason: "Trong năm không phát sinh nhiệm vụ thuộc tiêu chí này"
                            ),
                            officer
                        )
                    )
                    continue
                }
                let options = choices(leaf)
                let points =
                    random.next(below: 100) < 70 ? options[0] : options[Int(random.next(below: UInt64(options.count)))]
                var note: String?
                if random.next(below: 100) < 60 {
                    let content =
                        "\(unit.name)\nTài liệu kiểm chứng tiêu chí \(leaf.code): \(leaf.evidence.first ?? leaf.name)\n"
                    let blob = try await store.putBlob(Array(content.utf8))
                    let evidence = AppraisalEvent.Evidence(
                        blob: .init(blob, name: "minh-chung-\(leaf.code.text).txt", mediaType: "text/plain"),
                        document: .init(
                            number: "\(10 + Int(random.next(below: 90)))/BC-\(unit.code)",
                            issuer: unit.name,
                            issuedOn: try Self.parsed("2023-09-30", CalendarDate.init),
                            page: 1
                        )
                    )
                    acts.append((.evidenceAttached(unit: unit.code, leaf: leaf.code, evidence: evidence), officer))
                } else {
                    note = "Kết quả thực hiện đã nêu trong báo cáo tự đánh giá năm 2023"
                }
                acts.append((.selfScoreRecorded(unit: unit.code, leaf: leaf.code, points: points, note: note), officer))
                selfScored[key] = points
            }
            let entries = try await append(acts)
            if sampleSelfScore == nil { sampleSelfScore = entries.last }
            if unit.code != lateUnit, let leader = keys["leader/\(unit.code)"] {
                on(String(format: "2023-11-%02d", min(30, day + 2)))
                try await act(.selfAssessmentSubmitted(unit: unit.code), by: leader)
            }
        }
        on("2023-12-05")
        try await attempt(
            "a self-score after the deadline",
            .selfScoreRecorded(
                unit: lateUnit,
                leaf: try Self.parsed("1.2", CriterionCode.init),
                points: Points(1),
                note: "Bổ sung"
            ),
            by: try key("officer/\(lateUnit)")
        )
        try await act(
            .selfAssessmentReopened(
                unit: lateUnit,
                reason: "Đơn vị đề nghị bổ sung minh chứng (Công văn 215/UBND)",
                until: try Self.parsed("2023-12-08T10:00:00.000Z", Timestamp.init(text:))
            ),
            by: try key("secretariat")
        )
        on("2023-12-07")
        // Submitted after the deadline: the ledger proposes the campaign's late-submission
        // deduction as a pending claim, decided with the others in January.
        try await act(.selfAssessmentSubmitted(unit: lateUnit), by: try key("leader/\(lateUnit)"))
    }

    /// Oct–Dec 2023: the survey clerk keys in 1,278 forms, one batch per unit and respondent group.
    private mutating func survey() async throws {
        guard let campaign = try? CampaignPlan(payload: try sample("campaign-2023.json")) else { return }
        on("2023-12-10")
        var invalid: [String] = []
        for unit in units {
            guard let form = template[unit.group.text] else { continue }
            for quota in campaign.quotas where quota.group == unit.group {
                let questions = form.questions.filter { $0.respondentGroups.contains(quota.respondentGroup) }
                var forms: [AppraisalEvent.SurveyForm] = []
                for number in 1...quota.formsPerUnit {
                    let serial =
                        "2023-\(unit.code)-\(quota.respondentGroup.text.prefix(3).uppercased())-\(String(format: "%03d", number))"
                    let sparse = random.next(below: 1000) < 6
                    var answers: [String: String] = [:]
                    for question in questions where !sparse || random.next(below: 4) == 0 {
                        let roll = random.next(below: 100)
                        answers[question.code.text] =
                            roll < 45 ? "A" : roll < 80 ? "B" : roll < 92 ? "C" : roll < 97 ? "D" : "E"
                    }
                    if sparse { invalid.append(serial) }
                    forms.append(
                        AppraisalEvent.SurveyForm(
                            serial: serial,
                            unit: unit.code,
                            respondentGroup: quota.respondentGroup,
                            answers: answers
                        )
                    )
                }
                try await act(
                    .surveyBatchRecorded(template: form.template, version: form.version, forms: forms),
                    by: try key("clerk")
                )
            }
        }
        counts["survey forms"] = units.reduce(0) { total, unit in
            total + campaign.quotas.filter { $0.group == unit.group }.reduce(0) { $0 + $1.formsPerUnit }
        }
        on("2023-12-15")
        let secretariat = try key("secretariat")
        try await append(
            invalid.map { serial in
                (.surveyFormInvalidated(serial: serial, reason: "Phiếu trả lời dưới 70% số câu hỏi"), secretariat)
            }
        )
    }

    /// The appraiser of a unit's leaf: the domain's owner, or the working group for the owner's own unit.
    func appraiser(of unit: UnitCode, _ leaf: CriterionCode) -> SigningKey? {
        let domain = leaf.domain.text
        let owner = Self.appraisers.first { $0.unit != "TTT" && $0.domains.contains(domain) }
        return keys["appraiser/\(owner?.unit == unit.text ? "TTT" : owner?.unit ?? "TTT")"]
    }

    /// Dec 2023 – Jan 2024: N/A decisions, round 1 with adjustments and reasons, bonus decisions.
    private mutating func roundOne() async throws {
        on("2023-12-11")
        for unit in units {
            guard let set = criteria[unit.group.text] else { continue }
            var acts: [(AppraisalEvent, SigningKey)] = []
            for leaf in set.orderedLeaves where leaf.method == .selfAssessed {
                guard let appraiser = appraiser(of: unit.code, leaf.code) else { continue }
                let key = AppraisalState.LeafKey(unit: unit.code, leaf: leaf.code)
                if notApplicable.contains(key) {
                    let confirm = random.next(below: 10) < 8
                    acts.append(
                        (
                            .notApplicableDecided(
                                unit: unit.code,
                                leaf: leaf.code,
                                confirmed: confirm,
                                reason: confirm
                                    ? "Xác nhận không phát sinh" : "Có phát sinh nhiệm vụ theo Kế hoạch 43/KH-UBND"
                            ),
                            appraiser
                        )
                    )
                    if confirm { continue }
                }
                let selfScore = selfScored[key]
                var points = selfScore ?? .zero
                var reason: String?
                var explanationRequested = false
                if selfScore == nil {
                    reason = "Không chấp nhận không phát sinh; đơn vị không có kết quả thực hiện"
                } else if random.next(below: 100) < 15 {
                    // One step down: the next lower value the leaf takes.
                    if let adjusted = choices(leaf).first(where: { $0 < points }) {
                        points = adjusted
                        reason = "Minh chứng chưa đầy đủ so với yêu cầu của tiêu chí"
                        explanationRequested = random.next(below: 2) == 0
                    }
                }
                acts.append(
                    (
                        .appraisalRecorded(
                            unit: unit.code,
                            leaf: leaf.code,
                            round: 1,
                            points: points,
                            reason: reason,
                            explanationRequested: explanationRequested
                        ),
                        appraiser
                    )
                )
                appraised[key] = points
            }
            try await append(acts)
        }
        try await attempt(
            "an appraisal of the appraiser's own unit",
            .appraisalRecorded(
                unit: try Self.parsed("SNV", UnitCode.init),
                leaf: try Self.parsed("1.2", CriterionCode.init),
                round: 1,
                points: Points(1),
                reason: "Thử",
                explanationRequested: false
            ),
            by: try key("appraiser/SNV")
        )
        on("2024-01-15")
        let bonus = try Self.parsed("B1", ConfigCode.item)
        for unit in units.prefix(3) {
            try await act(
                .bonusPenaltyClaimed(
                    unit: unit.code,
                    item: bonus,
                    points: Points(1),
                    reason: "Sáng kiến CCHC được UBND tỉnh công nhận",
                    evidence: []
                ),
                by: try key("officer/\(unit.code)")
            )
        }
        try await act(
            .bonusPenaltyClaimed(
                unit: try Self.parsed("SGTVT", UnitCode.init),
                item: try Self.parsed("D1", ConfigCode.item),
                points: Points(thousandths: 500),
                reason: "Báo cáo CCHC quý III gửi trễ hạn",
                evidence: []
            ),
            by: try key("secretariat")
        )
        on("2024-01-25")
        let state = try await LedgerFold.load(store).state
        for (id, claim) in state.claims.sorted(by: { $0.key.text < $1.key.text }) where claim.pending {
            let accept = claim.unit != units[2].code
            var points = accept ? claim.item.maxPoints : nil
            if claim.item.kind == .deduction, claim.unit.text == "SGTVT" { points = Points(thousandths: 500) }
            try await act(
                .bonusPenaltyDecided(
                    claim: id,
                    accepted: accept,
                    points: points,
                    reason: accept ? "Có căn cứ" : "Sáng kiến chưa được công nhận cấp tỉnh"
                ),
                by: try key("appraiser/TTT")
            )
        }
    }

    /// Feb 2024: preliminary results, explanations and about twenty objections.
    private mutating func explanationsAndObjections() async throws {
        on("2024-02-02")
        try await act(
            .preliminaryResultsIssued(note: "Kết quả thẩm định vòng 1 (Công văn 320/SNV-CCHC)"),
            by: try key("secretariat")
        )
        on("2024-02-06")
        let disputed = appraised.filter { key, points in (selfScored[key] ?? points) > points }
            .sorted { ($0.key.unit.text, $0.key.leaf) < ($1.key.unit.text, $1.key.leaf) }
        for (key, _) in disputed.prefix(5) {
            try await act(
                .explanationSubmitted(
                    unit: key.unit,
                    leaf: key.leaf,
                    text: "Đơn vị bổ sung giải trình: nhiệm vụ đã hoàn thành đúng hạn theo kế hoạch",
                    evidence: []
                ),
                by: try self.key("officer/\(key.unit)")
            )
        }
        var objections: [(Entry, AppraisalState.LeafKey)] = []
        for (key, _) in disputed.dropFirst(5).prefix(20) {
            let entry = try await act(
                .objectionFiled(
                    unit: key.unit,
                    leaf: key.leaf,
                    text: "Đơn vị kiến nghị giữ nguyên điểm tự đánh giá vì minh chứng đã đầy đủ",
                    evidence: []
                ),
                by: try self.key("officer/\(key.unit)")
            )
            objections.append((entry, key))
        }
        on("2024-02-17")
        if let key = disputed.dropFirst(25).first?.key {
            try await attempt(
                "an objection after the explanation window",
                .objectionFiled(unit: key.unit, leaf: key.leaf, text: "Kiến nghị muộn", evidence: []),
                by: try self.key("officer/\(key.unit)")
            )
        }
        on("2024-02-22")
        for (index, (entry, key)) in objections.enumerated() {
            let accept = index % 2 == 0
            var points: Points?
            if accept, let selfScore = selfScored[key] {
                points = selfScore
                appraised[key] = selfScore
            }
            try await act(
                .objectionResolved(
                    objection: entry.statement.statementID,
                    accepted: accept,
                    points: points,
                    reasoning: accept
                        ? "Hội đồng chấp nhận: minh chứng bổ sung phù hợp" : "Hội đồng giữ nguyên kết quả thẩm định"
                ),
                by: try self.key("chair")
            )
        }
        resolvedObjections = objections.enumerated().filter { $0.offset % 2 == 0 }.map {
            ($0.element.1, $0.element.0.statement.statementID)
        }
    }

    /// The accepted objections: the leaf and the objection whose resolution round 2 cites.
    private var resolvedObjections: [(key: AppraisalState.LeafKey, objection: StatementID)] = []

    /// Mar 2024: round 2 on the accepted objections, and the council's report.
    private mutating func roundTwoAndReport() async throws {
        on("2024-03-01")
        for (key, objection) in resolvedObjections {
            guard let points = appraised[key], let appraiser = appraiser(of: key.unit, key.leaf) else { continue }
            try await act(
                .appraisalRecorded(
                    unit: key.unit,
                    leaf: key.leaf,
                    round: 2,
                    points: points,
                    reason: "Theo kết luận của Hội đồng về kiến nghị của đơn vị",
                    explanationRequested: false,
                    objection: objection
                ),
                by: appraiser
            )
        }
        on("2024-03-15")
        try await act(
            .councilReportApproved(
                number: "05/BC-HĐTĐ",
                date: try Self.parsed("2024-03-15", CalendarDate.init),
                summary: "Báo cáo kết quả thẩm định Chỉ số CCHC năm 2023"
            ),
            by: try key("chair")
        )
    }

    /// Apr–May 2024: the authority publishes against the ledger's checkpoint, then corrects one
    /// score by a later decision.
    package mutating func publishAndCorrect() async throws {
        on("2024-04-10")
        let published = try await currentCheckpoint(store)
        try await act(
            .resultsPublished(
                decision: DecisionReference(
                    number: "812/QĐ-UBND",
                    date: try Self.parsed("2024-04-10", CalendarDate.init)
                ),
                checkpointSize: published.size,
                checkpointRoot: published.root
            ),
            by: try key("authority")
        )
        let (unit, leaf) = (try Self.parsed("STP", UnitCode.init), try Self.parsed("1.2", CriterionCode.init))
        try await attempt(
            "an appraisal after publication",
            .appraisalRecorded(
                unit: unit,
                leaf: leaf,
                round: 2,
                points: Points(1),
                reason: "Thử",
                explanationRequested: false
            ),
            by: try key("appraiser/SNV")
        )
        on("2024-05-02")
        let corrected = try await currentCheckpoint(store)
        try await act(
            .resultsCorrected(
                decision: DecisionReference(
                    number: "1020/QĐ-UBND",
                    date: try Self.parsed("2024-05-02", CalendarDate.init)
                ),
                supersedes: "812/QĐ-UBND",
                reason: "Sai sót khi tổng hợp điểm tiêu chí 1.2 của Sở Tư pháp",
                changes: [
                    AppraisalEvent.Change(
                        unit: unit,
                        leaf: leaf,
                        points: Points(1),
                        reason: "Đối chiếu lại báo cáo định kỳ"
                    )
                ],
                checkpointSize: corrected.size,
                checkpointRoot: corrected.root
            ),
            by: try key("authority")
        )
    }

    /// The time of the last act, for the checkpoint's cosignatures.
    package var now: Timestamp { clock }

    /// The ledger's current size and root, which a publication names as its checkpoint.
    func currentCheckpoint(_ store: any EventStore) async throws -> (size: Int, root: SHA256Hash) {
        let size = try await store.size()
        return (size, try await store.root(size: size))
    }
}
