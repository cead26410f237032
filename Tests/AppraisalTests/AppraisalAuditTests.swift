import Appraisal
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// The appraisal rules replayed over a ledger, including one written without them.
@Suite("Appraisal audit")
struct AppraisalAuditTests {
    func audit(_ store: any EventStore) async throws -> AppraisalAudit {
        var audit = AppraisalAudit()
        for stored in try await store.entries(from: 0, limit: 100_000) { audit.audit(try Entry(bytes: stored.bytes)) }
        return audit
    }

    @Test func aLedgerWrittenThroughTheRulesPassesTheAudit() async throws {
        let given = CampaignFixture()
        try await given.submitted()
        let audit = try await audit(given.store)
        #expect(audit.failure == nil)
        #expect(audit.size == (try await given.store.size()))
    }

    @Test func aLedgerWrittenWithoutTheRulesIsCaughtAtTheFirstRefusedAct() async throws {
        // A store that checks the format only, as another implementation might: it takes a
        // self-score for another unit, which the rules would have refused.
        let lax = CampaignFixture(store: InMemoryStore())
        try await lax.opened()
        try await lax.act(.selfScoreRecorded, lax.score("1.2", "1", note: "ghi chú"), by: lax.officer, at: lax.day(2))
        let bad = try await lax.act(
            .selfScoreRecorded,
            lax.score("1.2", "1", note: "ghi chú", unit: "STP"),
            by: lax.officer,
            at: lax.day(2)
        )
        try await lax.act(.selfScoreRecorded, lax.score("1.1", "0.5", note: "x"), by: lax.officer, at: lax.day(3))
        let audit = try await audit(lax.store)
        #expect(audit.failure?.seq == bad.seq)
        #expect(audit.failure?.violation.reason == "not-your-unit")
        #expect(audit.size == bad.seq)
    }

    @Test func aUnitsKeyRegisteredBeforeTheUnitIsEnrolledIsCaught() async throws {
        // The format takes a unit officer's key for any unit; the rules want it enrolled first.
        let lax = CampaignFixture(store: InMemoryStore())
        try await lax.keysAndCampaign()
        let bad = try await lax.store.append(
            [lax.register(lax.officer, .unitOfficer, unit: "KHONGCO")],
            recordedAt: lax.start
        )
        let audit = try await audit(lax.store)
        #expect(audit.failure?.seq == bad[0].seq)
        #expect(audit.failure?.violation.code == .rule)
        #expect(audit.failure?.violation.reason == "key-unit-not-enrolled")
        #expect(audit.failure?.violation.message.contains("KHONGCO") == true)
    }

    @Test func aTextWithARightToLeftOverrideIsCaught() async throws {
        let lax = CampaignFixture(store: InMemoryStore())
        try await lax.opened()
        let bad = try await lax.act(
            .notApplicableClaimed,
            ["unit": "SNV", "leaf": "1.2", "reason": "Không phát sinh \u{202E}hnahs táhp gnôhK"],
            by: lax.officer,
            at: lax.day(2)
        )
        let audit = try await audit(lax.store)
        #expect(audit.failure?.seq == bad.seq)
        #expect(audit.failure?.violation.reason == "text-control-character")
        #expect(audit.failure?.violation.message.contains("payload.reason: contains U+202E") == true)
    }
}
