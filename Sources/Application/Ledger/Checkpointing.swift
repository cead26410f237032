public import Foundation
public import LedgerCore
public import LedgerStore

/// Signing checkpoints with a log key, and cosigning them as a witness: shared by the commands,
/// the server's periodic checkpoints and the demo.
public enum Checkpointing {
    /// Why a checkpoint could not be signed or cosigned.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The key or the checkpoint is not acceptable (not a log key, a fork, a rollback).
        case refused(String)
        /// The input is not a checkpoint, or there is no ledger.
        case usage(String)
        case store(StoreError)

        public var description: String {
            switch self {
            case .refused(let message), .usage(let message): message
            case .store(let error): error.description
            }
        }
    }

    /// Signs a checkpoint of the ledger's first `size` entries (default: all of them) with a log
    /// key: one of the ledger's authority or secretariat keys, active and registered before `size`.
    public static func sign(
        _ log: any EventStore,
        key: SigningKey,
        size: Int? = nil
    ) async throws(Failure) -> SignedNote {
        let state: LedgerState
        do { state = try await log.state() } catch { throw .store(error) }
        guard let ledgerID = state.ledgerID else { throw .usage("the store holds no ledger yet") }
        let treeSize = size ?? state.size
        guard let record = state.keys[key.keyID], record.role.signsCheckpoints, record.revokedAt == nil,
            record.isActive(at: treeSize)
        else {
            throw .refused(
                "refused: key \(key.keyID.short)… is not an active authority or secretariat key of this ledger at \(treeSize) entries"
            )
        }
        do {
            let root = try await log.root(size: treeSize)
            return Checkpoint(origin: ledgerID, size: treeSize, root: root).signed(by: key)
        } catch {
            throw .store(error)
        }
    }

    /// A witness's cosignature added to `note`, after checking that the note is signed by the
    /// ledger's log key, matches the ledger, and extends (by a consistency proof) the last
    /// checkpoint this witness cosigned: a fork or a rollback is refused.
    public static func cosign(
        _ note: SignedNote,
        log: any EventStore,
        witness: SigningKey,
        at now: Date = Date()
    ) async throws(Failure) -> (note: SignedNote, checkpoint: Checkpoint) {
        let checkpoint = try await check(note, log: log, witness: witness)
        var cosigned = note
        cosigned.append(
            Checkpoint.cosignature(noteText: note.text, by: witness, timestamp: UInt64(now.timeIntervalSince1970))
        )
        do { try await log.saveCheckpoint(cosigned) } catch { throw .store(error) }
        return (cosigned, checkpoint)
    }

    /// A note a witness cosigned elsewhere (a unit officer in the web UI), kept once its
    /// cosignature by `witness` verifies and the note passes the same checks as `cosign`'s: the
    /// ledger's log key signed it, it matches the ledger, and it extends the last checkpoint this
    /// witness cosigned.
    public static func acceptCosigned(
        _ note: SignedNote,
        log: any EventStore,
        witness: PublicSigningKey
    ) async throws(Failure) -> Checkpoint {
        let checkpoint = try await check(note, log: log, witness: witness)
        let cosigned: Int
        do throws(LedgerViolation) {
            cosigned = try Checkpoint.verifyCosignatures(note, witnesses: [witness.keyID: witness])
        } catch {
            throw .refused("refused: \(error.description)")
        }
        guard cosigned == 1 else {
            throw .refused("refused: the note carries no cosignature/v1 line of key \(witness.keyID.short)…")
        }
        do { try await log.saveCheckpoint(note) } catch { throw .store(error) }
        return checkpoint
    }

    private static func check(
        _ note: SignedNote,
        log: any EventStore,
        witness: SigningKey
    ) async throws(Failure) -> Checkpoint {
        try await check(note, log: log, witness: witness.publicKey)
    }

    private static func check(
        _ note: SignedNote,
        log: any EventStore,
        witness: PublicSigningKey
    ) async throws(Failure) -> Checkpoint {
        let state: LedgerState
        do { state = try await log.state() } catch { throw .store(error) }
        guard let record = state.keys[witness.keyID], record.revokedAt == nil else {
            throw .refused("refused: key \(witness.keyID.short)… is not an active key of this ledger")
        }
        let checkpoint: Checkpoint
        do throws(LedgerViolation) {
            checkpoint = try Checkpoint(noteText: note.text)
        } catch {
            throw .refused("refusing to cosign: \(error.description)")
        }
        let root: SHA256Hash?
        do { root = checkpoint.size <= state.size ? try await log.root(size: checkpoint.size) : nil } catch {
            throw .store(error)
        }
        do throws(LedgerViolation) {
            _ = try Checkpoint.verify(note, against: state, rootAtSize: root)
        } catch {
            throw .refused("refusing to cosign: \(error.description)")
        }
        let last: Checkpoint?
        do { last = try await log.lastCosigned(by: witness) } catch { throw .store(error) }
        guard let last else { return checkpoint }
        guard last.origin == checkpoint.origin, last.size <= checkpoint.size else {
            throw .refused(
                "refusing to cosign: you already cosigned \(last.size) entries; this checkpoint rolls back to \(checkpoint.size)"
            )
        }
        let proof: [SHA256Hash]
        do { proof = try await log.consistencyProof(from: last.size, to: checkpoint.size) } catch {
            throw .store(error)
        }
        guard
            MerkleTree.verifyConsistency(
                oldSize: last.size,
                newSize: checkpoint.size,
                oldRoot: last.root,
                newRoot: checkpoint.root,
                proof: proof
            )
        else {
            throw .refused(
                "refusing to cosign: this checkpoint forks from the one you cosigned at \(last.size) entries"
            )
        }
        return checkpoint
    }
}
