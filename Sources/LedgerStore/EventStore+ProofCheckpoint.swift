public import LedgerCore

/// The checkpoint a proof is made against: only a signed one makes a proof worth anything
/// (FORMAT.md §13).
public enum ProofCheckpoint: Sendable {
    /// The store holds a checkpoint of this size signed by the log.
    case signed(size: Int, note: SignedNote)
    /// The store holds no signed checkpoint of this size: a log key must sign one first.
    case unsigned(size: Int)
}

extension EventStore {
    /// The tree size a proof is made against and its signed checkpoint: `size` if given, else the
    /// latest signed checkpoint if it covers `minimum` entries, else the ledger's size.
    public func signedProofCheckpoint(size: Int?, covering minimum: Int) async throws(StoreError) -> ProofCheckpoint {
        let ledgerSize = try await state().size
        let latestSize = try await latestCheckpoint().flatMap { try? Checkpoint(noteText: $0.text).size }
        let treeSize = size ?? (latestSize.flatMap { $0 >= minimum ? $0 : nil } ?? ledgerSize)
        guard treeSize >= minimum, treeSize <= ledgerSize, minimum >= 0 else {
            throw StoreError(
                .notFound,
                "the tree size must be between \(max(minimum, 0)) and the ledger's \(ledgerSize) entries"
            )
        }
        guard let stored = try await checkpoint(size: treeSize) else { return .unsigned(size: treeSize) }
        return .signed(size: treeSize, note: stored)
    }
}
