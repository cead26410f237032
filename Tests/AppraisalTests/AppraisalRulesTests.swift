import Appraisal
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// Every rule of events/CATALOG.md refusing bad input, through a store with the appraisal rules:
/// given the campaign so far, when an act, then its refusal (reason and message) or its entry.
@Suite("Appraisal rules")
struct AppraisalRulesTests {
    func expectRefusal(
        _ violation: LedgerViolation?,
        _ reason: AppraisalRefusal.Reason,
        mentioning words: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(violation?.code == .rule, sourceLocation: sourceLocation)
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

    // MARK: Who may act

    @Test func anOfficerScoresOnlyTheirOwnUnit() async throws {
        let given = CampaignFixture()
        try await given.opened()
        let refusal = await given.refusal(
            .selfScoreRecorded,
            given.score("1.2", "1", note: "ghi chú"),
            by: given.otherOfficer,
            at: given.day(2)
        )
        expectRefusal(refusal, .notYourUnit, mentioning: ["STP", "SNV"])
        #expect(
            await given.refusal(
                .selfScoreRecorded,
                given.score("1.2", "1", note: "ghi chú"),
                by: given.officer,
                at: given.day(2)
            )
                == nil
        )
    }

    @Test func anAppraiserWorksOnlyInAssignedDomains() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        let refusal = await given.refusal(
            .appraisalRecorded,
            given.appraisal("2.1", "4"),
            by: given.appraiser,
            at: given.day(12)
        )
        expectRefusal(refusal, .notAssigned, mentioning: ["2.1", "domain 2"])
        #expect(
            await given.refusal(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(12))
                == nil
        )
    }

    @Test func anAppraiserNeverAppraisesTheirOwnUnit() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        // The deadline has passed, so STP (which never submitted) is open to appraisal, but not by its own appraiser.
        let refusal = await given.refusal(
            .appraisalRecorded,
            given.appraisal("1.1", "0", reason: "Không có kế hoạch", unit: "STP"),
            by: given.appraiser,
            at: given.day(12)
        )
        expectRefusal(refusal, .ownUnit, mentioning: ["STP"])
    }

    @Test func onlyTheSurveyClerkOrSecretariatRecordsSurveyBatches() async throws {
        let given = CampaignFixture()
        try await given.opened()
        let batch: [String: JSONValue] = [
            "template": ["template": "department-2023", "version": 1],
            "forms": [
                ["serial": "2023-SNV-001", "unit": "SNV", "respondentGroup": "citizens", "answers": ["Q1": "A"]]
            ],
        ]
        let refusal = await given.refusal(.surveyBatchRecorded, batch, by: given.officer, at: given.day(5))
        #expect(refusal?.code == .role)
        #expect(await given.refusal(.surveyBatchRecorded, batch, by: given.clerk, at: given.day(5)) == nil)
    }

    @Test func onlyTheAuthorityPublishes() async throws {
        let given = CampaignFixture()
        try await given.opened()
        let refusal = await given.refusal(
            .resultsPublished,
            ["decision": ["number": "99/QĐ-UBND", "date": "2024-04-01"], "checkpoint": ["size": 1, "root": "AAAA"]],
            by: given.secretariat,
            at: given.day(5)
        )
        #expect(refusal?.code == .role)
    }

    // MARK: When

    @Test func selfScoringClosesAtTheDeadlineAndOpensOnTime() async throws {
        let given = CampaignFixture()
        try await given.opened()
        let payload = given.score("1.2", "1", note: "ghi chú")
        expectRefusal(
            await given.refusal(.selfScoreRecorded, payload, by: given.officer, at: given.day(0, hours: 12)),
            .tooEarly
        )
        expectRefusal(
            await given.refusal(.selfScoreRecorded, payload, by: given.officer, at: given.day(11)),
            .selfScoringClosed,
            mentioning: ["SNV", "reopen"]
        )
    }

    @Test func submittingLocksSelfScoringUntilTheSecretariatReopens() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        let payload = given.score("1.2", "2", note: "bổ sung")
        expectRefusal(
            await given.refusal(.selfScoreRecorded, payload, by: given.officer, at: given.day(4)),
            .alreadySubmitted
        )
        try await given.act(
            .selfAssessmentReopened,
            ["unit": "SNV", "reason": "Bổ sung minh chứng", "until": .string(given.day(12).text)],
            by: given.secretariat,
            at: given.day(11)
        )
        #expect(await given.refusal(.selfScoreRecorded, payload, by: given.officer, at: given.day(11, hours: 2)) == nil)
    }

    @Test func submissionNeedsEveryLeafScoredOrClaimedNotApplicable() async throws {
        let given = CampaignFixture()
        try await given.opened()
        try await given.act(
            .selfScoreRecorded,
            given.score("1.2", "1", note: "ghi chú"),
            by: given.officer,
            at: given.day(2)
        )
        expectRefusal(
            await given.refusal(.selfAssessmentSubmitted, ["unit": "SNV"], by: given.leader, at: given.day(3)),
            .incomplete,
            mentioning: ["1.1", "2.1"]
        )
    }

    @Test func objectionsAreAcceptedOnlyInTheExplanationWindow() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        try await given.act(
            .appraisalRecorded,
            given.appraisal("1.1", "0.5", reason: "Trễ hạn"),
            by: given.appraiser,
            at: given.day(12)
        )
        let objection: [String: JSONValue] = [
            "unit": "SNV", "leaf": "1.1", "text": "Kế hoạch ban hành đúng hạn", "evidence": [],
        ]
        expectRefusal(
            await given.refusal(.objectionFiled, objection, by: given.officer, at: given.day(13)),
            .preliminaryMissing,
            mentioning: ["preliminary"]
        )
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(21))
        #expect(await given.refusal(.objectionFiled, objection, by: given.officer, at: given.day(22)) == nil)
        expectRefusal(
            await given.refusal(.objectionFiled, objection, by: given.officer, at: given.day(23)),
            .objectionOpen
        )
        let late: [String: JSONValue] = ["unit": "SNV", "leaf": "1.1", "text": "Giải trình muộn", "evidence": []]
        expectRefusal(
            await given.refusal(.explanationSubmitted, late, by: given.officer, at: given.day(31)),
            .explanationWindowClosed
        )
    }

    @Test func afterPublicationOnlyACorrectingDecisionChangesAnything() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        try await given.act(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(12))
        try await given.appraisedTheRest()
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(21))
        try await given.act(
            .councilReportApproved,
            ["number": "05/BC-HĐTĐ", "date": "2024-03-10"],
            by: given.chair,
            at: given.day(41)
        )
        let size = try await given.store.size()
        expectRefusal(
            await given.refusal(
                .resultsPublished,
                [
                    "decision": ["number": "99/QĐ-UBND", "date": "2024-04-01"],
                    "checkpoint": ["size": .int(Int64(size)), "root": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
                ],
                by: given.authority,
                at: given.day(42)
            ),
            .checkpointMismatch
        )
        try await given.act(
            .resultsPublished,
            [
                "decision": ["number": "99/QĐ-UBND", "date": "2024-04-01"],
                "checkpoint": try await given.currentCheckpoint(),
            ],
            by: given.authority,
            at: given.day(42)
        )
        expectRefusal(
            await given.refusal(
                .appraisalRecorded,
                given.appraisal("1.1", "1", round: 2),
                by: given.appraiser,
                at: given.day(43)
            ),
            .resultsPublished,
            mentioning: ["99/QĐ-UBND"]
        )
        let correction: [String: JSONValue] = [
            "decision": ["number": "120/QĐ-UBND", "date": "2024-05-02"], "supersedes": "99/QĐ-UBND",
            "reason": "Sai sót khi tổng hợp",
            "changes": [["unit": "SNV", "leaf": "1.1", "points": "0.5", "reason": "Trễ hạn"]],
            "checkpoint": try await given.currentCheckpoint(),
        ]
        #expect(await given.refusal(.resultsCorrected, correction, by: given.authority, at: given.day(44)) == nil)
    }

    // MARK: Points

    @Test func pointsLieWithinZeroAndMaxAndAmongTheAllowedValues() async throws {
        let given = CampaignFixture()
        try await given.opened()
        try await given.attachEvidence("1.1", at: given.day(2))
        expectRefusal(
            await given.refusal(.selfScoreRecorded, given.score("1.1", "-0.5"), by: given.officer, at: given.day(2)),
            .payload,
            mentioning: ["must not be negative"]
        )
        for points in ["0.7", "1.5"] {
            expectRefusal(
                await given.refusal(
                    .selfScoreRecorded,
                    given.score("1.1", points),
                    by: given.officer,
                    at: given.day(2)
                ),
                .pointsOutOfRange,
                mentioning: ["1.1", "one of 0, 0.5, 1"]
            )
        }
        expectRefusal(
            await given.refusal(
                .selfScoreRecorded,
                given.score("1.2", "2.25", note: "x"),
                by: given.officer,
                at: given.day(2)
            ),
            .pointsOutOfRange,
            mentioning: ["0 to 2"]
        )
    }

    @Test func pointsAreExactDecimalStringsNeverNumbers() async throws {
        let given = CampaignFixture()
        try await given.opened()
        var payload = given.score("1.2", "1", note: "ghi chú")
        payload["points"] = .int(1)
        expectRefusal(
            await given.refusal(.selfScoreRecorded, payload, by: given.officer, at: given.day(2)),
            .payload,
            mentioning: ["payload.points"]
        )
        expectRefusal(
            await given.refusal(
                .selfScoreRecorded,
                given.score("1.2", "1.50", note: "x"),
                by: given.officer,
                at: given.day(2)
            ),
            .payload,
            mentioning: ["decimal string"]
        )
    }

    @Test func surveyLeavesAreNeverSelfScored() async throws {
        let given = CampaignFixture()
        try await given.opened()
        expectRefusal(
            await given.refusal(
                .selfScoreRecorded,
                given.score("1.3", "2", note: "x"),
                by: given.officer,
                at: given.day(2)
            ),
            .surveyLeaf,
            mentioning: ["1.3", "XHH"]
        )
    }

    // MARK: Justification

    @Test func everySelfScoreHasEvidenceOrAnExplanation() async throws {
        let given = CampaignFixture()
        try await given.opened()
        expectRefusal(
            await given.refusal(.selfScoreRecorded, given.score("1.1", "1"), by: given.officer, at: given.day(2)),
            .justificationMissing,
            mentioning: ["SNV", "1.1"]
        )
        let evidence = try await given.attachEvidence("1.1", at: given.day(2))
        #expect(
            await given.refusal(.selfScoreRecorded, given.score("1.1", "1"), by: given.officer, at: given.day(2)) == nil
        )
        // Withdrawing the only evidence would leave the score unjustified.
        expectRefusal(
            await given.refusal(
                .evidenceWithdrawn,
                ["unit": "SNV", "leaf": "1.1", "evidence": .string(evidence.text), "reason": "Nhầm tệp"],
                by: given.officer,
                at: given.day(3)
            ),
            .justificationMissing
        )
    }

    @Test func anAppraisalThatDiffersFromTheSelfScoreHasAReason() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        expectRefusal(
            await given.refusal(
                .appraisalRecorded,
                given.appraisal("1.1", "0.5"),
                by: given.appraiser,
                at: given.day(12)
            ),
            .reasonMissing,
            mentioning: ["0.5", "self-score 1"]
        )
        #expect(
            await given.refusal(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(12))
                == nil
        )
        #expect(
            await given.refusal(
                .appraisalRecorded,
                given.appraisal("1.2", "1", reason: "Thiếu báo cáo quý"),
                by: given.appraiser,
                at: given.day(12)
            )
                == nil
        )
    }

    @Test func anObjectionIsFiledOnlyOnAnAppraisedLeaf() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(21))
        expectRefusal(
            await given.refusal(
                .objectionFiled,
                ["unit": "SNV", "leaf": "1.2", "text": "Đề nghị xem lại", "evidence": []],
                by: given.officer,
                at: given.day(22)
            ),
            .leafNotAppraised,
            mentioning: ["1.2"]
        )
    }

    // MARK: Uniqueness

    @Test func aSurveyFormSerialIsUsedOncePerCampaign() async throws {
        let given = CampaignFixture()
        try await given.opened()
        func batch(_ serials: [String]) -> [String: JSONValue] {
            [
                "template": ["template": "department-2023", "version": 1],
                "forms": .array(
                    serials.map {
                        ["serial": .string($0), "unit": "SNV", "respondentGroup": "citizens", "answers": ["Q1": "B"]]
                    }
                ),
            ]
        }
        try await given.act(.surveyBatchRecorded, batch(["2023-SNV-001"]), by: given.clerk, at: given.day(5))
        expectRefusal(
            await given.refusal(
                .surveyBatchRecorded,
                batch(["2023-SNV-002", "2023-SNV-001"]),
                by: given.clerk,
                at: given.day(6)
            ),
            .serialReused,
            mentioning: ["form 2", "2023-SNV-001"]
        )
        expectRefusal(
            await given.refusal(
                .surveyBatchRecorded,
                batch(["2023-SNV-003", "2023-SNV-003"]),
                by: given.clerk,
                at: given.day(6)
            ),
            .serialReused
        )
    }

    // MARK: Time

    @Test func aStatementClaimingATimeFarFromTheLedgersClockIsRefused() async throws {
        let given = CampaignFixture()
        try await given.opened()
        let payload = given.score("1.2", "1", note: "ghi chú")
        expectRefusal(
            await given.refusal(
                .selfScoreRecorded,
                payload,
                by: given.officer,
                at: given.day(2),
                claimed: given.day(2).adding(milliseconds: -600_000)
            ),
            .clockSkew,
            mentioning: ["300 seconds"]
        )
        #expect(
            await given.refusal(
                .selfScoreRecorded,
                payload,
                by: given.officer,
                at: given.day(2),
                claimed: given.day(2).adding(milliseconds: -60_000)
            )
                == nil
        )
    }

    // MARK: Configuration and payloads

    @Test func aCampaignNeedsItsCriteriaSetsAndOpensOnce() async throws {
        let given = CampaignFixture()
        try await given.opened()
        expectRefusal(
            await given.refusal(.campaignOpened, given.campaign, by: given.authority, at: given.day(1)),
            .campaignExists
        )
        var set = given.criteriaSet
        set["totalPoints"] = "11"
        expectRefusal(
            await given.refusal(.criteriaSetPublished, set, by: given.secretariat, at: given.day(1)),
            .payload,
            mentioning: ["add up to 10"]
        )
    }

    @Test func unknownMembersAreRefused() async throws {
        let given = CampaignFixture()
        try await given.opened()
        var payload = given.score("1.2", "1", note: "ghi chú")
        payload["bonus"] = "1"
        expectRefusal(
            await given.refusal(.selfScoreRecorded, payload, by: given.officer, at: given.day(2)),
            .payload,
            mentioning: ["unexpected member \"bonus\""]
        )
    }

    @Test func notApplicableOnlyWhereTheLeafAllowsIt() async throws {
        let given = CampaignFixture()
        try await given.opened()
        expectRefusal(
            await given.refusal(
                .notApplicableClaimed,
                ["unit": "SNV", "leaf": "1.1", "reason": "Không phát sinh"],
                by: given.officer,
                at: given.day(2)
            ),
            .notApplicableNotAllowed
        )
        #expect(
            await given.refusal(
                .notApplicableClaimed,
                ["unit": "SNV", "leaf": "1.2", "reason": "Không phát sinh"],
                by: given.officer,
                at: given.day(2)
            )
                == nil
        )
    }

    @Test func theCouncilReportWaitsForPendingObjections() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        try await given.act(
            .appraisalRecorded,
            given.appraisal("1.1", "0.5", reason: "Trễ hạn"),
            by: given.appraiser,
            at: given.day(12)
        )
        try await given.appraisedTheRest()
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(21))
        let filed = try await given.act(
            .objectionFiled,
            ["unit": "SNV", "leaf": "1.1", "text": "Ban hành đúng hạn", "evidence": []],
            by: given.officer,
            at: given.day(22)
        )
        let report: [String: JSONValue] = ["number": "05/BC-HĐTĐ", "date": "2024-03-10"]
        expectRefusal(
            await given.refusal(.councilReportApproved, report, by: given.chair, at: given.day(35)),
            .pendingMatters,
            mentioning: ["1 objection"]
        )
        expectRefusal(
            await given.refusal(
                .objectionResolved,
                [
                    "objection": .string(filed.statement.statementID.text), "outcome": "accepted", "points": "0.7",
                    "reasoning": "Có căn cứ",
                ],
                by: given.chair,
                at: given.day(33)
            ),
            .pointsOutOfRange
        )
        try await given.act(
            .objectionResolved,
            [
                "objection": .string(filed.statement.statementID.text), "outcome": "accepted", "points": "1",
                "reasoning": "Có căn cứ",
            ],
            by: given.chair,
            at: given.day(33)
        )
        #expect(await given.refusal(.councilReportApproved, report, by: given.chair, at: given.day(35)) == nil)
    }

    @Test func theCouncilReportWaitsUntilEveryLeafIsAppraised() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        try await given.act(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(12))
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(21))
        let report: [String: JSONValue] = ["number": "05/BC-HĐTĐ", "date": "2024-03-10"]
        expectRefusal(
            await given.refusal(.councilReportApproved, report, by: given.chair, at: given.day(22)),
            .leavesNotAppraised,
            mentioning: ["5 leaf", "SNV 1.2", "SNV 2.1", "STP 1.1"]
        )
        try await given.appraisedTheRest(round: 2, at: given.day(31))
        #expect(await given.refusal(.councilReportApproved, report, by: given.chair, at: given.day(35)) == nil)
    }

    /// events/PROCESS.md §5: a late submission (only possible under a reopening) proposes the campaign's
    /// late-submission deduction, which then waits for a decision like any claim.
    @Test func aLateSubmissionProposesTheLateDeduction() async throws {
        let given = CampaignFixture()
        try await given.opened()
        try await given.attachEvidence("1.1", at: given.day(2))
        try await given.act(.selfScoreRecorded, given.score("1.1", "1"), by: given.officer, at: given.day(2))
        try await given.act(
            .selfScoreRecorded,
            given.score("1.2", "1.5", note: "Không có văn bản riêng"),
            by: given.officer,
            at: given.day(2)
        )
        try await given.act(
            .selfScoreRecorded,
            given.score("2.1", "4", note: "Theo báo cáo tổng hợp"),
            by: given.officer,
            at: given.day(2)
        )
        try await given.act(
            .selfAssessmentReopened,
            ["unit": "SNV", "reason": "Đơn vị đề nghị", "until": .string(given.day(12).text)],
            by: given.secretariat,
            at: given.day(10, hours: 1)
        )
        let submission = try await given.act(
            .selfAssessmentSubmitted,
            ["unit": "SNV"],
            by: given.leader,
            at: given.day(11)
        )
        let state = try await given.state()
        let proposed = try #require(state.claims[submission.statement.statementID])
        #expect(proposed.pending && proposed.unit.text == "SNV")
        #expect(proposed.item.kind == .deduction && proposed.item.maxPoints == Points(1))
        try await given.act(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(12))
        try await given.appraisedTheRest()
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(21))
        let report: [String: JSONValue] = ["number": "05/BC-HĐTĐ", "date": "2024-03-10"]
        expectRefusal(
            await given.refusal(.councilReportApproved, report, by: given.chair, at: given.day(22)),
            .pendingMatters,
            mentioning: ["1 bonus/deduction claim"]
        )
        let decision: [String: JSONValue] = [
            "claim": .string(submission.statement.statementID.text), "decision": "accepted", "points": "1.5",
            "reason": "Nộp trễ hạn",
        ]
        expectRefusal(
            await given.refusal(.bonusPenaltyDecided, decision, by: given.appraiser, at: given.day(23)),
            .pointsOutOfRange
        )
        var withinAmount = decision
        withinAmount["points"] = "1"
        try await given.act(.bonusPenaltyDecided, withinAmount, by: given.appraiser, at: given.day(23))
        #expect(await given.refusal(.councilReportApproved, report, by: given.chair, at: given.day(35)) == nil)
    }

    /// projections/RULES.md §6: when the plan names the criteria's own late-submission item, the
    /// automatic claim is that item, and the same lateness is never claimed twice.
    @Test func aLateSubmissionIsDeductedOnceUnderTheItemThePlanNames() async throws {
        let given = CampaignFixture(lateSubmissionItem: "D1")
        try await given.submitted()
        let claim: [String: JSONValue] = [
            "unit": "SNV", "item": "D1", "points": "1", "reason": "Chậm nộp báo cáo tự đánh giá", "evidence": [],
        ]
        let manual = try await given.act(.bonusPenaltyClaimed, claim, by: given.secretariat, at: given.day(5))
        expectRefusal(
            await given.refusal(.bonusPenaltyClaimed, claim, by: given.secretariat, at: given.day(6)),
            .lateDeductionClaimed,
            mentioning: ["SNV", "D1"]
        )
        try await given.act(
            .bonusPenaltyDecided,
            ["claim": .string(manual.statement.statementID.text), "decision": "rejected", "reason": "Nộp đúng hạn"],
            by: given.appraiser,
            at: given.day(7)
        )
        // Rejected, it no longer stands: the item may be claimed again.
        #expect(await given.refusal(.bonusPenaltyClaimed, claim, by: given.secretariat, at: given.day(8)) == nil)

        let late = CampaignFixture(lateSubmissionItem: "D1")
        try await late.opened()
        try await late.act(
            .selfScoreRecorded,
            late.score("1.1", "1", note: "Đã ban hành"),
            by: late.officer,
            at: late.day(2)
        )
        try await late.act(
            .selfScoreRecorded,
            late.score("1.2", "1", note: "Đã ban hành"),
            by: late.officer,
            at: late.day(2)
        )
        try await late.act(
            .selfScoreRecorded,
            late.score("2.1", "4", note: "Đã ban hành"),
            by: late.officer,
            at: late.day(2)
        )
        try await late.act(
            .selfAssessmentReopened,
            ["unit": "SNV", "reason": "Đơn vị đề nghị", "until": .string(late.day(12).text)],
            by: late.secretariat,
            at: late.day(10, hours: 1)
        )
        let submission = try await late.act(
            .selfAssessmentSubmitted,
            ["unit": "SNV"],
            by: late.leader,
            at: late.day(11)
        )
        let proposed = try #require(try await late.state().claims[submission.statement.statementID])
        #expect(proposed.item.code.text == "D1" && proposed.item.name == "Báo cáo trễ hạn")
        var again = claim
        again["reason"] = "Chậm nộp"
        expectRefusal(
            await late.refusal(.bonusPenaltyClaimed, again, by: late.secretariat, at: late.day(12)),
            .lateDeductionClaimed
        )
    }

    @Test func aPlanNamesALateSubmissionItemThatEveryCriteriaSetDeducts() async throws {
        let given = CampaignFixture(lateSubmissionItem: "B1")
        let refusal: LedgerViolation?
        do {
            try await given.keysAndCampaign()
            refusal = nil
        } catch let error as StoreError {
            refusal = error.violation
        }
        expectRefusal(refusal, .itemUnknown, mentioning: ["lateSubmissionItem", "B1"])
    }

    @Test func aCorrectionNeverScoresALeafConfirmedNotApplicable() async throws {
        let given = CampaignFixture()
        try await given.opened()
        try await given.attachEvidence("1.1", at: given.day(2))
        try await given.act(.selfScoreRecorded, given.score("1.1", "1"), by: given.officer, at: given.day(2))
        try await given.act(
            .notApplicableClaimed,
            ["unit": "SNV", "leaf": "1.2", "reason": "Không phát sinh"],
            by: given.officer,
            at: given.day(2)
        )
        try await given.act(
            .selfScoreRecorded,
            given.score("2.1", "4", note: "Theo báo cáo tổng hợp"),
            by: given.officer,
            at: given.day(2)
        )
        try await given.act(.selfAssessmentSubmitted, ["unit": "SNV"], by: given.leader, at: given.day(3))
        try await given.act(
            .notApplicableDecided,
            ["unit": "SNV", "leaf": "1.2", "decision": "confirmed", "reason": "Xác nhận"],
            by: given.appraiser,
            at: given.day(12)
        )
        try await given.act(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(12))
        try await given.act(.appraisalRecorded, given.appraisal("2.1", "4"), by: given.reviewer, at: given.day(12))
        for leaf in ["1.1", "1.2", "2.1"] {
            try await given.act(
                .appraisalRecorded,
                given.appraisal(leaf, "0", reason: "Đơn vị không tự đánh giá", unit: "STP"),
                by: given.otherAppraiser,
                at: given.day(12)
            )
        }
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(21))
        try await given.published()
        let correction: [String: JSONValue] = [
            "decision": ["number": "120/QĐ-UBND", "date": "2024-05-02"], "supersedes": "99/QĐ-UBND",
            "reason": "Sai sót khi tổng hợp",
            "changes": [["unit": "SNV", "leaf": "1.2", "points": "1", "reason": "Có phát sinh"]],
            "checkpoint": try await given.currentCheckpoint(),
        ]
        expectRefusal(
            await given.refusal(.resultsCorrected, correction, by: given.authority, at: given.day(44)),
            .notApplicableConfirmed,
            mentioning: ["1.2"]
        )
    }

    // MARK: Keys

    /// Appends a key registration (or any control statement) at `time`; nil when admitted.
    func refusal(_ statement: SignedStatement, on given: CampaignFixture, at time: Timestamp) async -> LedgerViolation?
    {
        do {
            _ = try await given.store.append([statement], recordedAt: time)
            return nil
        } catch {
            return error.violation
        }
    }

    @Test func aUnitsKeyNamesAnEnrolledUnit() async throws {
        let given = CampaignFixture()
        try await given.keysAndCampaign()
        let sizeBefore = try await given.store.size()
        expectRefusal(
            await refusal(given.register(given.officer, .unitOfficer, unit: "KHONGCO"), on: given, at: given.start),
            .keyUnitNotEnrolled,
            mentioning: ["unit KHONGCO is not enrolled", "unitOfficer", "enrol the unit first"]
        )
        expectRefusal(
            await refusal(given.register(given.leader, .unitLeader, unit: "SNV"), on: given, at: given.start),
            .keyUnitNotEnrolled,
            mentioning: ["unit SNV", "unitLeader"]
        )
        #expect(try await given.store.size() == sizeBefore, "a refused registration writes nothing")

        try await given.act(
            .unitEnrolled,
            ["code": "SNV", "name": "Sở Nội vụ", "group": "department"],
            by: given.secretariat,
            at: given.start
        )
        // The refusals spent no key id: the same keys register for the enrolled unit.
        #expect(
            await refusal(given.register(given.officer, .unitOfficer, unit: "SNV"), on: given, at: given.start) == nil
        )
        #expect(
            await refusal(given.register(given.leader, .unitLeader, unit: "SNV"), on: given, at: given.start) == nil
        )
        expectRefusal(
            await refusal(given.register(given.otherOfficer, .unitOfficer, unit: "STP"), on: given, at: given.start),
            .keyUnitNotEnrolled,
            mentioning: ["unit STP"]
        )
    }

    @Test func anAppraisersUnitNeedNotBeEnrolled() async throws {
        // An appraiser's unit says whom they may not appraise; it may be a unit outside the
        // campaign, such as an inspectorate's working group.
        let given = CampaignFixture()
        try await given.keysAndCampaign()
        let appraiser = SigningKey(seed: Array(repeating: 42, count: 32), name: "Thanh tra tỉnh")!
        #expect(await refusal(given.register(appraiser, .appraiser, unit: "TTT"), on: given, at: given.start) == nil)
    }

    // MARK: More of the process

    @Test func aUnitIsEnrolledOnceInAGroupOfTheCampaign() async throws {
        let given = CampaignFixture()
        try await given.opened()
        expectRefusal(
            await given.refusal(
                .unitEnrolled,
                ["code": "SNV", "name": "Sở Nội vụ", "group": "department"],
                by: given.secretariat,
                at: given.day(1)
            ),
            .unitExists
        )
        expectRefusal(
            await given.refusal(
                .unitEnrolled,
                ["code": "H-CL", "name": "Huyện Càng Long", "group": "district"],
                by: given.secretariat,
                at: given.day(1)
            ),
            .groupUnknown,
            mentioning: ["district"]
        )
    }

    @Test func anNADecisionNeedsAPendingClaim() async throws {
        let given = CampaignFixture()
        try await given.opened()
        expectRefusal(
            await given.refusal(
                .notApplicableDecided,
                ["unit": "SNV", "leaf": "1.2", "decision": "confirmed", "reason": "Đúng"],
                by: given.chair,
                at: given.day(3)
            ),
            .notApplicableNoClaim
        )
    }

    @Test func bonusClaimsStayWithinTheItemAndDeductionsComeFromTheSecretariat() async throws {
        let given = CampaignFixture()
        try await given.opened()
        func claim(_ item: String, _ points: String) -> [String: JSONValue] {
            ["unit": "SNV", "item": .string(item), "points": .string(points), "reason": "Sáng kiến", "evidence": []]
        }
        expectRefusal(
            await given.refusal(.bonusPenaltyClaimed, claim("B1", "1.5"), by: given.officer, at: given.day(5)),
            .pointsOutOfRange,
            mentioning: ["B1", "up to 1"]
        )
        expectRefusal(
            await given.refusal(.bonusPenaltyClaimed, claim("D1", "1"), by: given.officer, at: given.day(5)),
            .notYourUnit,
            mentioning: ["deductions are proposed by the secretariat"]
        )
        expectRefusal(
            await given.refusal(.bonusPenaltyClaimed, claim("X9", "1"), by: given.secretariat, at: given.day(5)),
            .itemUnknown
        )
        #expect(
            await given.refusal(.bonusPenaltyClaimed, claim("D1", "1"), by: given.secretariat, at: given.day(5)) == nil
        )
    }

    @Test func appraisalRoundsFollowTheProcess() async throws {
        let given = CampaignFixture()
        try await given.opened()
        try await given.act(.selfScoreRecorded, given.score("1.2", "1", note: "x"), by: given.officer, at: given.day(2))
        // Round 1 waits for the unit's submission or its deadline.
        expectRefusal(
            await given.refusal(.appraisalRecorded, given.appraisal("1.2", "1"), by: given.appraiser, at: given.day(4)),
            .tooEarly
        )
        // Round 2 waits for the preliminary results.
        expectRefusal(
            await given.refusal(
                .appraisalRecorded,
                given.appraisal("1.2", "1", round: 2),
                by: given.appraiser,
                at: given.day(12)
            ),
            .tooEarly,
            mentioning: ["preliminary"]
        )
        // Round 1 is over once they are issued.
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(13))
        expectRefusal(
            await given.refusal(
                .appraisalRecorded,
                given.appraisal("1.2", "1"),
                by: given.appraiser,
                at: given.day(14)
            ),
            .roundClosed
        )
    }
}
