import Appraisal
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Projections
import Testing

/// A campaign can never get stuck (events/PROCESS.md §6): every deadline can pass with work
/// undone, and a recorded decision still leads it to publication: amending the plan's
/// deadlines, reopening a round for named units or leaves, withdrawing a unit (dissolved,
/// merged), renaming one. And a resolved objection is final.
@Suite("A campaign that cannot get stuck")
struct StuckCampaignTests {
    let report: [String: JSONValue] = ["number": "05/BC-HĐTĐ", "date": "2024-03-10"]
    let decision: JSONValue = ["number": "120/QĐ-UBND", "date": "2024-01-15"]

    func expectRefusal(
        _ violation: LedgerViolation?,
        _ reason: AppraisalRefusal.Reason,
        mentioning words: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            violation?.reason == reason.rawValue,
            "\(violation?.description ?? "admitted")",
            sourceLocation: sourceLocation
        )
        for word in words {
            #expect(
                violation?.message.contains(word) == true,
                "\(violation?.message ?? "") lacks \(word)",
                sourceLocation: sourceLocation
            )
        }
    }

    func amendment(_ deadlines: [String: Int64], _ given: CampaignFixture) -> [String: JSONValue] {
        [
            "decision": decision, "reason": "Gia hạn theo đề nghị của Hội đồng",
            "deadlines": .object(deadlines.mapValues { .string(given.day($0).text) }),
        ]
    }

    /// Given every deadline of the plan past with STP never appraised, when the authority amends
    /// the deadlines and the chair reopens round 2 for what is left, then the campaign reaches
    /// its publication.
    @Test func everyDeadlinePastDueStillLeadsToPublication() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        // Day 50: every deadline (the last, round 2, on day 40) has passed; nothing was appraised.
        expectRefusal(
            await given.refusal(
                .appraisalRecorded,
                given.appraisal("1.1", "1"),
                by: given.appraiser,
                at: given.day(50)
            ),
            .roundClosed,
            mentioning: ["round 1 closed", "amend the deadline or reopen the round"]
        )
        expectRefusal(
            await given.refusal(.councilReportApproved, report, by: given.chair, at: given.day(50)),
            .preliminaryMissing
        )
        try await given.act(
            .campaignAmended,
            amendment(["round1Closes": 55, "explanationCloses": 60, "round2Closes": 65], given),
            by: given.authority,
            at: given.day(50)
        )
        #expect(try await given.state().campaign?.deadlines.round1Closes == given.day(55))
        try await given.act(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(51))
        try await given.act(.appraisalRecorded, given.appraisal("1.2", "1.5"), by: given.reviewer, at: given.day(51))
        try await given.act(.appraisalRecorded, given.appraisal("2.1", "4"), by: given.reviewer, at: given.day(51))
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(56))
        // Day 70: round 2 closed again on day 65 with STP still unappraised: the council report
        // waits for it, and the round is closed.
        expectRefusal(
            await given.refusal(.councilReportApproved, report, by: given.chair, at: given.day(70)),
            .leavesNotAppraised,
            mentioning: ["STP 1.1"]
        )
        let stp = given.appraisal("1.1", "0", round: 2, reason: "Không tự đánh giá", unit: "STP")
        expectRefusal(
            await given.refusal(.appraisalRecorded, stp, by: given.otherAppraiser, at: given.day(70)),
            .roundClosed,
            mentioning: ["round 2 closed"]
        )
        try await given.act(
            .roundReopened,
            [
                "round": 2, "units": ["STP"], "until": .string(given.day(72).text),
                "reason": "Hoàn thành thẩm định Sở Tư pháp",
            ],
            by: given.chair,
            at: given.day(70)
        )
        for leaf in ["1.1", "1.2", "2.1"] {
            let payload = given.appraisal(leaf, "0", round: 2, reason: "Không tự đánh giá", unit: "STP")
            try await given.act(.appraisalRecorded, payload, by: given.otherAppraiser, at: given.day(71))
        }
        // The reopening names STP only, and ends on day 72.
        expectRefusal(
            await given.refusal(
                .appraisalRecorded,
                given.appraisal("1.1", "0.5", round: 2, reason: "Xem lại"),
                by: given.appraiser,
                at: given.day(71)
            ),
            .roundClosed
        )
        try await given.act(.councilReportApproved, report, by: given.chair, at: given.day(73))
        try await given.act(
            .resultsPublished,
            [
                "decision": ["number": "99/QĐ-UBND", "date": "2024-04-01"],
                "checkpoint": try await given.currentCheckpoint(),
            ],
            by: given.authority,
            at: given.day(74)
        )
        let state = try await given.state()
        #expect(state.publishedAtSize != nil)
        #expect(state.amendments.map(\.number) == ["120/QĐ-UBND"])
    }

    @Test func anAmendmentMovesDeadlinesOnlyToTimesStillToComeAndKeepsTheirOrder() async throws {
        let given = CampaignFixture()
        try await given.opened()
        expectRefusal(
            await given.refusal(
                .campaignAmended,
                amendment(["round2Closes": 4], given),
                by: given.authority,
                at: given.day(5)
            ),
            .deadlinePassed,
            mentioning: ["round2Closes", "has passed"]
        )
        expectRefusal(
            await given.refusal(
                .campaignAmended,
                amendment(["selfScoringOpens": 8], given),
                by: given.secretariat,
                at: given.day(5)
            ),
            .deadlinePassed,
            mentioning: ["selfScoringOpens"]
        )
        expectRefusal(
            await given.refusal(
                .campaignAmended,
                amendment(["selfScoringCloses": 25], given),
                by: given.secretariat,
                at: given.day(5)
            ),
            .deadlinesOutOfOrder,
            mentioning: ["round1Closes would not come after selfScoringCloses"]
        )
        #expect(
            await given.refusal(
                .campaignAmended,
                amendment(["selfScoringCloses": 15], given),
                by: given.officer,
                at: given.day(5)
            )?
            .code == .role
        )
        // Extending self-scoring: a submission before the new deadline is not late.
        try await given.act(
            .campaignAmended,
            amendment(["selfScoringCloses": 15], given),
            by: given.secretariat,
            at: given.day(5)
        )
        try await given.act(
            .selfScoreRecorded,
            given.score("1.1", "1", note: "Đã ban hành"),
            by: given.officer,
            at: given.day(12)
        )
        let state = try await given.state()
        #expect(state.campaign?.deadlines.selfScoringCloses == given.day(15))
    }

    @Test func aRoundIsReopenedOnlyInItsPhaseAndOnlyForWhatItNames() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        func reopening(
            _ round: Int,
            until: Int64,
            leaves: [String]? = nil,
            units: [String] = ["SNV"]
        ) -> [String: JSONValue] {
            var payload: [String: JSONValue] = [
                "round": .int(Int64(round)), "units": .array(units.map { .string($0) }),
                "until": .string(given.day(until).text), "reason": "Thẩm định bổ sung",
            ]
            if let leaves { payload["leaves"] = .array(leaves.map { .string($0) }) }
            return payload
        }
        expectRefusal(
            await given.refusal(.roundReopened, reopening(2, until: 30), by: given.chair, at: given.day(12)),
            .tooEarly
        )
        expectRefusal(
            await given.refusal(.roundReopened, reopening(1, until: 11), by: given.chair, at: given.day(12)),
            .payload,
            mentioning: ["until"]
        )
        expectRefusal(
            await given.refusal(
                .roundReopened,
                reopening(1, until: 30, leaves: ["1.3"]),
                by: given.chair,
                at: given.day(12)
            ),
            .surveyLeaf
        )
        expectRefusal(
            await given.refusal(
                .roundReopened,
                reopening(1, until: 30, units: ["KHONGCO"]),
                by: given.chair,
                at: given.day(12)
            ),
            .unitUnknown
        )
        // Day 22: round 1 closed on day 20; reopened for SNV's leaf 1.1 only.
        try await given.act(
            .roundReopened,
            reopening(1, until: 25, leaves: ["1.1"]),
            by: given.secretariat,
            at: given.day(22)
        )
        try await given.act(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(23))
        expectRefusal(
            await given.refusal(
                .appraisalRecorded,
                given.appraisal("1.2", "1.5"),
                by: given.reviewer,
                at: given.day(23)
            ),
            .roundClosed
        )
        expectRefusal(
            await given.refusal(
                .appraisalRecorded,
                given.appraisal("1.1", "0.5", reason: "Xem lại"),
                by: given.appraiser,
                at: given.day(26)
            ),
            .roundClosed
        )
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(27))
        expectRefusal(
            await given.refusal(.roundReopened, reopening(1, until: 35), by: given.chair, at: given.day(28)),
            .preliminaryIssued
        )
    }

    /// Given STP dissolved and merged into SNV, then nothing more is done for STP, it leaves the
    /// standings and the council report's checks, and its entries stay.
    @Test func aWithdrawnUnitLeavesTheCampaignAndNothingMoreIsDoneForIt() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        let withdrawal: [String: JSONValue] = [
            "unit": "STP", "decision": decision, "reason": "Sáp nhập vào Sở Nội vụ", "successor": "SNV",
        ]
        expectRefusal(
            await given.refusal(
                .unitWithdrawn,
                ["unit": "STP", "decision": decision, "reason": "Tự sáp nhập", "successor": "STP"],
                by: given.authority,
                at: given.day(11)
            ),
            .payload,
            mentioning: ["successor"]
        )
        try await given.act(.unitWithdrawn, withdrawal, by: given.authority, at: given.day(11))
        expectRefusal(
            await given.refusal(.unitWithdrawn, withdrawal, by: given.authority, at: given.day(11)),
            .unitWithdrawn,
            mentioning: ["120/QĐ-UBND", "SNV"]
        )
        expectRefusal(
            await given.refusal(
                .appraisalRecorded,
                given.appraisal("1.1", "0", reason: "Không tự đánh giá", unit: "STP"),
                by: given.otherAppraiser,
                at: given.day(12)
            ),
            .unitWithdrawn
        )
        try await given.act(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(12))
        try await given.act(.appraisalRecorded, given.appraisal("1.2", "1.5"), by: given.reviewer, at: given.day(12))
        try await given.act(.appraisalRecorded, given.appraisal("2.1", "4"), by: given.reviewer, at: given.day(12))
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(21))
        try await given.act(.councilReportApproved, report, by: given.chair, at: given.day(35))
        let state = try await given.state()
        #expect(Scorecard.all(state).map(\.unit.text) == ["SNV"])
        #expect(state.units[UnitCode("STP")!]?.withdrawal?.successor == UnitCode("SNV"))
        let progress = try #require(CampaignProgress(state, keys: [:]))
        #expect(progress.groups.first?.units == 1)
        #expect(progress.json["units"]?.arrayValue?.first { $0["unit"] == "STP" }?["withdrawn"]?["successor"] == "SNV")
    }

    @Test func aKeyIsNeverRegisteredForAWithdrawnUnit() async throws {
        let given = CampaignFixture()
        try await given.opened()
        try await given.act(
            .unitWithdrawn,
            ["unit": "STP", "decision": decision, "reason": "Giải thể"],
            by: given.secretariat,
            at: given.day(2)
        )
        let newcomer = SigningKey.generate(name: "Cán bộ mới")
        let registration = given.sign(
            ControlEvent.keyRegisteredType,
            [
                "keyId": .string(newcomer.keyID.hex), "name": "Cán bộ mới",
                "publicKey": .string(newcomer.publicKey.text),
                "role": "unitOfficer", "unit": "STP",
            ],
            by: given.authority,
            at: given.day(3)
        )
        do {
            _ = try await given.store.append([registration], recordedAt: given.day(3))
            Issue.record("a key was registered for a withdrawn unit")
        } catch {
            expectRefusal(error.violation, .unitWithdrawn, mentioning: ["STP", "120/QĐ-UBND"])
        }
    }

    @Test func aRenamedUnitKeepsItsFormerNames() async throws {
        let given = CampaignFixture()
        try await given.opened()
        let renaming: [String: JSONValue] = ["unit": "SNV", "name": "Sở Nội vụ tỉnh Vĩnh Long", "decision": decision]
        try await given.act(.unitRenamed, renaming, by: given.secretariat, at: given.day(2))
        expectRefusal(
            await given.refusal(.unitRenamed, renaming, by: given.secretariat, at: given.day(3)),
            .nameUnchanged
        )
        let unit = try #require(try await given.state().units[UnitCode("SNV")!])
        #expect(unit.name == "Sở Nội vụ tỉnh Vĩnh Long")
        #expect(unit.formerNames == ["Sở Nội vụ"])
    }

    /// projections/RULES.md §3: the council's resolution of an objection fixes the leaf's points;
    /// a later round 2 cites it and agrees, or is refused.
    @Test func aResolvedObjectionIsFinal() async throws {
        let given = CampaignFixture()
        let filed = try await given.objected()
        let objection = filed.statement.statementID.text
        try await given.act(
            .objectionResolved,
            ["objection": .string(objection), "outcome": "accepted", "points": "1", "reasoning": "Có căn cứ"],
            by: given.chair,
            at: given.day(33)
        )
        var silent = given.appraisal("1.1", "0.5", round: 2, reason: "Giữ nguyên")
        expectRefusal(
            await given.refusal(.appraisalRecorded, silent, by: given.appraiser, at: given.day(34)),
            .objectionSettled,
            mentioning: ["1 points", objection]
        )
        silent["objection"] = .string(objection)
        expectRefusal(
            await given.refusal(.appraisalRecorded, silent, by: given.appraiser, at: given.day(34)),
            .objectionSettled
        )
        var agreeing = given.appraisal("1.1", "1", round: 2)
        agreeing["objection"] = .string(objection)
        try await given.act(.appraisalRecorded, agreeing, by: given.appraiser, at: given.day(34))
        #expect(
            try await given.state().finalAppraised[.init(unit: UnitCode("SNV")!, leaf: CriterionCode("1.1")!)]
                == Points(1)
        )
        var otherLeaf = given.appraisal("1.2", "1.5", round: 2)
        otherLeaf["objection"] = .string(objection)
        expectRefusal(
            await given.refusal(.appraisalRecorded, otherLeaf, by: given.reviewer, at: given.day(34)),
            .objectionUnknown,
            mentioning: ["leaf 1.2"]
        )
    }

    /// A round 2 recorded between an objection and its resolution: the resolution is judged
    /// against the points then in force, and stays final.
    @Test func aResolutionAfterARound2IsJudgedAgainstIt() async throws {
        let given = CampaignFixture()
        let filed = try await given.objected()
        try await given.act(
            .appraisalRecorded,
            given.appraisal("1.1", "0", round: 2, reason: "Không đạt"),
            by: given.appraiser,
            at: given.day(25)
        )
        try await given.act(
            .objectionResolved,
            ["objection": .string(filed.statement.statementID.text), "outcome": "rejected", "reasoning": "Giữ nguyên"],
            by: given.chair,
            at: given.day(33)
        )
        let state = try await given.state()
        let key = AppraisalState.LeafKey(unit: UnitCode("SNV")!, leaf: CriterionCode("1.1")!)
        #expect(state.objections[filed.statement.statementID]?.resolution?.before == .zero)
        #expect(state.settled[key]?.points == .zero)
        #expect(state.finalAppraised[key] == .zero)
        let dispute = Reports.disputes(state)["disputes"]?.arrayValue?.first
        #expect(dispute?["contested"] == "0.5")
    }
}
