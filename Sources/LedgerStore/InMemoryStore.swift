public import LedgerCore
import Synchronization

/// A store in memory: for tests and demos, and the reference the conformance suite holds the
/// database stores to.
public final class InMemoryStore: EventStore {
    private struct Storage {
        var entries: [StoredEntry] = []
        var statementPositions: [StatementID: Int] = [:]
        var levels: [[SHA256Hash]] = [[]]
        var state = LedgerState()
        var frontier = CompactRange()
        var rules: (any StatementRules)?
        var blobs: [SHA256Hash: [UInt8]] = [:]
        var blobsStoredAt: [SHA256Hash: Timestamp] = [:]
        var checkpoints: [SignedNote] = []
    }

    private let storage: Mutex<Storage>

    /// An empty store; `rules` are checked on every appended statement beyond the format.
    public init(rules: (any StatementRules)? = nil) {
        var storage = Storage()
        storage.rules = rules
        self.storage = Mutex(storage)
    }

    public func append(_ batch: [SignedStatement], recordedAt now: Timestamp) throws(StoreError) -> [Entry] {
        let signatureChecks = EarlySignatureChecks(
            batch,
            known: storage.withLock { $0.state.keys.mapValues(\.publicKey) }
        )
        return try storage.withLock { (storage: inout Storage) throws(StoreError) -> [Entry] in
            let snapshot = storage
            let plan = try AppendPlanner.plan(
                batch,
                state: snapshot.state,
                frontier: snapshot.frontier,
                now: now,
                rules: snapshot.rules,
                existingEntries: { ids in
                    var found: [StatementID: [UInt8]] = [:]
                    for id in ids {
                        if let position = snapshot.statementPositions[id] {
                            found[id] = snapshot.entries[position].bytes
                        }
                    }
                    return found
                },
                hasBlob: { snapshot.blobs[$0] != nil }
            )
            try plan.requireValidSignatures(started: signatureChecks)
            for entry in plan.newEntries {
                storage.entries.append(StoredEntry(seq: entry.seq, bytes: entry.bytes))
                storage.statementPositions[entry.statement.statementID] = entry.seq
                storage.levels[0].append(entry.hash)
            }
            for node in plan.newNodes {
                while storage.levels.count <= node.level { storage.levels.append([]) }
                storage.levels[node.level].append(node.hash)
            }
            storage.state = plan.state
            storage.frontier = plan.frontier
            storage.rules = plan.rules
            return plan.results
        }
    }

    public func state() -> LedgerState { storage.withLock { $0.state } }

    public func entries(from: Int, limit: Int) -> [StoredEntry] {
        storage.withLock { storage in
            guard from >= 0, from < storage.entries.count else { return [] }
            return Array(storage.entries[from..<min(storage.entries.count, from + max(0, limit))])
        }
    }

    public func scan(chunkSize: Int, _ body: ([[UInt8]]) throws -> Bool) throws(StoreError) {
        let entries = storage.withLock { $0.entries }
        var start = 0
        while start < entries.count {
            let chunk = entries[start..<min(entries.count, start + chunkSize)].map(\.bytes)
            do {
                guard try body(chunk) else { return }
            } catch {
                throw StoreError(.io, "scan stopped: \(error)")
            }
            start += chunkSize
        }
    }

    public func treeNodes(_ work: (MerkleTree.NodeSource) throws -> Void) throws(StoreError) {
        let levels = storage.withLock { $0.levels }
        do {
            try work { level, index in
                guard level < levels.count, index < levels[level].count else {
                    throw StoreError(.notFound, "no tree node at level \(level), index \(index)")
                }
                return levels[level][index]
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.io, "\(error)")
        }
    }

    public func putBlob(_ bytes: [UInt8]) -> BlobReference {
        let hash = SHA256Hash.of(bytes)
        storage.withLock { storage in
            if storage.blobs[hash] == nil { storage.blobsStoredAt[hash] = BlobClock.now() }
            storage.blobs[hash] = bytes
        }
        return BlobReference(sha256: hash, size: Int64(bytes.count))
    }

    public func blob(_ sha256: SHA256Hash) -> [UInt8]? { storage.withLock { $0.blobs[sha256] } }

    public func blobHashes() -> [SHA256Hash] { storage.withLock { $0.blobs.keys.sorted() } }

    public func eraseBlob(_ sha256: SHA256Hash) throws(StoreError) {
        try storage.withLock { (storage: inout Storage) throws(StoreError) in
            guard storage.state.erasures[sha256] != nil else {
                throw StoreError(
                    .refused,
                    "blob \(sha256.short)… may only be erased after an evidence.erased/v1 entry names it"
                )
            }
            storage.blobs[sha256] = nil
        }
    }

    public func removeUnreferencedBlobs(keeping referenced: Set<SHA256Hash>, storedBefore cutoff: Timestamp) -> Int {
        storage.withLock { storage in
            let gone = storage.blobs.keys.filter { hash in
                !referenced.contains(hash) && (storage.blobsStoredAt[hash].map { $0 < cutoff } ?? true)
            }
            for hash in gone {
                storage.blobs[hash] = nil
                storage.blobsStoredAt[hash] = nil
            }
            return gone.count
        }
    }

    public func saveCheckpoint(_ note: SignedNote) { storage.withLock { $0.checkpoints.append(note) } }

    public func latestCheckpoint() -> SignedNote? { storage.withLock { $0.checkpoints.last } }

    public func checkpoint(size: Int) -> SignedNote? {
        storage.withLock { $0.checkpoints.last { (try? Checkpoint(noteText: $0.text).size) == size } }
    }

    /// The memory store's head is its storage, always current.
    public func prime(with head: StoreHead) {}

    public func checkpoints() -> [SignedNote] { storage.withLock { $0.checkpoints } }
}
