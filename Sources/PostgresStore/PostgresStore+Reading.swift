public import LedgerCore
public import LedgerStore
import NIOCore
import PostgresNIO

extension PostgresStore {
    public func state() async throws(StoreError) -> LedgerState {
        try await ready()
        return try await call { try await currentState($0) }
    }

    public func size() async throws(StoreError) -> Int {
        try await ready()
        return try await call { try await size($0) }
    }

    public func ledgerID() async throws(StoreError) -> LedgerID? {
        try await ready()
        let ledger = ledger
        let logger = logger
        return try await call { connection -> LedgerID? in
            let rows = try await connection.query(
                "SELECT bytes FROM parledger.entries WHERE ledger = \(ledger) AND seq = 0",
                logger: logger
            )
            var found: LedgerID?
            for try await bytes in rows.decode(ByteBuffer.self) {
                found = try Entry(bytes: Array(bytes.readableBytesView)).statement.ledger
            }
            return found
        }
    }

    public func entries(from: Int, limit: Int) async throws(StoreError) -> [StoredEntry] {
        try await ready()
        return try await call { connection in
            var entries: [StoredEntry] = []
            let rows = try await connection.query(
                """
                SELECT seq, bytes FROM parledger.entries WHERE ledger = \(ledger) AND seq >= \(from)
                ORDER BY seq LIMIT \(limit)
                """,
                logger: logger
            )
            for try await (seq, bytes) in rows.decode((Int, ByteBuffer).self) {
                entries.append(StoredEntry(seq: seq, bytes: Array(bytes.readableBytesView)))
            }
            return entries
        }
    }

    /// Reads up to the size at the start, a page at a time by position: entries are immutable and
    /// committed without gaps, so the pages together are one consistent read.
    public func scan(chunkSize: Int, _ body: ([[UInt8]]) throws -> Bool) async throws(StoreError) {
        try await ready()
        try await call { connection, watchdog in
            let end = try await currentState(connection).size
            var next = 0
            while next < end {
                var chunk: [[UInt8]] = []
                chunk.reserveCapacity(chunkSize)
                let rows = try await connection.query(
                    """
                    SELECT bytes FROM parledger.entries WHERE ledger = \(ledger) AND seq >= \(next) AND seq < \(end)
                    ORDER BY seq LIMIT \(chunkSize)
                    """,
                    logger: logger
                )
                for try await bytes in rows.decode(ByteBuffer.self) { chunk.append(Array(bytes.readableBytesView)) }
                guard !chunk.isEmpty else { return }
                next += chunk.count
                guard try body(chunk) else { return }
                // A long scan is alive while its pages keep coming.
                watchdog.extend()
            }
        }
    }

    /// Hands `work` a node source backed by the nodes fetched so far. The port's node source is
    /// synchronous and a query is not, so a node not yet fetched stops `work` (`MissingNode`),
    /// is fetched, and `work` runs again: the tree computations it is given are pure, and need
    /// O(log n) nodes. Nothing blocks a thread on the database, which could starve the tasks
    /// whose commits a waiting query depends on.
    public func treeNodes(_ work: (MerkleTree.NodeSource) throws -> Void) async throws(StoreError) {
        try await ready()
        try await call { connection in
            var known: [String: SHA256Hash] = [:]
            while true {
                do {
                    let fetched = known
                    try work { level, index in
                        guard let hash = fetched["\(level)/\(index)"] else {
                            throw MissingNode(level: level, index: index)
                        }
                        return hash
                    }
                    return
                } catch let missing as MissingNode {
                    let found = try await nodes(connection, [(missing.level, missing.index)])
                    guard let hash = found["\(missing.level)/\(missing.index)"] else {
                        throw StoreError(
                            .notFound,
                            "no tree node at level \(missing.level), index \(missing.index)"
                        )
                    }
                    known["\(missing.level)/\(missing.index)"] = hash
                }
            }
        }
    }

    private struct MissingNode: Error {
        let level: Int
        let index: Int
    }

    // MARK: Blobs

    public func putBlob(_ bytes: [UInt8]) async throws(StoreError) -> BlobReference {
        try await ready()
        let hash = SHA256Hash.of(bytes)
        try await call { connection in
            try await connection.query(
                """
                INSERT INTO parledger.blobs (ledger, sha256, size, bytes, stored_at)
                VALUES (\(ledger), \(hash.hex), \(bytes.count), \(ByteBuffer(bytes: bytes)), \(BlobClock.now().text))
                ON CONFLICT DO NOTHING
                """,
                logger: logger
            )
        }
        return BlobReference(sha256: hash, size: Int64(bytes.count))
    }

    public func blob(_ sha256: SHA256Hash) async throws(StoreError) -> [UInt8]? {
        try await ready()
        return try await call { connection in
            let rows = try await connection.query(
                "SELECT bytes FROM parledger.blobs WHERE ledger = \(ledger) AND sha256 = \(sha256.hex)",
                logger: logger
            )
            for try await bytes in rows.decode(ByteBuffer.self) { return Array(bytes.readableBytesView) }
            return nil
        }
    }

    public func blobHashes() async throws(StoreError) -> [SHA256Hash] {
        try await ready()
        return try await call { connection in
            var hashes: [SHA256Hash] = []
            let rows = try await connection.query(
                "SELECT sha256 FROM parledger.blobs WHERE ledger = \(ledger) ORDER BY sha256",
                logger: logger
            )
            for try await hex in rows.decode(String.self) {
                hashes.append(contentsOf: SHA256Hash(hex: hex).map { [$0] } ?? [])
            }
            return hashes
        }
    }

    public func eraseBlob(_ sha256: SHA256Hash) async throws(StoreError) {
        guard try await state().erasures[sha256] != nil else {
            throw StoreError(
                .refused,
                "blob \(sha256.short)… may only be erased after an evidence.erased/v1 entry names it"
            )
        }
        try await call { connection in
            try await connection.query(
                "DELETE FROM parledger.blobs WHERE ledger = \(ledger) AND sha256 = \(sha256.hex)",
                logger: logger
            )
        }
    }

    public func removeUnreferencedBlobs(
        keeping referenced: Set<SHA256Hash>,
        storedBefore cutoff: Timestamp
    )
        async throws(StoreError) -> Int
    {
        try await ready()
        return try await call { connection in
            var candidates: [String] = []
            let rows = try await connection.query(
                """
                SELECT sha256 FROM parledger.blobs
                WHERE ledger = \(ledger) AND (stored_at IS NULL OR stored_at < \(cutoff.text))
                """,
                logger: logger
            )
            for try await hash in rows.decode(String.self) { candidates.append(hash) }
            let gone = candidates.filter { SHA256Hash(hex: $0).map { !referenced.contains($0) } ?? false }
            for hash in gone {
                try await connection.query(
                    "DELETE FROM parledger.blobs WHERE ledger = \(ledger) AND sha256 = \(hash)",
                    logger: logger
                )
            }
            return gone.count
        }
    }

    // MARK: Checkpoints, snapshots, witnesses

    public func saveCheckpoint(_ note: SignedNote) async throws(StoreError) {
        try await ready()
        let size = (try? Checkpoint(noteText: note.text).size) ?? 0
        try await call { connection in
            try await connection.query(
                "INSERT INTO parledger.checkpoints (ledger, size, note) VALUES (\(ledger), \(size), \(note.serialized))",
                logger: logger
            )
        }
    }

    public func latestCheckpoint() async throws(StoreError) -> SignedNote? {
        try await checkpointNote(
            "SELECT note FROM parledger.checkpoints WHERE ledger = \(ledger) ORDER BY id DESC LIMIT 1"
        )
    }

    public func checkpoint(size: Int) async throws(StoreError) -> SignedNote? {
        try await checkpointNote(
            "SELECT note FROM parledger.checkpoints WHERE ledger = \(ledger) AND size = \(size) ORDER BY id DESC LIMIT 1"
        )
    }

    private func checkpointNote(_ query: PostgresQuery) async throws(StoreError) -> SignedNote? {
        try await ready()
        let text = try await call { connection -> String? in
            for try await text in try await connection.query(query, logger: logger).decode(String.self) { return text }
            return nil
        }
        guard let text else { return nil }
        do {
            return try SignedNote(parsing: text)
        } catch {
            throw StoreError(.io, "the stored checkpoint is damaged: \(error.message)")
        }
    }

    public func checkpoints() async throws(StoreError) -> [SignedNote] {
        try await ready()
        let texts = try await call { connection in
            var texts: [String] = []
            let rows = try await connection.query(
                "SELECT note FROM parledger.checkpoints WHERE ledger = \(ledger) ORDER BY id",
                logger: logger
            )
            for try await text in rows.decode(String.self) { texts.append(text) }
            return texts
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
