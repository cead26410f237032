import Crypto
import HTTPTypes
import LedgerCore

/// Sign-in by proof of possession: the server hands out a challenge, the browser signs
/// `message(ledger:challenge:)` with a registered key, and gets a token that expires. A challenge
/// is single-use and short-lived. Sessions live in memory: a restart signs everyone
/// out, which is harmless since the key, not the session, is what writes are checked against.
actor SessionStore {
    struct Session: Sendable {
        let key: KeyRecord
        let expiresAt: Timestamp
    }

    /// Challenges are stateless: each carries its key, a nonce and its expiry under the server's
    /// HMAC, so handing one out stores nothing, and nobody's requests can displace another
    /// person's pending challenge (key ids are public). Only a challenge used to sign in is
    /// remembered, until it expires, so it serves once.
    private let secret = SymmetricKey(size: .bits256)
    private var used: [String: Timestamp] = [:]
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

    /// A new challenge for a key: base64 of nonce (16 bytes) ‖ expiry (ms, 8 bytes) ‖ HMAC (32).
    func challenge(for keyID: KeyID, now: Timestamp) -> (challenge: String, expiresAt: Timestamp) {
        forgetExpired(now: now)
        var generator = SystemRandomNumberGenerator()
        let nonce = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let expiresAt = now.adding(milliseconds: challengeMilliseconds)
        let stamp = Self.bigEndian(expiresAt.millisecondsSinceEpoch)
        return (Base64.encode(nonce + stamp + mac(keyID, nonce + stamp)), expiresAt)
    }

    private func mac(_ keyID: KeyID, _ body: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(keyID.hex.utf8) + body, using: secret))
    }

    private static func bigEndian(_ value: Int64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: value) >> (56 - 8 * UInt64($0))) }
    }

    /// Exchanges a signed challenge for a session token. The challenge is used up either way.
    func signIn(
        challenge: String,
        signature: [UInt8],
        key: KeyRecord,
        ledger: LedgerID,
        now: Timestamp
    ) throws(APIError) -> (token: String, session: Session) {
        forgetExpired(now: now)
        guard let bytes = Base64.decode(challenge), bytes.count == 56,
            Self.constantTimeEqual(Array(bytes[24...]), mac(key.keyID, Array(bytes[..<24]))),
            used[challenge] == nil
        else { throw APIError(.unauthorized, "challenge-unknown") }
        let expiry = bytes[16..<24].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        guard let expiresAt = Timestamp(millisecondsSinceEpoch: expiry), expiresAt > now else {
            throw APIError(.unauthorized, "challenge-unknown")
        }
        used[challenge] = expiresAt
        guard key.publicKey.isValidSignature(signature, for: Self.message(ledger: ledger, challenge: challenge)) else {
            throw APIError(.unauthorized, "challenge-signature")
        }
        var generator = SystemRandomNumberGenerator()
        let token = Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let session = Session(key: key, expiresAt: now.adding(milliseconds: sessionMilliseconds))
        sessions[token] = session
        return (token, session)
    }

    private static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        left.count == right.count && zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
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
        used = used.filter { $0.value > now }
        sessions = sessions.filter { $0.value.expiresAt > now }
    }
}
