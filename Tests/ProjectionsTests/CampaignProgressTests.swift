import Appraisal
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Projections
import Testing

/// The campaign's progress (projections/progress/README.md) on the small campaign: SNV and STP in
/// one group, each with three TĐG leaves (1.1, 1.2, 2.1) and one XHH leaf.
@Suite("Campaign progress")
struct CampaignProgressTests {
    func load(_ given: CampaignFixture) async throws -> CampaignProgress {
        let fold = try await LedgerFold.load(given.store)
        return try #require(CampaignProgress(fold.state, keys: fold.ledger.keys))
    }

    func unit(_ progress: CampaignProgress, _ code: String) throws -> CampaignProgress.UnitProgress {
        try #require(progress.units.first { $0.unit.text == code })
    }

    @Test func countsEachUnitsTDGLeavesAndItsSubmission() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        let progress = try await load(given)
        #expect(progress.units.map(\.unit.text) == ["SNV", "STP"])
        let snv = try unit(progress, "SNV")
        #expect(snv.submittedAt == given.day(3))
        #expect(!snv.late && snv.reopenedUntil == nil)
        #expect(snv.selfScoringCloses == given.day(10))
        #expect(snv.leaves.selfAssessed == 3 && snv.leaves.selfScored == 3 && snv.leaves.answered == 3)
        #expect(snv.leaves.withEvidence == 1 && snv.leaves.evidenceFiles == 1)
        let stp = try unit(progress, "STP")
        #expect(stp.submittedAt == nil)
        #expect(stp.leaves.selfAssessed == 3 && stp.leaves.answered == 0)

        let group = try #require(progress.groups.first)
        #expect(progress.groups.count == 1)
        #expect(group.group.text == "department" && group.units == 2 && group.submitted == 1)
        #expect(group.leaves.selfAssessed == 6 && group.leaves.selfScored == 3 && group.leaves.evidenceFiles == 1)

        #expect(progress.assignments.count == 3)
        let appraiser = try #require(progress.assignments.first { $0.keyID == given.appraiser.keyID })
        #expect(appraiser.name == given.appraiser.name)
        #expect(appraiser.domains.map(\.text) == ["1"] && appraiser.ownUnit.text == "STP")
        #expect(progress.deadlines.round2Closes == given.day(40))
    }

    @Test func aRejectedNotApplicableClaimLeavesTheLeafUnanswered() async throws {
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
        var snv = try unit(try await load(given), "SNV")
        #expect(snv.leaves.notApplicableClaims == 2 && snv.leaves.answered == 2 && snv.leaves.selfScored == 0)
        try await given.act(
            .notApplicableDecided,
            ["unit": "SNV", "leaf": "1.2", "decision": "rejected", "reason": "Có phát sinh"],
            by: given.chair,
            at: given.day(3)
        )
        snv = try unit(try await load(given), "SNV")
        #expect(snv.leaves.notApplicableClaims == 2 && snv.leaves.answered == 1)
    }

    @Test func aReopeningMovesTheUnitsCloseAndALaterSubmissionIsLate() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        try await given.act(
            .selfAssessmentReopened,
            ["unit": "SNV", "reason": "Bổ sung minh chứng", "until": .string(given.day(15).text)],
            by: given.secretariat,
            at: given.day(11)
        )
        var progress = try await load(given)
        var snv = try unit(progress, "SNV")
        #expect(snv.submittedAt == nil && snv.reopenedUntil == given.day(15))
        #expect(snv.selfScoringCloses == given.day(15))
        #expect(progress.groups.first?.reopened == 1 && progress.groups.first?.submitted == 0)

        try await given.act(.selfAssessmentSubmitted, ["unit": "SNV"], by: given.leader, at: given.day(12))
        progress = try await load(given)
        snv = try unit(progress, "SNV")
        #expect(snv.submittedAt == given.day(12) && snv.late && snv.reopenedUntil == nil)
        #expect(progress.groups.first?.late == 1 && progress.groups.first?.reopened == 0)
    }

    @Test func nothingBeforeTheCampaignIsOpened() async throws {
        let fold = LedgerFold()
        #expect(CampaignProgress(fold.state, keys: fold.ledger.keys) == nil)
    }
}
