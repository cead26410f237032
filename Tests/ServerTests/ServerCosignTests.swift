import Foundation
import HTTPTypes
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// A unit officer cosigns the latest checkpoint over the API, as the web UI does: the server
/// keeps a cosignature that verifies and extends what that key cosigned before, and refuses a
/// forged one, a rollback and an anonymous one.
@Suite struct ServerCosignTests {
    static func signCheckpoint(_ fixture: CampaignFixture) async throws {
        let size = try await fixture.store.size()
        let note = Checkpoint(origin: fixture.ledger, size: size, root: try await fixture.store.root(size: size))
            .signed(by: fixture.authority)
        try await fixture.store.saveCheckpoint(note)
    }

    @Test func anOfficerCosignsTheLatestCheckpointOnceItChecks() async throws {
        let harness = APIHarness()
        let fixture = harness.fixture
        try await fixture.submitted()
        try await Self.signCheckpoint(fixture)
        try await harness.run { api in
            let token = try await api.signIn(fixture.officer)
            let text = try await api.get("/api/checkpoint/note").text
            var note = try SignedNote(parsing: text)
            let logOnly = note
            note.append(Checkpoint.cosignature(noteText: note.text, by: fixture.officer, timestamp: 1_700_000_000))

            let anonymous = try await api.post("/api/checkpoint/cosignatures", ["note": .string(note.serialized)])
            #expect(anonymous.status == .unauthorized && anonymous.code == "session-required")

            let unsigned = try await api.post(
                "/api/checkpoint/cosignatures",
                ["note": .string(logOnly.serialized)],
                token: token
            )
            #expect(unsigned.status == .unprocessableContent && unsigned.code == "checkpoint-cosignature")

            var forged = logOnly
            forged.append(
                Checkpoint.cosignature(noteText: "another note\n", by: fixture.officer, timestamp: 1_700_000_000)
            )
            let bad = try await api.post(
                "/api/checkpoint/cosignatures",
                ["note": .string(forged.serialized)],
                token: token
            )
            #expect(bad.status == .unprocessableContent && bad.code == "checkpoint-cosignature", "\(bad.text)")

            let kept = try await api.post(
                "/api/checkpoint/cosignatures",
                ["note": .string(note.serialized)],
                token: token
            )
            #expect(kept.status == .created, "\(kept.text)")
            #expect(kept.json["cosignedBy"]?.stringValue == fixture.officer.keyID.hex)
            let last = try await fixture.store.lastCosigned(by: fixture.officer.publicKey)
            #expect(last?.size == (try await fixture.store.size()))

            let garbage = try await api.post("/api/checkpoint/cosignatures", ["note": "not a note"], token: token)
            #expect(garbage.status == .badRequest && garbage.code == "checkpoint-format")
        }
    }

    @Test func aCosignerIsNeverTakenBackToAShorterLedger() async throws {
        let harness = APIHarness()
        let fixture = harness.fixture
        try await fixture.submitted()
        try await Self.signCheckpoint(fixture)
        let size = try await fixture.store.size() - 3
        let early = Checkpoint(origin: fixture.ledger, size: size, root: try await fixture.store.root(size: size))
            .signed(by: fixture.authority)
        try await harness.run { api in
            let token = try await api.signIn(fixture.officer)
            var latest = try SignedNote(parsing: try await api.get("/api/checkpoint/note").text)
            latest.append(Checkpoint.cosignature(noteText: latest.text, by: fixture.officer, timestamp: 1_700_000_000))
            let kept = try await api.post(
                "/api/checkpoint/cosignatures",
                ["note": .string(latest.serialized)],
                token: token
            )
            #expect(kept.status == .created, "\(kept.text)")
            var rollback = early
            rollback.append(Checkpoint.cosignature(noteText: early.text, by: fixture.officer, timestamp: 1_700_000_100))
            let refused = try await api.post(
                "/api/checkpoint/cosignatures",
                ["note": .string(rollback.serialized)],
                token: token
            )
            #expect(refused.status == .unprocessableContent && refused.text.contains("rolls back"), "\(refused.text)")
        }
    }
}
