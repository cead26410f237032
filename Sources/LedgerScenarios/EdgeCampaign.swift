import Appraisal
import Foundation
package import LedgerCore
package import LedgerStore

/// A small campaign that exercises the scoring rules the seed province's year never reaches
/// (projections/RULES.md): both caps, a total clamped at 0, configured survey weights, a group
/// with forms but under half its quota, a valid form invalidated, a revised self-score, round 1
/// recorded twice, a domain whose effective max is 0, a claim accepted with fewer points, two
/// corrections, the band "Tốt", an index exactly on a band's boundary, a leaf of max 0.25, and a
/// tie decided by the tie-break at a day's end. Six units of one group, each made to land on
/// figures an auditor can work out by hand (they are in EdgeCampaign.expected).
package struct EdgeCampaign {
    package let store: any EventStore
    private var clock = Timestamp(text: "2024-01-08T01:00:00.000Z")!
    private var seeded = SeededStatements(
        ledger: LedgerID("edge.parledger.example/par/2024")!,
        keyPrefix: "parledger-edge/",
        statementPrefix: "parledger-edge/statement/",
        samples: SeededStatements.repositorySamples
    )
    package private(set) var keys: [String: SigningKey] = [:]

    /// The figures each unit is built to reach once published and corrected: index, band, rank.
    package static let expected: [(unit: String, index: String, band: String, rank: Int)] = [
        ("U-TOT", "115.00", "Tốt", 1), ("U-KHA", "80.00", "Khá", 2), ("U-NA", "75.00", "Trung bình", 3),
        ("U-T1", "70.00", "Trung bình", 4), ("U-T2", "70.00", "Trung bình", 5), ("U-ZERO", "0.00", "Yếu", 6),
    ]

    package init(store: any EventStore) { self.store = store }

    private mutating func key(_ label: String, _ name: String? = nil) -> SigningKey {
        if let key = keys[label] { return key }
        let key = seeded.key(label, name: name ?? label)
        keys[label] = key
        return key
    }

    private mutating func on(_ date: String) {
        if let time = Timestamp(text: "\(date)T01:00:00.000Z"), time > clock { clock = time }
    }

    @discardableResult
    private mutating func act(
        _ kind: AppraisalEvent.Kind,
        _ payload: [String: JSONValue],
        by label: String
    ) async throws -> Entry {
        clock = clock.adding(milliseconds: 60_000)
        guard let event = try AppraisalEvent.decode(type: kind.type, payload: .object(payload)) else {
            throw ScenarioError(.unexpected, "the edge scenario's \(kind.rawValue) is no appraisal event")
        }
        let statement = try seeded.statement(event, by: key(label), at: clock)
        return try await store.append([statement], recordedAt: clock)[0]
    }

    private static let units = ["U-TOT", "U-KHA", "U-NA", "U-T1", "U-T2", "U-ZERO"]

    /// Acts the whole campaign out, to its second correction.
    package mutating func run() async throws {
        try await setUp()
        try await selfAssessment()
        try await survey()
        try await appraisal()
        try await publication()
    }

    private mutating func setUp() async throws {
        let authority = key("authority", "UBND tỉnh (kịch bản biên)")
        let genesis = try seeded.statement(
            ControlEvent.genesis(
                authority: .init(name: authority.name, publicKey: authority.publicKey, role: .authority),
                policy: AppraisalPolicy.policy
            ),
            by: authority,
            at: clock
        )
        _ = try await store.append([genesis], recordedAt: clock)
        var registrations: [(SigningKey, Role, String?)] = [
            (key("secretariat", "Sở Nội vụ"), .secretariat, nil), (key("clerk", "Nhập phiếu"), .surveyClerk, nil),
            (key("chair", "Chủ tịch Hội đồng"), .councilChair, nil),
        ]
        try await register(registrations)
        try await act(.criteriaSetPublished, Self.criteria, by: "secretariat")
        try await act(.campaignOpened, Self.plan, by: "authority")
        for unit in Self.units {
            try await act(
                .unitEnrolled,
                ["code": .string(unit), "name": .string("Đơn vị \(unit)"), "group": "edge"],
                by: "secretariat"
            )
        }
        registrations = [
            (key("appraiser/U-TOT", "Thẩm định viên (U-TOT)"), .appraiser, "U-TOT"),
            (key("appraiser/U-ZERO", "Thẩm định viên (U-ZERO)"), .appraiser, "U-ZERO"),
        ]
        for unit in Self.units {
            registrations.append((key("officer/\(unit)", "Cán bộ \(unit)"), .unitOfficer, unit))
            registrations.append((key("leader/\(unit)", "Thủ trưởng \(unit)"), .unitLeader, unit))
        }
        try await register(registrations)
        try await act(.surveyTemplatePublished, Self.template, by: "secretariat")
        for (appraiser, own) in [("appraiser/U-TOT", "U-TOT"), ("appraiser/U-ZERO", "U-ZERO")] {
            try await act(
                .appraiserAssigned,
                ["keyId": .string(key(appraiser).keyID.hex), "domains": ["1", "2", "3"], "ownUnit": .string(own)],
                by: "secretariat"
            )
        }
    }

    private mutating func register(_ keys: [(SigningKey, Role, String?)]) async throws {
        clock = clock.adding(milliseconds: 60_000)
        var batch: [SignedStatement] = []
        for (key, role, unit) in keys {
            let event = ControlEvent.keyRegistered(
                .init(name: key.name, publicKey: key.publicKey, role: role, unit: unit.flatMap(UnitCode.init))
            )
            // The authority registers the province's own people; the secretariat, units' and clerks' keys.
            let signer = [.secretariat, .councilChair, .appraiser].contains(role) ? "authority" : "secretariat"
            batch.append(try seeded.statement(event, by: self.key(signer), at: clock))
        }
        _ = try await store.append(batch, recordedAt: clock)
    }

    /// Each unit's self-scores (TĐG leaves 1.1, 1.2, 2.1, 2.2, 3.1), as the figures need them.
    static let selfScores: [String: [String: String]] = [
        "U-TOT": ["1.1": "0.25", "1.2": "2", "2.1": "1", "2.2": "1", "3.1": "2.75"],
        "U-KHA": ["1.1": "0.25", "1.2": "2", "2.1": "1", "2.2": "1", "3.1": "1"],
        "U-NA": ["1.1": "0.25", "1.2": "1", "3.1": "2.75"],
        "U-T1": ["1.1": "0.25", "1.2": "1", "2.1": "1", "2.2": "0", "3.1": "2.75"],
        "U-T2": ["1.1": "0.25", "1.2": "2", "2.1": "1", "2.2": "0", "3.1": "2.75"],
        "U-ZERO": ["1.1": "0", "1.2": "0", "2.1": "0", "2.2": "0", "3.1": "0"],
    ]

    private mutating func selfAssessment() async throws {
        on("2024-02-05")
        for unit in Self.units {
            for (leaf, points) in (Self.selfScores[unit] ?? [:]).sorted(by: { $0.key < $1.key }) {
                try await act(
                    .selfScoreRecorded,
                    [
                        "unit": .string(unit), "leaf": .string(leaf), "points": .string(points),
                        "note": "Theo báo cáo tự đánh giá",
                    ],
                    by: "officer/\(unit)"
                )
            }
            if unit == "U-NA" {
                for leaf in ["2.1", "2.2"] {
                    try await act(
                        .notApplicableClaimed,
                        ["unit": "U-NA", "leaf": .string(leaf), "reason": "Đơn vị không có nhiệm vụ xây dựng thể chế"],
                        by: "officer/U-NA"
                    )
                }
            }
        }
        // A revised self-score: U-KHA lowers 3.1 before submitting.
        try await act(
            .selfScoreRecorded,
            ["unit": "U-KHA", "leaf": "3.1", "points": "0.75", "note": "Điều chỉnh sau rà soát"],
            by: "officer/U-KHA"
        )
        on("2024-02-20")
        for unit in Self.units {
            try await act(.selfAssessmentSubmitted, ["unit": .string(unit)], by: "leader/\(unit)")
        }
    }

    /// Forms per unit: citizens (quota 4, weight 2, two questions) and leaders (quota 2, weight 1).
    private mutating func survey() async throws {
        on("2024-03-05")
        func form(_ serial: String, _ unit: String, _ group: String, _ answers: [String: String]) -> JSONValue {
            [
                "serial": .string(serial), "unit": .string(unit), "respondentGroup": .string(group),
                "answers": .object(answers.mapValues { .string($0) }),
            ]
        }
        var forms: [JSONValue] = []
        for unit in Self.units {
            let (citizens, leaders): (String, String) =
                switch unit {
                case "U-TOT", "U-KHA": ("A", "A")
                case "U-NA", "U-T1": ("B", "A")
                case "U-T2": ("B", "C")
                default: ("C", "C")
                }
            // U-ZERO: one valid citizens' form of four (under half the quota), one of two leaders'.
            let citizenForms = unit == "U-ZERO" ? 1 : 4
            for number in 1...citizenForms {
                forms.append(form("E-\(unit)-C\(number)", unit, "citizens", ["Q1": citizens, "Q2": citizens]))
            }
            if unit == "U-ZERO" {
                // Answers one question of two: under 70 %, so not valid.
                forms.append(form("E-\(unit)-C2", unit, "citizens", ["Q1": "A"]))
            }
            for number in 1...(unit == "U-ZERO" ? 1 : 2) {
                forms.append(form("E-\(unit)-L\(number)", unit, "leaders", ["Q3": leaders]))
            }
            if unit == "U-NA" {
                // A fifth citizens' form, valid, answering A: invalidated below, so it never counts.
                forms.append(form("E-U-NA-C5", unit, "citizens", ["Q1": "A", "Q2": "A"]))
            }
        }
        try await act(
            .surveyBatchRecorded,
            ["template": ["template": "edge-2024", "version": 1], "forms": .array(forms)],
            by: "clerk"
        )
        try await act(
            .surveyFormInvalidated,
            ["serial": "E-U-NA-C5", "reason": "Phiếu ghi sai đơn vị"],
            by: "secretariat"
        )
    }

    private mutating func appraisal() async throws {
        on("2024-03-10")
        for unit in Self.units {
            let appraiser = unit == "U-TOT" ? "appraiser/U-ZERO" : "appraiser/U-TOT"
            for (leaf, points) in (Self.selfScores[unit] ?? [:]).sorted(by: { $0.key < $1.key }) {
                // U-KHA's 3.1 was revised to 0.75; round 1 is recorded twice for it, first at 1.
                let first = unit == "U-KHA" && leaf == "3.1" ? "1" : points
                try await act(
                    .appraisalRecorded,
                    [
                        "unit": .string(unit), "leaf": .string(leaf), "round": 1, "points": .string(first),
                        "explanationRequested": false, "reason": "Đối chiếu minh chứng",
                    ],
                    by: appraiser
                )
            }
        }
        try await act(
            .appraisalRecorded,
            [
                "unit": "U-KHA", "leaf": "3.1", "round": 1, "points": "0.75", "explanationRequested": false,
                "reason": "Ghi lại theo bản tự đánh giá đã điều chỉnh",
            ],
            by: "appraiser/U-TOT"
        )
        for leaf in ["2.1", "2.2"] {
            try await act(
                .notApplicableDecided,
                ["unit": "U-NA", "leaf": .string(leaf), "decision": "confirmed", "reason": "Xác nhận không phát sinh"],
                by: "appraiser/U-TOT"
            )
        }
        // Bonuses over the cap (1.5), one accepted with fewer points; deductions over theirs (6).
        let claims: [(unit: String, item: String, points: String, by: String, accepted: String)] = [
            ("U-TOT", "B1", "1", "officer/U-TOT", "0.75"), ("U-TOT", "B2", "1", "officer/U-TOT", "1"),
            ("U-ZERO", "D1", "3", "secretariat", "3"), ("U-ZERO", "D2", "4", "secretariat", "4"),
        ]
        for claim in claims {
            let entry = try await act(
                .bonusPenaltyClaimed,
                [
                    "unit": .string(claim.unit), "item": .string(claim.item), "points": .string(claim.points),
                    "reason": "Theo hồ sơ của đơn vị", "evidence": [],
                ],
                by: claim.by
            )
            try await act(
                .bonusPenaltyDecided,
                [
                    "claim": .string(entry.statement.statementID.text), "decision": "accepted",
                    "points": .string(claim.accepted), "reason": "Hội đồng xem xét",
                ],
                by: claim.unit == "U-TOT" ? "appraiser/U-ZERO" : "appraiser/U-TOT"
            )
        }
        on("2024-04-02")
        try await act(.preliminaryResultsIssued, [:], by: "secretariat")
    }

    private mutating func publication() async throws {
        on("2024-05-10")
        try await act(.councilReportApproved, ["number": "02/BC-HĐTĐ", "date": "2024-05-10"], by: "chair")
        on("2024-05-20")
        try await act(
            .resultsPublished,
            ["decision": ["number": "300/QĐ-UBND", "date": "2024-05-20"], "checkpoint": try await checkpoint()],
            by: "authority"
        )
        // Two corrections: U-KHA's 1.1 lowered by mistake, then set back by a second decision.
        for (number, supersedes, points) in [
            ("310/QĐ-UBND", "300/QĐ-UBND", "0"), ("320/QĐ-UBND", "310/QĐ-UBND", "0.25"),
        ] {
            on(number == "310/QĐ-UBND" ? "2024-06-03" : "2024-06-17")
            try await act(
                .resultsCorrected,
                [
                    "decision": [
                        "number": .string(number),
                        "date": .string(number == "310/QĐ-UBND" ? "2024-06-03" : "2024-06-17"),
                    ],
                    "supersedes": .string(supersedes), "reason": "Đối chiếu lại hồ sơ tiêu chí 1.1",
                    "changes": [
                        ["unit": "U-KHA", "leaf": "1.1", "points": .string(points), "reason": "Theo hồ sơ gốc"]
                    ],
                    "checkpoint": try await checkpoint(),
                ],
                by: "authority"
            )
        }
    }

    private func checkpoint() async throws -> JSONValue {
        let size = try await store.size()
        return ["size": .int(Int64(size)), "root": .string(try await store.root(size: size).base64)]
    }

    /// Domains: 1 (1.1 of max 0.25, 1.2, the survey leaf 1.3), 2 (two leaves an N/A excludes), 3.
    static let criteria: [String: JSONValue] = {
        func leaf(
            _ code: String,
            _ max: String,
            _ method: String = "TĐG",
            na: String = "notAllowed",
            allowed: [String]? = nil
        ) -> JSONValue {
            var leaf: [String: JSONValue] = [
                "code": .string(code), "name": .string("Tiêu chí \(code)"), "maxPoints": .string(max),
                "method": .string(method), "rule": "Theo hướng dẫn chấm điểm",
                "evidence": method == "TĐG" ? ["Báo cáo của đơn vị"] : [], "notApplicable": .string(na),
            ]
            if let allowed { leaf["allowedValues"] = .array(allowed.map { .string($0) }) }
            return .object(leaf)
        }
        return [
            "set": "edge", "version": 1, "name": "Bộ tiêu chí thử các quy tắc biên",
            "decision": ["number": "1/QĐ-UBND", "date": "2024-01-05"], "totalPoints": "10",
            "domains": [
                [
                    "code": "1", "name": "Chỉ đạo, điều hành",
                    "children": [
                        leaf("1.1", "0.25", allowed: ["0", "0.25"]), leaf("1.2", "2", allowed: ["0", "1", "2"]),
                        leaf("1.3", "3", "XHH"),
                    ],
                ],
                [
                    "code": "2", "name": "Thể chế",
                    "children": [leaf("2.1", "1", na: "excludeFromMax"), leaf("2.2", "1", na: "excludeFromMax")],
                ],
                ["code": "3", "name": "Thủ tục hành chính", "children": [leaf("3.1", "2.75")]],
            ],
            "adjustments": [
                "bonusCap": "1.5", "deductionCap": "6",
                "items": [
                    ["code": "B1", "name": "Sáng kiến", "kind": "bonus", "maxPoints": "1"],
                    ["code": "B2", "name": "Khen thưởng", "kind": "bonus", "maxPoints": "1"],
                    ["code": "D1", "name": "Chậm nộp báo cáo tự đánh giá", "kind": "deduction", "maxPoints": "4"],
                    ["code": "D2", "name": "Vi phạm kỷ luật", "kind": "deduction", "maxPoints": "4"],
                ],
            ],
        ]
    }()

    static let plan: [String: JSONValue] = [
        "plan": ["number": "5/KH-UBND", "date": "2024-01-06"], "year": 2024,
        "groups": [["code": "edge", "name": "Đơn vị thử", "criteria": ["set": "edge", "version": 1]]],
        "deadlines": [
            "selfScoringOpens": "2024-02-01T01:00:00.000Z", "selfScoringCloses": "2024-03-01T10:00:00.000Z",
            "round1Closes": "2024-04-01T10:00:00.000Z", "explanationCloses": "2024-04-15T10:00:00.000Z",
            "round2Closes": "2024-05-01T10:00:00.000Z",
        ],
        "respondentGroups": [["code": "citizens", "name": "Người dân"], ["code": "leaders", "name": "Lãnh đạo"]],
        "surveyQuotas": [
            ["group": "edge", "respondentGroup": "citizens", "formsPerUnit": 4, "weight": 2],
            ["group": "edge", "respondentGroup": "leaders", "formsPerUnit": 2, "weight": 1],
        ],
        "scoring": [
            "publicationDecimals": 2,
            "bands": [
                ["name": "Tốt", "minimumIndex": "90"], ["name": "Khá", "minimumIndex": "80"],
                ["name": "Trung bình", "minimumIndex": "50"], ["name": "Yếu", "minimumIndex": "0"],
            ],
            "tieBreak": ["surveyTotal", "appraisedTotal"], "minimumSampleShare": "0.5", "formValidShare": "0.7",
            "notApplicableDefault": "excludeFromMax", "lateSubmissionDeduction": "0.5", "lateSubmissionItem": "D1",
            "clockSkewSeconds": 300,
        ],
    ]

    static let template: [String: JSONValue] = [
        "template": "edge-2024", "version": 1, "group": "edge", "name": "Phiếu khảo sát thử",
        "options": [
            ["code": "A", "label": "Rất tốt", "coefficient": "1"], ["code": "B", "label": "Tốt", "coefficient": "0.5"],
            ["code": "C", "label": "Kém", "coefficient": "0"],
            ["code": "E", "label": "Không biết", "coefficient": .null],
        ],
        "questions": [
            ["code": "Q1", "text": "Công khai thủ tục?", "leaf": "1.3", "respondentGroups": ["citizens"]],
            ["code": "Q2", "text": "Thái độ phục vụ?", "leaf": "1.3", "respondentGroups": ["citizens"]],
            ["code": "Q3", "text": "Chỉ đạo điều hành?", "leaf": "1.3", "respondentGroups": ["leaders"]],
        ],
    ]

    /// The time of the last act.
    package var now: Timestamp { clock }
}
