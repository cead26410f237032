import Foundation
import GRDB
public import LedgerCore
public import LedgerStore

/// Derived data of a SQLite ledger in a cache file beside it (`ledger.sqlite` → `ledger.sqlite.cache`),
/// never in the ledger file: reading a ledger writes nothing to it, and a ledger that may not be
/// written still serves every read. The cache is disposable (delete it and it is rebuilt), and
/// anything in it is used only while the ledger's root at its size still matches.
public final class SQLiteDerivedStore: DerivedStore {
    private let queue: DatabaseQueue

    /// The cache file beside a ledger.
    public static func cachePath(besideLedger path: String) -> String { path + ".cache" }

    /// Opens or creates the cache file; a file that is not a parledger cache is replaced.
    public init(path: String) throws(StoreError) {
        do {
            queue = try Self.open(path)
        } catch {
            // Disposable: a damaged or foreign file in the cache's place is removed and made anew.
            try? FileManager.default.removeItem(atPath: path)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            do {
                queue = try Self.open(path)
            } catch {
                throw StoreError(.io, "cannot keep derived data in \(path): \(SQLiteStore.describe(error))")
            }
        }
    }

    /// The read side of the ledger at `ledgerPath`: its cache file when that can be opened or
    /// made, else memory (a read-only folder, a full disk), which lasts as long as the process.
    public static func beside(ledgerPath: String) -> any DerivedStore {
        (try? SQLiteDerivedStore(path: cachePath(besideLedger: ledgerPath))) ?? InMemoryDerivedStore()
    }

    private static func open(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.journalMode = .wal
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try migrator.migrate(queue)
        return queue
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: snapshots and kept reports") { db in
            try db.execute(
                sql: """
                    CREATE TABLE snapshots (
                        size INTEGER PRIMARY KEY CHECK (size > 0),
                        root BLOB NOT NULL CHECK (length(root) = 32),
                        last_recorded_at TEXT NOT NULL,
                        bytes BLOB NOT NULL
                    );
                    CREATE TABLE reports (
                        name TEXT NOT NULL,
                        size INTEGER NOT NULL CHECK (size > 0),
                        root BLOB NOT NULL CHECK (length(root) = 32),
                        last_recorded_at TEXT NOT NULL,
                        bytes BLOB NOT NULL,
                        PRIMARY KEY (name, size)
                    );
                    """
            )
        }
        migrator.registerMigration("v2: act sections") { db in
            // One set kept, the latest: an act loads its head and the few sections it reads.
            try db.execute(
                sql: """
                    CREATE TABLE act_head (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        size INTEGER NOT NULL CHECK (size > 0),
                        root BLOB NOT NULL CHECK (length(root) = 32),
                        last_recorded_at TEXT NOT NULL,
                        bytes BLOB NOT NULL
                    );
                    CREATE TABLE act_sections (
                        name TEXT PRIMARY KEY,
                        bytes BLOB NOT NULL
                    ) WITHOUT ROWID;
                    """
            )
        }
        return migrator
    }

    private func run<T>(_ work: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        try await BlockingWork.run { () throws(StoreError) -> T in
            do {
                return try queue.inDatabase(work)
            } catch {
                throw StoreError(.io, "the derived-data cache failed: \(SQLiteStore.describe(error))")
            }
        }
    }

    public func saveSnapshot(_ snapshot: ProjectionSnapshot) async throws(StoreError) {
        try await save(snapshot, into: "snapshots", name: nil)
    }

    public func latestSnapshot(
        atMost size: Int?,
        recordedAtMost recordedAt: Timestamp?
    ) async throws(StoreError)
        -> ProjectionSnapshot?
    {
        try await first(
            """
            SELECT size, root, last_recorded_at, bytes FROM snapshots
            WHERE size <= ? AND last_recorded_at <= ? ORDER BY size DESC LIMIT 1
            """,
            [size ?? Int.max, recordedAt?.text ?? "9999"]
        )
    }

    public func saveReport(_ snapshot: ProjectionSnapshot, named name: String) async throws(StoreError) {
        try await save(snapshot, into: "reports", name: name)
    }

    public func latestReport(
        named name: String,
        recordedAtMost recordedAt: Timestamp
    ) async throws(StoreError)
        -> ProjectionSnapshot?
    {
        try await first(
            """
            SELECT size, root, last_recorded_at, bytes FROM reports
            WHERE name = ? AND last_recorded_at <= ? ORDER BY size DESC LIMIT 1
            """,
            [name, recordedAt.text]
        )
    }

    public func saveActSections(head: ProjectionSnapshot, sections: [String: [UInt8]]) async throws(StoreError) {
        try await run { db in
            try db.inTransaction {
                let kept = try Int.fetchOne(db, sql: "SELECT size FROM act_head WHERE id = 1")
                if let kept, kept > head.size { return .rollback }
                try db.execute(sql: "DELETE FROM act_sections")
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO act_head (id, size, root, last_recorded_at, bytes)
                        VALUES (1, ?, ?, ?, ?)
                        """,
                    arguments: [head.size, Data(head.root.bytes), head.lastRecordedAt.text, Data(head.bytes)]
                )
                let insert = try db.cachedStatement(sql: "INSERT INTO act_sections (name, bytes) VALUES (?, ?)")
                for (name, bytes) in sections { try insert.execute(arguments: [name, Data(bytes)]) }
                return .commit
            }
        }
    }

    public func actHead() async throws(StoreError) -> ProjectionSnapshot? {
        try await first("SELECT size, root, last_recorded_at, bytes FROM act_head WHERE id = 1", [])
    }

    public func actSections(_ names: [String], size: Int) async throws(StoreError) -> [String: [UInt8]]? {
        // One read transaction: the sections and the size they stand for are read together.
        try await run { db in try Self.sections(db, names, size: size) }
    }

    private static func sections(_ db: Database, _ names: [String], size: Int) throws -> [String: [UInt8]]? {
        var found: [String: [UInt8]]?
        try db.inTransaction(.deferred) {
            guard try Int.fetchOne(db, sql: "SELECT size FROM act_head WHERE id = 1") == size else { return .commit }
            var sections: [String: [UInt8]] = [:]
            let select = try db.cachedStatement(sql: "SELECT bytes FROM act_sections WHERE name = ?")
            for name in names {
                if let bytes = try Data.fetchOne(select, arguments: [name]) { sections[name] = [UInt8](bytes) }
            }
            found = sections
            return .commit
        }
        return found
    }

    private func save(_ snapshot: ProjectionSnapshot, into table: String, name: String?) async throws(StoreError) {
        let columns = name == nil ? "size, root, last_recorded_at, bytes" : "name, size, root, last_recorded_at, bytes"
        var arguments: StatementArguments = name.map { [$0] } ?? []
        arguments += [snapshot.size, Data(snapshot.root.bytes), snapshot.lastRecordedAt.text, Data(snapshot.bytes)]
        let placeholders = name == nil ? "?, ?, ?, ?" : "?, ?, ?, ?, ?"
        let sql = "INSERT OR REPLACE INTO \(table) (\(columns)) VALUES (\(placeholders))"
        let bound = arguments
        try await run { db in try db.execute(sql: sql, arguments: bound) }
    }

    private func first(_ sql: String, _ arguments: StatementArguments) async throws(StoreError) -> ProjectionSnapshot? {
        try await run { db in
            guard let row = try Row.fetchOne(db, sql: sql, arguments: arguments),
                let root = SHA256Hash(bytes: [UInt8](row["root"] as Data)),
                let lastRecordedAt = Timestamp(text: row["last_recorded_at"])
            else { return nil }
            return ProjectionSnapshot(
                size: row["size"],
                root: root,
                lastRecordedAt: lastRecordedAt,
                bytes: [UInt8](row["bytes"] as Data)
            )
        }
    }
}
