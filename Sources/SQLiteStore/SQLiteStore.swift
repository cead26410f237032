import Foundation
import GRDB
public import LedgerCore
public import LedgerStore
import Synchronization

/// The embedded default store: one SQLite file in WAL mode, through GRDB.
///
/// One `DatabasePool` per file (GRDB's rule 1) and one IMMEDIATE transaction per append (rule 2),
/// so several processes may append to the same file and positions still equal commit order.
public final class SQLiteStore: EventStore {
    private let pool: DatabasePool
    /// The state, right edge and rules after the last append this process saw; checked against
    /// the database inside every write, and caught up when another process has appended since.
    private let head = Mutex<StoreHead?>(nil)
    /// The rules every statement must pass beyond the format, as they stand before any entry.
    private let rules: (any StatementRules)?

    /// The path of the database file.
    public let path: String

    /// How long this store's appends waited for and held the write lock (for the benchmarks).
    package let writeLock = WriteLockTimes()

    /// For a ledger read as immutable (without locks): the file as it was when opened, which every
    /// read checks it still is.
    private let readWithoutLocks: FileIdentity?

    private init(
        path: String,
        pool: DatabasePool,
        rules: (any StatementRules)?,
        readWithoutLocks: FileIdentity? = nil
    ) {
        self.path = path
        self.pool = pool
        self.rules = rules
        self.readWithoutLocks = readWithoutLocks
    }

    /// Opens a store. With `create` false, a missing file is an error instead of a new ledger.
    ///
    /// - Parameter rules: rules beyond the format that every appended statement must pass (the
    ///   appraisal's), folded over the ledger when the store first appends.
    public convenience init(path: String, create: Bool, rules: (any StatementRules)? = nil) throws(StoreError) {
        guard create || FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.notFound, "no ledger at \(path): check --store, or make one with parledger init")
        }
        try Self.requireLedgerOrNothing(at: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteWriter.configure(pool)
            try SQLiteSchema.migrator.migrate(pool)
        } catch {
            throw Self.failure(error, "cannot open \(path) as a parledger ledger")
        }
        self.init(path: path, pool: pool, rules: rules)
    }

    /// Opens an existing ledger for reading only, for the commands that only read it (verify, log,
    /// proofs, export, audit). Nothing is written to the file: an auditor can check a copy they
    /// may not write, and checking cannot change what is checked. Appending through it fails.
    ///
    /// SQLite reads a consistent snapshot while others may append, keeping the index of its
    /// write-ahead log beside the file (`-shm`, with an empty `-wal`). Where this process may not
    /// write the file or its folder, and no write-ahead log exists, the file is read as immutable
    /// instead: without locks, and without creating those files, which would be the reader's and
    /// would stop the owner from writing. Every read then checks that the file did not change
    /// meanwhile (a writer's checkpoint could have rewritten pages under it), and fails if it did.
    /// Immutable reads need an SQLite built with URI file names, as Debian's and Ubuntu's are.
    public convenience init(readingOnly path: String) throws(StoreError) {
        try self.init(readingOnly: path, withoutLocks: nil)
    }

    /// As `init(readingOnly:)`; `withoutLocks` overrides the choice of an immutable read (for
    /// tests, which run as a user who may write everything).
    package convenience init(readingOnly path: String, withoutLocks: Bool?) throws(StoreError) {
        guard let identity = FileIdentity(path: path) else {
            throw StoreError(.notFound, "no ledger at \(path): check --store, or make one with parledger init")
        }
        let files = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        // A file its owner made read-only (0444) is read as immutable even by a user who could
        // write it (root): SQLite would create the write-ahead log with the file's mode, and the
        // owner's next write would fail on a log it cannot write.
        let writeProtected =
            ((try? files.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0o644) & 0o222 == 0
        let noWriteAheadLog = ((try? files.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0) == 0
        var immutable =
            withoutLocks
            ?? (!files.fileExists(atPath: path + "-wal")
                && (writeProtected || !(files.isWritableFile(atPath: path) && files.isWritableFile(atPath: folder))))
        let pool: DatabasePool
        do {
            do {
                pool = try Self.readOnlyPool(immutable ? Self.immutableURI(path) : path)
            } catch  where !immutable && withoutLocks == nil && noWriteAheadLog && Self.diskIsFull(folder) {
                // A full disk has no room for the index of the write-ahead log (-shm) a locked read
                // needs. With nothing in the log, the file alone is the ledger: it is read as
                // immutable, checked unchanged after every read like a file this user may not write.
                pool = try Self.readOnlyPool(Self.immutableURI(path))
                immutable = true
            }
        } catch let error as StoreError {
            throw StoreError(error.code, "cannot read \(path) as a parledger ledger: \(error.message)")
        } catch {
            throw Self.failure(error, "cannot read \(path) as a parledger ledger")
        }
        self.init(path: path, pool: pool, rules: nil, readWithoutLocks: immutable ? identity : nil)
        if immutable { try requireUnchanged() }
    }

    /// For a ledger read without locks: fails when the file changed since it was opened, or a
    /// writer has written to its write-ahead log since, so that what was read may be torn.
    private func requireUnchanged() throws(StoreError) {
        guard let opened = readWithoutLocks else { return }
        // An empty write-ahead log holds nothing the file does not (a writer that opened the
        // ledger, or a locked read that found no room for its index, leaves one); one with frames
        // holds entries this read cannot see.
        let logSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        guard FileIdentity(path: path) == opened, logSize == 0 else {
            throw StoreError(
                .io,
                "\(path) changed while it was read without locks (this user may not write it or its folder, "
                    + "so it is read as immutable): verify a copy, or again when nobody is appending"
            )
        }
    }

    /// Refuses, before anything is written, a file that holds something other than a parledger
    /// ledger (another application's database) or a ledger from a newer build: only a ledger, or
    /// a new or empty file, is ever opened for writing.
    private static func requireLedgerOrNothing(at path: String) throws(StoreError) {
        let files = FileManager.default
        let size = (try? files.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 || files.fileExists(atPath: path + "-wal") else { return }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(30)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                // A database with no tables at all is as good as a new file.
                guard try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0 > 0 else { return }
                try SQLiteSchema.requireLedger(db)
            }
        } catch let error as StoreError {
            throw StoreError(
                .io,
                "\(path) is not a parledger ledger this build may write: \(error.message); nothing was written"
            )
        } catch {
            // A disk that is full, read-only or failing is not a sign of a foreign file.
            let failure = Self.failure(error, path)
            if failure.isTransient { throw failure }
            throw StoreError(.io, "\(path) is not a parledger ledger: \(Self.describe(error)); nothing was written")
        }
    }

    /// A pool of read-only connections, checked to hold a ledger this build can read.
    private static func readOnlyPool(_ location: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        let pool = try DatabasePool(path: location, configuration: configuration)
        try pool.read(SQLiteSchema.requireLedger)
        return pool
    }

    /// An SQLite URI that opens `path` as immutable: no locks, no `-shm`, no `-wal`.
    private static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).path
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute)
            + "?immutable=1"
    }

    /// The writer connection's `synchronous` and `wal_autocheckpoint` settings, as SQLite reports
    /// them (for tests: connection settings are not visible from another connection).
    package func writerSettings() throws -> (synchronous: Int, walAutocheckpoint: Int) {
        try pool.writeWithoutTransaction { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? -1
            )
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// A database failure as a store error, by SQLite's primary result code: a passing condition
    /// (another writer holding the lock past the busy timeout, a full disk, read-only media or
    /// permissions, an I/O error of the disk) says so and what to do; anything else is `io`.
    static func failure(_ error: any Error, _ context: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return StoreError(.io, "\(context): \(describe(error))") }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(
                .unavailable,
                "\(context): another process has held the ledger's write lock for over 30 s; nothing was written, try again"
            )
        case .SQLITE_FULL:
            return StoreError(.full, "\(context): the disk is full; nothing was written, free space and try again")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError(
                .unavailable,
                "\(context): the file or its disk is read-only for this process; nothing was written, "
                    + "make it writable and try again"
            )
        case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_NOMEM, .SQLITE_PROTOCOL:
            // SQLite says only "I/O error" or "unable to open" when it cannot create its journal
            // files: the folder tells why.
            if let condition = folderCondition(context) { return condition }
            return StoreError(
                .unavailable,
                "\(context): the disk could not be read or written (\(describe(error))); nothing was written, "
                    + "check the disk and try again"
            )
        default:
            return StoreError(.io, "\(context): \(describe(error))")
        }
    }

    /// Whether the disk holding `folder` has too little room left for SQLite's files beside a
    /// ledger (the -shm alone takes 32 KiB).
    private static func diskIsFull(_ folder: String) -> Bool {
        guard let free = (try? FileManager.default.attributesOfFileSystem(forPath: folder))?[.systemFreeSize] as? Int
        else { return false }
        return free < 1 << 20
    }

    /// A full or read-only folder holding the ledger at `path`, as a store error; nil when the
    /// folder is neither (or `path` is not a file's path).
    private static func folderCondition(_ path: String) -> StoreError? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder) else { return nil }
        if diskIsFull(folder) {
            return StoreError(.full, "\(path): the disk is full; nothing was written, free space and try again")
        }
        if !FileManager.default.isWritableFile(atPath: folder) || !FileManager.default.isWritableFile(atPath: path) {
            return StoreError(
                .unavailable,
                "\(path): the file or its disk is read-only for this process; nothing was written, "
                    + "make it writable and try again"
            )
        }
        return nil
    }

    private func io<T>(_ work: () throws -> T) throws(StoreError) -> T {
        let result: T
        do {
            result = try work()
        } catch {
            // A read torn by a writer fails as such, whatever error it led to.
            try requireUnchanged()
            throw Self.failure(error, path)
        }
        try requireUnchanged()
        return result
    }

    // MARK: Appending

    /// Appends a batch in one IMMEDIATE transaction: admitted and written, then the signatures
    /// checked on every core before the commit, which a bad one prevents.
    public func append(_ batch: [SignedStatement], recordedAt now: Timestamp) async throws(StoreError) -> [Entry] {
        try await BlockingWork.run { () throws(StoreError) in try appendWaiting(batch, recordedAt: now) }
    }

    /// `append`, on a blocking thread: the IMMEDIATE transaction may wait for another writer.
    private func appendWaiting(_ batch: [SignedStatement], recordedAt now: Timestamp) throws(StoreError) -> [Entry] {
        // A partial head was primed for this append alone: refused or failed, it is not kept.
        defer { head.withLock { StoreHead.forgetPartial(in: &$0) } }
        // The signatures are checked on every core while this thread plans and writes the batch.
        let signatureChecks = EarlySignatureChecks(
            batch,
            known: head.withLock { $0?.state.keys.mapValues(\.publicKey) } ?? [:]
        )
        return try io {
            var committed: AppendPlanner.Plan?
            try pool.writeWithoutTransaction { db in
                // The lock is taken when BEGIN IMMEDIATE returns, that is when the transaction's
                // body starts, and let go when its commit or rollback returns.
                let asked = ContinuousClock.now
                var locked: ContinuousClock.Instant?
                defer { if let locked { writeLock.record(waited: locked - asked, held: .now - locked) } }
                try db.inTransaction(.immediate) {
                    locked = .now
                    let current = try currentHead(db, withRules: true)
                    let plan = try AppendPlanner.plan(
                        batch,
                        state: current.state,
                        frontier: current.frontier,
                        now: now,
                        rules: current.rules,
                        existingEntries: { ids throws(StoreError) in try existingBytes(db, ids) },
                        hasBlob: { hash throws(StoreError) in try hasBlob(db, hash) }
                    )
                    try insert(plan, db)
                    // A bad signature throws here and rolls the rows back.
                    try plan.requireValidSignatures(started: signatureChecks)
                    committed = plan
                    return .commit
                }
                // Published while this process still holds the writer, so that its next append
                // finds the head current instead of reloading it as if another process had written.
                if let plan = committed { head.withLock { StoreHead.keep(plan.head, in: &$0) } }
            }
            return committed?.results ?? []
        }
    }

    /// The stored entries holding any of the given statement ids, in a few queries per batch.
    private func existingBytes(_ db: Database, _ ids: [StatementID]) throws(StoreError) -> [StatementID: [UInt8]] {
        try io {
            var found: [StatementID: [UInt8]] = [:]
            // SQLite allows 32766 bound parameters; 500 per query keeps the statement cache small.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let group = ids[start..<min(ids.count, start + 500)].map(\.text)
                let placeholders = Array(repeating: "?", count: group.count).joined(separator: ",")
                let rows = try Row.fetchCursor(
                    db,
                    sql: "SELECT statement_id, bytes FROM entries WHERE statement_id IN (\(placeholders))",
                    arguments: StatementArguments(group)
                )
                while let row = try rows.next() {
                    // A stored id that does not parse cannot equal an asked one.
                    if let id = StatementID(row["statement_id"] as String) { found[id] = [UInt8](row["bytes"] as Data) }
                }
            }
            return found
        }
    }

    private func hasBlob(_ db: Database, _ hash: SHA256Hash) throws(StoreError) -> Bool {
        try io {
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM blobs WHERE sha256 = ?")
            return try Bool.fetchOne(statement, arguments: [hash.hex]) ?? false
        }
    }

    private func insert(_ plan: AppendPlanner.Plan, _ db: Database) throws {
        let insertEntry = try db.cachedStatement(
            sql:
                "INSERT INTO entries (seq, statement_id, type, actor, recorded_at, leaf_hash, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)"
        )
        for entry in plan.newEntries {
            let statement = entry.statement
            try insertEntry.execute(arguments: [
                entry.seq, statement.statementID.text, statement.type.text, statement.actor.hex, entry.recordedAt.text,
                Data(entry.hash.bytes), Data(entry.bytes),
            ])
        }
        let insertNode = try db.cachedStatement(sql: "INSERT INTO tree_nodes (level, idx, hash) VALUES (?, ?, ?)")
        for node in plan.newNodes {
            try insertNode.execute(arguments: [node.level, node.index, Data(node.hash.bytes)])
        }
    }

    /// The state at the database's current head, from the cache when no other writer moved it.
    /// With `withRules`, the rules are caught up too: from the cached ones when the ledger only
    /// grew since, else from the start (reads use the format state alone and skip that work).
    private func currentHead(_ db: Database, withRules: Bool = false) throws -> StoreHead {
        let size = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq) + 1, 0) FROM entries") ?? 0
        var folded: (any StatementRules)?
        let from: Int
        switch StoreHead.refresh(cached: head.withLock { $0 }, size: size, storeRules: rules, withRules: withRules) {
        case .reuse(let cached): return cached
        case .reload(let caughtUpFrom, let start): (folded, from) = (caughtUpFrom, start)
        }
        let (state, frontier) = try loadHead(db, size: size)
        if folded != nil {
            let rows = try Data.fetchCursor(
                db,
                sql: "SELECT bytes FROM entries WHERE seq >= ? ORDER BY seq",
                arguments: [from]
            )
            while let bytes = try rows.next() { folded?.replay(try Entry(bytes: [UInt8](bytes))) }
        }
        let loaded = StoreHead(state: state, frontier: frontier, rules: folded)
        if StoreHead.keepsReloaded(withRules: withRules, storeRules: rules) {
            head.withLock { StoreHead.keep(loaded, in: &$0) }
        }
        return loaded
    }

    /// Rebuilds the state from the control entries (a few hundred, found by a partial index) and
    /// the last entry, without reading the whole ledger.
    private func loadHead(_ db: Database, size: Int) throws -> (state: LedgerState, frontier: CompactRange) {
        var state = LedgerState()
        let placeholders = SQLiteSchema.controlTypes.map { _ in "?" }.joined(separator: ", ")
        let rows = try Data.fetchCursor(
            db,
            sql: "SELECT bytes FROM entries WHERE type IN (\(placeholders)) ORDER BY seq",
            arguments: StatementArguments(SQLiteSchema.controlTypes)
        )
        while let bytes = try rows.next() {
            state.apply(try Entry(bytes: [UInt8](bytes)))
        }
        if let last = try Row.fetchOne(db, sql: "SELECT leaf_hash, recorded_at FROM entries ORDER BY seq DESC LIMIT 1")
        {
            let hashBytes: Data = last["leaf_hash"]
            let recordedText: String = last["recorded_at"]
            guard let hash = SHA256Hash(bytes: [UInt8](hashBytes)), let recordedAt = Timestamp(text: recordedText)
            else {
                throw StoreError(.io, "the last entry's index columns are damaged; run parledger verify")
            }
            state.restoreHead(size: size, lastHash: hash, lastRecordedAt: recordedAt)
        }
        let frontier = try CompactRange(size: size, nodes: nodeSource(db))
        return (state, frontier)
    }

    public func prime(with primed: StoreHead) {
        head.withLock { StoreHead.prime(primed, in: &$0) }
    }

    // MARK: Backup

    /// Copies the whole ledger file, as one consistent snapshot, into a new SQLite file at `path`
    /// with SQLite's online backup: writers go on meanwhile, and the copy holds what was committed
    /// when it began. Copying the file itself is not safe: committed entries may live only in the
    /// `-wal` beside it. The copy is synced before this returns.
    public func backup(to path: String) async throws(StoreError) {
        try await BlockingWork.run { () throws(StoreError) in
            try io {
                // A rollback-journal database: when the backup commits, the one file is the whole
                // copy (SQLiteStore turns it to WAL when it is opened for writing).
                let copy = try DatabaseQueue(path: path)
                try pool.backup(to: copy)
                try copy.close()
            }
        }
    }

    // MARK: Reading

    public func state() async throws(StoreError) -> LedgerState {
        try await BlockingWork.run { () throws(StoreError) in
            try io { try pool.read { db in try currentHead(db).state } }
        }
    }

    public func size() async throws(StoreError) -> Int {
        try await BlockingWork.run { () throws(StoreError) in
            try io {
                try pool.read { db in try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq) + 1, 0) FROM entries") ?? 0 }
            }
        }
    }

    public func ledgerID() async throws(StoreError) -> LedgerID? {
        try await BlockingWork.run { () throws(StoreError) in
            try io {
                try pool.read { db in
                    try Data.fetchOne(db, sql: "SELECT bytes FROM entries WHERE seq = 0").map {
                        try Entry(bytes: [UInt8]($0)).statement.ledger
                    }
                }
            }
        }
    }

    public func entries(from: Int, limit: Int) async throws(StoreError) -> [StoredEntry] {
        try await BlockingWork.run { () throws(StoreError) in try entriesWaiting(from: from, limit: limit) }
    }

    private func entriesWaiting(from: Int, limit: Int) throws(StoreError) -> [StoredEntry] {
        try io {
            try pool.read { db in
                // A cursor over SQLite's own buffers: each entry's bytes are copied once, into
                // the array the caller keeps (a fold reads every entry of the ledger this way).
                let rows = try Row.fetchCursor(
                    db,
                    sql: "SELECT seq, bytes FROM entries WHERE seq >= ? ORDER BY seq LIMIT ?",
                    arguments: [from, limit]
                )
                var entries: [StoredEntry] = []
                entries.reserveCapacity(min(limit, 4096))
                while let row = try rows.next() {
                    let bytes = try row.withUnsafeData(atIndex: 1) { data in
                        data?.withUnsafeBytes { [UInt8]($0) } ?? []
                    }
                    entries.append(StoredEntry(seq: row[0], bytes: bytes))
                }
                return entries
            }
        }
    }

    public func entries(at positions: [Int]) async throws(StoreError) -> [StoredEntry] {
        let wanted = Set(positions).sorted()
        return try await BlockingWork.run { () throws(StoreError) in
            try io {
                try pool.read { db in
                    var entries: [StoredEntry] = []
                    // SQLite allows 32766 bound parameters; 500 per query keeps the statement cache small.
                    for start in stride(from: 0, to: wanted.count, by: 500) {
                        let group = Array(wanted[start..<min(wanted.count, start + 500)])
                        let placeholders = Array(repeating: "?", count: group.count).joined(separator: ",")
                        let rows = try Row.fetchCursor(
                            db,
                            sql: "SELECT seq, bytes FROM entries WHERE seq IN (\(placeholders)) ORDER BY seq",
                            arguments: StatementArguments(group)
                        )
                        while let row = try rows.next() {
                            entries.append(StoredEntry(seq: row["seq"], bytes: [UInt8](row["bytes"] as Data)))
                        }
                    }
                    return entries
                }
            }
        }
    }

    public func scan(chunkSize: Int, _ body: ([[UInt8]]) throws -> Bool) async throws(StoreError) {
        try await BlockingWork.run { () throws(StoreError) in try scanWaiting(chunkSize: chunkSize, body) }
    }

    private func scanWaiting(chunkSize: Int, _ body: ([[UInt8]]) throws -> Bool) throws(StoreError) {
        try io {
            try pool.read { db in
                let cursor = try Data.fetchCursor(db, sql: "SELECT bytes FROM entries ORDER BY seq")
                var chunk: [[UInt8]] = []
                chunk.reserveCapacity(chunkSize)
                while let bytes = try cursor.next() {
                    chunk.append([UInt8](bytes))
                    if chunk.count == chunkSize {
                        guard try body(chunk) else { return }
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                if !chunk.isEmpty { _ = try body(chunk) }
            }
        }
    }

    private func nodeSource(_ db: Database) -> MerkleTree.NodeSource {
        { level, index in
            let statement =
                level == 0
                ? try db.cachedStatement(sql: "SELECT leaf_hash FROM entries WHERE seq = ?")
                : try db.cachedStatement(sql: "SELECT hash FROM tree_nodes WHERE level = ? AND idx = ?")
            let arguments: StatementArguments = level == 0 ? [index] : [level, index]
            guard let data = try Data.fetchOne(statement, arguments: arguments),
                let hash = SHA256Hash(bytes: [UInt8](data))
            else { throw StoreError(.notFound, "no tree node at level \(level), index \(index)") }
            return hash
        }
    }

    public func treeNodes(_ work: (MerkleTree.NodeSource) throws -> Void) async throws(StoreError) {
        try await BlockingWork.run { () throws(StoreError) in
            try io { try pool.read { db in try work(nodeSource(db)) } }
        }
    }

    // MARK: Blobs

    public func putBlob(_ bytes: [UInt8]) async throws(StoreError) -> BlobReference {
        try await BlockingWork.run { () throws(StoreError) in try putBlobWaiting(bytes) }
    }

    private func putBlobWaiting(_ bytes: [UInt8]) throws(StoreError) -> BlobReference {
        let hash = SHA256Hash.of(bytes)
        try io {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT OR IGNORE INTO blobs (sha256, size, bytes, stored_at) VALUES (?, ?, ?, ?)",
                    arguments: [hash.hex, bytes.count, Data(bytes), BlobClock.now().text]
                )
            }
        }
        return BlobReference(sha256: hash, size: Int64(bytes.count))
    }

    public func blob(_ sha256: SHA256Hash) async throws(StoreError) -> [UInt8]? {
        try await BlockingWork.run { () throws(StoreError) in try blobWaiting(sha256) }
    }

    private func blobWaiting(_ sha256: SHA256Hash) throws(StoreError) -> [UInt8]? {
        try io {
            try pool.read { db in
                try Data.fetchOne(db, sql: "SELECT bytes FROM blobs WHERE sha256 = ?", arguments: [sha256.hex])
                    .map { [UInt8]($0) }
            }
        }
    }

    public func blobHashes() async throws(StoreError) -> [SHA256Hash] {
        try await BlockingWork.run { () throws(StoreError) in try blobHashesWaiting() }
    }

    private func blobHashesWaiting() throws(StoreError) -> [SHA256Hash] {
        try io {
            try pool.read { db in
                try String.fetchAll(db, sql: "SELECT sha256 FROM blobs ORDER BY sha256").compactMap(
                    SHA256Hash.init(hex:)
                )
            }
        }
    }

    public func eraseBlob(_ sha256: SHA256Hash) async throws(StoreError) {
        guard try await state().erasures[sha256] != nil else {
            throw StoreError(
                .refused,
                "blob \(sha256.short)… may only be erased after an evidence.erased/v1 entry names it"
            )
        }
        try await BlockingWork.run { () throws(StoreError) in
            try io {
                try pool.write { db in
                    try db.execute(sql: "DELETE FROM blobs WHERE sha256 = ?", arguments: [sha256.hex])
                }
            }
        }
    }

    public func removeUnreferencedBlobs(
        keeping referenced: Set<SHA256Hash>,
        storedBefore cutoff: Timestamp
    )
        async throws(StoreError) -> Int
    {
        try await BlockingWork.run { () throws(StoreError) in
            try io {
                try pool.write { db in
                    let candidates = try String.fetchAll(
                        db,
                        sql: "SELECT sha256 FROM blobs WHERE stored_at IS NULL OR stored_at < ?",
                        arguments: [cutoff.text]
                    )
                    let gone = candidates.filter { SHA256Hash(hex: $0).map { !referenced.contains($0) } ?? false }
                    let delete = try db.cachedStatement(sql: "DELETE FROM blobs WHERE sha256 = ?")
                    for hash in gone { try delete.execute(arguments: [hash]) }
                    return gone.count
                }
            }
        }
    }

    // MARK: Checkpoints

    public func saveCheckpoint(_ note: SignedNote) async throws(StoreError) {
        let size = (try? Checkpoint(noteText: note.text).size) ?? 0
        try await BlockingWork.run { () throws(StoreError) in
            try io {
                try pool.write { db in
                    try db.execute(
                        sql: "INSERT INTO checkpoints (size, note) VALUES (?, ?)",
                        arguments: [size, note.serialized]
                    )
                }
            }
        }
    }

    public func latestCheckpoint() async throws(StoreError) -> SignedNote? {
        try await checkpointNotes(sql: "SELECT note FROM checkpoints ORDER BY id DESC LIMIT 1", arguments: []).first
    }

    public func checkpoint(size: Int) async throws(StoreError) -> SignedNote? {
        try await checkpointNotes(
            sql: "SELECT note FROM checkpoints WHERE size = ? ORDER BY id DESC LIMIT 1",
            arguments: [size]
        ).first
    }

    public func checkpoints() async throws(StoreError) -> [SignedNote] {
        try await checkpointNotes(sql: "SELECT note FROM checkpoints ORDER BY id", arguments: [])
    }

    private func checkpointNotes(sql: String, arguments: StatementArguments) async throws(StoreError) -> [SignedNote] {
        let texts = try await BlockingWork.run { () throws(StoreError) in
            try io { try pool.read { db in try String.fetchAll(db, sql: sql, arguments: arguments) } }
        }
        return try texts.map { text throws(StoreError) in
            do throws(LedgerViolation) {
                return try SignedNote(parsing: text)
            } catch {
                throw StoreError(.io, "a stored checkpoint is damaged: \(error.message)")
            }
        }
    }
}
