import Appraisal
import Foundation
import HTTPTypes
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Server
import Testing

/// What every answer carries and how the server meets misuse: security headers, HEAD and 405,
/// sign-in limits, revoked keys.
@Suite struct ServerHardeningTests {
    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        let harness = APIHarness()
        try await harness.fixture.opened()
        try await harness.run { api in
            for uri in [
                "/", "/assets/app.js", "/api/campaign", "/api/no/such/route", "/api/standings", "/openapi.json",
            ] {
                let answer = try await api.get(uri)
                #expect(answer.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                #expect(answer.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                #expect(answer.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(uri)")
                let policy = answer.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("frame-ancestors 'none'"), "\(uri): \(policy)")
            }
        }
    }

    @Test func headServesWhereGetDoesAndOtherMethodsAreNamed() async throws {
        let harness = APIHarness()
        try await harness.fixture.opened()
        try await harness.run { api in
            let get = try await api.get("/api/campaign")
            let head = try await api.request("/api/campaign", .head)
            #expect(head.status == .ok)
            #expect(head.bytes.isEmpty)
            #expect(head.headers[.contentType] == get.headers[.contentType])
            for method in [HTTPRequest.Method.put, .delete, .patch] {
                let refused = try await api.request("/api/campaign", method)
                #expect(refused.status == .methodNotAllowed, "\(method)")
                #expect(refused.code == "method-not-allowed")
                #expect(refused.headers[.allow] == "GET, HEAD", "\(method)")
            }
            let session = try await api.request("/api/session", .put)
            #expect(session.headers[.allow] == "DELETE, GET, POST, HEAD")
            #expect(try await api.request("/api/no/such/route", .put).status == .notFound)
        }
    }

    @Test func signInAttemptsAreLimitedPerAddressWithRetryAfter() async throws {
        var settings = ParledgerServer.Settings()
        settings.signInAttemptsPerMinute = 5
        let harness = APIHarness(settings: settings)
        try await harness.fixture.opened()
        try await harness.run { api in
            let keyID = JSONValue.string(harness.fixture.officer.keyID.hex)
            for _ in 0..<5 { #expect(try await api.post("/api/session/challenge", ["keyId": keyID]).status == .ok) }
            let refused = try await api.post("/api/session/challenge", ["keyId": keyID])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.code == "too-many-attempts")
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 >= 1)
            // A minute later the address may try again.
            harness.clock.set(harness.fixture.start.adding(milliseconds: 61_000))
            #expect(try await api.post("/api/session/challenge", ["keyId": keyID]).status == .ok)
        }
    }

    @Test func revokingAKeyEndsItsSessionsAtOnce() async throws {
        let harness = try await APIHarness.selfScoring()
        let fixture = harness.fixture
        try await harness.run { api in
            let token = try await api.signIn(fixture.officer)
            #expect(try await api.get("/api/session", token: token).status == .ok)
            _ = try await fixture.store.append(
                [
                    fixture.sign(
                        ControlEvent.keyRevokedType,
                        ["keyId": .string(fixture.officer.keyID.hex), "reason": "Chuyển công tác"],
                        by: fixture.authority,
                        at: harness.clock.now
                    )
                ],
                recordedAt: harness.clock.now
            )
            let after = try await api.get("/api/session", token: token)
            #expect(after.status == .unauthorized)
            #expect(after.code == "key-revoked")
            let upload = try await api.request("/api/blobs", .post, body: Array("x".utf8), token: token)
            #expect(upload.status == .unauthorized, "an upload with the revoked key's session is refused")
        }
    }
}
