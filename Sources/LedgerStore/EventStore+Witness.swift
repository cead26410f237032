public import LedgerCore

extension EventStore {
    /// The largest checkpoint a witness has cosigned, read from the saved checkpoint notes: a
    /// note counts when it carries a cosignature line of that key that verifies. Nothing else is
    /// kept, so the memory can neither drift from the notes nor be lost apart from them.
    public func lastCosigned(by witness: PublicSigningKey) async throws(StoreError) -> Checkpoint? {
        var last: Checkpoint?
        for note in try await checkpoints() {
            guard let checkpoint = try? Checkpoint(noteText: note.text),
                (try? Checkpoint.verifyCosignatures(note, witnesses: [witness.keyID: witness])) ?? 0 > 0
            else { continue }
            if checkpoint.size >= (last?.size ?? 0) { last = checkpoint }
        }
        return last
    }
}
