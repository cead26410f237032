import HTTPTypes
import LedgerCore

/// Sign-in by proof of possession (issue 5): the server hands out a random challenge, the browser
/// signs `message(ledger:challenge:)` with a registered key, and gets a token that expires. A
/// challenge is single-use and short-lived. Sessions live in memory: a restart signs everyone
/// out, which is harmless since the key, not the session, is what writes are checked against.
actor SessionStore {
    struct Session: Sendable {
        let key: KeyRecord
        let expiresAt: Timestamp
    }

    private struct Challenge {
        let keyID: KeyID
        let expiresAt: Timestamp
    }

    private var challenges: [String: Challenge] = [:]
    /// Each key's outstanding challenges, oldest first: a key holds at most
    /// `challengesPerKey`, so asking again and again (key ids are public) cannot grow memory.
    private var challengesByKey: [KeyID: [String]] = [:]
    static let challengesPerKey = 4
    private var sessions: [String: Session] = [:]
    private let challengeMilliseconds: Int64
    private let sessionMilliseconds: Int64

    init(challengeSeconds: Int, sessionSeconds: Int) {
        challengeMilliseconds = Int64(challengeSeconds) * 1000
        sessionMilliseconds = Int64(sessionSeconds) * 1000
    }

    /// What the key signs to sign in: its own header, so a session signature can never pass for
    /// a statement's (those begin `DSSEv1 `) or a checkpoint's, and the ledger id, so it cannot be
    /// replayed against another ledger's server.
    static func message(ledger: LedgerID, challenge: String) -> [UInt8] {
        Array("parledger-session/v1\n\(ledger.text)\n\(challenge)\n".utf8)
    }

    /// A new challenge for a key.
    func challenge(for keyID: KeyID, now: Timestamp) -> (challenge: String, expiresAt: Timestamp) {
        forgetExpired(now: now)
        var generator = SystemRandomNumberGenerator()
        let challenge = Base64.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let expiresAt = now.adding(milliseconds: challengeMilliseconds)
        challenges[challenge] = Challenge(keyID: keyID, expiresAt: expiresAt)
        challengesByKey[keyID, default: []].append(challenge)
        if let outstanding = challengesByKey[keyID], outstanding.count > Self.challengesPerKey {
            challenges[outstanding[0]] = nil
            challengesByKey[keyID] = Array(outstanding.dropFirst())
        }
        return (challenge, expiresAt)
    }

    /// Exchanges a signed challenge for a session token. The challenge is used up either way.
    func signIn(
        challenge: String,
        signature: [UInt8],
        key: KeyRecord,
        ledger: LedgerID,
        now: Timestamp
    ) throws(APIError) -> (token: String, session: Session) {
        let pending = challenges.removeValue(forKey: challenge)
        if let pending { challengesByKey[pending.keyID]?.removeAll { $0 == challenge } }
        guard let pending, pending.keyID == key.keyID,
            pending.expiresAt > now
        else { throw APIError(.unauthorized, "challenge-unknown") }
        guard key.publicKey.isValidSignature(signature, for: Self.message(ledger: ledger, challenge: challenge)) else {
            throw APIError(.unauthorized, "challenge-signature")
        }
        var generator = SystemRandomNumberGenerator()
        let token = Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let session = Session(key: key, expiresAt: now.adding(milliseconds: sessionMilliseconds))
        sessions[token] = session
        return (token, session)
    }

    /// The session a token stands for, if it has not expired.
    func session(_ token: String, now: Timestamp) throws(APIError) -> Session {
        guard let session = sessions[token] else { throw APIError(.unauthorized, "session-required") }
        guard session.expiresAt > now else {
            sessions[token] = nil
            throw APIError(.unauthorized, "session-expired")
        }
        return session
    }

    func signOut(_ token: String) { sessions[token] = nil }

    private func forgetExpired(now: Timestamp) {
        challenges = challenges.filter { $0.value.expiresAt > now }
        challengesByKey = challengesByKey.compactMapValues { pending in
            let live = pending.filter { challenges[$0] != nil }
            return live.isEmpty ? nil : live
        }
        sessions = sessions.filter { $0.value.expiresAt > now }
    }
}
