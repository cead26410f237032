import Application
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore

/// Sign-in: `POST session/challenge {keyId}` → a challenge and the exact message to sign;
/// `POST session {keyId, challenge, signature}` → a bearer token that expires; `GET session`
/// says who the token is; `DELETE session` ends it.
struct SessionRoutes {
    let server: ParledgerServer

    func add(to api: RouteTable) {
        api.post("session/challenge") { request, context in
            try await server.signIns.attempt(from: context.clientAddress, now: server.clock())
            let body = try await JSONBody.object(request, limit: 4096)
            let (key, ledger) = try await registeredKey(body["keyId"])
            let (challenge, expiresAt) = await server.sessions.challenge(for: key.keyID, now: server.clock())
            return JSONBody.response([
                "challenge": .string(challenge),
                "message": .string(
                    String(decoding: SessionStore.message(ledger: ledger, challenge: challenge), as: UTF8.self)
                ),
                "expiresAt": .string(expiresAt.text),
            ])
        }
        api.post("session") { request, context in
            try await server.signIns.attempt(from: context.clientAddress, now: server.clock())
            let body = try await JSONBody.object(request, limit: 4096)
            let (key, ledger) = try await registeredKey(body["keyId"])
            guard let challenge = body["challenge"]?.stringValue else {
                throw APIError.badRequest("bad-request", field: "challenge", "challenge is missing")
            }
            guard let signatureText = body["signature"]?.stringValue, let signature = Base64.decode(signatureText)
            else {
                throw APIError.badRequest("bad-request", field: "signature", "signature must be base64")
            }
            let (token, session) = try await server.sessions.signIn(
                challenge: challenge,
                signature: signature,
                key: key,
                ledger: ledger,
                now: server.clock()
            )
            return JSONBody.response(
                ["token": .string(token), "expiresAt": .string(session.expiresAt.text), "key": CampaignFacts.key(key)],
                status: .created
            )
        }
        api.get("session") { request, _ in
            let session = try await Self.session(of: request, in: server)
            return JSONBody.response([
                "expiresAt": .string(session.expiresAt.text), "key": CampaignFacts.key(session.key),
            ])
        }
        api.delete("session") { request, _ in
            if let token = Self.bearer(request) { await server.sessions.signOut(token) }
            return Response(status: .noContent)
        }
    }

    private func registeredKey(_ value: JSONValue?) async throws(APIError) -> (KeyRecord, LedgerID) {
        guard let text = value?.stringValue, let keyID = KeyID(text) else {
            throw APIError.badRequest("bad-request", field: "keyId", "keyId must be 64 lowercase hex characters")
        }
        let state = try await storeCall { () async throws(StoreError) in try await server.store.state() }
        guard let ledger = state.ledgerID, let key = state.keys[keyID] else {
            throw APIError(
                .unauthorized,
                "key-unknown",
                field: "keyId",
                detail: "key \(keyID.short)… is not registered"
            )
        }
        guard key.revokedAt == nil else { throw APIError(.unauthorized, "key-revoked", field: "keyId") }
        return (key, ledger)
    }

    /// The session of a request's `Authorization: Bearer` token, or 401.
    static func session(of request: Request, in server: ParledgerServer) async throws(APIError) -> SessionStore.Session
    {
        guard let token = bearer(request) else { throw APIError(.unauthorized, "session-required") }
        let session = try await server.sessions.session(token, now: server.clock())
        // Revoking a key ends its sessions at once: the ledger, not the session, says who may act.
        let state = try await storeCall { () async throws(StoreError) in try await server.store.state() }
        guard let current = state.keys[session.key.keyID], current.revokedAt == nil else {
            await server.sessions.signOut(token)
            throw APIError(.unauthorized, "key-revoked", detail: "the key of this session was revoked")
        }
        return session
    }

    /// Who reads: the signed-in key of the request's token, or anyone without one. A token that
    /// is not (or no longer) valid is refused rather than read as anyone, so a page knows to sign in.
    static func reader(of request: Request, in server: ParledgerServer) async throws(APIError) -> Reader {
        guard bearer(request) != nil else { return .anyone }
        return Reader(key: try await session(of: request, in: server).key)
    }

    private static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst("Bearer ".count))
    }
}
