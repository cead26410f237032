import Appraisal
import Foundation
import HTTPTypes
import LedgerCore
import LedgerTestSupport
import Projections
import Testing

/// Reads of a ledger holding two campaigns, over HTTP: `campaign=YEAR`, the units' years, and the
/// diff between two campaigns.
@Suite struct ServerCampaignYearsTests {
    /// The fixture's 2023 campaign published, then its 2024 campaign opened with STP merged into SNV.
    func twoCampaigns(_ harness: APIHarness) async throws {
        let given = harness.fixture
        let filed = try await given.objected()
        try await given.act(
            .objectionResolved,
            ["objection": .string(filed.statement.statementID.text), "outcome": "rejected", "reasoning": "Giữ nguyên"],
            by: given.chair,
            at: given.day(33)
        )
        try await given.appraisedTheRest(round: 2, at: given.day(34))
        try await given.published()
        var plan = given.campaign
        plan["year"] = 2024
        plan["deadlines"] = [
            "selfScoringOpens": .string(given.day(50).text), "selfScoringCloses": .string(given.day(60).text),
            "round1Closes": .string(given.day(70).text), "explanationCloses": .string(given.day(80).text),
            "round2Closes": .string(given.day(90).text),
        ]
        try await given.act(.campaignOpened, plan, by: given.authority, at: given.day(45))
        try await given.act(
            .unitWithdrawn,
            [
                "unit": "STP", "decision": ["number": "7/NQ-HĐND", "date": "2024-03-01"], "reason": "Sáp nhập",
                "successor": "SNV",
            ],
            by: given.authority,
            at: given.day(46)
        )
        harness.clock.set(given.day(47))
    }

    @Test func readsNameTheCampaignTheyReport() async throws {
        let harness = APIHarness()
        try await twoCampaigns(harness)
        try await harness.run(readingAs: harness.fixture.secretariat) { api in
            let earlier = try await api.get("/api/standings?campaign=2023")
            #expect(earlier.status == .ok)
            #expect(earlier.json["ledger"]?["campaign"] == 2023)
            let units = earlier.json["groups"]?.arrayValue?.first?["standings"]?.arrayValue?.compactMap {
                $0["unit"]?.stringValue
            }
            #expect(units?.sorted() == ["SNV", "STP"], "\(earlier.text.prefix(300))")
            let latest = try await api.get("/api/standings")
            #expect(latest.json["ledger"]?["campaign"] == nil)
            let progress = try await api.get("/api/campaign?campaign=2023")
            #expect(progress.json["year"] == 2023)
            let unknown = try await api.get("/api/standings?campaign=2022")
            #expect(unknown.status == .notFound && unknown.code == "campaign-unknown")
            let bad = try await api.get("/api/standings?campaign=next")
            #expect(bad.status == .badRequest && bad.json["field"] == "campaign")
            let document = try await api.get("/api/reports/results?campaign=2023")
            #expect(document.status == .badRequest && document.json["field"] == "campaign")

            let trend = try await api.get("/api/trend?unit=SNV")
            #expect(trend.status == .ok)
            #expect(trend.json["units"]?.arrayValue?.first?["mergedFrom"]?.arrayValue?.first?["unit"] == "STP")
            let retired = try await api.get("/api/trend?unit=STP")
            #expect(retired.status == .badRequest && retired.code == "unit-unknown")
            #expect(retired.text.contains("merged into SNV"), "\(retired.text)")
            let diff = try await api.get("/api/diff?from=2023&to=2024")
            #expect(diff.status == .ok, "\(diff.text.prefix(300))")
            #expect(diff.json["from"] == "2023")
            #expect(diff.json["changes"]?.arrayValue?.first?["mergedFrom"]?.arrayValue?.first?["unit"] == "STP")
        }
    }
}
