import Appraisal
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Projections
import Testing

/// One ledger year after year (events/PROCESS.md §8): the next campaign opens once the last is
/// published; keys, units (with their names and withdrawals) and criteria sets carry over; every
/// read can still name an earlier campaign.
@Suite("Campaigns year after year on one ledger")
struct CampaignYearsTests {
    /// The 2023 campaign of the fixture, published on day 42.
    func published2023() async throws -> CampaignFixture {
        let given = CampaignFixture()
        let filed = try await given.objected()
        try await given.act(
            .objectionResolved,
            ["objection": .string(filed.statement.statementID.text), "outcome": "rejected", "reasoning": "Giữ nguyên"],
            by: given.chair,
            at: given.day(33)
        )
        try await given.appraisedTheRest(round: 2, at: given.day(34))
        try await given.published()
        return given
    }

    /// The fixture's plan for `year`, its deadlines from day `start` on.
    func plan(_ given: CampaignFixture, year: Int, start: Int64, groups: JSONValue? = nil) -> [String: JSONValue] {
        var plan = given.campaign
        plan["year"] = .int(Int64(year))
        plan["plan"] = ["number": "12/KH-UBND", "date": "2024-02-01"]
        plan["deadlines"] = [
            "selfScoringOpens": .string(given.day(start).text),
            "selfScoringCloses": .string(given.day(start + 10).text),
            "round1Closes": .string(given.day(start + 20).text),
            "explanationCloses": .string(given.day(start + 30).text),
            "round2Closes": .string(given.day(start + 40).text),
        ]
        if let groups { plan["groups"] = groups }
        return plan
    }

    @Test func theNextCampaignOpensAfterPublicationWithTheUnitsAndKeysCarriedOver() async throws {
        let given = try await published2023()
        let before = try await given.state()
        try await given.act(.campaignOpened, plan(given, year: 2024, start: 50), by: given.authority, at: given.day(45))
        // The same officer's key acts for SNV in 2024, with no enrolment or registration again.
        try await given.act(
            .selfScoreRecorded,
            given.score("1.2", "2", note: "Năm 2024"),
            by: given.officer,
            at: given.day(51)
        )
        let store = given.store
        let fold = try await LedgerFold.load(store)
        #expect(fold.campaignYears == [2023, 2024])
        #expect(fold.state.campaign?.year == 2024)
        #expect(fold.state.units.keys.map(\.text).sorted() == ["SNV", "STP"])
        #expect(fold.state.selfScores.count == 1)
        #expect(fold.state.decisions.isEmpty)
        let earlier = try #require(fold.campaign(year: 2023))
        #expect(earlier.state.decisions == before.decisions)
        #expect(earlier.state.selfScores.count == before.selfScores.count)
        #expect(earlier.viewedCampaign == 2023)
        #expect(fold.campaign(year: 2022) == nil)
        // A report of the earlier campaign names its year beside the prefix it came from.
        let standings = Reports.sealed(Reports.standings(earlier.state), fold: earlier, asOf: nil)
        #expect(standings["ledger"]?["campaign"] == 2023)
        #expect(Reports.sealed(Reports.standings(fold.state), fold: fold, asOf: nil)["ledger"]?["campaign"] == nil)
    }

    /// Given STP merged into SNV in 2024, then SNV's years carry STP's as its lineage, and the
    /// diff between the campaigns shows where STP stood.
    @Test func aUnitsYearsFollowTheUnitsMergedIntoIt() async throws {
        let given = try await published2023()
        try await given.act(.campaignOpened, plan(given, year: 2024, start: 50), by: given.authority, at: given.day(45))
        try await given.act(
            .unitWithdrawn,
            [
                "unit": "STP", "decision": ["number": "7/NQ-HĐND", "date": "2024-03-01"],
                "reason": "Sáp nhập vào Sở Nội vụ",
                "successor": "SNV",
            ],
            by: given.authority,
            at: given.day(46)
        )
        let fold = try await LedgerFold.load(given.store)
        let trend = Reports.trend(fold.campaigns)
        #expect(trend["years"] == [2023, 2024])
        let units = trend["units"]?.arrayValue ?? []
        #expect(units.compactMap { $0["unit"]?.stringValue } == ["SNV"])
        let snv = try #require(units.first)
        #expect(snv["years"]?.arrayValue?.compactMap { $0["year"]?.intValue } == [2023, 2024])
        #expect(snv["years"]?.arrayValue?.first?["published"] == true)
        #expect(snv["years"]?.arrayValue?.last?["published"] == false)
        let stp = try #require(snv["mergedFrom"]?.arrayValue?.first)
        #expect(stp["unit"] == "STP" && stp["withdrawn"] == "7/NQ-HĐND")
        #expect(stp["years"]?.arrayValue?.compactMap { $0["year"]?.intValue } == [2023])

        let earlier = try #require(fold.campaign(year: 2023))
        let moves = Reports.rankMoves(from: earlier.state, to: fold.state)
        #expect(moves.map(\.unit.text) == ["SNV"])
        #expect(moves.first?.mergedFrom.map(\.unit.text) == ["STP"])
        let diff = Reports.diff(from: earlier, fromText: "2023", to: fold)
        #expect(diff["changes"]?.arrayValue?.first?["mergedFrom"]?.arrayValue?.first?["unit"] == "STP")
    }

    @Test func aCampaignOpensOnlyAfterTheLastIsPublishedAndForALaterYear() async throws {
        let given = CampaignFixture()
        try await given.objected()
        let refused = await given.refusal(
            .campaignOpened,
            plan(given, year: 2024, start: 50),
            by: given.authority,
            at: given.day(30)
        )
        #expect(refused?.reason == "campaign-exists")
        #expect(refused?.message.contains("once its results are published") == true)

        let published = try await published2023()
        let sameYear = await published.refusal(
            .campaignOpened,
            plan(published, year: 2023, start: 50),
            by: published.authority,
            at: published.day(45)
        )
        #expect(sameYear?.reason == "campaign-exists")
        #expect(sameYear?.message.contains("does not come after") == true)
        // A plan without the units' group cannot carry them over.
        let otherGroups: JSONValue = [
            ["code": "commune", "name": "Xã", "criteria": ["set": "department", "version": 1]]
        ]
        var communes = plan(published, year: 2024, start: 50, groups: otherGroups)
        communes["surveyQuotas"] = [["group": "commune", "respondentGroup": "citizens", "formsPerUnit": 2]]
        let lost = await published.refusal(.campaignOpened, communes, by: published.authority, at: published.day(45))
        #expect(lost?.reason == "group-unknown")
        #expect(lost?.message.contains("withdraw it") == true)
        // Before the next campaign opens, acts other than a correction are still refused.
        let late = await published.refusal(
            .selfScoreRecorded,
            published.score("1.2", "2", note: "Năm sau"),
            by: published.officer,
            at: published.day(45)
        )
        #expect(late?.reason == "results-published")
    }
}
