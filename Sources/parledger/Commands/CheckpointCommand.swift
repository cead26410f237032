import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct CheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign checkpoints (signed notes of tree size and root) and cosign them.",
        subcommands: [Sign.self, Cosign.self],
        defaultSubcommand: Sign.self
    )

    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Sign a checkpoint of the whole ledger with a log key (authority or secretariat)."
        )

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "The log key file.") var key: String
        @Option(help: "Write the checkpoint here instead of standard output.") var out: String?

        func run() async throws {
            let key = try KeyFile.read(key)
            let store = try storeOptions.open()
            let note = try await Checkpoints.sign(store: store, key: key)
            try await storeCall { () async throws(StoreError) in try await store.saveCheckpoint(note) }
            try Checkpoints.output(note.serialized, to: out)
        }
    }

    struct Cosign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cosign",
            abstract: "As a witness, check a checkpoint against the ledger and add a cosignature/v1 line.",
            discussion: """
                The checkpoint must carry a valid log signature, match the ledger, and extend (by a consistency \
                proof) the last checkpoint this witness cosigned; a fork or rollback is refused. The file is \
                rewritten with the cosignature added.
                """
        )

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "The witness's key file (a registered key).") var key: String
        @Option(help: "The checkpoint file to cosign.") var checkpoint: String

        func run() async throws {
            let witness = try KeyFile.read(key)
            let store = try storeOptions.open()
            guard case .success(var note) = try VerifyCommand.readCheckpoint(checkpoint) else {
                throw CLIError.usage("\(checkpoint) is not a signed note")
            }
            let parsed = try await Checkpoints.checkAgainstLedger(note, store: store, witness: witness)
            note.append(
                Checkpoint.cosignature(
                    noteText: note.text,
                    by: witness,
                    timestamp: UInt64(Date().timeIntervalSince1970)
                )
            )
            try await storeCall { () async throws(StoreError) in
                try await store.saveCheckpoint(note)
            }
            try Checkpoints.output(note.serialized, to: checkpoint)
            print("cosigned the checkpoint of \(parsed.size) entries as \(witness.keyID.hex)")
        }
    }
}

/// Signing and witnessing, shared by the commands and the demo.
enum Checkpoints {
    /// Signs a checkpoint of the ledger's first `size` entries (default: all of them) with a log key:
    /// one of the ledger's authority or secretariat keys, active now and registered before `size`.
    static func sign(store: any EventStore, key: SigningKey, size: Int? = nil) async throws(CLIError) -> SignedNote {
        let state = try await storeCall { () async throws(StoreError) in try await store.state() }
        guard let ledgerID = state.ledgerID else { throw .usage("the store holds no ledger yet") }
        let treeSize = size ?? state.size
        guard let record = state.keys[key.keyID], record.role.signsCheckpoints, record.revokedAt == nil,
            record.isActive(at: treeSize)
        else {
            throw .refused(
                "refused: key \(key.keyID.short)… is not an active authority or secretariat key of this ledger at \(treeSize) entries"
            )
        }
        let root = try await storeCall { () async throws(StoreError) in try await store.root(size: treeSize) }
        return Checkpoint(origin: ledgerID, size: treeSize, root: root).signed(by: key)
    }

    /// What a witness checks before cosigning; returns the checkpoint.
    static func checkAgainstLedger(
        _ note: SignedNote,
        store: any EventStore,
        witness: SigningKey
    ) async throws(CLIError) -> Checkpoint {
        let state = try await storeCall { () async throws(StoreError) in try await store.state() }
        guard let record = state.keys[witness.keyID], record.revokedAt == nil else {
            throw .refused("refused: key \(witness.keyID.short)… is not an active key of this ledger")
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(noteText: note.text)
            let root =
                checkpoint.size <= state.size
                ? try await storeCall { () async throws(StoreError) in try await store.root(size: checkpoint.size) }
                : nil
            _ = try Checkpoint.verify(note, against: state, rootAtSize: root)
        } catch let error as LedgerViolation {
            throw .refused("refusing to cosign: \(error.description)")
        } catch {
            throw .usage("\(error)")
        }
        if let last = try await storeCall({ () async throws(StoreError) in
            try await store.lastCosigned(by: witness.publicKey)
        }) {
            guard last.origin == checkpoint.origin, last.size <= checkpoint.size else {
                throw .refused(
                    "refusing to cosign: you already cosigned \(last.size) entries; this checkpoint rolls back to \(checkpoint.size)"
                )
            }
            let proof = try await storeCall { () async throws(StoreError) in
                try await store.consistencyProof(from: last.size, to: checkpoint.size)
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
        }
        return checkpoint
    }

    static func output(_ text: String, to path: String?) throws(CLIError) {
        guard let path else {
            print(text, terminator: "")
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .usage("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
