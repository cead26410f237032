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

    // MARK: Act sections

    public func saveActSections(head: ProjectionSnapshot, sections: [String: [UInt8]]) async throws(StoreError) {
        try await ready()
        let ledger = ledger
        let logger = logger
        let rows = sections.sorted { $0.key < $1.key }
        try await transaction { connection in
            // Two savers of one ledger take turns; the later head wins.
            try await connection.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended('parledger.act_sections/' || \(ledger), 0))",
                logger: logger
            )
            let kept = try await connection.query(
                "SELECT size FROM parledger.act_heads WHERE ledger = \(ledger)",
                logger: logger
            )
            var keptSize = 0
            for try await size in kept.decode(Int.self) { keptSize = size }
            guard keptSize <= head.size else { return }
            try await connection.execute("DELETE FROM parledger.act_sections WHERE ledger = \(ledger)", logger: logger)
            // Many rows per statement: a national ledger has tens of thousands of sections.
            for start in stride(from: 0, to: rows.count, by: 1000) {
                let chunk = rows[start..<min(rows.count, start + 1000)]
                var binds = PostgresBindings(capacity: 1 + 2 * chunk.count)
                binds.append(ledger)
                var values: [String] = []
                for (offset, row) in chunk.enumerated() {
                    binds.append(row.key)
                    binds.append(ByteBuffer(bytes: row.value))
                    values.append("($1, $\(2 + 2 * offset), $\(3 + 2 * offset))")
                }
                try await connection.execute(
                    PostgresQuery(
                        unsafeSQL: "INSERT INTO parledger.act_sections (ledger, name, bytes) VALUES "
                            + values.joined(separator: ", "),
                        binds: binds
                    ),
                    logger: logger
                )
            }
            try await connection.execute(
                """
                INSERT INTO parledger.act_heads (ledger, size, root, last_recorded_at, bytes)
                VALUES (\(ledger), \(head.size), \(ByteBuffer(bytes: head.root.bytes)),
                    \(head.lastRecordedAt.text), \(ByteBuffer(bytes: head.bytes)))
                ON CONFLICT (ledger) DO UPDATE
                    SET size = EXCLUDED.size, root = EXCLUDED.root,
                        last_recorded_at = EXCLUDED.last_recorded_at, bytes = EXCLUDED.bytes
                """,
                logger: logger
            )
        }
    }

    public func actHead() async throws(StoreError) -> ProjectionSnapshot? {
        try await firstSnapshot(
            "SELECT size, root, last_recorded_at, bytes FROM parledger.act_heads WHERE ledger = \(ledger)"
        )
    }

    public func actSections(_ names: [String], size: Int) async throws(StoreError) -> [String: [UInt8]]? {
        try await ready()
        let ledger = ledger
        let logger = logger
        // One statement, so one snapshot: the sections and the size they stand for are read together.
        return try await call { connection -> [String: [UInt8]]? in
            let rows = try await connection.query(
                """
                SELECT h.size, s.name, s.bytes FROM parledger.act_heads h
                LEFT JOIN parledger.act_sections s ON s.ledger = h.ledger AND s.name = ANY(\(names))
                WHERE h.ledger = \(ledger)
                """,
                logger: logger
            )
            var kept: Int?
            var sections: [String: [UInt8]] = [:]
            for try await (found, name, bytes) in rows.decode((Int, String?, ByteBuffer?).self) {
                kept = found
                if let name, let bytes { sections[name] = Array(bytes.readableBytesView) }
            }
            return kept == size ? sections : nil
        }
    }
}
