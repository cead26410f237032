public import Application
public import Documents
import Foundation
public import Hummingbird
public import LedgerCore
import LedgerStore
public import Logging

/// `parledger serve`: the JSON API and the web UI over one ledger store.
///
/// The server never holds a private key: writes are statements the acting person signed in their
/// browser, appended through the store (which checks the signature, the key's registration and
/// role, and the appraisal rules). A session, begun by signing a challenge, only gates who may
/// call the writing endpoints.
public struct ParledgerServer: Sendable {
    /// Limits and lifetimes.
    public struct Settings: Sendable {
        /// The largest evidence upload, in bytes.
        public var uploadLimit = 20 * 1024 * 1024
        /// The largest JSON body, in bytes.
        public var jsonLimit = 1024 * 1024
        public var challengeSeconds = 300
        public var sessionSeconds = 8 * 3600
        /// Serve a ledger this process may not write (a published copy, read-only media): every
        /// read works, and writes are refused as such.
        public var readOnly = false
        /// How long an upload no entry refers to is kept (for the statement that will name it).
        public var unreferencedUploadSeconds = 24 * 3600
        /// How often, at most, an upload looks for such files to remove.
        public var uploadPruningSeconds = 10 * 60
        /// Sign-in attempts (challenges and signatures) per client address and minute.
        public var signInAttemptsPerMinute = 60
        /// Reads of a past prefix computed at once (`HeavyReads`): all cores but one, so that reads
        /// of now, kept answers and appends always find one.
        public var heavyReadsAtOnce = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
        /// The issuing body, place, signer and recipients printed on documents.
        public var letterhead = Letterhead.council

        public init() {}
    }

    let ledger: OpenLedger
    let settings: Settings
    let clock: @Sendable () -> Timestamp
    let sessions: SessionStore
    let answers = AnswerCache<[UInt8]>()
    /// Readers judged on prefixes (ReadRoutes), kept like the answers.
    let judgements = AnswerCache<ReadJudgement>(capacity: 4096)
    let uploads = UploadSpool()
    let signIns: SignInLimiter
    let pruning: UploadPruning
    let heavyReads: HeavyReads

    /// The ledger's log.
    var store: any EventStore { ledger.log }

    /// A server over `ledger`; `clock` is the ledger's clock (the system clock in `parledger serve`,
    /// a fixed time in tests, since the appraisal rules compare deadlines with it).
    public init(ledger: OpenLedger, settings: Settings = Settings(), clock: @escaping @Sendable () -> Timestamp) {
        self.ledger = ledger
        self.settings = settings
        self.clock = clock
        self.sessions = SessionStore(
            challengeSeconds: settings.challengeSeconds,
            sessionSeconds: settings.sessionSeconds
        )
        self.signIns = SignInLimiter(attemptsPerMinute: settings.signInAttemptsPerMinute)
        self.heavyReads = HeavyReads(atOnce: settings.heavyReadsAtOnce)
        self.pruning = UploadPruning(everySeconds: settings.uploadPruningSeconds)
    }

    /// Every route: `/api/…` (JSON), `/openapi.json`, and the web UI under `/`.
    public func router() -> Router<ParledgerRequestContext> { routeTable().router }

    /// What the server serves, as (method, OpenAPI path) pairs: `("get", "/api/standings")`.
    public func routes() -> [(method: String, path: String)] { routeTable().routes.map { ($0.method, $0.path) } }

    private func routeTable() -> RouteTable {
        // HEAD wherever GET is served, as GET without the body.
        let router = Router(context: ParledgerRequestContext.self, options: .autoGenerateHeadEndpoints)
        let table = RouteTable(router)
        // Outermost: every answer, errors included, carries the security headers.
        let served = table.served
        router.add(middleware: SecurityMiddleware { served.methods(for: $0) })
        router.add(middleware: ErrorMiddleware())
        table.prefix = "api"
        LedgerRoutes(server: self).add(to: table)
        CosignRoutes(server: self).add(to: table)
        TileRoutes(server: self).add(to: table)
        ExportRoutes(server: self).add(to: table)
        ReadRoutes(server: self).add(to: table)
        DocumentRoutes(server: self).add(to: table)
        EvidenceRoutes(server: self).add(to: table)
        WriteRoutes(server: self).add(to: table)
        SurveyRoutes(server: self).add(to: table)
        KeyRoutes(server: self).add(to: table)
        SessionRoutes(server: self).add(to: table)
        table.prefix = ""
        WebRoutes().add(to: table)
        return table
    }

    /// The application listening on `host:port`. A request's head must arrive within 10 s and its
    /// body within 5 minutes (an upload over a slow line); an idle connection closes after 30 s.
    public func application(host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [RequestDeadlineHandler(head: .seconds(10), body: .minutes(5))],
                    idleTimeout: .seconds(30)
                )
            ),
            configuration: .init(address: .hostname(host, port: port), serverName: "parledger"),
            logger: logger
        )
    }

    /// The ledger's state after its last entry (head, keys, policy).
    func ledgerState() async throws -> LedgerState {
        try await storeCall { () async throws(StoreError) in try await store.state() }
    }
}

/// Runs a store call, turning its error into the API's.
func storeCall<T>(_ body: () async throws(StoreError) -> T) async throws(APIError) -> T {
    do {
        return try await body()
    } catch {
        throw APIError(error)
    }
}
