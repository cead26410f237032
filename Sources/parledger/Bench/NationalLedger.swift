import Appraisal
import Foundation
import LedgerCore
import LedgerStore

/// A national-scale appraisal ledger for the projections benchmark: `provinces` provinces' worth
/// of departments and communes in one ledger, written through the store and the appraisal rules
/// like any other. Each unit's officer revises every self-score a few times before the leader
/// submits, evidence is attached, every leaf is appraised in round 1 and some in round 2, and
/// survey forms are keyed in. Deterministic (fixed seeds).
struct NationalLedger {
    let store: any EventStore
    let provinces: Int
    let departmentsPerProvince = 20
    let communesPerProvince = 100
    /// How many times an officer records each self-score (the last one counts).
    let revisions = 4

    private var clock = Timestamp(text: "2023-05-09T01:00:00.000Z")!
    private var seeded: SeededStatements
    private var random = SplitMix64(seed: 34)
    private var pending: [SignedStatement] = []
    private(set) var written = 0

    init(store: any EventStore, samples: URL, provinces: Int) {
        self.store = store
        self.seeded = SeededStatements(
            ledger: LedgerID("bench.parledger/par/national")!,
            keyPrefix: "parledger-bench/",
            statementPrefix: "parledger-bench/",
            samples: samples
        )
        self.provinces = provinces
    }

    private func key(_ label: String) -> SigningKey { seeded.key(label) }

    private func object(_ name: String) throws -> [String: JSONValue] { try seeded.object(name) }

    private mutating func statement(
        _ type: EventType,
        _ payload: [String: JSONValue],
        by key: SigningKey
    ) throws
        -> SignedStatement
    {
        try seeded.statement(type, payload, by: key, at: clock)
    }

    /// Queues an act; batches of 1,000 are appended (signature checks and rules included).
    private mutating func act(
        _ kind: AppraisalEvent.Kind,
        _ payload: [String: JSONValue],
        by key: SigningKey
    ) async throws {
        pending.append(try statement(kind.type, payload, by: key))
        if pending.count >= 1000 { try await flush() }
    }

    private mutating func flush() async throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = []
        let time = clock
        let store = store
        _ = try await storeCall { () async throws(StoreError) in try await store.append(batch, recordedAt: time) }
        written += batch.count
        clock = clock.adding(milliseconds: 1000)
    }

    private mutating func on(_ date: String) async throws {
        try await flush()
        if let time = Timestamp(text: "\(date)T01:00:00.000Z"), time > clock { clock = time }
    }

    mutating func build(progress: (Int) -> Void) async throws {
        let authority = key("authority")
        let secretariat = key("secretariat")
        let clerk = key("clerk")
        let genesis = try statement(
            ControlEvent.genesisType,
            ControlEvent.genesisPayload(authority: authority, policy: AppraisalPolicy.policy),
            by: authority
        )
        pending.append(genesis)
        var units: [(code: String, group: String)] = []
        for province in 1...provinces {
            for department in 1...departmentsPerProvince {
                units.append((String(format: "P%02d-S%02d", province, department), "department"))
            }
            for commune in 1...communesPerProvince {
                units.append((String(format: "P%02d-X%03d", province, commune), "commune"))
            }
        }
        func register(_ registered: SigningKey, _ role: Role, unit: String?) throws -> SignedStatement {
            var payload: [String: JSONValue] = [
                "keyId": .string(registered.keyID.hex), "name": .string(registered.name),
                "publicKey": .string(registered.publicKey.text), "role": .string(role.rawValue),
            ]
            if let unit { payload["unit"] = .string(unit) }
            return try statement(ControlEvent.keyRegisteredType, payload, by: authority)
        }
        let appraisers = [key("appraiser/a"), key("appraiser/b")]
        pending.append(try register(secretariat, .secretariat, unit: nil))
        pending.append(try register(clerk, .surveyClerk, unit: nil))
        for appraiser in appraisers { pending.append(try register(appraiser, .appraiser, unit: nil)) }
        for unit in units {
            pending.append(try register(key("officer/\(unit.code)"), .unitOfficer, unit: unit.code))
            pending.append(try register(key("leader/\(unit.code)"), .unitLeader, unit: unit.code))
            if pending.count >= 1000 { try await flush() }
        }
        try await flush()

        var sets: [String: CriteriaSet] = [:]
        var campaign = try object("campaign-2023.json")
        for (group, file) in [
            ("department", "criteria-department-2023.json"), ("commune", "criteria-district-2023.json"),
        ] {
            var payload = try object(file)
            payload["set"] = .string(group)
            sets[group] = try CriteriaSet(payload: .object(payload))
            try await act(.criteriaSetPublished, payload, by: secretariat)
        }
        campaign["groups"] = [
            ["code": "department", "name": "Sở, ban, ngành", "criteria": ["set": "department", "version": 1]],
            ["code": "commune", "name": "UBND cấp xã", "criteria": ["set": "commune", "version": 1]],
        ]
        campaign["surveyQuotas"] = [
            ["group": "department", "respondentGroup": "citizens", "formsPerUnit": 20],
            ["group": "commune", "respondentGroup": "citizens", "formsPerUnit": 30],
        ]
        try await act(.campaignOpened, campaign, by: authority)
        for unit in units {
            try await act(
                .unitEnrolled,
                ["code": .string(unit.code), "name": .string("Đơn vị \(unit.code)"), "group": .string(unit.group)],
                by: secretariat
            )
        }
        try await act(
            .appraiserAssigned,
            [
                "keyId": .string(appraisers[0].keyID.hex), "domains": ["1", "2", "3", "4", "5", "6", "7", "8"],
                "ownUnit": .string(units[0].code),
            ],
            by: secretariat
        )
        try await act(
            .appraiserAssigned,
            [
                "keyId": .string(appraisers[1].keyID.hex), "domains": ["1", "2", "3", "4", "5", "6", "7", "8"],
                "ownUnit": .string(units[1].code),
            ],
            by: secretariat
        )
        var templates: [String: SurveyTemplate] = [:]
        for (group, file) in [
            ("department", "survey-template-department-2023.json"), ("commune", "survey-template-district-2023.json"),
        ] {
            var payload = try object(file)
            payload["group"] = .string(group)
            payload["template"] = .string("\(group)-2023")
            // Citizens answer every question in the benchmark, so each leaf has a sample.
            if case .array(let questions) = payload["questions"] {
                payload["questions"] = .array(
                    questions.map { question in
                        guard var object = question.objectValue else { return question }
                        object["respondentGroups"] = ["citizens"]
                        return .object(object)
                    }
                )
            }
            templates[group] = try SurveyTemplate(payload: .object(payload))
            try await act(.surveyTemplatePublished, payload, by: secretariat)
        }

        // Self-assessment: every TĐG leaf scored `revisions` times, with one evidence file per unit.
        try await on("2023-10-16")
        for (index, unit) in units.enumerated() {
            guard let set = sets[unit.group] else { continue }
            let officer = key("officer/\(unit.code)")
            let blob = try await storeCall { () async throws(StoreError) in
                try await store.putBlob(Array("Báo cáo tự đánh giá của \(unit.code)".utf8))
            }
            for leaf in set.orderedLeaves where leaf.method == .selfAssessed {
                try await act(
                    .evidenceAttached,
                    [
                        "unit": .string(unit.code), "leaf": .string(leaf.code.text),
                        "blob": [
                            "sha256": .string(blob.sha256.hex), "size": .int(blob.size), "name": "bao-cao.pdf",
                            "mediaType": "application/pdf",
                        ],
                        "document": [
                            "number": .string("01/BC-\(unit.code)"), "issuer": "Đơn vị", "issuedOn": "2023-09-30",
                        ],
                    ],
                    by: officer
                )
                let options =
                    leaf.allowedValues?.reversed() ?? [
                        leaf.maxPoints, Points(thousandths: leaf.maxPoints.thousandths / 2),
                    ]
                for _ in 0..<revisions {
                    let points = options[Int(random.next(below: UInt64(options.count)))]
                    try await act(
                        .selfScoreRecorded,
                        ["unit": .string(unit.code), "leaf": .string(leaf.code.text), "points": .string(points.text)],
                        by: officer
                    )
                }
            }
            try await act(.selfAssessmentSubmitted, ["unit": .string(unit.code)], by: key("leader/\(unit.code)"))
            if index % 200 == 0 { progress(written) }
        }
        // Survey forms, one batch per unit.
        try await on("2023-12-10")
        for unit in units {
            guard let template = templates[unit.group] else { continue }
            let count = unit.group == "department" ? 20 : 30
            let forms: [JSONValue] = (1...count).map { number in
                var answers: [String: JSONValue] = [:]
                for question in template.questions {
                    let roll = random.next(below: 100)
                    answers[question.code.text] = .string(
                        roll < 45 ? "A" : roll < 80 ? "B" : roll < 92 ? "C" : roll < 97 ? "D" : "E"
                    )
                }
                return [
                    "serial": .string("\(unit.code)-\(number)"), "unit": .string(unit.code),
                    "respondentGroup": "citizens",
                    "answers": .object(answers),
                ]
            }
            try await act(
                .surveyBatchRecorded,
                ["template": ["template": .string(template.template.text), "version": 1], "forms": .array(forms)],
                by: clerk
            )
        }
        // Round 1: every TĐG leaf; a fifth adjusted one step down, with a reason.
        try await on("2023-12-11")
        for (index, unit) in units.enumerated() {
            guard let set = sets[unit.group] else { continue }
            let appraiser = index == 0 ? appraisers[1] : appraisers[0]
            for leaf in set.orderedLeaves where leaf.method == .selfAssessed {
                let points = random.next(below: 5) == 0 ? Points.zero : leaf.maxPoints
                try await act(
                    .appraisalRecorded,
                    [
                        "unit": .string(unit.code), "leaf": .string(leaf.code.text), "round": 1,
                        "points": .string(points.text),
                        "reason": "Theo minh chứng của đơn vị", "explanationRequested": false,
                    ],
                    by: appraiser
                )
            }
            if index % 200 == 0 { progress(written) }
        }
        try await on("2024-02-02")
        try await act(.preliminaryResultsIssued, [:], by: secretariat)
        try await flush()
    }
}
