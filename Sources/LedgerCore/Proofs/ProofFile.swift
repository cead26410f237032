/// The proof files of FORMAT.md §13: C2SP tlog-proof for inclusion, and parledger's
/// consistency proof in the same layout.
public enum ProofFile: Sendable {
    /// The first line of an inclusion proof.
    public static let inclusionHeader = "c2sp.org/tlog-proof@v1"
    /// The first line of a consistency proof.
    public static let consistencyHeader = "parledger/consistency-proof@v1"

    /// An inclusion proof with the entry it proves and the checkpoint it proves against.
    public struct Inclusion: Sendable, Equatable {
        public let entryBytes: [UInt8]
        public let index: Int
        public let path: [SHA256Hash]
        public let checkpointNote: String

        public init(entryBytes: [UInt8], index: Int, path: [SHA256Hash], checkpointNote: String) {
            self.entryBytes = entryBytes
            self.index = index
            self.path = path
            self.checkpointNote = checkpointNote
        }

        /// The file's text.
        public var serialized: String {
            ([inclusionHeader, "extra \(Base64.encode(entryBytes))", "index \(index)"] + path.map(\.base64))
                .joined(separator: "\n") + "\n\n" + checkpointNote
        }

        /// Parses the file's text.
        public init(parsing text: String) throws(LedgerViolation) {
            let (lines, note) = try ProofFile.split(text, header: inclusionHeader)
            guard lines.count >= 2, lines[0].hasPrefix("extra "), lines[1].hasPrefix("index "),
                let entryBytes = Base64.decode(String(lines[0].dropFirst(6))),
                let index = ProofFile.decimal(lines[1].dropFirst(6))
            else { throw LedgerViolation(.proofFormat, "an inclusion proof needs 'extra' and 'index' lines") }
            self.init(
                entryBytes: entryBytes,
                index: index,
                path: try ProofFile.hashes(lines.dropFirst(2)),
                checkpointNote: note
            )
        }

        /// Whether the path leads from the entry's leaf hash to the checkpoint's root.
        func pathHolds(in checkpoint: Checkpoint) -> Bool {
            MerkleTree.verifyInclusion(
                index: index,
                size: checkpoint.size,
                leaf: Entry.hash(of: entryBytes),
                path: path,
                root: checkpoint.root
            )
        }
    }

    /// A consistency proof from an older tree to a checkpoint.
    public struct Consistency: Sendable, Equatable {
        public let oldSize: Int
        public let oldRoot: SHA256Hash
        public let proof: [SHA256Hash]
        public let checkpointNote: String

        public init(oldSize: Int, oldRoot: SHA256Hash, proof: [SHA256Hash], checkpointNote: String) {
            self.oldSize = oldSize
            self.oldRoot = oldRoot
            self.proof = proof
            self.checkpointNote = checkpointNote
        }

        /// The file's text.
        public var serialized: String {
            ([consistencyHeader, "old \(oldSize)", "oldroot \(oldRoot.base64)"] + proof.map(\.base64))
                .joined(separator: "\n") + "\n\n" + checkpointNote
        }

        /// Parses the file's text.
        public init(parsing text: String) throws(LedgerViolation) {
            let (lines, note) = try ProofFile.split(text, header: consistencyHeader)
            guard lines.count >= 2, lines[0].hasPrefix("old "), lines[1].hasPrefix("oldroot "),
                let oldSize = ProofFile.decimal(lines[0].dropFirst(4)),
                let rootBytes = Base64.decode(String(lines[1].dropFirst(8))), let oldRoot = SHA256Hash(bytes: rootBytes)
            else { throw LedgerViolation(.proofFormat, "a consistency proof needs 'old' and 'oldroot' lines") }
            self.init(
                oldSize: oldSize,
                oldRoot: oldRoot,
                proof: try ProofFile.hashes(lines.dropFirst(2)),
                checkpointNote: note
            )
        }

        /// Whether the proof leads from the old root to the checkpoint's root.
        func pathHolds(in checkpoint: Checkpoint) -> Bool {
            MerkleTree.verifyConsistency(
                oldSize: oldSize,
                newSize: checkpoint.size,
                oldRoot: oldRoot,
                newRoot: checkpoint.root,
                proof: proof
            )
        }
    }

    private static func split(_ text: String, header: String) throws(LedgerViolation) -> ([Substring], String) {
        guard let blank = text.firstRange(of: "\n\n") else {
            throw LedgerViolation(.proofFormat, "no blank line before the checkpoint")
        }
        let lines = text[..<blank.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == header else {
            throw LedgerViolation(.proofFormat, "the first line must be \(header)")
        }
        return (Array(lines.dropFirst()), String(text[blank.upperBound...]))
    }

    private static func decimal(_ text: Substring) -> Int? {
        guard let value = Int(text), value >= 0, String(value) == text else { return nil }
        return value
    }

    private static func hashes(_ lines: ArraySlice<Substring>) throws(LedgerViolation) -> [SHA256Hash] {
        var hashes: [SHA256Hash] = []
        for line in lines {
            guard let bytes = Base64.decode(String(line)), let hash = SHA256Hash(bytes: bytes) else {
                throw LedgerViolation(.proofFormat, "a proof line is not the base64 of 32 bytes")
            }
            hashes.append(hash)
        }
        return hashes
    }
}
