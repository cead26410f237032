import GRDB
import LedgerStore

/// The SQLite schema, as migrations of literal SQL. A shipped migration is never edited: a change
/// is a new migration appended to `migrator`.
enum SQLiteSchema {
    static let controlTypes = [
        "ledger.genesis/v1", "key.registered/v1", "key.revoked/v1", "ledger.policy.amended/v1", "evidence.erased/v1",
    ]

    /// Refuses a database that is not a ledger, or that a newer build migrated further than this
    /// one knows; a ledger from an older build is readable (its entries, tree and blobs are those
    /// of the first migration, which never changes).
    static func requireLedger(_ db: Database) throws {
        let migrator = migrator
        if try migrator.hasBeenSuperseded(db) {
            throw StoreError(.io, "it was written by a newer parledger; use that version or later")
        }
        guard try migrator.appliedIdentifiers(db).contains(firstMigration) else {
            throw StoreError(.io, "it has no ledger tables")
        }
    }

    private static let firstMigration = "v1: entries, tree, blobs, checkpoints"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(firstMigration) { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("v2: projection snapshots") { db in
            try db.execute(sql: version2)
        }
        migrator.registerMigration("v3: kept reports") { db in
            try db.execute(sql: version3)
        }
        migrator.registerMigration("v4: upload times") { db in
            try db.execute(sql: version4)
        }
        return migrator
    }

    /// Entries and tree nodes are append-only in the database itself: triggers abort any UPDATE or
    /// DELETE, whoever issues it. The columns beside `bytes` are indexes derived from them;
    /// verification reads only `bytes`.
    static let version1 = """
        CREATE TABLE entries (
            seq          INTEGER PRIMARY KEY CHECK (seq >= 0),
            statement_id TEXT    NOT NULL UNIQUE,
            type         TEXT    NOT NULL,
            actor        TEXT    NOT NULL,
            recorded_at  TEXT    NOT NULL,
            leaf_hash    BLOB    NOT NULL CHECK (length(leaf_hash) = 32),
            bytes        BLOB    NOT NULL
        );
        CREATE INDEX entries_control ON entries (type, seq) WHERE type IN
            ('ledger.genesis/v1', 'key.registered/v1', 'key.revoked/v1', 'ledger.policy.amended/v1', 'evidence.erased/v1');
        CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
            BEGIN SELECT RAISE(ABORT, 'parledger: entries are append-only'); END;
        CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
            BEGIN SELECT RAISE(ABORT, 'parledger: entries are append-only'); END;

        CREATE TABLE tree_nodes (
            level INTEGER NOT NULL CHECK (level >= 1),
            idx   INTEGER NOT NULL CHECK (idx >= 0),
            hash  BLOB    NOT NULL CHECK (length(hash) = 32),
            PRIMARY KEY (level, idx)
        ) WITHOUT ROWID;
        CREATE TRIGGER tree_nodes_no_update BEFORE UPDATE ON tree_nodes
            BEGIN SELECT RAISE(ABORT, 'parledger: tree nodes are append-only'); END;
        CREATE TRIGGER tree_nodes_no_delete BEFORE DELETE ON tree_nodes
            BEGIN SELECT RAISE(ABORT, 'parledger: tree nodes are append-only'); END;

        CREATE TABLE blobs (
            sha256 TEXT    PRIMARY KEY CHECK (length(sha256) = 64),
            size   INTEGER NOT NULL CHECK (size >= 0),
            bytes  BLOB    NOT NULL
        );

        CREATE TABLE checkpoints (
            id   INTEGER PRIMARY KEY AUTOINCREMENT,
            size INTEGER NOT NULL CHECK (size >= 0),
            note TEXT    NOT NULL
        );
        CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
            BEGIN SELECT RAISE(ABORT, 'parledger: checkpoints are append-only'); END;
        CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
            BEGIN SELECT RAISE(ABORT, 'parledger: checkpoints are append-only'); END;

        CREATE TABLE cosignatures (
            witness TEXT    NOT NULL,
            size    INTEGER NOT NULL,
            root    BLOB    NOT NULL,
            origin  TEXT    NOT NULL,
            PRIMARY KEY (witness, size)
        );
        """

    /// Projection snapshots: derived data, so not append-only; a rebuild replaces them.
    static let version2 = """
        CREATE TABLE snapshots (
            size INTEGER PRIMARY KEY CHECK (size > 0),
            root BLOB NOT NULL CHECK (length(root) = 32),
            last_recorded_at TEXT NOT NULL,
            bytes BLOB NOT NULL
        );
        """

    /// Read models' answers kept per ledger prefix (the standings at the end of each day): derived
    /// data like the snapshots.
    static let version3 = """
        CREATE TABLE reports (
            name TEXT NOT NULL,
            size INTEGER NOT NULL CHECK (size > 0),
            root BLOB NOT NULL CHECK (length(root) = 32),
            last_recorded_at TEXT NOT NULL,
            bytes BLOB NOT NULL,
            PRIMARY KEY (name, size)
        );
        """

    /// When each blob was stored, so an upload no entry refers to can be removed after a grace
    /// period; NULL for blobs stored before (treated as old).
    static let version4 = """
        ALTER TABLE blobs ADD COLUMN stored_at TEXT;
        """
}
