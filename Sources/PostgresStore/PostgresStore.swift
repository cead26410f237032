import Foundation
public import LedgerCore
public import LedgerStore
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// The shared store: one ledger among many in a PostgreSQL database, through postgres-nio.
///
/// Position equals commit order under any number of writers, processes or tasks: every append
/// takes a transaction-scoped advisory lock on its ledger before it reads the head, so appends
/// to one ledger commit one after another, each seeing the last, and a reader never sees a
/// position that fills in later (a commit is visible before its lock is released). Appends to
/// different ledgers do not wait for each other.
///
/// Rows are appended by the application role, which has no UPDATE, DELETE or TRUNCATE grant on
/// the append-only tables; the schema is migrated by the owner role (`migrate(owner:grantTo:)`),
/// whose triggers refuse those changes even to the owner.
public final class PostgresStore: EventStore {
    /// Where the ledger lives (without password).
    public let location: PostgresLocation
    let ledger: String
    /// The pooled connections every call but the first check uses (`ConnectionPools`).
    let pools: ConnectionPools
    private let owner: PostgresLocation?
    private let create: Bool
    private let clock: Clock
    /// The rules every statement must pass beyond the format, as they stand before any entry.
    private let rules: (any StatementRules)?
    /// The state, right edge and rules after the last append this process saw; checked against
    /// the database inside every append, and caught up when another writer has appended since.
    private let head = Mutex<StoreHead?>(nil)
    /// This process's appends, one at a time (the ledger's advisory lock orders them among processes).
    private let appendTurns = AsyncTurns()
    /// How long a database call may go without progress before it is given up as `unavailable`.
    let callDeadline: Duration
    /// Whether the schema is migrated and the ledger registered (checked once per store).
    private let prepared = Mutex(false)
    let logger = Logger(label: "parledger.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Whose clock an append records its entries at.
    public enum Clock: Sendable {
        /// The database server's: the one clock every machine appending to a shared ledger sees.
        case databaseServer
        /// The time the caller passes to `append`: for simulations (the demo plays a campaign's
        /// months in seconds) and tests, never for a ledger people act on.
        case caller
    }

    /// Opens a ledger. Connecting happens on first use, so a bad URL fails here but an unreachable
    /// server fails on the first read or append.
    ///
    /// - Parameters:
    ///   - url: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE?ledger=NAME` (`PostgresLocation`).
    ///   - create: whether a ledger not yet in the database is registered, or an error.
    ///   - rules: rules beyond the format every appended statement must pass (the appraisal's).
    ///   - ownerURL: the schema owner's URL, used only when the schema is behind this build's
    ///     migrations; without it the store migrates with its own connection (a single-role setup).
    ///   - clock: whose time entries are recorded at.
    ///   - callDeadline: how long a call may go without progress (a lock wait, a lost connection)
    ///     before it fails as `unavailable`.
    public init(
        url: String,
        create: Bool,
        rules: (any StatementRules)? = nil,
        ownerURL: String? = nil,
        clock: Clock = .databaseServer,
        callDeadline: Duration = .seconds(15)
    ) throws(StoreError) {
        location = try PostgresLocation(url: url)
        ledger = location.ledger
        owner = try ownerURL.map { url throws(StoreError) in try PostgresLocation(url: url, defaultLedger: "-") }
        self.create = create
        self.rules = rules
        self.clock = clock
        self.callDeadline = callDeadline
        var configuration = location.clientConfiguration
        configuration.options.maximumConnections = 8
        pools = ConnectionPools(configuration, grace: callDeadline * 2)
    }

    // MARK: Readiness

    /// Migrates the schema if it is behind, and registers (`create`) or finds the ledger.
    func ready() async throws(StoreError) {
        if prepared.withLock({ $0 }) { return }
        let location = location
        // A connection of its own first: it fails fast on a refused connection or a bad password,
        // where the pool would retry for ever.
        let version: Int
        do {
            version = try await Self.within(callDeadline) { _ in
                try await location.withConnection(logger: logger) { connection in
                    try await PostgresMigrations.version(connection)
                }
            }
        } catch {
            throw failure(error)
        }
        try PostgresMigrations.requireKnown(version)
        if version < PostgresSchema.latestVersion {
            if let owner {
                _ = try await PostgresMigrations.migrate(owner, grantTo: location.username)
            } else {
                do throws(StoreError) {
                    _ = try await PostgresMigrations.migrate(location, grantTo: nil)
                } catch {
                    throw StoreError(
                        error.code,
                        error.message
                            + "; the schema is behind this build: migrate as its owner by setting PARLEDGER_POSTGRES_OWNER_URL"
                    )
                }
            }
        }
        let (ledger, create) = (ledger, create)
        let found = try await call { connection in
            if create {
                try await connection.query(
                    "INSERT INTO parledger.ledgers (ledger) VALUES (\(ledger)) ON CONFLICT DO NOTHING",
                    logger: logger
                )
                return true
            }
            let rows = try await connection.query(
                "SELECT 1 FROM parledger.ledgers WHERE ledger = \(ledger)",
                logger: logger
            ).collect()
            return !rows.isEmpty
        }
        guard found else { throw StoreError(.notFound, "no ledger '\(ledger)' in \(location)") }
        prepared.withLock { $0 = true }
    }

    /// Runs `work` in a transaction on one pooled connection, within the call deadline; any
    /// error rolls it back and is rethrown as a store error. A connection lost before the commit
    /// was acknowledged leaves nothing written as far as this process knows; the statement ids
    /// make a repeat of the same statements safe whether or not the commit had landed.
    func transaction<T: Sendable>(
        _ work: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        let logger = logger
        return try await callRacing { connection in
            try await connection.query("BEGIN ISOLATION LEVEL READ COMMITTED", logger: logger)
            do {
                let result = try await work(connection)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                // A cancelled call's connection is being closed, which rolls back on the server:
                // a ROLLBACK sent to it now could wait on a connection that never answers.
                if !Task.isCancelled { _ = try? await connection.query("ROLLBACK", logger: logger) }
                throw error
            }
        }
    }

    // MARK: Appending

    /// Appends a batch in one transaction holding the ledger's advisory lock: admitted and
    /// written, then the signatures checked on every core before the commit, which a bad one
    /// prevents. The entries are recorded at the database server's time, not `hostTime` (unless
    /// the store was opened with the caller's clock): many machines append to a shared ledger,
    /// and none of their clocks may move its time.
    public func append(_ batch: [SignedStatement], recordedAt hostTime: Timestamp) async throws(StoreError) -> [Entry] {
        // A partial head was primed for this append alone: refused or failed, it is not kept.
        defer { head.withLock { StoreHead.forgetPartial(in: &$0) } }
        try await ready()
        // The signatures are checked on every core while this task plans and writes the batch.
        let signatureChecks = EarlySignatureChecks(
            batch,
            known: head.withLock { $0?.state.keys.mapValues(\.publicKey) } ?? [:]
        )
        let ids = batch.map(\.statement.statementID.text)
        let referenced = Set(batch.flatMap { (try? BlobReference.find(in: $0.statement)) ?? [] }.map(\.sha256.hex))
        return try await appendTurns.run { () async throws(StoreError) in
            try await appendInTurn(batch, ids: ids, referenced: referenced, hostTime: hostTime, checks: signatureChecks)
        }
    }

    /// An append in this process's turn: published before the next one starts.
    private func appendInTurn(
        _ batch: [SignedStatement],
        ids: [String],
        referenced: Set<String>,
        hostTime: Timestamp,
        checks signatureChecks: EarlySignatureChecks
    ) async throws(StoreError) -> [Entry] {
        let started = ContinuousClock.now
        let plan = try await transaction { connection in
            // The wait for the lock ends on the server before the call's deadline, so a busy
            // ledger fails this append with the server's clean "lock not available" and keeps the
            // connection, instead of the deadline closing it.
            try await connection.execute(
                "SELECT set_config('lock_timeout', \(self.lockWait(since: started)), true)",
                logger: self.logger
            )
            // Serializes this ledger's appends until commit; other ledgers are not affected.
            try await connection.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended('parledger.ledger:' || \(self.ledger), 0))",
                logger: self.logger
            )
            let current = try await self.currentHead(connection, withRules: true)
            // One clock per ledger: the database server's, never the appending machine's.
            let now = self.clock == .caller ? hostTime : try await self.databaseTime(connection)
            let existing = try await self.existingBytes(connection, ids)
            let present = try await self.presentBlobs(connection, referenced)
            let plan = try AppendPlanner.plan(
                batch,
                state: current.state,
                frontier: current.frontier,
                now: now,
                rules: current.rules,
                existingEntries: { _ in existing },
                hasBlob: { present.contains($0.hex) }
            )
            try await self.insert(plan, connection)
            // A bad signature throws here and rolls the rows back.
            try plan.requireValidSignatures(started: signatureChecks)
            return plan
        }
        head.withLock { StoreHead.keep(plan.head, in: &$0) }
        return plan.results
    }

    /// How long an append that started at `start` waits for its ledger's lock: three quarters of
    /// what is left of its call deadline (the wait for a connection and the BEGIN took the rest),
    /// as PostgreSQL's `lock_timeout` text.
    private func lockWait(since start: ContinuousClock.Instant) -> String {
        let left = callDeadline - start.duration(to: .now)
        let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
        return "\(min(Int64(Int32.max), max(1, milliseconds * 3 / 4)))ms"
    }

    /// The database server's clock, read inside the append's transaction (after its lock, so
    /// that appends in commit order read non-decreasing times from a clock that does not jump).
    private func databaseTime(_ connection: PostgresConnection) async throws -> Timestamp {
        let rows = try await connection.query(
            "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint",
            logger: logger
        )
        for try await milliseconds in rows.decode(Int64.self) {
            if let time = Timestamp(millisecondsSinceEpoch: milliseconds) { return time }
        }
        throw StoreError(.io, "\(location): the database server did not say what time it is")
    }

    private func existingBytes(_ connection: PostgresConnection, _ ids: [String]) async throws -> [StatementID: [UInt8]]
    {
        var found: [StatementID: [UInt8]] = [:]
        let rows = try await connection.query(
            "SELECT statement_id, bytes FROM parledger.entries WHERE ledger = \(ledger) AND statement_id = ANY(\(ids))",
            logger: logger
        )
        for try await (id, bytes) in rows.decode((String, ByteBuffer).self) {
            // A stored id that does not parse cannot equal an asked one.
            if let id = StatementID(id) { found[id] = Array(bytes.readableBytesView) }
        }
        return found
    }

    private func presentBlobs(_ connection: PostgresConnection, _ hashes: Set<String>) async throws -> Set<String> {
        guard !hashes.isEmpty else { return [] }
        let rows = try await connection.query(
            "SELECT sha256 FROM parledger.blobs WHERE ledger = \(ledger) AND sha256 = ANY(\(Array(hashes)))",
            logger: logger
        )
        var present: Set<String> = []
        for try await hash in rows.decode(String.self) { present.insert(hash) }
        return present
    }

    /// One multi-row INSERT per table (arrays unnested server-side), whatever the batch size.
    private func insert(_ plan: AppendPlanner.Plan, _ connection: PostgresConnection) async throws {
        let entries = plan.newEntries
        guard !entries.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO parledger.entries (ledger, seq, statement_id, type, actor, recorded_at, leaf_hash, bytes)
            SELECT \(ledger), * FROM unnest(\(entries.map(\.seq))::bigint[], \(entries.map(\.statement.statementID.text))::text[],
                \(entries.map(\.statement.type.text))::text[], \(entries.map(\.statement.actor.hex))::text[],
                \(entries.map(\.recordedAt.text))::text[], \(entries.map { ByteBuffer(bytes: $0.hash.bytes) })::bytea[],
                \(entries.map { ByteBuffer(bytes: $0.bytes) })::bytea[])
            """,
            logger: logger
        )
        let nodes = plan.newNodes
        guard !nodes.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO parledger.tree_nodes (ledger, level, idx, hash)
            SELECT \(ledger), * FROM unnest(\(nodes.map(\.level))::bigint[], \(nodes.map(\.index))::bigint[],
                \(nodes.map { ByteBuffer(bytes: $0.hash.bytes) })::bytea[])
            """,
            logger: logger
        )
    }

    public func prime(with primed: StoreHead) {
        head.withLock { StoreHead.prime(primed, in: &$0) }
    }

    /// The state at the database's current head, from the cache when no other writer moved it.
    /// With `withRules`, the rules are caught up too: from the cached ones when the ledger only
    /// grew since, else from the start (reads use the format state alone and skip that work).
    private func currentHead(_ connection: PostgresConnection, withRules: Bool = false) async throws -> StoreHead {
        let size = try await size(connection)
        var folded: (any StatementRules)?
        let from: Int
        switch StoreHead.refresh(cached: head.withLock { $0 }, size: size, storeRules: rules, withRules: withRules) {
        case .reuse(let cached): return cached
        case .reload(let caughtUpFrom, let start): (folded, from) = (caughtUpFrom, start)
        }
        let (state, frontier) = try await loadHead(connection, size: size)
        if folded != nil {
            let rows = try await connection.query(
                "SELECT bytes FROM parledger.entries WHERE ledger = \(ledger) AND seq >= \(from) AND seq < \(size) ORDER BY seq",
                logger: logger
            )
            for try await bytes in rows.decode(ByteBuffer.self) {
                folded?.replay(try Entry(bytes: Array(bytes.readableBytesView)))
            }
        }
        let loaded = StoreHead(state: state, frontier: frontier, rules: folded)
        if StoreHead.keepsReloaded(withRules: withRules, storeRules: rules) {
            head.withLock { StoreHead.keep(loaded, in: &$0) }
        }
        return loaded
    }

    /// The format state at the database's current head (reads skip the rules).
    func currentState(_ connection: PostgresConnection) async throws -> LedgerState {
        try await currentHead(connection).state
    }

    func size(_ connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query(
            "SELECT COALESCE(MAX(seq) + 1, 0) FROM parledger.entries WHERE ledger = \(ledger)",
            logger: logger
        )
        for try await size in rows.decode(Int.self) { return size }
        return 0
    }

    /// Rebuilds the state from the control entries (a few hundred, found by a partial index) and
    /// the last entry, and the right edge from the tree's stored nodes, without reading the whole
    /// ledger.
    private func loadHead(
        _ connection: PostgresConnection,
        size: Int
    ) async throws -> (state: LedgerState, frontier: CompactRange) {
        var state = LedgerState()
        let controls = try await connection.query(
            """
            SELECT bytes FROM parledger.entries
            WHERE ledger = \(ledger) AND seq < \(size) AND type = ANY(\(PostgresSchema.controlTypes)) ORDER BY seq
            """,
            logger: logger
        )
        for try await bytes in controls.decode(ByteBuffer.self) {
            state.apply(try Entry(bytes: Array(bytes.readableBytesView)))
        }
        if size > 0 {
            let last = try await connection.query(
                "SELECT leaf_hash, recorded_at FROM parledger.entries WHERE ledger = \(ledger) AND seq = \(size - 1)",
                logger: logger
            )
            for try await (hashBytes, recordedText) in last.decode((ByteBuffer, String).self) {
                guard let hash = SHA256Hash(bytes: Array(hashBytes.readableBytesView)),
                    let recordedAt = Timestamp(text: recordedText)
                else {
                    throw StoreError(.io, "the last entry's index columns are damaged; run parledger verify")
                }
                state.restoreHead(size: size, lastHash: hash, lastRecordedAt: recordedAt)
            }
        }
        // The right edge's perfect subtrees, fetched in one query rather than one at a time.
        var wanted: [(level: Int, index: Int)] = []
        var start = 0
        for level in stride(from: Int.bitWidth - 2, through: 0, by: -1) where size & (1 << level) != 0 {
            wanted.append((level, start >> level))
            start += 1 << level
        }
        let known = try await nodes(connection, wanted)
        let frontier = try CompactRange(size: size) { level, index in
            guard let hash = known["\(level)/\(index)"] else {
                throw StoreError(.notFound, "no tree node at level \(level), index \(index)")
            }
            return hash
        }
        return (state, frontier)
    }

    /// Stored tree nodes by "level/index" (level 0: entry hashes).
    func nodes(
        _ connection: PostgresConnection,
        _ wanted: [(level: Int, index: Int)]
    ) async throws -> [String: SHA256Hash] {
        var found: [String: SHA256Hash] = [:]
        let leaves = wanted.filter { $0.level == 0 }.map(\.index)
        let inner = wanted.filter { $0.level > 0 }
        let rows = try await connection.query(
            """
            SELECT 0::bigint, seq, leaf_hash FROM parledger.entries WHERE ledger = \(ledger) AND seq = ANY(\(leaves))
            UNION ALL
            SELECT n.level, n.idx, n.hash FROM parledger.tree_nodes n
                JOIN unnest(\(inner.map(\.level))::bigint[], \(inner.map(\.index))::bigint[]) AS w (level, idx)
                ON n.level = w.level AND n.idx = w.idx
            WHERE n.ledger = \(ledger)
            """,
            logger: logger
        )
        for try await (level, index, hash) in rows.decode((Int, Int, ByteBuffer).self) {
            found["\(level)/\(index)"] = SHA256Hash(bytes: Array(hash.readableBytesView))
        }
        return found
    }
}
