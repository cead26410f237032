public import LedgerStore
import Logging
import PostgresNIO

/// Brings a database's `parledger` schema up to this build's migrations, as the owner role.
public enum PostgresMigrations {
    static let logger = Logger(label: "parledger.postgres.migrations", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The highest migration applied: 0 when the schema does not exist yet, and -1 when this
    /// role may not read it (not granted yet: migrating as the owner grants it).
    static func version(_ connection: PostgresConnection) async throws -> Int {
        do {
            let rows = try await connection.query(
                "SELECT COALESCE(MAX(version), 0) FROM parledger.migrations",
                logger: logger
            )
            for try await version in rows.decode(Int.self) { return version }
            return 0
        } catch let error as PSQLError where ["42P01", "3F000"].contains(error.serverInfo?[.sqlState] ?? "") {
            return 0  // undefined table or schema: nothing migrated yet
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42501" {
            return -1  // insufficient privilege
        }
    }

    /// Refuses a schema a newer build migrated further than this one knows: this build must not
    /// write ledgers whose tables it does not know, and says so before anything is written.
    public static func requireKnown(_ version: Int) throws(StoreError) {
        guard version <= PostgresSchema.latestVersion else {
            throw StoreError(
                .io,
                "the database's parledger schema was migrated by a newer parledger (version \(version); this build knows "
                    + "\(PostgresSchema.latestVersion)): use that version or later; nothing was written"
            )
        }
    }

    /// Applies the pending migrations in one transaction, under an advisory lock so concurrent
    /// first starts migrate once, then grants the application role its rights.
    ///
    /// - Parameters:
    ///   - owner: a connection URL of the role that owns (or will own) the schema.
    ///   - role: the application role to grant SELECT and INSERT (not UPDATE, DELETE, TRUNCATE) on
    ///     the append-only tables; nil when the owner is also the application.
    /// - Returns: the versions applied.
    @discardableResult
    public static func migrate(ownerURL: String, grantTo role: String?) async throws(StoreError) -> [Int] {
        try await migrate(PostgresLocation(url: ownerURL, defaultLedger: "-"), grantTo: role)
    }

    static func migrate(_ owner: PostgresLocation, grantTo role: String?) async throws(StoreError) -> [Int] {
        do {
            return try await owner.withConnection(logger: logger) { connection in
                try await applyPending(connection, grantTo: role == owner.username ? nil : role)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            let failure = PostgresStore.classify(error, at: owner, deadline: .seconds(60))
            throw StoreError(failure.code, "cannot migrate \(owner.database) as \(owner.username): \(failure.message)")
        }
    }

    private static func applyPending(_ connection: PostgresConnection, grantTo role: String?) async throws -> [Int] {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended('parledger.migrations', 0))",
                logger: logger
            )
            try await run(PostgresSchema.bootstrap, on: connection)
            var applied: Set<Int> = []
            for try await version in try await connection.query(
                "SELECT version FROM parledger.migrations",
                logger: logger
            ).decode(Int.self) {
                applied.insert(version)
            }
            var done: [Int] = []
            for migration in PostgresSchema.migrations where !applied.contains(migration.version) {
                try await run(migration.statements, on: connection)
                try await connection.query(
                    "INSERT INTO parledger.migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger
                )
                done.append(migration.version)
            }
            if let role { try await run(PostgresSchema.grants(to: role), on: connection) }
            try await connection.query("COMMIT", logger: logger)
            return done
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private static func run(_ statements: [String], on connection: PostgresConnection) async throws {
        for statement in statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
    }
}
