import LedgerCore

/// Proof files (FORMAT.md §13): what parses writes back to the same text, and the checkpoint note
/// it carries is read as `verify` reads it.
enum ProofProperties {
    static func check(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self),
            let proof = try? ProofVerifier.Proof(parsing: text)
        else { return }
        let serialized: String
        switch proof {
        case .inclusion(let inclusion):
            serialized = inclusion.serialized
            _ = try? Entry(bytes: inclusion.entryBytes)
        case .consistency(let consistency):
            serialized = consistency.serialized
        }
        FuzzFinding.require(serialized.utf8.elementsEqual(text.utf8), "a proof does not write back to its text")
        FuzzFinding.require(
            (try? ProofVerifier.Proof(parsing: serialized)) == proof,
            "a proof parses back to another proof"
        )
        _ = proof.claimedSize
        NoteProperties.check(Array(proof.checkpointNote.utf8))
    }
}
