import Appraisal
package import Foundation
package import LedgerCore
package import LedgerStore

/// A national-scale appraisal ledger for the benchmarks: `provinces` provinces' worth of
/// departments and communes in one ledger, written through the store and the appraisal rules
/// like any other. Each unit's officer revises every self-score a few times before the leader
/// submits, evidence is attached, survey forms are keyed in and every leaf is appraised in
/// round 1; then the preliminary results are issued, unless the ledger is to stop before them.
/// Deterministic (fixed seeds).
package struct NationalLedger {
    let store: any EventStore
    let provinces: Int
    let departmentsPerProvince = 20
    let communesPerProvince: Int
    /// How many times an officer records each self-score (the last one counts).
    let revisions = 4
    /// Whether the ledger ends with the preliminary results (after which no unit may be reopened).
    let issuesPreliminaryResults: Bool

    private var clock = Timestamp(text: "2023-05-09T01:00:00.000Z")!
    private var seeded: SeededStatements
    private var random = SplitMix64(seed: 34)
    private var pending: [SignedStatement] = []
    package private(set) var written = 0

    package init(
        store: any EventStore,
        samples: URL,
        provinces: Int,
        communesPerProvince: Int = 100,
        issuesPreliminaryResults: Bool = true
    ) {
        self.store = store
        self.seeded = Self.seeded(samples: samples)
        self.provinces = provinces
        self.communesPerProvince = communesPerProvince
        self.issuesPreliminaryResults = issuesPreliminaryResults
    }

    /// The generator's keys and statement ids, the same on every run.
    private static func seeded(samples: URL) -> SeededStatements {
        SeededStatements(
            ledger: LedgerID("bench.parledger/par/national")!,
            keyPrefix: "parledger-bench/",
            statementPrefix: "parledger-bench/",
            samples: samples
        )
    }

    /// The key of an actor of a national ledger written earlier: `authority`, `secretariat`,
    /// `clerk`, `appraiser/a`, `officer/P01-S01`, `leader/P01-X001`…
    package static func key(_ label: String) -> SigningKey {
        seeded(samples: SeededStatements.repositorySamples).key(label)
    }

    private func key(_ label: String) -> SigningKey { seeded.key(label) }

    private func sample(_ name: String) throws -> JSONValue { try seeded.sample(name) }

    private mutating func statement(_ event: some LedgerEvent, by key: SigningKey) throws -> SignedStatement {
        try seeded.statement(event, by: key, at: clock)
    }

    /// Queues an act; batches of 1,000 are appended (signature checks and rules included).
    private mutating func act(_ event: AppraisalEvent, by key: SigningKey) async throws {
        pending.append(try statement(event, by: key))
        if pending.count >= 1000 { try await flush() }
    }

    /// A code the benchmark gives as text: one that does not parse stops it.
    private static func code<T>(_ text: String, _ parse: (String) -> T?) throws -> T {
        guard let value = parse(text) else { throw ScenarioError(.samples, "the benchmark's \(text) does not parse") }
        return value
    }

    /// Appends a batch. Kept out of line: inlined at `build`'s many suspension points, this call
    /// (typed throws, in a function with untyped ones) crashes the release build of Swift 6.3.1 as
    /// LLVM splits `build`'s coroutine.
    @inline(never)
    private func append(_ batch: [SignedStatement], recordedAt time: Timestamp) async throws -> [Entry] {
        try await store.append(batch, recordedAt: time)
    }

    private mutating func flush() async throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = []
        _ = try await append(batch, recordedAt: clock)
        written += batch.count
        clock = clock.adding(milliseconds: 1000)
    }

    private mutating func on(_ date: String) async throws {
        try await flush()
        if let time = Timestamp(text: "\(date)T01:00:00.000Z"), time > clock { clock = time }
    }

    /// Writes the ledger, calling `progress` with the entries written now and then.
    package mutating func build(progress: (Int) -> Void) async throws {
        let authority = key("authority")
        let secretariat = key("secretariat")
        let clerk = key("clerk")
        let genesis = try statement(
            ControlEvent.genesis(
                authority: .init(name: authority.name, publicKey: authority.publicKey, role: .authority),
                policy: AppraisalPolicy.policy
            ),
            by: authority
        )
        pending.append(genesis)
        let department = try Self.code("department") { ConfigCode($0) }
        let commune = try Self.code("commune") { ConfigCode($0) }
        var units: [(code: UnitCode, group: ConfigCode)] = []
        for province in 1...provinces {
            for number in 1...departmentsPerProvince {
                units.append(
                    (try Self.code(String(format: "P%02d-S%02d", province, number), UnitCode.init), department)
                )
            }
            for number in 1...communesPerProvince {
                units.append((try Self.code(String(format: "P%02d-X%03d", province, number), UnitCode.init), commune))
            }
        }
        func register(_ registered: SigningKey, _ role: Role, unit: UnitCode?) throws -> SignedStatement {
            let registration = ControlEvent.KeyRegistration(
                name: registered.name,
                publicKey: registered.publicKey,
                role: role,
                unit: unit
            )
            return try statement(ControlEvent.keyRegistered(registration), by: authority)
        }
        let appraisers = [key("appraiser/a"), key("appraiser/b")]
        pending.append(try register(secretariat, .secretariat, unit: nil))
        pending.append(try register(clerk, .surveyClerk, unit: nil))
        for appraiser in appraisers { pending.append(try register(appraiser, .appraiser, unit: nil)) }
        try await flush()

        var sets: [ConfigCode: CriteriaSet] = [:]
        for (group, file) in [(department, "criteria-department-2023.json"), (commune, "criteria-district-2023.json")] {
            let original = try CriteriaSet(payload: try sample(file))
            let set = CriteriaSet(
                set: group,
                version: original.version,
                name: original.name,
                decision: original.decision,
                totalPoints: original.totalPoints,
                nodes: original.nodes,
                bonusCap: original.bonusCap,
                deductionCap: original.deductionCap,
                items: original.items
            )
            sets[group] = set
            try await act(.criteriaSetPublished(set), by: secretariat)
        }
        let plan = try CampaignPlan(payload: try sample("campaign-2023.json"))
        let citizens = try Self.code("citizens") { ConfigCode($0) }
        let campaign = CampaignPlan(
            plan: plan.plan,
            year: plan.year,
            groups: [
                .init(code: department, name: "Sở, ban, ngành", criteriaSet: department, criteriaVersion: 1),
                .init(code: commune, name: "UBND cấp xã", criteriaSet: commune, criteriaVersion: 1),
            ],
            deadlines: plan.deadlines,
            respondentGroups: plan.respondentGroups,
            quotas: [
                .init(group: department, respondentGroup: citizens, formsPerUnit: 20),
                .init(group: commune, respondentGroup: citizens, formsPerUnit: 30),
            ],
            scoring: plan.scoring
        )
        try await act(.campaignOpened(campaign), by: authority)
        for unit in units {
            try await act(
                .unitEnrolled(code: unit.code, name: "Đơn vị \(unit.code)", group: unit.group),
                by: secretariat
            )
        }
        // A unit's keys name an enrolled unit (events/CATALOG.md, Keys).
        for unit in units {
            pending.append(try register(key("officer/\(unit.code)"), .unitOfficer, unit: unit.code))
            pending.append(try register(key("leader/\(unit.code)"), .unitLeader, unit: unit.code))
            if pending.count >= 1000 { try await flush() }
        }
        let domains = try (1...8).map { try Self.code("\($0)", CriterionCode.init) }
        for (appraiser, ownUnit) in zip(appraisers, units) {
            try await act(
                .appraiserAssigned(keyID: appraiser.keyID, domains: domains, ownUnit: ownUnit.code),
                by: secretariat
            )
        }
        var templates: [ConfigCode: SurveyTemplate] = [:]
        for (group, file) in [
            (department, "survey-template-department-2023.json"), (commune, "survey-template-district-2023.json"),
        ] {
            let original = try SurveyTemplate(payload: try sample(file))
            let template = SurveyTemplate(
                template: try Self.code("\(group)-2023") { ConfigCode($0) },
                version: original.version,
                group: group,
                name: original.name,
                options: original.options,
                // Citizens answer every question in the benchmark, so each leaf has a sample.
                questions: original.questions.map {
                    .init(code: $0.code, text: $0.text, leaf: $0.leaf, respondentGroups: [citizens])
                }
            )
            templates[group] = template
            try await act(.surveyTemplatePublished(template), by: secretariat)
        }

        // Self-assessment: every TĐG leaf scored `revisions` times, with one evidence file per unit.
        try await on("2023-10-16")
        let issuedOn = try Self.code("2023-09-30", CalendarDate.init)
        for (index, unit) in units.enumerated() {
            guard let set = sets[unit.group] else { continue }
            let officer = key("officer/\(unit.code)")
            let blob = try await store.putBlob(Array("Báo cáo tự đánh giá của \(unit.code)".utf8))
            let evidence = AppraisalEvent.Evidence(
                blob: .init(blob, name: "bao-cao.pdf", mediaType: "application/pdf"),
                document: .init(number: "01/BC-\(unit.code)", issuer: "Đơn vị", issuedOn: issuedOn)
            )
            for leaf in set.orderedLeaves where leaf.method == .selfAssessed {
                try await act(.evidenceAttached(unit: unit.code, leaf: leaf.code, evidence: evidence), by: officer)
                let options =
                    leaf.allowedValues?.reversed() ?? [
                        leaf.maxPoints, Points(thousandths: leaf.maxPoints.thousandths / 2),
                    ]
                for _ in 0..<revisions {
                    let points = options[Int(random.next(below: UInt64(options.count)))]
                    try await act(
                        .selfScoreRecorded(unit: unit.code, leaf: leaf.code, points: points, note: nil),
                        by: officer
                    )
                }
            }
            try await act(.selfAssessmentSubmitted(unit: unit.code), by: key("leader/\(unit.code)"))
            if index % 200 == 0 { progress(written) }
        }
        // Survey forms, one batch per unit.
        try await on("2023-12-10")
        for unit in units {
            guard let template = templates[unit.group] else { continue }
            let count = unit.group == department ? 20 : 30
            let forms = (1...count).map { number in
                var answers: [String: String] = [:]
                for question in template.questions {
                    let roll = random.next(below: 100)
                    answers[question.code.text] =
                        roll < 45 ? "A" : roll < 80 ? "B" : roll < 92 ? "C" : roll < 97 ? "D" : "E"
                }
                return AppraisalEvent.SurveyForm(
                    serial: "\(unit.code)-\(number)",
                    unit: unit.code,
                    respondentGroup: citizens,
                    answers: answers
                )
            }
            try await act(.surveyBatchRecorded(template: template.template, version: 1, forms: forms), by: clerk)
        }
        // Round 1: every TĐG leaf; a fifth adjusted one step down, with a reason.
        try await on("2023-12-11")
        for (index, unit) in units.enumerated() {
            guard let set = sets[unit.group] else { continue }
            let appraiser = index == 0 ? appraisers[1] : appraisers[0]
            for leaf in set.orderedLeaves where leaf.method == .selfAssessed {
                let points = random.next(below: 5) == 0 ? Points.zero : leaf.maxPoints
                try await act(
                    .appraisalRecorded(
                        unit: unit.code,
                        leaf: leaf.code,
                        round: 1,
                        points: points,
                        reason: "Theo minh chứng của đơn vị",
                        explanationRequested: false
                    ),
                    by: appraiser
                )
            }
            if index % 200 == 0 { progress(written) }
        }
        if issuesPreliminaryResults {
            try await on("2024-02-02")
            try await act(.preliminaryResultsIssued(note: nil), by: secretariat)
        }
        try await flush()
    }
}
