import Appraisal
import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Projections
import Testing

/// Every scoring rule of projections/RULES.md, on a small campaign: 1.1 (TĐG, 1), 1.2 (TĐG, 2, N/A by the
/// campaign's default: excluded from max), 1.3 (XHH, 2), 2.1 (TĐG, 5, N/A awards max); 10 points.
@Suite("Scoring rules (projections/RULES.md)")
struct ScoringRulesTests {
    func scorecard(_ given: CampaignFixture, _ unit: String = "SNV") async throws -> Scorecard {
        let fold = try await LedgerFold.load(given.store)
        let code = try #require(UnitCode(unit))
        return try #require(Scorecard.of(code, in: fold.state))
    }

    func leaf(_ card: Scorecard, _ code: String) throws -> Scorecard.Leaf {
        try #require(card.leaves.first { $0.code.text == code })
    }

    func forms(
        _ given: CampaignFixture,
        _ forms: [(serial: String, group: String, answers: [String: String])],
        unit: String = "SNV"
    )
        -> [String: JSONValue]
    {
        [
            "template": ["template": "department-2023", "version": 1],
            "forms": .array(
                forms.map { form in
                    [
                        "serial": .string(form.serial), "unit": .string(unit), "respondentGroup": .string(form.group),
                        "answers": .object(form.answers.mapValues { .string($0) }),
                    ]
                }
            ),
        ]
    }

    @Test func notApplicableExcludesFromMaxOrAwardsMaxByPolicy() async throws {
        let given = CampaignFixture()
        try await given.opened()
        for leaf in ["1.2", "2.1"] {
            try await given.act(
                .notApplicableClaimed,
                ["unit": "SNV", "leaf": .string(leaf), "reason": "Không phát sinh"],
                by: given.officer,
                at: given.day(2)
            )
        }
        var card = try await scorecard(given)
        #expect(card.effectiveMax == Ratio(10))  // claims count only once confirmed
        for leaf in ["1.2", "2.1"] {
            try await given.act(
                .notApplicableDecided,
                ["unit": "SNV", "leaf": .string(leaf), "decision": "confirmed", "reason": "Đúng"],
                by: given.chair,
                at: given.day(3)
            )
        }
        card = try await scorecard(given)
        #expect(try leaf(card, "1.2").countedMax == .zero)
        #expect(try leaf(card, "1.2").points == .zero)
        #expect(try leaf(card, "2.1").points == Ratio(5))
        #expect(try leaf(card, "2.1").countedMax == Points(5))
        #expect(card.effectiveMax == Ratio(8))
    }

    @Test func anInsufficientGroupIsDroppedAndTheOthersReweighted() async throws {
        let given = CampaignFixture()
        try await given.opened()
        // Citizens: A (1) and B (0.6): mean 0.8. Leaders: none yet (quota 2, half is 1).
        try await given.act(
            .surveyBatchRecorded,
            forms(given, [("C-1", "citizens", ["Q1": "A"]), ("C-2", "citizens", ["Q1": "B"])]),
            by: given.clerk,
            at: given.day(5)
        )
        var survey = try #require(try leaf(try await scorecard(given), "1.3").survey)
        #expect(survey.groups.map(\.qualifies) == [true, false])
        #expect(survey.score == Ratio(16, 10))  // 2 × 0.8
        // One leader's form (A) qualifies the group: 2 × (0.8 + 1) / 2.
        try await given.act(
            .surveyBatchRecorded,
            forms(given, [("L-1", "leaders", ["Q2": "A"])]),
            by: given.clerk,
            at: given.day(6)
        )
        survey = try #require(try leaf(try await scorecard(given), "1.3").survey)
        #expect(survey.score == Ratio(18, 10))
        // A blank form (0 of 1 questions, under 70%) is not valid; STP has no valid form at all.
        try await given.act(
            .surveyBatchRecorded,
            forms(given, [("S-1", "citizens", [:]), ("S-2", "leaders", [:])], unit: "STP"),
            by: given.clerk,
            at: given.day(6)
        )
        let stp = try #require(try leaf(try await scorecard(given, "STP"), "1.3").survey)
        #expect(stp.insufficient)
        #expect(stp.score == .zero)
        #expect(stp.groups.map(\.validForms) == [0, 0])
    }

    /// "Equal weights unless configured": citizens weigh 3, leaders 1.
    @Test func configuredWeightsWeighTheGroupMeans() async throws {
        let given = CampaignFixture(surveyWeights: ["citizens": 3])
        try await given.opened()
        try await given.act(
            .surveyBatchRecorded,
            forms(
                given,
                [("C-1", "citizens", ["Q1": "A"]), ("C-2", "citizens", ["Q1": "B"]), ("L-1", "leaders", ["Q2": "B"])]
            ),
            by: given.clerk,
            at: given.day(5)
        )
        let survey = try #require(try leaf(try await scorecard(given), "1.3").survey)
        #expect(survey.groups.map(\.weight) == [3, 1])
        #expect(survey.score == Ratio(15, 10))  // 2 × (3 × 0.8 + 1 × 0.6) / 4; equal weights give 1.4
    }

    @Test func anInvalidatedFormLeavesTheSample() async throws {
        let given = CampaignFixture()
        try await given.opened()
        try await given.act(
            .surveyBatchRecorded,
            forms(given, [("C-1", "citizens", ["Q1": "A"])]),
            by: given.clerk,
            at: given.day(5)
        )
        #expect(try leaf(try await scorecard(given), "1.3").survey?.insufficient == false)
        try await given.act(
            .surveyFormInvalidated,
            ["serial": "C-1", "reason": "Trùng phiếu"],
            by: given.secretariat,
            at: given.day(6)
        )
        #expect(try leaf(try await scorecard(given), "1.3").survey?.insufficient == true)
    }

    @Test func bonusesAndDeductionsAreCapped() async throws {
        let given = CampaignFixture()
        try await given.opened()
        var claims: [StatementID] = []
        for (item, count) in [("B1", 3), ("D1", 4)] {
            for _ in 0..<count {
                let entry = try await given.act(
                    .bonusPenaltyClaimed,
                    ["unit": "SNV", "item": .string(item), "points": "1", "reason": "Có căn cứ", "evidence": []],
                    by: given.secretariat,
                    at: given.day(5)
                )
                claims.append(entry.statement.statementID)
            }
        }
        for claim in claims {
            try await given.act(
                .bonusPenaltyDecided,
                ["claim": .string(claim.text), "decision": "accepted", "points": "1", "reason": "Đúng"],
                by: given.chair,
                at: given.day(6)
            )
        }
        let card = try await scorecard(given)
        #expect(card.bonus == Ratio(2))  // 3 accepted, cap 2
        #expect(card.deductions == Ratio(3))  // 4 accepted, cap 3
        #expect(card.total == .zero)  // clamped at 0
    }

    @Test func anUnappraisedLeafCountsItsSelfScoreFlaggedProvisional() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        var card = try await scorecard(given)
        #expect(try leaf(card, "1.2").provisional)
        #expect(try leaf(card, "1.2").points == Ratio(15, 10))
        #expect(card.provisional)
        try await given.act(
            .appraisalRecorded,
            given.appraisal("1.2", "1", reason: "Thiếu báo cáo quý IV"),
            by: given.appraiser,
            at: given.day(12)
        )
        card = try await scorecard(given)
        #expect(try !leaf(card, "1.2").provisional)
        #expect(try leaf(card, "1.2").points == Ratio(1))
    }

    @Test func aCorrectionChangesTheScoreButNotThePublishedStandings() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        try await given.act(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(12))
        try await given.appraisedTheRest()
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(21))
        try await given.published()
        let publishedSize = try await given.store.size()
        let published = try await scorecard(given)
        try await given.act(
            .resultsCorrected,
            [
                "decision": ["number": "120/QĐ-UBND", "date": "2024-05-02"], "supersedes": "99/QĐ-UBND",
                "reason": "Sai sót",
                "changes": [["unit": "SNV", "leaf": "1.2", "points": "1", "reason": "Đối chiếu lại"]],
                "checkpoint": try await given.currentCheckpoint(),
            ],
            by: given.authority,
            at: given.day(50)
        )
        let corrected = try await scorecard(given)
        #expect(try leaf(corrected, "1.2").corrected)
        #expect(try leaf(corrected, "1.2").points == Ratio(1))
        #expect(corrected.total == published.total - Ratio(1, 2))
        // The published standings are the ledger prefix the publication names: unchanged.
        let atPublication = try await LedgerFold.load(given.store, upTo: .size(publishedSize))
        let snv = try #require(UnitCode("SNV"))
        let republished = try #require(Scorecard.of(snv, in: atPublication.state))
        #expect(republished.total == published.total)
    }

    // MARK: Ranking and bands, on the sample plan's four bands

    static let plan: CampaignPlan? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("events/samples/campaign-2023.json")
        guard let data = FileManager.default.contents(atPath: url.path),
            let payload = try? CanonicalJSON.parse([UInt8](data))
        else { return nil }
        return try? CampaignPlan(payload: payload)
    }()

    @Test(arguments: [
        ("90", "Tốt"), ("89.995", "Tốt"), ("89.994", "Khá"), ("80", "Khá"), ("79.995", "Khá"), ("79.994", "Trung bình"),
        ("70", "Trung bình"),
        ("69.99", "Yếu"), ("0", "Yếu"),
    ])
    func bandEdgesAreJudgedAtPublicationPrecision(index: String, band: String) throws {
        let plan = try #require(Self.plan)
        let value = try #require(Points(canonical: index))
        #expect(Scorecard.band(of: Ratio(value), plan: plan) == band)
    }

    @Test func equalIndexesShareARankCompetitionStyle() {
        let keys: [[Ratio]] = [[Ratio(90)], [Ratio(8555, 100)], [Ratio(8555, 100)], [Ratio(80)]]
        #expect(Standing.competitionRanks(keys) == [1, 2, 2, 4])
        // Compared at publication precision: 85.554 and 85.546 both publish as 85.55.
        let close = [Ratio(85554, 1000), Ratio(85546, 1000), Ratio(90)].map { [$0.rounded(2)] }
        #expect(Standing.competitionRanks(close) == [2, 2, 1])
    }

    @Test func theTieBreakListSeparatesEqualIndexes() {
        // Equal index; the first tie-break (survey total) differs, so the ranks do too.
        let keys: [[Ratio]] = [[Ratio(85), Ratio(20)], [Ratio(85), Ratio(21)], [Ratio(85), Ratio(21)]]
        #expect(Standing.competitionRanks(keys) == [3, 1, 1])
    }
}
