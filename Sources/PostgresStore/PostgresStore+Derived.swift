public import LedgerCore
public import LedgerStore
import NIOCore
import PostgresNIO

/// Derived data of a PostgreSQL ledger (projection snapshots, kept answers) lives in the same
/// database, in tables of its own that are not append-only and that a rebuild may replace: apart
/// from the ledger's tables, which only ever grow.
extension PostgresStore: DerivedStore {
    public func saveSnapshot(_ snapshot: ProjectionSnapshot) async throws(StoreError) {
        try await ready()
        try await call { connection in
            try await connection.query(
                """
                INSERT INTO parledger.snapshots (ledger, size, root, last_recorded_at, bytes)
                VALUES (\(ledger), \(snapshot.size), \(ByteBuffer(bytes: snapshot.root.bytes)),
                    \(snapshot.lastRecordedAt.text), \(ByteBuffer(bytes: snapshot.bytes)))
                ON CONFLICT (ledger, size) DO UPDATE
                    SET root = EXCLUDED.root, last_recorded_at = EXCLUDED.last_recorded_at, bytes = EXCLUDED.bytes
                """,
                logger: logger
            )
        }
    }

    public func latestSnapshot(
        atMost size: Int?,
        recordedAtMost recordedAt: Timestamp?
    ) async throws(StoreError) -> ProjectionSnapshot? {
        try await firstSnapshot(
            """
            SELECT size, root, last_recorded_at, bytes FROM parledger.snapshots
            WHERE ledger = \(ledger) AND size <= \(size ?? Int.max) AND last_recorded_at <= \(recordedAt?.text ?? "9999")
            ORDER BY size DESC LIMIT 1
            """
        )
    }

    public func saveReport(_ snapshot: ProjectionSnapshot, named name: String) async throws(StoreError) {
        try await ready()
        try await call { connection in
            try await connection.query(
                """
                INSERT INTO parledger.reports (ledger, name, size, root, last_recorded_at, bytes)
                VALUES (\(ledger), \(name), \(snapshot.size), \(ByteBuffer(bytes: snapshot.root.bytes)),
                    \(snapshot.lastRecordedAt.text), \(ByteBuffer(bytes: snapshot.bytes)))
                ON CONFLICT (ledger, name, size) DO UPDATE
                    SET root = EXCLUDED.root, last_recorded_at = EXCLUDED.last_recorded_at, bytes = EXCLUDED.bytes
                """,
                logger: logger
            )
        }
    }

    public func latestReport(
        named name: String,
        recordedAtMost recordedAt: Timestamp
    ) async throws(StoreError) -> ProjectionSnapshot? {
        try await firstSnapshot(
            """
            SELECT size, root, last_recorded_at, bytes FROM parledger.reports
            WHERE ledger = \(ledger) AND name = \(name) AND last_recorded_at <= \(recordedAt.text)
            ORDER BY size DESC LIMIT 1
            """
        )
    }

    /// The first snapshot or kept report a query of `size, root, last_recorded_at, bytes` finds.
    private func firstSnapshot(_ query: PostgresQuery) async throws(StoreError) -> ProjectionSnapshot? {
        try await ready()
        return try await call { connection in
            try await Self.firstSnapshot(connection.query(query, logger: logger))
        }
    }

    private static func firstSnapshot(_ rows: PostgresRowSequence) async throws -> ProjectionSnapshot? {
        for try await (size, root, lastRecordedAt, bytes) in rows.decode((Int, ByteBuffer, String, ByteBuffer).self) {
            guard let root = SHA256Hash(bytes: Array(root.readableBytesView)),
                let lastRecordedAt = Timestamp(text: lastRecordedAt)
            else { return nil }
            return ProjectionSnapshot(
                size: size,
                root: root,
                lastRecordedAt: lastRecordedAt,
                bytes: Array(bytes.readableBytesView)
            )
        }
        return nil
    }

}
