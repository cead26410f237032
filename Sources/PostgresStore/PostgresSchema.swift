import Foundation

/// The PostgreSQL schema, as migrations of literal SQL recorded in `parledger.migrations`. A
/// shipped migration is never edited: a change is a new migration appended to `migrations`.
///
/// Every table lives in the `parledger` schema and is keyed by `ledger` first, so one database
/// holds many ledgers that never see each other's rows. The column types match the SQLite store's
/// (BIGINT for positions, BYTEA for hashes and bytes, TEXT in the "C" collation for timestamps,
/// so they compare as the fixed-width text they are).
enum PostgresSchema {
    struct Migration {
        let version: Int
        let name: String
        /// One statement each: the extended query protocol takes one at a time.
        let statements: [String]
    }

    static let controlTypes = [
        "ledger.genesis/v1", "key.registered/v1", "key.revoked/v1", "ledger.policy.amended/v1", "evidence.erased/v1",
    ]

    /// Run before any migration (idempotent), so the migrations table exists to be read.
    static let bootstrap = [
        "CREATE SCHEMA IF NOT EXISTS parledger",
        """
        CREATE TABLE IF NOT EXISTS parledger.migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """,
    ]

    static let migrations = [
        Migration(version: 1, name: "ledgers, entries, tree, blobs, checkpoints, snapshots", statements: version1),
        Migration(version: 2, name: "kept reports", statements: version2),
        Migration(version: 3, name: "upload times", statements: version3),
        Migration(version: 4, name: "act sections", statements: version4),
    ]

    static var latestVersion: Int { migrations.map(\.version).max() ?? 0 }

    /// Entries, tree nodes and checkpoints are append-only twice over: triggers abort UPDATE,
    /// DELETE and TRUNCATE whoever issues them (the owner included), and the application role is
    /// granted only SELECT and INSERT on them (`grants(to:)`).
    static let version1 = [
        """
        CREATE TABLE parledger.ledgers (
            ledger     TEXT PRIMARY KEY CHECK (length(ledger) > 0),
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """,
        """
        CREATE TABLE parledger.entries (
            ledger       TEXT   NOT NULL REFERENCES parledger.ledgers (ledger),
            seq          BIGINT NOT NULL CHECK (seq >= 0),
            statement_id TEXT   NOT NULL,
            type         TEXT   NOT NULL,
            actor        TEXT   NOT NULL,
            recorded_at  TEXT COLLATE "C" NOT NULL,
            leaf_hash    BYTEA  NOT NULL CHECK (length(leaf_hash) = 32),
            bytes        BYTEA  NOT NULL,
            PRIMARY KEY (ledger, seq),
            UNIQUE (ledger, statement_id)
        )
        """,
        """
        CREATE INDEX entries_control ON parledger.entries (ledger, seq) WHERE type IN
            ('ledger.genesis/v1', 'key.registered/v1', 'key.revoked/v1', 'ledger.policy.amended/v1', 'evidence.erased/v1')
        """,
        """
        CREATE FUNCTION parledger.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'parledger: % is append-only (% refused)', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END;
        $$
        """,
        """
        CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON parledger.entries
            FOR EACH ROW EXECUTE FUNCTION parledger.refuse_change()
        """,
        """
        CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON parledger.entries
            FOR EACH STATEMENT EXECUTE FUNCTION parledger.refuse_change()
        """,
        """
        CREATE TABLE parledger.tree_nodes (
            ledger TEXT   NOT NULL REFERENCES parledger.ledgers (ledger),
            level  BIGINT NOT NULL CHECK (level >= 1),
            idx    BIGINT NOT NULL CHECK (idx >= 0),
            hash   BYTEA  NOT NULL CHECK (length(hash) = 32),
            PRIMARY KEY (ledger, level, idx)
        )
        """,
        """
        CREATE TRIGGER tree_nodes_append_only BEFORE UPDATE OR DELETE ON parledger.tree_nodes
            FOR EACH ROW EXECUTE FUNCTION parledger.refuse_change()
        """,
        """
        CREATE TRIGGER tree_nodes_no_truncate BEFORE TRUNCATE ON parledger.tree_nodes
            FOR EACH STATEMENT EXECUTE FUNCTION parledger.refuse_change()
        """,
        """
        CREATE TABLE parledger.blobs (
            ledger TEXT   NOT NULL REFERENCES parledger.ledgers (ledger),
            sha256 TEXT   NOT NULL CHECK (length(sha256) = 64),
            size   BIGINT NOT NULL CHECK (size >= 0),
            bytes  BYTEA  NOT NULL,
            PRIMARY KEY (ledger, sha256)
        )
        """,
        """
        CREATE TABLE parledger.checkpoints (
            id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            ledger TEXT   NOT NULL REFERENCES parledger.ledgers (ledger),
            size   BIGINT NOT NULL CHECK (size >= 0),
            note   TEXT   NOT NULL
        )
        """,
        """
        CREATE INDEX checkpoints_by_size ON parledger.checkpoints (ledger, size, id)
        """,
        """
        CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON parledger.checkpoints
            FOR EACH ROW EXECUTE FUNCTION parledger.refuse_change()
        """,
        """
        CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON parledger.checkpoints
            FOR EACH STATEMENT EXECUTE FUNCTION parledger.refuse_change()
        """,
        """
        CREATE TABLE parledger.cosignatures (
            ledger  TEXT   NOT NULL REFERENCES parledger.ledgers (ledger),
            witness TEXT   NOT NULL,
            size    BIGINT NOT NULL,
            root    BYTEA  NOT NULL,
            origin  TEXT   NOT NULL,
            PRIMARY KEY (ledger, witness, size)
        )
        """,
        """
        CREATE TABLE parledger.snapshots (
            ledger           TEXT   NOT NULL REFERENCES parledger.ledgers (ledger),
            size             BIGINT NOT NULL CHECK (size > 0),
            root             BYTEA  NOT NULL CHECK (length(root) = 32),
            last_recorded_at TEXT COLLATE "C" NOT NULL,
            bytes            BYTEA  NOT NULL,
            PRIMARY KEY (ledger, size)
        )
        """,
    ]

    /// Read models' answers kept per ledger prefix (the standings at the end of each day): derived
    /// data like the snapshots.
    /// When each blob was stored, so an upload no entry refers to can be removed after a grace
    /// period; NULL for blobs stored before (treated as old).
    static let version3 = [
        "ALTER TABLE parledger.blobs ADD COLUMN stored_at TEXT COLLATE \"C\""
    ]

    /// The fold kept in the sections an act loads in part (derived data): one set per ledger, the
    /// latest, replaced whole.
    static let version4 = [
        """
        CREATE TABLE parledger.act_heads (
            ledger           TEXT   PRIMARY KEY REFERENCES parledger.ledgers (ledger),
            size             BIGINT NOT NULL CHECK (size > 0),
            root             BYTEA  NOT NULL CHECK (length(root) = 32),
            last_recorded_at TEXT COLLATE "C" NOT NULL,
            bytes            BYTEA  NOT NULL
        )
        """,
        """
        CREATE TABLE parledger.act_sections (
            ledger TEXT  NOT NULL REFERENCES parledger.ledgers (ledger),
            name   TEXT COLLATE "C" NOT NULL,
            bytes  BYTEA NOT NULL,
            PRIMARY KEY (ledger, name)
        )
        """,
    ]

    static let version2 = [
        """
        CREATE TABLE parledger.reports (
            ledger           TEXT   NOT NULL REFERENCES parledger.ledgers (ledger),
            name             TEXT   NOT NULL,
            size             BIGINT NOT NULL CHECK (size > 0),
            root             BYTEA  NOT NULL CHECK (length(root) = 32),
            last_recorded_at TEXT COLLATE "C" NOT NULL,
            bytes            BYTEA  NOT NULL,
            PRIMARY KEY (ledger, name, size)
        )
        """
    ]

    /// What the application role may do, granted by the owner after migrating (idempotent, so
    /// every migration run re-applies it). No UPDATE, DELETE or TRUNCATE on the append-only
    /// tables; DELETE on blobs (erasure), UPDATE on snapshots and reports and both on the act
    /// sections (replacement) only.
    static func grants(to role: String) -> [String] {
        let role = quotedIdentifier(role)
        return [
            "GRANT USAGE ON SCHEMA parledger TO \(role)",
            "GRANT SELECT ON parledger.migrations TO \(role)",
            """
            GRANT SELECT, INSERT ON parledger.ledgers, parledger.entries, parledger.tree_nodes,
                parledger.checkpoints, parledger.cosignatures TO \(role)
            """,
            "GRANT SELECT, INSERT, DELETE ON parledger.blobs TO \(role)",
            "GRANT SELECT, INSERT, UPDATE ON parledger.snapshots, parledger.reports TO \(role)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON parledger.act_heads, parledger.act_sections TO \(role)",
        ]
    }

    /// A role name as a quoted SQL identifier (GRANT takes no bind parameters).
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
