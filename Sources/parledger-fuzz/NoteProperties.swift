import LedgerCore

/// Signed notes and checkpoints (FORMAT.md §12): what parses writes back to the same text.
enum NoteProperties {
    static func check(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        if let checkpoint = try? Checkpoint(noteText: text) {
            FuzzFinding.require(checkpoint.noteText == text, "a checkpoint does not write back to its text")
        }
        guard let note = try? SignedNote(parsing: text) else { return }
        FuzzFinding.require(note.serialized.utf8.elementsEqual(text.utf8), "a note does not write back to its text")
        guard let reparsed = try? SignedNote(parsing: note.serialized) else {
            FuzzFinding.fail("a note's serialization does not parse")
        }
        FuzzFinding.require(reparsed == note, "a note parses back to another note")
        if let checkpoint = try? Checkpoint(noteText: note.text) {
            FuzzFinding.require(checkpoint.noteText == note.text, "a note's checkpoint does not write back")
            // Signature lines that do not verify are refused, never trapped on.
            let keys = PublicSigningKey(text: "ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=").map { [$0] }
            _ = try? Checkpoint.verifyLogSignature(note, keys: keys ?? [])
        }
    }
}
