import Appraisal
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Projections
import Testing

/// The documents of the process attach to the acts that record them (a unit's report on its
/// submission, the council's report, the decisions), and a correcting decision reaches survey
/// criteria through their forms.
@Suite("Process documents and corrections of survey criteria")
struct ProcessDocumentsTests {
    /// A `documents` member with one file put in the store first.
    func documents(_ given: CampaignFixture, _ text: String, number: String) async throws -> JSONValue {
        let blob = try await given.store.putBlob(Array(text.utf8))
        return [
            [
                "blob": [
                    "sha256": .string(blob.sha256.hex), "size": .int(blob.size), "name": "bao-cao.pdf",
                    "mediaType": "application/pdf",
                ],
                "document": ["number": .string(number), "issuer": "Sở Nội vụ", "issuedOn": "2023-10-12"],
            ]
        ]
    }

    @Test func aSubmissionAndTheCouncilsReportRecordTheirDocuments() async throws {
        let given = CampaignFixture()
        try await given.opened()
        try await given.attachEvidence("1.1", at: given.day(2))
        try await given.act(.selfScoreRecorded, given.score("1.1", "1"), by: given.officer, at: given.day(2))
        try await given.act(
            .selfScoreRecorded,
            given.score("1.2", "1.5", note: "Có"),
            by: given.officer,
            at: given.day(2)
        )
        try await given.act(
            .selfScoreRecorded,
            given.score("2.1", "4", note: "Có"),
            by: given.officer,
            at: given.day(2)
        )
        let report = try await documents(given, "Báo cáo tự đánh giá năm 2023 của Sở Nội vụ", number: "215/BC-SNV")
        try await given.act(
            .selfAssessmentSubmitted,
            ["unit": "SNV", "documents": report],
            by: given.leader,
            at: given.day(3)
        )
        // A file that is not in the store is refused like missing evidence.
        let missing: JSONValue = [
            [
                "blob": [
                    "sha256": .string(String(repeating: "ab", count: 32)), "size": 10, "name": "x.pdf",
                    "mediaType": "application/pdf",
                ],
                "document": ["number": "1/BC", "issuer": "Hội đồng", "issuedOn": "2024-03-10"],
            ]
        ]
        let refused = await given.refusal(
            .councilReportApproved,
            ["number": "05/BC-HĐTĐ", "date": "2024-03-10", "documents": missing],
            by: given.chair,
            at: given.day(4)
        )
        #expect(
            refused?.code == .payload && refused?.message.contains("has not been uploaded") == true,
            "\(refused?.description ?? "admitted")"
        )
        let state = try await given.state()
        #expect(state.processDocuments.count == 1)
        #expect(state.processDocuments.first?.unit == UnitCode("SNV"))
        #expect(state.processDocuments.first?.documents.first?.document.number == "215/BC-SNV")
        let histories: [LeafHistory] = []
        let scorecard = try #require(Reports.scorecard(state, unit: UnitCode("SNV")!, histories: histories))
        #expect(scorecard["reportDocuments"]?.arrayValue?.first?["document"]?["number"] == "215/BC-SNV")
    }

    /// Given a published campaign whose survey forms count, when a correcting decision invalidates
    /// one and restores another, then the survey criterion is recomputed.
    @Test func aCorrectionInvalidatesAndRestoresSurveyForms() async throws {
        let given = CampaignFixture()
        let filed = try await given.objected()
        let batch: [String: JSONValue] = [
            "template": ["template": "department-2023", "version": 1],
            "forms": [
                ["serial": "KS-1", "unit": "SNV", "respondentGroup": "citizens", "answers": ["Q1": "A"]],
                ["serial": "KS-2", "unit": "SNV", "respondentGroup": "citizens", "answers": ["Q1": "B"]],
                ["serial": "KS-3", "unit": "SNV", "respondentGroup": "leaders", "answers": ["Q2": "A"]],
            ],
        ]
        try await given.act(.surveyBatchRecorded, batch, by: given.clerk, at: given.day(23))
        try await given.act(
            .surveyFormInvalidated,
            ["serial": "KS-3", "reason": "Ghi sai"],
            by: given.secretariat,
            at: given.day(24)
        )
        try await given.act(
            .objectionResolved,
            ["objection": .string(filed.statement.statementID.text), "outcome": "rejected", "reasoning": "Giữ nguyên"],
            by: given.chair,
            at: given.day(33)
        )
        try await given.appraisedTheRest(round: 2, at: given.day(34))
        try await given.published()
        let before = try #require(Scorecard.of(UnitCode("SNV")!, in: try await given.state()))
        func correction(_ forms: JSONValue) async throws -> [String: JSONValue] {
            [
                "decision": ["number": "120/QĐ-UBND", "date": "2024-05-02"], "supersedes": "99/QĐ-UBND",
                "reason": "Đối chiếu lại phiếu khảo sát", "changes": [], "forms": forms,
                "checkpoint": try await given.currentCheckpoint(),
            ]
        }
        let unknown = await given.refusal(
            .resultsCorrected,
            try await correction([["serial": "KS-9", "status": "invalidated", "reason": "Không có"]]),
            by: given.authority,
            at: given.day(50)
        )
        #expect(unknown?.reason == "form-unknown")
        let unchanged = await given.refusal(
            .resultsCorrected,
            try await correction([["serial": "KS-1", "status": "valid", "reason": "Đúng"]]),
            by: given.authority,
            at: given.day(50)
        )
        #expect(unchanged?.reason == "form-unknown" && unchanged?.message.contains("already valid") == true)
        try await given.act(
            .resultsCorrected,
            try await correction([
                ["serial": "KS-2", "status": "invalidated", "reason": "Phiếu trùng"],
                ["serial": "KS-3", "status": "valid", "reason": "Đơn vị ghi đúng"],
            ]),
            by: given.authority,
            at: given.day(50)
        )
        let state = try await given.state()
        #expect(state.forms["KS-2"]?.invalidated == true)
        #expect(state.forms["KS-3"]?.invalidated == false)
        let after = try #require(Scorecard.of(UnitCode("SNV")!, in: state))
        #expect(after.surveyTotal != before.surveyTotal)
    }
}
