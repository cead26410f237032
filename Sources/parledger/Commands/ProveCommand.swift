import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct ProveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Write inclusion and consistency proofs (events/FORMAT.md §13).",
        subcommands: [Inclusion.self, Consistency.self]
    )

    struct Inclusion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inclusion",
            abstract: "Prove that entry --seq is in the tree of --size entries (a C2SP tlog-proof)."
        )

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "The entry's position.") var seq: Int
        @Option(
            help: "The tree size; default: the latest signed checkpoint that covers the entry, else the ledger's size."
        )
        var size: Int?

        func run() async throws {
            let store = try storeOptions.openForReading()
            let (treeSize, note) = try await Proofs.checkpoint(store: store, size: size, covering: seq + 1)
            let (path, stored) = try await storeCall { () async throws(StoreError) in
                (
                    try await store.inclusionProof(index: seq, size: treeSize),
                    try await store.entries(from: seq, limit: 1)
                )
            }
            guard let entry = stored.first else { throw CLIError.usage("no entry at seq \(seq)") }
            print(
                ProofFile.Inclusion(entryBytes: entry.bytes, index: seq, path: path, checkpointNote: note).serialized,
                terminator: ""
            )
        }
    }

    struct Consistency: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "consistency",
            abstract: "Prove that the tree of --to entries extends the tree of --from entries."
        )

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "The older tree size.") var from: Int
        @Option(help: "The newer tree size; default: the latest signed checkpoint, else the ledger's size.") var to:
            Int?

        func run() async throws {
            let store = try storeOptions.openForReading()
            let (newSize, note) = try await Proofs.checkpoint(store: store, size: to, covering: from)
            guard from >= 0, from <= newSize else { throw CLIError.usage("--from must be between 0 and \(newSize)") }
            let (proof, oldRoot) = try await storeCall { () async throws(StoreError) in
                (try await store.consistencyProof(from: from, to: newSize), try await store.root(size: from))
            }
            print(
                ProofFile.Consistency(oldSize: from, oldRoot: oldRoot, proof: proof, checkpointNote: note).serialized,
                terminator: ""
            )
        }
    }
}

enum Proofs {
    /// The tree size to prove against and its checkpoint note: a signed one from the store when
    /// there is one of that size, otherwise the bare checkpoint body (verify-proof says it is unsigned).
    static func checkpoint(
        store: any EventStore,
        size: Int?,
        covering minimum: Int
    ) async throws(CLIError) -> (Int, String) {
        let (treeSize, note, signed) = try await storeCall { () async throws(StoreError) in
            try await store.proofCheckpoint(size: size, covering: minimum)
        }
        if !signed {
            FileHandle.standardError.write(
                Data(
                    "parledger: no signed checkpoint of \(treeSize) entries; the proof carries an unsigned one (run parledger checkpoint)\n"
                        .utf8
                )
            )
        }
        return (treeSize, note)
    }
}

struct VerifyProofCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check an inclusion or consistency proof file, and its checkpoint's signature.",
        discussion: "Exit 0: the proof holds. 1: it does not. 2: bad usage or unreadable file."
    )

    @Argument(help: "The proof file (- for standard input).") var file: String
    @Option(name: .customLong("log-key"), help: "A trusted log public key (ed25519:BASE64); repeatable.")
    var logKeys: [String] = []
    @Option(help: "Trust the log keys registered in this ledger (SQLite path).") var store: String?

    func run() async throws {
        let text = try readText()
        var trusted = try logKeys.map { text throws(CLIError) in
            guard let key = PublicSigningKey(text: text) else {
                throw .usage("--log-key \(text) is not ed25519:BASE64")
            }
            return key
        }
        let checkpoint: Checkpoint
        let note: String
        let what: String
        do {
            if text.hasPrefix(ProofFile.inclusionHeader) {
                let proof = try ProofFile.Inclusion(parsing: text)
                checkpoint = try proof.verify()
                note = proof.checkpointNote
                what = "entry \(proof.index) is included in the tree of \(checkpoint.size) entries"
            } else if text.hasPrefix(ProofFile.consistencyHeader) {
                let proof = try ProofFile.Consistency(parsing: text)
                checkpoint = try proof.verify()
                note = proof.checkpointNote
                what = "the tree of \(checkpoint.size) entries extends the tree of \(proof.oldSize)"
            } else {
                throw CLIError.usage("\(file) is neither a tlog-proof nor a parledger consistency proof")
            }
        } catch let error as LedgerViolation {
            print("invalid: \(error.description)")
            throw ExitCode(1)
        }
        if let store {
            let ledger = try openStoreForReading(store)
            let state = try await storeCall { () async throws(StoreError) in try await ledger.state() }
            trusted += state.logKeys(forCheckpointOfSize: checkpoint.size).map(\.publicKey)
        }
        print("ok: \(what)")
        guard let signed = ProofFile.signedNote(in: note) else {
            print("warning: the checkpoint is unsigned; only the Merkle path was checked")
            return
        }
        guard !trusted.isEmpty else {
            print("warning: no trusted log key given (--log-key or --store); the checkpoint signature was not checked")
            return
        }
        do {
            let signers = try Checkpoint.verifyLogSignature(signed, keys: trusted)
            print("ok: checkpoint \(checkpoint.origin) signed by \(signers.map(\.hex).joined(separator: ", "))")
        } catch {
            print("invalid: \(error.description)")
            throw ExitCode(1)
        }
    }

    private func readText() throws(CLIError) -> String {
        let data =
            file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
        guard let data, let text = String(validating: [UInt8](data), as: UTF8.self) else {
            throw .usage("cannot read \(file) as UTF-8 text")
        }
        return text
    }
}
