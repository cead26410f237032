import LedgerCore

extension EventStore {
    /// The tree size a proof is made against and its checkpoint note: `size` if given, else the
    /// latest signed checkpoint if it covers `minimum` entries, else the ledger's size. The note is
    /// the signed one of that size when the store has it; otherwise the bare checkpoint body, and
    /// `signed` is false (a verifier then says the proof's checkpoint is unsigned).
    public func proofCheckpoint(
        size: Int?,
        covering minimum: Int
    ) async throws(StoreError) -> (size: Int, note: String, signed: Bool) {
        let state = try await state()
        let latestSize = try await latestCheckpoint().flatMap { try? Checkpoint(noteText: $0.text).size }
        let treeSize = size ?? (latestSize.flatMap { $0 >= minimum ? $0 : nil } ?? state.size)
        guard treeSize >= minimum, treeSize <= state.size, minimum >= 0 else {
            throw StoreError(
                .notFound,
                "the tree size must be between \(max(minimum, 0)) and the ledger's \(state.size) entries"
            )
        }
        if let stored = try await checkpoint(size: treeSize) { return (treeSize, stored.serialized, true) }
        guard let ledgerID = state.ledgerID else { throw StoreError(.notFound, "the store holds no ledger") }
        let root = try await root(size: treeSize)
        return (treeSize, Checkpoint(origin: ledgerID, size: treeSize, root: root).noteText, false)
    }
}
