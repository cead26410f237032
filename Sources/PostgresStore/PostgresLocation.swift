import Foundation
public import LedgerStore
import Logging
import PostgresNIO

/// Where a PostgreSQL ledger lives: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE?ledger=NAME`.
///
/// One database holds many ledgers (provinces, years); `ledger` names one of them and keys every
/// row the store reads or writes. Connections are unencrypted (`sslmode=disable`, for loopback or
/// a private network); TLS is not wired in yet, and any other `sslmode` is refused rather than ignored.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let username: String
    public let password: String?
    public let database: String
    public let ledger: String

    /// The URL forms `--store` accepts.
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a URL; `defaultLedger` applies when it names none (an owner URL used only to migrate).
    public init(url text: String, defaultLedger: String? = nil) throws(StoreError) {
        guard Self.isPostgresURL(text), let components = URLComponents(string: text) else {
            throw StoreError(
                .notFound,
                "not a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE?ledger=NAME): \(Self.redacted(text))"
            )
        }
        guard let host = components.host, !host.isEmpty else {
            throw StoreError(.notFound, "the PostgreSQL URL names no host: \(Self.redacted(text))")
        }
        guard let username = components.user, !username.isEmpty else {
            throw StoreError(.notFound, "the PostgreSQL URL names no user: \(Self.redacted(text))")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw StoreError(.notFound, "the PostgreSQL URL names no database: \(Self.redacted(text))")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") },
            uniquingKeysWith: { _, last in last }
        )
        guard let ledger = query["ledger"] ?? defaultLedger, !ledger.isEmpty else {
            throw StoreError(
                .notFound,
                "the PostgreSQL URL names no ledger; add ?ledger=NAME (one database holds many): \(Self.redacted(text))"
            )
        }
        let sslMode = query["sslmode"] ?? "disable"
        guard sslMode == "disable" else {
            throw StoreError(.notFound, "sslmode=\(sslMode) is not supported yet; only sslmode=disable (no TLS)")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? username
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.database = database
        self.ledger = ledger
    }

    /// The URL without its password, for messages.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)?ledger=\(ledger)"
    }

    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "(unparsable URL)" }
        if components.password != nil { components.password = "***" }
        return components.string ?? "(unparsable URL)"
    }

    var connectionConfiguration: PostgresConnection.Configuration {
        PostgresConnection.Configuration(
            host: host,
            port: port,
            username: username,
            password: password,
            database: database,
            tls: .disable
        )
    }

    /// One connection, closed (and the close awaited, as postgres-nio requires) after `work`.
    func withConnection<T>(
        logger: Logger,
        _ work: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await PostgresConnection.connect(
            configuration: connectionConfiguration,
            id: 0,
            logger: logger
        )
        let result: Result<T, any Error>
        do {
            result = .success(try await work(connection))
        } catch {
            result = .failure(error)
        }
        try? await connection.close()
        return try result.get()
    }

    /// The pool's settings. The server ends what a lost client left behind: a transaction idle
    /// for 30 s (a client that died holding the ledger's lock), a wait for a lock over 10 s (an
    /// append sets its own, within its deadline), a statement over 60 s; so one stuck client
    /// cannot hold every other writer for ever.
    var clientConfiguration: PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host,
            port: port,
            username: username,
            password: password,
            database: database,
            tls: .disable
        )
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = Self.sessionLimits
        return configuration
    }

    static let sessionLimits = [
        ("idle_in_transaction_session_timeout", "30s"), ("lock_timeout", "10s"), ("statement_timeout", "60s"),
    ]
}
