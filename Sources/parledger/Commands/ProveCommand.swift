import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct ProveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Write inclusion and consistency proofs against a signed checkpoint (events/FORMAT.md §13).",
        discussion: """
            A proof is only worth its checkpoint's signature, so proofs are always made against a checkpoint \
            the log signed: the store's own of that size, or one signed now with --key (a log key: authority \
            or secretariat). Without either, prove refuses rather than write a proof that proves nothing.
            """,
        subcommands: [Inclusion.self, Consistency.self]
    )

    struct Inclusion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inclusion",
            abstract: "Prove that entry --seq is in the tree of --size entries (a C2SP tlog-proof)."
        )

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "The entry's position.") var seq: Int
        @Option(help: "The tree size; default: the latest signed checkpoint that covers the entry.") var size: Int?
        @Option(help: "A log key file, to sign a checkpoint of that size when the store has none.") var key: String?
        @OptionGroup var keyAccess: KeyAccess

        func run() async throws {
            guard seq >= 0 else { throw CLIError.usage("--seq must be an entry position (0 or more)") }
            let store = try key == nil ? storeOptions.openForReading() : storeOptions.open()
            let (treeSize, note) = try await Proofs.signedCheckpoint(
                store: store,
                size: size,
                covering: seq + 1,
                key: key,
                keyAccess
            )
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
        @Option(help: "The newer tree size; default: the latest signed checkpoint.") var to: Int?
        @Option(help: "A log key file, to sign a checkpoint of that size when the store has none.") var key: String?
        @OptionGroup var keyAccess: KeyAccess

        func run() async throws {
            guard from >= 0 else { throw CLIError.usage("--from must be a tree size (0 or more)") }
            let store = try key == nil ? storeOptions.openForReading() : storeOptions.open()
            let (newSize, note) = try await Proofs.signedCheckpoint(
                store: store,
                size: to,
                covering: from,
                key: key,
                keyAccess
            )
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
    /// The tree size to prove against and its signed checkpoint: the store's own of that size, or
    /// one signed now with `key` (and kept in the store); refused when there is neither.
    static func signedCheckpoint(
        store: any EventStore,
        size: Int?,
        covering minimum: Int,
        key keyPath: String?,
        _ keyAccess: KeyAccess
    ) async throws(CLIError) -> (Int, String) {
        let found = try await storeCall { () async throws(StoreError) in
            try await store.signedProofCheckpoint(size: size, covering: minimum)
        }
        switch found {
        case .signed(let treeSize, let note):
            return (treeSize, note.serialized)
        case .unsigned(let treeSize):
            guard let keyPath else {
                throw .usage(
                    "no signed checkpoint of \(treeSize) entries: give --key with a log key (authority or secretariat) to sign one, or run parledger checkpoint first"
                )
            }
            let note = try await Checkpoints.sign(
                store: store,
                key: try KeyFile.read(keyPath, keyAccess),
                size: treeSize
            )
            try await storeCall { () async throws(StoreError) in try await store.saveCheckpoint(note) }
            return (treeSize, note.serialized)
        }
    }
}

struct VerifyProofCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check an inclusion or consistency proof against the log keys you trust (events/FORMAT.md §13).",
        discussion: """
            A proof holds only when its checkpoint is signed by a trusted log key (--log-key, or the keys of \
            the ledger given with --store). With --store the checkpoint must also be the ledger's own: same \
            origin, same root at its size, and every cosignature line of a registered witness must verify. \
            --path-only checks the Merkle path alone and proves nothing about the log.
            Exit 0: the proof holds. 1: it does not. 2: bad usage or unreadable file.
            """
    )

    @Argument(help: "The proof file (- for standard input).") var file: String
    @Option(name: .customLong("log-key"), help: "A trusted log public key (ed25519:BASE64); repeatable.")
    var logKeys: [String] = []
    @Option(help: "Trust the log keys of this ledger and check the checkpoint is its own (path or URL).")
    var store: String?
    @Flag(help: "Check the Merkle path only, without any signature: proves nothing about the log.")
    var pathOnly = false
    @Flag(help: "Print one JSON object (events/FORMAT.md §13).") var json = false

    func run() async throws {
        let trusted = try logKeys.map { text throws(CLIError) in
            do throws(PublicSigningKey.Problem) {
                return try PublicSigningKey(validatingText: text)
            } catch {
                throw .usage("--log-key \(text) \(error.description)")
            }
        }
        guard pathOnly || !trusted.isEmpty || store != nil else {
            throw CLIError.usage(
                "a proof is checked against log keys you trust: give --log-key KEY or --store LEDGER (or --path-only to check the Merkle path alone, which proves nothing about the log)"
            )
        }
        let text = try readText()
        let report: ProofVerifier.Report
        var claim = ""
        do {
            let proof = try ProofVerifier.Proof(parsing: text)
            claim = Self.claim(of: proof)
            var ledger: ProofVerifier.Ledger?
            if let store { ledger = try await Self.ledger(at: store, claimedSize: proof.claimedSize) }
            report = ProofVerifier.verify(proof, logKeys: trusted, ledger: ledger, pathOnly: pathOnly)
        } catch let error as LedgerViolation {
            report = .unparsed(text, pathOnly: pathOnly, failure: error)
        }
        if json {
            print(String(decoding: CanonicalJSON.encode(report.json), as: UTF8.self))
        } else {
            Self.describe(report, claim: claim)
        }
        if !report.isValid { throw ExitCode(1) }
    }

    private static func ledger(at location: String, claimedSize: Int?) async throws(CLIError) -> ProofVerifier.Ledger {
        let ledger = try openStoreForReading(location)
        return try await storeCall { () async throws(StoreError) in
            let state = try await ledger.state()
            var root: SHA256Hash?
            if let claimedSize, claimedSize <= state.size { root = try await ledger.root(size: claimedSize) }
            return ProofVerifier.Ledger(state: state, claimedSize: claimedSize, rootAtClaimedSize: root)
        }
    }

    /// What the proof claims, in words: "entry 5 is included in the tree of 12 entries".
    private static func claim(of proof: ProofVerifier.Proof) -> String {
        let size = proof.claimedSize.map(String.init) ?? "?"
        switch proof {
        case .inclusion(let inclusion):
            return "entry \(inclusion.index) is included in the tree of \(size) entries"
        case .consistency(let consistency):
            return "the tree of \(size) entries extends the tree of \(consistency.oldSize)"
        }
    }

    private static func describe(_ report: ProofVerifier.Report, claim: String) {
        if let failure = report.failure {
            print("invalid: \(failure.code.rawValue): \(failure.message)")
            return
        }
        guard let checkpoint = report.checkpoint else { return }
        if report.pathOnly {
            print("path only: \(claim) with root \(checkpoint.root.base64)")
            print("nothing was proven about the log: no signature was checked, and anyone can make such a path")
            return
        }
        print("ok: \(claim) of \(checkpoint.origin)")
        print(
            "ok: checkpoint signed by \(report.signers.map(\.hex).joined(separator: ", "))"
                + (report.cosignatures > 0 ? "; \(report.cosignatures) witness cosignature(s) verified" : "")
        )
    }

    private func readText() throws(CLIError) -> String {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try InputFile.contents(file)
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            throw .usage("\(file) is not UTF-8 text")
        }
        return text
    }
}
