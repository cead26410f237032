/// Verifies a proof file against the keys a reader trusts (FORMAT.md §13).
///
/// A Merkle path proves nothing on its own: anyone can build a path to a root they made up. So a
/// proof holds only when its checkpoint is signed by a trusted log key, and, when the reader holds
/// the ledger, when that checkpoint is the ledger's own (same origin, same root at that size). A
/// path-only check exists for diagnosis, and its report says that it proved nothing about the log.
public enum ProofVerifier: Sendable {
    /// Which kind of proof a file holds.
    public enum Kind: String, Sendable {
        case inclusion
        case consistency
    }

    /// A parsed proof file, before any check of its checkpoint.
    public enum Proof: Sendable, Equatable {
        case inclusion(ProofFile.Inclusion)
        case consistency(ProofFile.Consistency)

        /// Parses either layout of FORMAT.md §13 (`proof-format` otherwise).
        public init(parsing text: String) throws(LedgerViolation) {
            if text.hasPrefix(ProofFile.inclusionHeader + "\n") {
                self = .inclusion(try ProofFile.Inclusion(parsing: text))
            } else if text.hasPrefix(ProofFile.consistencyHeader + "\n") {
                self = .consistency(try ProofFile.Consistency(parsing: text))
            } else {
                throw LedgerViolation(
                    .proofFormat,
                    "the first line is neither \(ProofFile.inclusionHeader) nor \(ProofFile.consistencyHeader)"
                )
            }
        }

        public var kind: Kind {
            switch self {
            case .inclusion: .inclusion
            case .consistency: .consistency
            }
        }

        public var checkpointNote: String {
            switch self {
            case .inclusion(let proof): proof.checkpointNote
            case .consistency(let proof): proof.checkpointNote
            }
        }

        /// The size the checkpoint claims, when its body parses: what a caller holding the ledger
        /// reads the root of before calling `verify`.
        public var claimedSize: Int? {
            let note = checkpointNote
            let text = (try? SignedNote(parsing: note))?.text ?? note
            return (try? Checkpoint(noteText: text))?.size
        }
    }

    /// What a reader holding the ledger knows of it: its id and size, its log keys for the
    /// checkpoint's claimed size and its witness keys (FORMAT.md §11.1), and its root at the claimed
    /// size when it has that many entries.
    public struct Ledger: Sendable {
        public let ledgerID: String
        public let size: Int
        public let logKeys: [PublicSigningKey]
        public let witnesses: [KeyID: PublicSigningKey]
        public let rootAtClaimedSize: SHA256Hash?

        public init(
            ledgerID: String,
            size: Int,
            logKeys: [PublicSigningKey],
            witnesses: [KeyID: PublicSigningKey],
            rootAtClaimedSize: SHA256Hash?
        ) {
            self.ledgerID = ledgerID
            self.size = size
            self.logKeys = logKeys
            self.witnesses = witnesses
            self.rootAtClaimedSize = rootAtClaimedSize
        }

        /// The view of a verified ledger's state, for a checkpoint that claims `claimedSize` entries.
        public init(state: LedgerState, claimedSize: Int?, rootAtClaimedSize: SHA256Hash?) {
            self.init(
                ledgerID: state.ledgerID?.text ?? "",
                size: state.size,
                logKeys: claimedSize.map { state.logKeys(forCheckpointOfSize: $0).map(\.publicKey) } ?? [],
                witnesses: state.keys.mapValues(\.publicKey),
                rootAtClaimedSize: rootAtClaimedSize
            )
        }
    }

    /// The verdict, as FORMAT.md §13's JSON object.
    public struct Report: Sendable, Equatable {
        /// Nil when the file's first line names neither kind.
        public let kind: Kind?
        public let pathOnly: Bool
        public let failure: LedgerViolation?
        /// The checkpoint, when it parsed.
        public let checkpoint: Checkpoint?
        /// The trusted log keys whose signature line verified, sorted.
        public let signers: [KeyID]
        /// Distinct witness keys whose cosignature lines verified.
        public let cosignatures: Int

        public var isValid: Bool { failure == nil }

        /// The verdict on a file that did not parse as a proof (check 1).
        public static func unparsed(_ text: String, pathOnly: Bool, failure: LedgerViolation) -> Report {
            Report(
                kind: text.hasPrefix(ProofFile.consistencyHeader + "\n")
                    ? .consistency : text.hasPrefix(ProofFile.inclusionHeader + "\n") ? .inclusion : nil,
                pathOnly: pathOnly,
                failure: failure,
                checkpoint: nil,
                signers: [],
                cosignatures: 0
            )
        }

        public var json: JSONValue {
            [
                "valid": .bool(isValid), "proof": kind.map { .string($0.rawValue) } ?? .null,
                "pathOnly": .bool(pathOnly),
                "failure": failure.map { ["code": .string($0.code.rawValue), "message": .string($0.message)] } ?? .null,
                "checkpoint": checkpoint.map { checkpoint in
                    [
                        "origin": .string(checkpoint.origin), "size": .int(Int64(checkpoint.size)),
                        "signers": .array(signers.map { .string($0.hex) }),
                        "cosignatures": .int(Int64(cosignatures)),
                    ]
                } ?? .null,
            ]
        }
    }

    /// Runs the checks of FORMAT.md §13 in order; the first that fails is the verdict.
    ///
    /// - Parameters:
    ///   - logKeys: log keys the reader trusts besides the ledger's own.
    ///   - ledger: the ledger the reader holds, if any: its log keys for the checkpoint's size and
    ///     its witness keys are trusted, and the checkpoint must be its own.
    ///   - pathOnly: check the Merkle path alone (checks 1, 2 and 8), accepting an unsigned body.
    public static func verify(
        _ proof: Proof,
        logKeys: [PublicSigningKey],
        ledger: Ledger?,
        pathOnly: Bool = false
    ) -> Report {
        var checkpoint: Checkpoint?
        var signers: [KeyID] = []
        var cosignatures = 0
        func report(_ failure: LedgerViolation?) -> Report {
            Report(
                kind: proof.kind,
                pathOnly: pathOnly,
                failure: failure,
                checkpoint: checkpoint,
                signers: signers,
                cosignatures: cosignatures
            )
        }
        do throws(LedgerViolation) {
            let note: SignedNote?
            if pathOnly {
                note = try? SignedNote(parsing: proof.checkpointNote)
                checkpoint = try Checkpoint(noteText: note?.text ?? proof.checkpointNote)
            } else {
                let signed = try SignedNote(parsing: proof.checkpointNote)
                note = signed
                checkpoint = try Checkpoint(noteText: signed.text)
            }
            guard let parsed = checkpoint else { return report(nil) }
            if !pathOnly, let note {
                try checkSignatures(note, of: parsed, logKeys: logKeys, ledger: ledger, signers: &signers)
                cosignatures = try Checkpoint.verifyCosignatures(
                    note,
                    witnesses: ledger?.witnesses ?? [:]
                )
                if let ledger { try checkLedger(parsed, ledger) }
            }
            try checkPath(proof, in: parsed)
            return report(nil)
        } catch {
            return report(error)
        }
    }

    private static func checkSignatures(
        _ note: SignedNote,
        of checkpoint: Checkpoint,
        logKeys: [PublicSigningKey],
        ledger: Ledger?,
        signers: inout [KeyID]
    ) throws(LedgerViolation) {
        var trusted = logKeys
        if let ledger {
            guard checkpoint.origin.utf8.elementsEqual(ledger.ledgerID.utf8) else {
                throw LedgerViolation(
                    .checkpointOrigin,
                    "checkpoint origin \(checkpoint.origin.debugDescription) is not ledger \(ledger.ledgerID)"
                )
            }
            trusted += ledger.logKeys
        }
        signers = Array(Set(try Checkpoint.verifyLogSignature(note, keys: trusted))).sorted()
    }

    private static func checkLedger(_ checkpoint: Checkpoint, _ ledger: Ledger) throws(LedgerViolation) {
        guard checkpoint.size <= ledger.size, let root = ledger.rootAtClaimedSize else {
            throw LedgerViolation(
                .truncated,
                "the ledger has \(ledger.size) entries but the checkpoint commits to \(checkpoint.size)"
            )
        }
        guard root == checkpoint.root else {
            throw LedgerViolation(
                .checkpointRoot,
                "the ledger's root at \(checkpoint.size) entries differs from the checkpoint's: the checkpoint is of a fork"
            )
        }
    }

    private static func checkPath(_ proof: Proof, in checkpoint: Checkpoint) throws(LedgerViolation) {
        switch proof {
        case .inclusion(let inclusion):
            guard inclusion.pathHolds(in: checkpoint) else {
                throw LedgerViolation(
                    .inclusion,
                    "the path does not lead from entry \(inclusion.index) to the root of the tree of \(checkpoint.size) entries"
                )
            }
        case .consistency(let consistency):
            guard consistency.pathHolds(in: checkpoint) else {
                throw LedgerViolation(
                    .consistency,
                    "the tree of \(checkpoint.size) entries does not extend the tree of \(consistency.oldSize)"
                )
            }
        }
    }
}
