import Application
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import PostgresStore

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
        @OptionGroup var keyAccess: KeyAccess
        @Option(help: "Write the checkpoint here instead of standard output.") var out: String?

        func run() async throws {
            let key = try KeyFile.read(key, keyAccess)
            let store = try storeOptions.open()
            let note = try await Checkpoints.sign(store: store, key: key)
            try await storeCall { () async throws(StoreError) in try await store.saveCheckpoint(note) }
            if let checkpoint = try? Checkpoint(noteText: note.text) {
                try Checkpoints.keepBeside(storeOptions.store, note, size: checkpoint.size)
            }
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
        @OptionGroup var keyAccess: KeyAccess
        @Option(help: "The checkpoint file to cosign.") var checkpoint: String

        func run() async throws {
            let witness = try KeyFile.read(key, keyAccess)
            let store = try storeOptions.open()
            guard case .success(let note) = try VerifyCommand.readCheckpoint(checkpoint) else {
                throw CLIError.usage("\(checkpoint) is not a signed note")
            }
            let (cosigned, parsed) = try await Checkpoints.cosign(note, store: store, witness: witness)
            try Checkpoints.keepBeside(storeOptions.store, cosigned, size: parsed.size)
            try Checkpoints.output(cosigned.serialized, to: checkpoint)
            print("cosigned the checkpoint of \(parsed.size) entries as \(witness.keyID.hex)")
        }
    }
}

/// Signing and witnessing (`Checkpointing`), as the commands and the demo report them.
enum Checkpoints {
    /// Signs a checkpoint of the ledger's first `size` entries (default: all of them) with a log key.
    static func sign(store: any EventStore, key: SigningKey, size: Int? = nil) async throws(CLIError) -> SignedNote {
        do { return try await Checkpointing.sign(store, key: key, size: size) } catch { throw cliError(error) }
    }

    /// Adds `witness`'s cosignature to `note` once it is checked against the ledger (and keeps it
    /// in the store).
    static func cosign(
        _ note: SignedNote,
        store: any EventStore,
        witness: SigningKey,
        at time: Timestamp? = nil
    ) async throws(CLIError) -> (note: SignedNote, checkpoint: Checkpoint) {
        let now = time.map { Date(timeIntervalSince1970: Double($0.millisecondsSinceEpoch) / 1000) } ?? Date()
        do { return try await Checkpointing.cosign(note, log: store, witness: witness, at: now) } catch {
            throw cliError(error)
        }
    }

    /// Keeps `note` in the witness folder beside a SQLite ledger, where `verify` and the next
    /// writer look for it.
    static func keepBeside(_ store: String, _ note: SignedNote, size: Int) throws(CLIError) {
        guard !PostgresLocation.isPostgresURL(store) else { return }
        let folder = WitnessFolder.beside(ledgerPath: store)
        do { try folder.keep(note, size: size) } catch {
            throw .usage("cannot keep the checkpoint in \(folder.folder.path): \(error.localizedDescription)")
        }
    }

    private static func cliError(_ error: Checkpointing.Failure) -> CLIError {
        switch error {
        case .refused(let message): .refused(message)
        case .usage(let message): .usage(message)
        case .store(let failure): .store(failure)
        }
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
