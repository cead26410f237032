import Application
import Appraisal
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerCore
import LedgerStore
import LedgerTestSupport
import NIOCore
import Server
import Synchronization

/// The ledger's clock in a test: fixed, moved by hand.
final class TestClock: Sendable {
    private let time: Mutex<Timestamp>

    init(_ start: Timestamp) { time = Mutex(start) }

    var now: Timestamp { time.withLock { $0 } }

    func set(_ value: Timestamp) { time.withLock { $0 = value } }
}

/// A campaign fixture behind a server, driven through the router with no sockets.
struct APIHarness {
    let fixture: CampaignFixture
    let clock: TestClock
    let server: ParledgerServer
    /// The read side the server keeps derived data in.
    let derived: any DerivedStore

    /// A harness on an in-memory store, or on the store given (with the appraisal rules).
    init(settings: ParledgerServer.Settings = ParledgerServer.Settings(), store: (any EventStore)? = nil) {
        fixture = CampaignFixture(store: store)
        clock = TestClock(fixture.start)
        let clock = clock
        derived = Stores.derived(for: fixture.store)
        server = ParledgerServer(
            ledger: OpenLedger(log: fixture.store, derived: derived),
            settings: settings,
            clock: { clock.now }
        )
    }

    /// The fixture's campaign opened and the clock on day 2, while self-scoring is open.
    static func selfScoring(settings: ParledgerServer.Settings = ParledgerServer.Settings()) async throws -> APIHarness
    {
        let harness = APIHarness(settings: settings)
        try await harness.fixture.opened()
        harness.clock.set(harness.fixture.day(2))
        return harness
    }

    /// A self-score with a note, signed by SNV's officer (or `key`) at the clock's time.
    func selfScore(
        _ leaf: String,
        _ points: String,
        note: String,
        unit: String = "SNV",
        by key: SigningKey? = nil
    )
        -> SignedStatement
    {
        fixture.statement(
            .selfScoreRecorded,
            fixture.score(leaf, points, note: note, unit: unit),
            by: key ?? fixture.officer,
            at: clock.now
        )
    }

    func run(_ test: @Sendable (API) async throws -> Void) async throws {
        let app = Application(router: server.router())
        let harness = self
        try await app.test(.router) { client in try await test(API(client: client, harness: harness)) }
    }

    /// As `run`, reading as `key` (signed in first): the secretariat sees every read at any date.
    func run(readingAs key: SigningKey, _ test: @Sendable (API) async throws -> Void) async throws {
        try await run { api in try await test(try await api.reading(as: key)) }
    }
}

/// Requests as a browser makes them, and their answers as JSON.
struct API: Sendable {
    let client: any TestClientProtocol
    let harness: APIHarness
    /// The session reads are made with when no token is given: nil, anyone.
    var readerToken: String?

    struct Answer {
        let status: HTTPResponse.Status
        let bytes: [UInt8]
        let headers: HTTPFields

        var json: JSONValue { (try? CanonicalJSON.parse(bytes)) ?? .null }
        var text: String { String(decoding: bytes, as: UTF8.self) }
        var code: String? { json["code"]?.stringValue }
    }

    func request(
        _ uri: String,
        _ method: HTTPRequest.Method = .get,
        body: [UInt8]? = nil,
        token: String? = nil
    ) async throws -> Answer {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(
            uri: uri,
            method: method,
            headers: headers,
            body: body.map { ByteBuffer(bytes: $0) }
        ) {
            Answer(status: $0.status, bytes: Array($0.body.readableBytesView), headers: $0.headers)
        }
    }

    func get(_ uri: String, token: String? = nil) async throws -> Answer {
        try await request(uri, token: token ?? readerToken)
    }

    /// This client, reading as `key` (signed in) unless a request names another token.
    func reading(as key: SigningKey) async throws -> API {
        var signedIn = self
        signedIn.readerToken = try await signIn(key)
        return signedIn
    }

    func post(_ uri: String, _ json: JSONValue, token: String? = nil) async throws -> Answer {
        try await request(uri, .post, body: CanonicalJSON.encode(json), token: token)
    }

    /// Signs in with a key: challenge, signature, token.
    func signIn(_ key: SigningKey) async throws -> String {
        let challenge = try await post("/api/session/challenge", ["keyId": .string(key.keyID.hex)])
        let message = challenge.json["message"]?.stringValue ?? ""
        let session = try await post(
            "/api/session",
            [
                "keyId": .string(key.keyID.hex), "challenge": challenge.json["challenge"] ?? .null,
                "signature": .string(Base64.encode(key.sign(Array(message.utf8)))),
            ]
        )
        return session.json["token"]?.stringValue ?? ""
    }

    /// `POST /api/statements` with signed statements, as the browser sends them.
    func append(_ statements: [SignedStatement], token: String?) async throws -> Answer {
        try await post("/api/statements", Self.body(statements), token: token)
    }

    static func body(_ statements: [SignedStatement]) -> JSONValue {
        [
            "statements": .array(
                statements.map {
                    [
                        "statement": (try? CanonicalJSON.parse($0.statement.canonicalBytes)) ?? .null,
                        "signature": .string(Base64.encode($0.signature)),
                    ]
                }
            )
        ]
    }
}
