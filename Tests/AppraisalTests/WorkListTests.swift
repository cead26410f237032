import Appraisal
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Projections
import Testing

/// What waits on each person (`parledger todo`): given the campaign so far, then each role's items.
@Suite("Work lists")
struct WorkListTests {
    func items(_ given: CampaignFixture, _ key: SigningKey, at day: Int64) async throws -> [WorkList.Item] {
        let fold = try await LedgerFold.load(given.store)
        let record = try #require(fold.ledger.keys[key.keyID])
        return WorkList(for: record, in: fold.state, at: given.day(day)).items
    }

    @Test func aUnitSeesItsLeavesToScoreThenItsLeaderTheSubmission() async throws {
        let given = CampaignFixture()
        try await given.opened()
        let officer = try await items(given, given.officer, at: 2)
        #expect(officer.map(\.kind) == [.selfScore])
        #expect(officer.first?.leaves.map(\.text) == ["1.1", "1.2", "2.1"])
        #expect(officer.first?.due == given.day(10))
        #expect(try await items(given, given.leader, at: 2).isEmpty)
        // Five days before the deadline it is announced to everyone.
        #expect(try await items(given, given.leader, at: 5).map(\.kind) == [.deadline])
        try await given.act(
            .selfScoreRecorded,
            given.score("1.1", "1", note: "Có"),
            by: given.officer,
            at: given.day(6)
        )
        try await given.act(
            .selfScoreRecorded,
            given.score("1.2", "1", note: "Có"),
            by: given.officer,
            at: given.day(6)
        )
        try await given.act(
            .notApplicableClaimed,
            ["unit": "SNV", "leaf": "2.1", "reason": "Không có"],
            by: given.officer,
            at: given.day(6)
        )
        #expect(try await items(given, given.officer, at: 6).map(\.kind) == [.deadline])
        #expect(try await items(given, given.leader, at: 6).map(\.kind) == [.submit, .deadline])
        // The N/A claim waits on the appraisers of its domain and the chair, never on SNV's own appraiser.
        let claim = try await items(given, given.reviewer, at: 6).first { $0.kind == .decideNotApplicable }
        #expect(claim?.unit?.text == "SNV" && claim?.leaves.map(\.text) == ["2.1"] && claim?.reference != nil)
        #expect(try await items(given, given.chair, at: 6).contains { $0.kind == .decideNotApplicable })
        #expect(try await !items(given, given.otherAppraiser, at: 6).contains { $0.kind == .decideNotApplicable })
        #expect(try await !items(given, given.appraiser, at: 6).contains { $0.kind == .decideNotApplicable })
    }

    @Test func appraisersSeeWhatIsLeftInTheirDomainsAndTheSecretariatWhoIsLate() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        // Day 12: SNV submitted; STP never did and its self-scoring closed on day 10.
        let appraiser = try await items(given, given.appraiser, at: 12)
        #expect(appraiser.map(\.kind) == [.appraise])
        #expect(appraiser.first?.unit?.text == "SNV" && appraiser.first?.leaves.map(\.text) == ["1.1", "1.2"])
        let other = try await items(given, given.otherAppraiser, at: 12)
        #expect(other.first?.unit?.text == "STP" && other.first?.leaves.map(\.text) == ["1.1", "1.2", "2.1"])
        let secretariat = try await items(given, given.secretariat, at: 12)
        #expect(secretariat.map(\.kind) == [.notSubmitted, .issuePreliminary])
        #expect(secretariat.first?.unit?.text == "STP")
        try await given.act(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(12))
        #expect(try await items(given, given.appraiser, at: 12).first?.leaves.map(\.text) == ["1.2"])
    }

    @Test func theChairSeesOpenObjectionsAndTheUnitTheExplanationsAsked() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        var asked = given.appraisal("1.2", "1", reason: "Thiếu văn bản")
        asked["explanationRequested"] = true
        try await given.act(.appraisalRecorded, asked, by: given.reviewer, at: given.day(12))
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(21))
        let explain = try await items(given, given.officer, at: 22).first { $0.kind == .explain }
        #expect(explain?.leaves.map(\.text) == ["1.2"] && explain?.due == given.day(30))
        try await given.act(
            .explanationSubmitted,
            ["unit": "SNV", "leaf": "1.2", "text": "Đã ban hành", "evidence": []],
            by: given.officer,
            at: given.day(22)
        )
        #expect(try await !items(given, given.officer, at: 22).contains { $0.kind == .explain })
        let filed = try await given.act(
            .objectionFiled,
            ["unit": "SNV", "leaf": "1.2", "text": "Đề nghị xem xét", "evidence": []],
            by: given.officer,
            at: given.day(23)
        )
        let chair = try await items(given, given.chair, at: 23).filter { $0.kind == .resolveObjection }
        #expect(chair.map(\.reference) == [filed.statement.statementID])
        #expect(try await !items(given, given.chair, at: 23).contains { $0.kind == .approveReport })
        #expect(try await items(given, given.officer, at: 23).allSatisfy { $0.kind == .deadline })
    }

    /// A bonus claim waits, with its id, on the chair and on the appraisers of the unit (not its
    /// own); once decided it is gone. With everything appraised and decided after preliminary
    /// results, the chair is asked to approve the council's report, then the authority to publish;
    /// after publication nothing waits on anyone.
    @Test func claimsWaitOnTheirDecidersThenTheReportOnTheChairThenPublicationOnTheAuthority() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        let bonus = try await given.act(
            .bonusPenaltyClaimed,
            ["unit": "SNV", "item": "B1", "points": "1", "reason": "Sáng kiến cấp tỉnh", "evidence": []],
            by: given.officer,
            at: given.day(3)
        )
        for decider in [given.chair, given.appraiser, given.reviewer] {
            let claim = try await items(given, decider, at: 12).first { $0.kind == .decideClaim }
            #expect(claim?.unit?.text == "SNV" && claim?.reference == bonus.statement.statementID, "\(decider.name)")
        }
        #expect(try await !items(given, given.otherAppraiser, at: 12).contains { $0.kind == .decideClaim })
        #expect(try await !items(given, given.officer, at: 12).contains { $0.kind == .decideClaim })
        try await given.act(
            .bonusPenaltyDecided,
            [
                "claim": .string(bonus.statement.statementID.text), "decision": "accepted", "points": "1",
                "reason": "Đúng quy định",
            ],
            by: given.chair,
            at: given.day(13)
        )
        #expect(try await !items(given, given.chair, at: 13).contains { $0.kind == .decideClaim })

        try await given.act(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(13))
        try await given.appraisedTheRest(at: given.day(13))
        #expect(try await !items(given, given.chair, at: 20).contains { $0.kind == .approveReport })
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(21))
        try await given.appraisedTheRest(round: 2, at: given.day(31))
        try await given.act(
            .appraisalRecorded,
            given.appraisal("1.1", "1", round: 2),
            by: given.appraiser,
            at: given.day(31)
        )
        // Besides the deadlines of the next days, announced to everyone:
        func acts(_ key: SigningKey, at day: Int64) async throws -> [WorkList.Item.Kind] {
            try await items(given, key, at: day).map(\.kind).filter { $0 != .deadline }
        }
        let chair = try await acts(given.chair, at: 35)
        let authority = try await acts(given.authority, at: 35)
        #expect(chair == [.approveReport])
        #expect(authority.isEmpty)
        try await given.act(
            .councilReportApproved,
            ["number": "05/BC-HĐTĐ", "date": "2024-03-10"],
            by: given.chair,
            at: given.day(36)
        )
        let approved = try await acts(given.chair, at: 36)
        let publish = try await acts(given.authority, at: 36)
        #expect(approved.isEmpty)
        #expect(publish == [.publish])
        try await given.act(
            .resultsPublished,
            [
                "decision": ["number": "99/QĐ-UBND", "date": "2024-04-01"],
                "checkpoint": try await given.currentCheckpoint(),
            ],
            by: given.authority,
            at: given.day(42)
        )
        for key in [given.authority, given.chair, given.officer, given.secretariat] {
            #expect(try await items(given, key, at: 42).isEmpty, "\(key.name)")
        }
    }

    /// A survey clerk sees, per unit, how many forms the plan's quotas still expect; recorded forms
    /// count, invalidated ones do not.
    @Test func aClerkSeesTheFormsStillMissingPerUnit() async throws {
        let given = CampaignFixture()
        try await given.opened()
        let before = try await items(given, given.clerk, at: 2).filter { $0.kind == .keyForms }
        #expect(before.map { $0.unit?.text } == ["SNV", "STP"])
        let planned = try #require(before.first?.forms)
        let form: (String, String) -> JSONValue = { serial, group in
            ["serial": .string(serial), "unit": "SNV", "respondentGroup": .string(group), "answers": [:]]
        }
        try await given.act(
            .surveyBatchRecorded,
            [
                "template": ["template": "department-2023", "version": 1],
                "forms": [form("C-1", "citizens"), form("C-2", "citizens")],
            ],
            by: given.clerk,
            at: given.day(3)
        )
        let after = try await items(given, given.clerk, at: 3).first { $0.unit?.text == "SNV" }
        #expect(after?.forms == planned - 2)
        try await given.act(
            .surveyFormInvalidated,
            ["serial": "C-1", "reason": "Phiếu trùng"],
            by: given.secretariat,
            at: given.day(4)
        )
        #expect(try await items(given, given.clerk, at: 4).first { $0.unit?.text == "SNV" }?.forms == planned - 1)
        #expect(try await !items(given, given.officer, at: 4).contains { $0.kind == .keyForms })
    }
}
