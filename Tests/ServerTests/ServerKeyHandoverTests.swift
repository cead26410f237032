import HTTPTypes
import LedgerCore
import LedgerTestSupport
import Testing

/// A key's handover from the web page: the server builds the statements from the ledger, the
/// registrar signs them and appends them as one batch; the successor acts for the unit.
@Suite struct ServerKeyHandoverTests {
    @Test func aHandoverIsBuiltFromTheLedgerAndAppendedAsOneBatch() async throws {
        let harness = try await APIHarness.selfScoring()
        let fixture = harness.fixture
        let successor = SigningKey.generate(name: "Trần Thị B")
        try await harness.run { api in
            let secretariat = try await api.signIn(fixture.secretariat)
            let uri = "/api/keys/\(fixture.officer.keyID.hex)/handover"
            let request: JSONValue = [
                "publicKey": .string(successor.publicKey.text), "name": "Trần Thị B", "reason": "chuyển công tác",
            ]
            let built = try await api.post(uri, request, token: secretariat)
            #expect(built.status == .ok, "\(built.text)")
            let statements = try #require(built.json["statements"]?.arrayValue)
            #expect(statements.map { $0["type"]?.stringValue } == ["key.registered/v1", "key.revoked/v1"])
            #expect(
                statements.first?["payload"]?["unit"] == "SNV" && statements.first?["payload"]?["role"] == "unitOfficer"
            )
            let signed = statements.map { statement in
                fixture.sign(
                    EventType(statement["type"]?.stringValue ?? "")!,
                    statement["payload"]?.objectValue ?? [:],
                    by: fixture.secretariat,
                    at: harness.clock.now
                )
            }
            let appended = try await api.append(signed, token: secretariat)
            #expect(appended.status == .created, "\(appended.text)")
            let old = try await api.get("/api/keys/\(fixture.officer.keyID.hex)")
            #expect(old.json["revoked"] != nil && old.json["revoked"] != .null, "\(old.text)")
            let new = try await api.get("/api/keys/\(successor.keyID.hex)")
            #expect(new.json["unit"] == "SNV" && new.json["name"] == "Trần Thị B", "\(new.text)")

            // Refusals: the same handover again (the key is revoked), a weak key, a missing name,
            // and a role that does not register keys.
            let again = try await api.post(uri, request, token: secretariat)
            #expect(again.status == .unprocessableContent && again.code == "handover", "\(again.text)")
            #expect(again.json["detail"]?.stringValue?.contains("already revoked") == true)
            let weak = try await api.post(
                "/api/keys/\(fixture.otherOfficer.keyID.hex)/handover",
                ["publicKey": "ed25519:AAAA", "name": "X", "reason": "y"],
                token: secretariat
            )
            #expect(weak.status == .badRequest && weak.json["field"] == "publicKey", "\(weak.text)")
            let unnamed = try await api.post(
                "/api/keys/\(fixture.otherOfficer.keyID.hex)/handover",
                ["publicKey": .string(SigningKey.generate(name: "Z").publicKey.text), "reason": "y"],
                token: secretariat
            )
            #expect(unnamed.status == .badRequest && unnamed.json["field"] == "name", "\(unnamed.text)")
            let officer = try await api.signIn(fixture.otherOfficer)
            let forbidden = try await api.post(uri, request, token: officer)
            #expect(forbidden.status == .forbidden && forbidden.code == "role")
            let anonymous = try await api.post(uri, request)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
