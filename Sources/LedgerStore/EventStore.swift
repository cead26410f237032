public import LedgerCore

/// An entry as a store holds it: its position and its bytes exactly as stored.
public struct StoredEntry: Sendable, Equatable {
    public let seq: Int
    public let bytes: [UInt8]

    public init(seq: Int, bytes: [UInt8]) {
        self.seq = seq
        self.bytes = bytes
    }
}

/// The port every ledger store implements: SQLite, PostgreSQL, memory. One conformance suite
/// (Tests/LedgerStoreTests) holds them all to the same contract.
public protocol EventStore: Sendable {
    /// Appends a batch of signed statements atomically: all are checked (signature, key, role,
    /// control rules, blobs) before anything is written, each gets the next `seq`, and the batch
    /// commits as one transaction. A statement whose id is already in the ledger with the same
    /// bytes returns its existing entry; with different bytes the batch is refused (`conflict`).
    /// Returns one entry per statement, in batch order.
    ///
    /// The entries are recorded at `now`, the host's clock, by a store on one host (a file); a
    /// store shared among machines records them at its database server's clock instead
    /// (`LedgerClock`). A clock behind the last entry by more than the allowed skew is refused
    /// (`clockBehind`).
    func append(_ batch: [SignedStatement], recordedAt now: Timestamp) async throws(StoreError) -> [Entry]

    /// The ledger's state after its last entry: head, keys, policy, erasures.
    func state() async throws(StoreError) -> LedgerState

    /// The number of entries. A database store answers from its index, without loading the state
    /// (whose keys take a while to read on a ledger with thousands of them).
    func size() async throws(StoreError) -> Int

    /// The ledger's id (from its genesis entry), nil while it has none.
    func ledgerID() async throws(StoreError) -> LedgerID?

    /// Up to `limit` stored entries from position `from`, in order, as stored (no checking).
    func entries(from: Int, limit: Int) async throws(StoreError) -> [StoredEntry]

    /// The stored entries at the given positions (any order, duplicates ignored), in position
    /// order; positions past the end are left out. For reads from an index.
    func entries(at positions: [Int]) async throws(StoreError) -> [StoredEntry]

    /// Calls `body` with consecutive chunks of stored entry bytes, in position order, inside one
    /// consistent read, until it returns false or the ledger ends. For streaming verification.
    func scan(chunkSize: Int, _ body: ([[UInt8]]) throws -> Bool) async throws(StoreError)

    /// The hash of a perfect subtree of the stored tree (level 0: entry hashes). `work` may run
    /// more than once (a store may rerun it after fetching a node it lacked), so it must start
    /// afresh on each run rather than accumulate across runs.
    func treeNodes(_ work: (MerkleTree.NodeSource) throws -> Void) async throws(StoreError)

    /// Stores an evidence blob under its SHA-256; storing the same bytes twice is a no-op.
    func putBlob(_ bytes: [UInt8]) async throws(StoreError) -> BlobReference

    /// The bytes of a blob, or nil when absent or erased.
    func blob(_ sha256: SHA256Hash) async throws(StoreError) -> [UInt8]?

    /// Every stored blob address.
    func blobHashes() async throws(StoreError) -> [SHA256Hash]

    /// Deletes a blob's bytes; allowed only once an `evidence.erased/v1` entry names it.
    func eraseBlob(_ sha256: SHA256Hash) async throws(StoreError)

    /// Deletes the uploads no entry refers to (not in `referenced`) that were stored before
    /// `cutoff` (or whose upload time is unknown, stored by an older build): an upload a statement
    /// never followed is served to nobody and not kept for ever. Returns how many went.
    func removeUnreferencedBlobs(
        keeping referenced: Set<SHA256Hash>,
        storedBefore cutoff: Timestamp
    )
        async throws(StoreError) -> Int

    /// Records a signed checkpoint note (also each cosigned version of it).
    func saveCheckpoint(_ note: SignedNote) async throws(StoreError)

    /// The most recently saved checkpoint note.
    func latestCheckpoint() async throws(StoreError) -> SignedNote?

    /// The most recently saved checkpoint note of a given tree size.
    func checkpoint(size: Int) async throws(StoreError) -> SignedNote?

    /// Hands the store the head of a fold made outside it (state, frontier and rules at a size),
    /// so that its next append catches up from there under its write lock rather than folding the
    /// whole ledger through the rules. A store that keeps its head in memory may ignore it.
    func prime(with head: StoreHead)

    /// Every saved checkpoint note, oldest first (each cosigned version too): what a witness
    /// cosigned is read from them.
    func checkpoints() async throws(StoreError) -> [SignedNote]
}

extension EventStore {
    /// One query per position: what a store without a better way does.
    public func entries(at positions: [Int]) async throws(StoreError) -> [StoredEntry] {
        var found: [StoredEntry] = []
        for position in Set(positions).sorted() where position >= 0 {
            found += try await entries(from: position, limit: 1)
        }
        return found
    }

    /// The number of entries, from the state: what a store without a better way does.
    public func size() async throws(StoreError) -> Int { try await state().size }

    /// The ledger's id, from the state: what a store without a better way does.
    public func ledgerID() async throws(StoreError) -> LedgerID? { try await state().ledgerID }

    /// What is stored under a blob address, hashing the bytes actually held.
    public func storedBlob(_ sha256: SHA256Hash) async throws(StoreError) -> LedgerVerifier.StoredBlob {
        guard let bytes = try await blob(sha256) else { return .absent }
        return .present(actualHash: SHA256Hash.of(bytes), size: Int64(bytes.count))
    }

    /// The root of the first `size` entries.
    public func root(size: Int) async throws(StoreError) -> SHA256Hash {
        var root = MerkleTree.emptyRoot
        try await treeNodes { nodes in root = try MerkleTree.root(size: size, nodes: nodes) }
        return root
    }

    /// RFC 9162 inclusion path of entry `index` in the tree of `size` entries.
    public func inclusionProof(index: Int, size: Int) async throws(StoreError) -> [SHA256Hash] {
        let current = try await self.size()
        guard size <= current, index >= 0, index < size else {
            throw StoreError(.notFound, "no entry \(index) in a tree of \(size) entries (the ledger has \(current))")
        }
        var path: [SHA256Hash] = []
        try await treeNodes { nodes in path = try MerkleTree.inclusionPath(index: index, size: size, nodes: nodes) }
        return path
    }

    /// RFC 9162 consistency proof between two sizes.
    public func consistencyProof(from old: Int, to new: Int) async throws(StoreError) -> [SHA256Hash] {
        let current = try await self.size()
        guard old >= 0, old <= new, new <= current else {
            throw StoreError(
                .notFound,
                "no consistency proof from \(old) to \(new) (the ledger has \(current) entries)"
            )
        }
        var proof: [SHA256Hash] = []
        try await treeNodes { nodes in proof = try MerkleTree.consistencyProof(from: old, to: new, nodes: nodes) }
        return proof
    }

    /// Verifies the whole stored ledger, streaming (FORMAT.md §11), optionally against a checkpoint.
    public func verify(
        checkpoint: Result<SignedNote, LedgerViolation>? = nil,
        chunkSize: Int = 2048,
        progress: (Int) -> Void = { _ in }
    ) async throws(StoreError) -> LedgerVerifier.Report {
        let checkpointSize = (try? checkpoint?.get()).flatMap { try? Checkpoint(noteText: $0.text).size }
        // A two-stage pipeline: while every core checks the signatures of chunk k − 1, this thread
        // reads and decodes chunk k and starts its checks, then helps finish those of k − 1 and
        // runs its ordered checks.
        var verifier = LedgerVerifier(checkpointSize: checkpointSize)
        var checking: LedgerVerifier.CheckingChunk?
        try await scan(chunkSize: chunkSize) { chunk in
            // The first chunk goes in two pieces, a small one first, so that the cores have
            // signatures to check while this thread decodes the rest instead of waiting for it.
            let firstPiece = checking == nil ? min(chunk.count, chunkSize / 8) : 0
            for piece in [chunk[..<firstPiece], chunk[firstPiece...]] where !piece.isEmpty {
                let next = LedgerVerifier.startChecking(Array(piece), signers: checking?.signers ?? [:])
                if let previous = checking { verifier.consume(previous) }
                checking = next
            }
            progress(verifier.verifiedCount)
            return !verifier.hasFailed
        }
        if let last = checking { verifier.consume(last) }
        var blobs: [SHA256Hash: LedgerVerifier.StoredBlob] = [:]
        for hash in verifier.blobAddresses { blobs[hash] = try await storedBlob(hash) }
        return verifier.finish(blob: { blobs[$0] ?? .absent }, checkpoint: checkpoint)
    }
}
