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
}
