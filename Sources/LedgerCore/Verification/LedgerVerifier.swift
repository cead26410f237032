/// Verifies a ledger as it streams past, in constant memory apart from the statement ids
/// (FORMAT.md §11). Feed it entry bytes in order with `consume`, then call `finish`.
///
/// Signature checks run on every core, chunk by chunk; decoding and the checks that depend on
/// order (chain, keys, policy) run in sequence on the caller's thread, overlapping them.
public struct LedgerVerifier: Sendable {
    /// What a store holds under a blob's address.
    public enum StoredBlob: Sendable, Equatable {
        case absent
        case present(actualHash: SHA256Hash, size: Int64)
    }

    /// The verdict.
    public struct Report: Sendable, Equatable {
        /// The first failure: its position (nil for checkpoint-level failures) and why.
        public struct Failure: Sendable, Equatable {
            public let seq: Int?
            public let violation: LedgerViolation

            /// `seq N: CODE: message` or `checkpoint: CODE: message`.
            public var line: String {
                "\(seq.map { "seq \($0)" } ?? "checkpoint"): \(violation.code.rawValue): \(violation.message)"
            }
        }

        public let size: Int
        public let root: SHA256Hash
        public let failure: Failure?
        public let erasedBlobs: [SHA256Hash]
        public let checkpoint: (size: Int, cosignatures: Int)?
        public let state: LedgerState

        public var isValid: Bool { failure == nil }

        /// The object of FORMAT.md §11.2.
        public var json: JSONValue {
            [
                "valid": .bool(isValid), "size": .int(Int64(size)),
                "root": failure.map { $0.violation.isCheckpointLevel } ?? true ? .string(root.base64) : .null,
                "failure": failure.map { failure in
                    [
                        "seq": failure.seq.map { .int(Int64($0)) } ?? .null,
                        "code": .string(failure.violation.code.rawValue), "message": .string(failure.violation.message),
                    ]
                } ?? .null,
                "erasedBlobs": .array(erasedBlobs.map { .string($0.hex) }),
                "checkpoint": checkpoint.map {
                    ["size": .int(Int64($0.size)), "cosignatures": .int(Int64($0.cosignatures))]
                }
                    ?? .null,
            ]
        }

        public static func == (left: Report, right: Report) -> Bool { left.json == right.json }
    }

    public private(set) var state = LedgerState()
    private var tree = CompactRange()
    private var statementIDs: Set<UInt128> = []
    private var blobReferences: [(seq: Int, reference: BlobReference)] = []
    private var failure: Report.Failure?
    private let checkpointSize: Int?
    private var rootAtCheckpoint: SHA256Hash?

    /// A verifier; give the size of the checkpoint to check against, if any, so the root at that
    /// size is captured on the way.
    public init(checkpointSize: Int? = nil) {
        self.checkpointSize = checkpointSize
        if checkpointSize == 0 { rootAtCheckpoint = MerkleTree.emptyRoot }
    }

    /// True once a failure has been found: further entries are ignored.
    public var hasFailed: Bool { failure != nil }

    /// The number of entries verified so far.
    public var verifiedCount: Int { state.size }

    /// A chunk of entries decoded in order, whose signatures are being checked on every core in
    /// the background: the parallel half of verification, which needs nothing from the chunks
    /// before but their keys.
    public struct CheckingChunk: Sendable {
        fileprivate let decoded: [Result<Entry, LedgerFormatError>]
        /// One result per entry: nil where it did not decode or its signer was not known yet.
        fileprivate let signatureChecks: StripedJob<Bool?>
        /// The signers the chunk is checked against, with those it registers: what the next
        /// chunk can be checked against before this one's ordered checks have run.
        public let signers: [KeyID: PublicSigningKey]
    }

    /// Decodes a chunk on the calling thread and starts checking its signatures on every core,
    /// against the keys known so far and the keys the chunk itself registers. A key id is the hash
    /// of its public key (registration refuses any other), so a signature checked against the key
    /// with the actor's id is right whatever the order of entries; whether that key may sign there
    /// is checked in `consume`.
    ///
    /// The decoding stays on the caller's thread, overlapping the previous chunk's checks, so that
    /// the decoded entries are made and released on the one thread that also runs the ordered
    /// checks. Memory freed by another thread than the one that allocated it makes the C
    /// allocator take a contended lock: decoding on every core and checking in order on a third
    /// thread, as before, made a verify of 100,000 entries take about 9% longer on two cores.
    public static func startChecking(_ chunk: [[UInt8]], signers known: [KeyID: PublicSigningKey]) -> CheckingChunk {
        let decoded = chunk.map { bytes in
            Result { () throws(LedgerFormatError) in try Entry(bytes: bytes) }
        }
        let signers = ControlEvent.signers(
            known: known,
            registeredIn: decoded.compactMap { try? $0.get().statement }
        )
        let checks = StripedJob(count: decoded.count) { index -> Bool? in
            guard case .success(let entry) = decoded[index] else { return nil }
            return signers[entry.statement.actor].map { entry.signed.isSigned(by: $0) }
        }
        return CheckingChunk(decoded: decoded, signatureChecks: checks, signers: signers)
    }

    /// Finishes a chunk's signature checks, helping with those left, then runs the checks that
    /// depend on order (FORMAT.md §11) over it, in sequence.
    public mutating func consume(_ chunk: CheckingChunk) {
        let signatureResults = chunk.signatureChecks.results
        // A chunk's checks are collected once: a copy consumed again would find no results and
        // must not pass its entries unchecked.
        precondition(signatureResults.count == chunk.decoded.count, "a chunk was consumed twice")
        guard failure == nil else { return }
        for (decoded, signatureValid) in zip(chunk.decoded, signatureResults) {
            if let violation = check(decoded, signatureValid: signatureValid) {
                failure = Report.Failure(seq: state.size, violation: violation)
                return
            }
        }
    }

    /// Verifies the next entries, given as their stored bytes in order.
    public mutating func consume(_ chunk: [[UInt8]]) {
        guard failure == nil, !chunk.isEmpty else { return }
        consume(Self.startChecking(chunk, signers: state.keys.mapValues(\.publicKey)))
    }

    private mutating func check(
        _ decoded: Result<Entry, LedgerFormatError>,
        signatureValid: Bool?
    ) -> LedgerViolation? {
        let position = state.size
        switch decoded {
        case .failure(let error):
            return LedgerViolation(.encoding, error.description)
        case .success(let entry):
            let statement = entry.statement
            guard entry.seq == position else {
                return LedgerViolation(
                    .seq,
                    "expected seq \(position) but found \(entry.seq): an entry was deleted, inserted or moved"
                )
            }
            guard entry.prev == state.lastHash else {
                return LedgerViolation(.prev, "prev does not match the hash of entry \(position - 1)")
            }
            if let last = state.lastRecordedAt, entry.recordedAt < last {
                return LedgerViolation(
                    .time,
                    "recordedAt \(entry.recordedAt) is earlier than the previous entry's \(last)"
                )
            }
            let key: PublicSigningKey
            let references: [BlobReference]
            do throws(LedgerViolation) {
                key = try state.signer(of: statement)
                guard signatureValid ?? entry.signed.isSigned(by: key) else {
                    return LedgerViolation(.signature, "signature does not verify for key \(statement.actor.short)…")
                }
                references = try state.authorize(statement).blobReferences
            } catch {
                return error
            }
            guard statementIDs.insert(statement.statementID.bits).inserted else {
                return LedgerViolation(.duplicate, "statement \(statement.statementID) was already recorded")
            }
            blobReferences.append(contentsOf: references.map { (position, $0) })
            state.apply(entry)
            tree.append(entry.hash)
            if tree.size == checkpointSize { rootAtCheckpoint = tree.root }
            return nil
        }
    }

    /// The blobs the verified entries refer to, so an async store can look them up before `finish`.
    public var blobAddresses: Set<SHA256Hash> { Set(blobReferences.map(\.reference.sha256)) }

    /// Ends the stream: checks blobs and, if given, the checkpoint.
    ///
    /// - Parameters:
    ///   - blob: what the store holds at an address; called once per distinct referenced blob.
    ///   - checkpoint: the checkpoint note to check against (parsed or not), if any.
    public func finish(
        blob: (SHA256Hash) throws -> StoredBlob,
        checkpoint: Result<SignedNote, LedgerViolation>? = nil
    ) rethrows -> Report {
        var failure = self.failure
        if state.size == 0, failure == nil {
            failure = Report.Failure(seq: 0, violation: LedgerViolation(.encoding, "the ledger has no genesis entry"))
        }
        var erased: Set<SHA256Hash> = []
        var seen: [SHA256Hash: StoredBlob] = [:]
        for (seq, reference) in blobReferences {
            let stored = try seen[reference.sha256] ?? blob(reference.sha256)
            seen[reference.sha256] = stored
            var violation: LedgerViolation?
            switch stored {
            case .absent:
                if state.erasures[reference.sha256] != nil {
                    erased.insert(reference.sha256)
                } else {
                    violation = LedgerViolation(.blobMissing, "evidence blob \(reference.sha256.short)… is missing")
                }
            case .present(let actualHash, let size):
                if actualHash != reference.sha256 || size != reference.size {
                    violation = LedgerViolation(
                        .blobCorrupt,
                        "evidence blob \(reference.sha256.short)… does not match its hash and size"
                    )
                }
            }
            if let violation {
                failure = Report.Failure(seq: seq, violation: violation)
                break
            }
        }
        var checkpointResult: (size: Int, cosignatures: Int)?
        if failure == nil, let checkpoint {
            do {
                let (parsed, cosignatures) = try Checkpoint.verify(
                    try checkpoint.get(),
                    against: state,
                    rootAtSize: rootAtCheckpoint
                )
                checkpointResult = (parsed.size, cosignatures)
            } catch {
                failure = Report.Failure(seq: error.code == .truncated ? state.size : nil, violation: error)
            }
        }
        return Report(
            size: state.size,
            root: tree.root,
            failure: failure,
            erasedBlobs: erased.sorted(),
            checkpoint: checkpointResult,
            state: state
        )
    }
}
