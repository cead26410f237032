/// A C2SP tlog-checkpoint body: origin, tree size and root (FORMAT.md §12).
public struct Checkpoint: Sendable, Equatable {
    /// The origin line. parledger's own origins are ledger ids; a parsed checkpoint may name any
    /// origin (tlog-checkpoint allows it), and one that is not this ledger's id is refused as
    /// `checkpoint-origin`, not as malformed.
    public let origin: String
    /// The number of entries the tree commits to (0 … 2^63 − 1).
    public let size: Int
    /// The RFC 9162 root of those entries.
    public let root: SHA256Hash

    public init(origin: LedgerID, size: Int, root: SHA256Hash) {
        self.init(originLine: origin.text, size: size, root: root)
    }

    /// A checkpoint with any origin line, as a parsed note may carry.
    public init(originLine: String, size: Int, root: SHA256Hash) {
        self.origin = originLine
        self.size = size
        self.root = root
    }

    /// Parses the note text: exactly three non-empty lines, no extension lines (FORMAT.md §12).
    public init(noteText: String) throws(LedgerViolation) {
        func malformed(_ detail: String) -> LedgerViolation { LedgerViolation(.checkpointFormat, detail) }
        guard noteText.hasSuffix("\n") else { throw malformed("the checkpoint body must end in a newline") }
        let lines = noteText.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 3 else {
            throw malformed("the checkpoint body must have exactly 3 lines, not \(lines.count)")
        }
        guard !lines[0].isEmpty else { throw malformed("the origin line is empty") }
        // A bare body (a path-only proof) gets the note's character rules too.
        guard noteText.unicodeScalars.allSatisfy({ $0 == "\n" || $0.value >= 0x20 }) else {
            throw malformed("a checkpoint may not contain control characters other than newline")
        }
        let sizeText = String(lines[1])
        // Int is 64-bit: it holds exactly the sizes 0 … 2^63 − 1 that the format allows.
        guard let size = Int(sizeText), size >= 0, String(size) == sizeText else {
            throw malformed("the size line is not a decimal number from 0 to 2^63 − 1 without leading zeros")
        }
        guard let rootBytes = Base64.decode(String(lines[2])), let root = SHA256Hash(bytes: rootBytes) else {
            throw malformed("the root line is not the base64 of 32 bytes")
        }
        self.init(originLine: String(lines[0]), size: size, root: root)
    }

    /// The note text.
    public var noteText: String { "\(origin)\n\(size)\n\(root.base64)\n" }

    /// A note carrying this checkpoint, signed by a log key under the origin's name.
    public func signed(by key: SigningKey) -> SignedNote {
        let text = noteText
        let signature = SignedNote.Signature(
            name: origin,
            keyHash: SignedNote.keyHash(name: origin, type: SignedNote.ed25519Type, publicKey: key.publicKey),
            signature: key.sign(Array(text.utf8))
        )
        return SignedNote(text: text, signatures: [signature])
    }

    /// The `cosignature/v1` message a witness signs.
    public static func cosignatureMessage(noteText: String, timestamp: UInt64) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n\(noteText)".utf8)
    }

    /// A witness's cosignature line for a note: the witness is named by its key id.
    public static func cosignature(noteText: String, by key: SigningKey, timestamp: UInt64) -> SignedNote.Signature {
        let name = key.keyID.hex
        let stamp = (0..<8).map { UInt8(truncatingIfNeeded: timestamp >> (56 - 8 * UInt64($0))) }
        return SignedNote.Signature(
            name: name,
            keyHash: SignedNote.keyHash(name: name, type: SignedNote.cosignatureType, publicKey: key.publicKey),
            signature: stamp + key.sign(cosignatureMessage(noteText: noteText, timestamp: timestamp))
        )
    }

    /// Checks a signed checkpoint against a verified ledger (FORMAT.md §11.1) and returns how many
    /// witness cosignatures verified.
    ///
    /// The checkpoint is judged first (its origin, its log signature, its cosignatures) and only
    /// then used to judge the ledger, so an edited or forged checkpoint is refused as such instead
    /// of making an honest ledger look truncated or rewritten.
    ///
    /// - Parameters:
    ///   - state: the state after the whole verified ledger.
    ///   - rootAtSize: the root of the ledger's first `size` entries, when the ledger has that many.
    public static func verify(
        _ note: SignedNote,
        against state: LedgerState,
        rootAtSize: SHA256Hash?
    ) throws(LedgerViolation) -> (checkpoint: Checkpoint, cosignatures: Int) {
        let checkpoint = try Checkpoint(noteText: note.text)
        guard let ledgerID = state.ledgerID, checkpoint.origin.utf8.elementsEqual(ledgerID.text.utf8) else {
            throw LedgerViolation(
                .checkpointOrigin,
                "checkpoint origin \(checkpoint.origin.debugDescription) is not ledger \(state.ledgerID?.text ?? "?")"
            )
        }
        // On a ledger shorter than the checkpoint, the keys its missing entries registered are
        // unknown: logKeys sees only the entries there are, as FORMAT.md §11.1 says.
        _ = try verifyLogSignature(note, keys: state.logKeys(forCheckpointOfSize: checkpoint.size).map(\.publicKey))
        let cosignatures = try verifyCosignatures(note, witnesses: state.keys.mapValues(\.publicKey))
        guard checkpoint.size <= state.size, let rootAtSize else {
            throw LedgerViolation(
                .truncated,
                "the ledger has \(state.size) entries but the checkpoint commits to \(checkpoint.size): entries from seq \(state.size) on are missing"
            )
        }
        guard rootAtSize == checkpoint.root else {
            throw LedgerViolation(
                .checkpointRoot,
                "the root of the first \(checkpoint.size) entries differs from the checkpoint's: history was rewritten"
            )
        }
        return (checkpoint, cosignatures)
    }

    /// Checks the log's signature lines against trusted keys; returns the keys that signed.
    /// A line whose name and key ID match a trusted key must verify (c2sp.org/signed-note).
    public static func verifyLogSignature(
        _ note: SignedNote,
        keys: [PublicSigningKey]
    ) throws(LedgerViolation) -> [KeyID] {
        let checkpoint = try Checkpoint(noteText: note.text)
        var signers: [KeyID] = []
        let noteBytes = Array(note.text.utf8)
        // Names are compared byte for byte: Swift's String == would take canonically equivalent
        // spellings for the same name, and signed-note compares bytes.
        for line in note.signatures where line.name.utf8.elementsEqual(checkpoint.origin.utf8) {
            let candidates = keys.filter {
                SignedNote.keyHash(name: line.name, type: SignedNote.ed25519Type, publicKey: $0) == line.keyHash
            }
            guard !candidates.isEmpty else { continue }
            // Two trusted keys may share a 4-byte key ID; the line is good when one of them signed it.
            guard let signer = candidates.first(where: { $0.isValidSignature(line.signature, for: noteBytes) }) else {
                throw LedgerViolation(
                    .checkpointSignature,
                    "the log signature line of key \(candidates[0].keyID.short)… does not verify"
                )
            }
            signers.append(signer.keyID)
        }
        guard !signers.isEmpty else {
            throw LedgerViolation(.checkpointSignature, "no signature line of a trusted log key verifies")
        }
        return signers
    }

    /// Checks the `cosignature/v1` lines of known witnesses (named by key id); returns how many
    /// distinct witnesses cosigned. Every line of a known witness must verify, duplicates
    /// included; lines of unknown witnesses are ignored, as signed-note requires (FORMAT.md §12).
    public static func verifyCosignatures(
        _ note: SignedNote,
        witnesses: [KeyID: PublicSigningKey]
    ) throws(LedgerViolation) -> Int {
        var cosigners: Set<KeyID> = []
        for line in note.signatures {
            guard let keyID = KeyID(line.name), let key = witnesses[keyID],
                SignedNote.keyHash(name: line.name, type: SignedNote.cosignatureType, publicKey: key) == line.keyHash
            else { continue }
            guard line.signature.count == 72 else {
                throw LedgerViolation(.checkpointCosignature, "the cosignature of key \(keyID.short)… is malformed")
            }
            let timestamp = line.signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let message = cosignatureMessage(noteText: note.text, timestamp: timestamp)
            guard key.isValidSignature(Array(line.signature.dropFirst(8)), for: message) else {
                throw LedgerViolation(.checkpointCosignature, "the cosignature of key \(keyID.short)… does not verify")
            }
            cosigners.insert(keyID)
        }
        return cosigners.count
    }
}
