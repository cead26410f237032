import Application
import Appraisal
import LedgerCore
import Projections
import Testing

/// Who may read a file that the council or the authority attached to an act (no unit): they and
/// the others who see everything, and anyone once the results are published.
@Suite struct ProcessDocumentAccessTests {
    @Test func theCouncilsDocumentsArePublicOncePublished() throws {
        var state = AppraisalState()
        #expect(throws: Withheld.self) { try ReadAccess.evidence(referencedBy: EvidenceUse(), .anyone, state) }
        #expect(throws: Withheld.self) { try ReadAccess.evidence(referencedBy: nil, .anyone, state) }
        state.evolve(
            .resultsPublished(
                decision: DecisionReference(number: "99/QĐ-UBND", date: CalendarDate("2024-04-01")!),
                checkpointSize: 1,
                checkpointRoot: SHA256Hash.of([])
            ),
            id: StatementID("00000000-0000-4000-8000-000000000001")!,
            at: Timestamp(text: "2024-04-01T01:00:00.000Z")!
        )
        try ReadAccess.evidence(referencedBy: EvidenceUse(), .anyone, state)
        #expect(throws: Withheld.self) { try ReadAccess.evidence(referencedBy: nil, .anyone, state) }
    }
}
