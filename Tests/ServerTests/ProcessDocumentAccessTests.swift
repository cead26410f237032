import Application
import Appraisal
import LedgerCore
import LedgerTestSupport
import Projections
import Testing

/// Who may read a file that the council or the authority attached to an act (no unit): they and
/// the others who see everything, and anyone once the results are published.
@Suite struct ProcessDocumentAccessTests {
    @Test func theCouncilsDocumentsArePublicOncePublished() throws {
        var state = AppraisalState()
        #expect(throws: Withheld.self) { try ReadAccess.evidence(referencedBy: EvidenceUse(), .anyone, state) }
        #expect(throws: Withheld.self) { try ReadAccess.evidence(referencedBy: nil, .anyone, state) }
        state.publish()
        try ReadAccess.evidence(referencedBy: EvidenceUse(), .anyone, state)
        #expect(throws: Withheld.self) { try ReadAccess.evidence(referencedBy: nil, .anyone, state) }
    }
}

/// The council's and the authority's documents of a published campaign stay public once the next
/// campaign opens (whose own are not, until it is published).
@Suite struct EarlierProcessDocumentTests {
    @Test func anEarlierCampaignsDocumentsStayPublic() throws {
        var state = AppraisalState()
        try state.open(CampaignFixture().campaign, at: "2024-05-10T01:00:00.000Z")
        var earlier = EvidenceUse()
        earlier.lastReferredAt = Timestamp(text: "2024-04-01T01:00:00.000Z")
        var current = EvidenceUse()
        current.lastReferredAt = Timestamp(text: "2024-06-01T01:00:00.000Z")
        try ReadAccess.evidence(referencedBy: earlier, .anyone, state)
        #expect(throws: Withheld.self) { try ReadAccess.evidence(referencedBy: current, .anyone, state) }
    }
}

/// Evidence a campaign's plan opens after publication (`access.evidenceAfterPublication`): that
/// campaign's own files, not the years' before it, whose plans may have kept them closed.
@Suite struct OpenedEvidenceTests {
    @Test func aPublishedCampaignOpensItsOwnEvidenceOnly() throws {
        let fixture = CampaignFixture()
        var plan = fixture.campaign
        plan["access"] = ["evidenceAfterPublication": "public"]
        var state = AppraisalState()
        try state.open(plan, at: "2023-05-10T01:00:00.000Z")
        var thisYear = EvidenceUse()
        thisYear.leaves["SNV"] = ["1.1"]
        thisYear.lastReferredAt = Timestamp(text: "2023-06-01T01:00:00.000Z")
        var yearBefore = thisYear
        yearBefore.lastReferredAt = Timestamp(text: "2022-06-01T01:00:00.000Z")
        let snv = try #require(UnitCode("SNV"))

        #expect(throws: Withheld.self) { try ReadAccess.evidence(referencedBy: thisYear, .anyone, state) }
        #expect(throws: Withheld.self) { try ReadAccess.evidenceView(snv, .anyone, state) }
        state.publish()
        try ReadAccess.evidence(referencedBy: thisYear, .anyone, state)
        #expect(throws: Withheld.self) { try ReadAccess.evidence(referencedBy: yearBefore, .anyone, state) }
        #expect(try ReadAccess.evidenceView(snv, .anyone, state) == .whole)
        let leaf = try #require(CriterionCode("1.1"))
        let during = try #require(thisYear.lastReferredAt)
        let before = try #require(yearBefore.lastReferredAt)
        #expect(ReadAccess.showsEvidence(of: snv, leaf: leaf, recordedAt: during, .anyone, state))
        #expect(!ReadAccess.showsEvidence(of: snv, leaf: leaf, recordedAt: before, .anyone, state))
    }
}

extension AppraisalState {
    /// The campaign of `plan` opened at `time`, as its entry would evolve the state.
    fileprivate mutating func open(_ plan: [String: JSONValue], at time: String) throws {
        evolve(
            .campaignOpened(try CampaignPlan(payload: .object(plan))),
            id: StatementID("00000000-0000-4000-8000-000000000001")!,
            at: try #require(Timestamp(text: time))
        )
    }

    /// The results published on 01/04/2024 by decision 99/QĐ-UBND.
    fileprivate mutating func publish() {
        evolve(
            .resultsPublished(
                decision: DecisionReference(number: "99/QĐ-UBND", date: CalendarDate("2024-04-01")!),
                checkpointSize: 1,
                checkpointRoot: SHA256Hash.of([])
            ),
            id: StatementID("00000000-0000-4000-8000-000000000002")!,
            at: Timestamp(text: "2024-04-01T01:00:00.000Z")!
        )
    }
}
