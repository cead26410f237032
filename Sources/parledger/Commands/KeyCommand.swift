import Application
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import Presentation
import Projections
import Synchronization

struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Create, protect, show, register, hand over and revoke Ed25519 keys; print a key's receipt.",
        subcommands: [
            New.self, Passphrase.self, Show.self, Register.self, Handover.self, Revoke.self, Receipt.self,
        ]
    )

    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract:
                "Create a private key file (mode 0600) protected by a passphrase; print its key id and public key."
        )

        @Option(help: "Where to write the key file. An existing file is never overwritten.") var out: String
        @Option(help: "Whose key it is, e.g. \"Nguyễn Văn A\".") var name: String
        @OptionGroup var keyAccess: KeyAccess

        func run() async throws {
            let name = InputText.nfc(name)
            guard !name.isEmpty, name.unicodeScalars.count <= 500 else {
                throw CLIError.usage("--name must be 1 to 500 characters")
            }
            let key = SigningKey.generate(name: name)
            try KeyFile.write(key, to: out, keyAccess)
            printPublicFacts(name: key.name, key: key.publicKey)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print a key file's key id, public key and name."
        )

        @Argument(help: "The key file.") var file: String
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() async throws {
            // The public facts are readable without the passphrase.
            let (name, key) = try KeyFile.publicKey(file)
            switch format {
            case .json:
                let object: JSONValue = [
                    "keyId": .string(key.keyID.hex), "publicKey": .string(key.text), "name": .string(name),
                ]
                print(String(decoding: CanonicalJSON.encode(object), as: UTF8.self))
            case .text, .table:
                printPublicFacts(name: name, key: key)
            }
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register",
            abstract: "Register a person's public key with a role."
        )

        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .customLong("as"), help: "The registering key file (authority or secretariat).") var signer:
            String
        @OptionGroup var keyAccess: KeyAccess
        @Option(name: .customLong("public-key"), help: "The key to register: ed25519:BASE64.") var publicKey: String?
        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String?
        @Option(
            help: "The unit code, for unitOfficer and unitLeader (an enrolled unit), and optionally appraiser."
        ) var unit: String?
        @Option(help: "Whose key it is.") var name: String?
        @Option(
            help:
                "A staff file instead (CSV or XLSX; columns name/họ tên, role/vai trò, unit/đơn vị, publicKey/khóa công khai): every row checked first, one batch."
        )
        var from: String?

        func run() async throws {
            let signer = try KeyFile.read(signer, keyAccess)
            if let from {
                guard publicKey == nil, role == nil, unit == nil, name == nil else {
                    throw CLIError.usage("give --from FILE, or --public-key, --role, --name and --unit; not both")
                }
                let ledger = try storeOptions.ledger(.writing(create: false))
                let fold = try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(.everything)
                }
                let table = try EnrolmentFile.read(from)
                let registrations: [ControlEvent.KeyRegistration]
                do throws(BulkEnrolment.Refused) {
                    registrations = try BulkEnrolment.keys(
                        table,
                        in: fold.state,
                        registered: fold.ledger.keys,
                        signer: fold.ledger.keys[signer.keyID]?.role ?? .secretariat
                    )
                } catch {
                    throw CLIError(
                        exitCode: error.layout == nil ? .refused : .usage,
                        message: "\(from): \(error.description)"
                    )
                }
                let entries = try await Ledger.appendBatch(
                    registrations.map { (ControlEvent.keyRegistered($0).type, ControlEvent.keyRegistered($0).payload) },
                    by: signer,
                    ledger: ledger
                )
                print(
                    Confirmation.batch(
                        entries,
                        "đăng ký \(Confirmation.count(entries.count, "khóa", "key")) từ tệp \(from)",
                        "registered \(Confirmation.count(entries.count, "khóa", "key")) from \(from)"
                    )
                )
                return
            }
            guard let publicKey, let role, let name else {
                throw CLIError.usage("give --public-key, --role and --name (or --from FILE)")
            }
            let key: PublicSigningKey
            do throws(PublicSigningKey.Problem) {
                key = try PublicSigningKey(validatingText: publicKey)
            } catch {
                throw CLIError.usage("--public-key \(publicKey) \(error.description)")
            }
            guard let parsedRole = Role(rawValue: role) else {
                throw CLIError.usage("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let unitCode = try unit.map { text throws(CLIError) in
                guard let code = UnitCode(text) else {
                    throw .usage("--unit must be 1–32 characters of A–Z a–z 0–9 . _ -")
                }
                return code
            }
            let registration = ControlEvent.KeyRegistration(
                name: InputText.nfc(name),
                publicKey: key,
                role: parsedRole,
                unit: unitCode
            )
            let entry = try await Ledger.append(
                ControlEvent.keyRegistered(registration),
                by: signer,
                ledger: try storeOptions.ledger(.writing(create: false))
            )
            print(
                Confirmation.entry(
                    entry.seq,
                    "đăng ký khóa \(key.keyID.hex), vai trò \(Vocabulary.role(parsedRole.rawValue, .vi))"
                        + (unit.map { " của đơn vị \($0)" } ?? ""),
                    "registered key \(key.keyID.hex) as \(parsedRole.rawValue)\(unit.map { " of \($0)" } ?? "")"
                )
            )
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a registered key.")

        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .customLong("as"), help: "The revoking key file (authority or secretariat).") var signer: String
        @OptionGroup var keyAccess: KeyAccess
        @Option(name: .customLong("key-id"), help: "The key id to revoke.") var keyID: String
        @Option(help: "Why.") var reason: String

        func run() async throws {
            let signer = try KeyFile.read(signer, keyAccess)
            guard let target = KeyID(keyID) else {
                throw CLIError.usage("--key-id must be 64 lowercase hex characters")
            }
            let entry = try await Ledger.append(
                ControlEvent.keyRevoked(keyID: target, reason: InputText.nfc(reason)),
                by: signer,
                ledger: try storeOptions.ledger(.writing(create: false))
            )
            print(Confirmation.entry(entry.seq, "thu hồi khóa \(target.hex)", "revoked key \(target.hex)"))
        }
    }
}

/// Key id, public key and name: everything about a key that may be shown.
private func printPublicFacts(name: String, key: PublicSigningKey) {
    print("keyId:     \(key.keyID.hex)")
    print("publicKey: \(key.text)")
    print("name:      \(name)")
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, table, json
}

/// The acts every writing command shares.
enum Ledger {
    /// How long an act may wait for the store in all before it gives up (exit 3, as a store's own
    /// deadline would): PostgreSQL's calls have 15 s each, SQLite waits up to 30 s for another
    /// writer's lock, and a user repeating the command is safe either way.
    static let actLimitSeconds = 25

    /// Signs an event for the ledger and appends it: every act, registration and revocation is
    /// written through here.
    static func append(
        _ event: some LedgerEvent,
        by key: SigningKey,
        ledger: OpenLedger
    ) async throws(CLIError) -> Entry {
        try await append(type: event.type, payload: event.payload, by: key, ledger: ledger)
    }

    /// Signs events for the ledger and appends them as one batch: all recorded, or none (a file
    /// of units or staff). Repeating a batch whose answer was lost is refused by the rules (the
    /// units are enrolled, the keys registered), never recorded twice.
    static func appendBatch(
        _ events: [(type: EventType, payload: [String: JSONValue])],
        by key: SigningKey,
        ledger: OpenLedger
    ) async throws(CLIError) -> [Entry] {
        let state = try await storeCall { () async throws(StoreError) in try await ledger.log.state() }
        guard let ledgerID = state.ledgerID else { throw .usage("no ledger at this store: run parledger init first") }
        let now = SystemSources.now()
        var batch: [SignedStatement] = []
        for event in events {
            do {
                batch.append(
                    try SystemSources.statement(
                        ledger: ledgerID,
                        type: event.type,
                        payload: event.payload,
                        by: key,
                        at: now
                    )
                )
            } catch {
                throw .usage(error.description)
            }
        }
        return try await storeCall { () async throws(StoreError) in try await ledger.append(batch, recordedAt: now) }
    }

    /// Signs a statement for the ledger and appends it (`OpenLedger.act`; `parledger append`
    /// gives its own type and payload).
    static func append(
        type: EventType,
        payload: [String: JSONValue],
        by key: SigningKey,
        ledger: OpenLedger
    ) async throws(CLIError) -> Entry {
        let pending = PendingStatements.standard()
        // The last resort against a store call that never ends (a database that vanished mid-query
        // in a way no deadline below noticed): the act gives up with exit 3, its statement kept.
        let giveUp = DispatchWorkItem {
            printNotice(
                "parledger: the store did not answer within \(Self.actLimitSeconds) s; nothing is known to be "
                    + "recorded. The signed statement is kept in \(pending.folder.path): repeat the same "
                    + "command, and it is recorded once"
            )
            exit(CLIError.ExitCode.unavailable.rawValue)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Self.actLimitSeconds), execute: giveUp)
        defer { giveUp.cancel() }
        do {
            let entry = try await ledger.act(type, payload, by: key, pending: pending) { kept in
                printNotice(
                    "parledger: re-sending statement \(kept.statement.statementID), signed at "
                        + "\(kept.statement.claimedAt), whose answer never arrived; it is recorded once"
                )
            }
            Answered.entries.withLock { $0.append(entry) }
            return entry
        } catch {
            switch error {
            case .noLedger, .malformed: throw .usage(error.description)
            case .pending(let failure): throw .usage("\(failure); set PARLEDGER_STATE_DIR to a folder you may write")
            case .store(let failure) where failure.code == .io || failure.isTransient:
                // The statement may or may not have landed: it is kept, and repeating the command
                // sends the same one, which the ledger records at most once.
                let error = CLIError.store(failure)
                throw CLIError(
                    exitCode: error.exitCode,
                    message: error.message
                        + "\n(the signed statement is kept in \(pending.folder.path): repeat the same command,"
                        + " or run `parledger pending --retry`, and it is recorded once)"
                )
            case .store(let failure): throw .store(failure)
            }
        }
    }
}

/// The entries this process recorded, whose kept statements are forgotten once the command has
/// printed its answer (`Parledger.main`): not before, or a process killed in between would have
/// recorded an act, told no one, and kept nothing to re-send.
enum Answered {
    static let entries = Mutex<[Entry]>([])

    /// Forgets the kept statements of the entries answered, after flushing what was printed.
    static func forgetKept() {
        fflush(nil)  // every output stream
        let pending = PendingStatements.standard()
        for entry in entries.withLock({ $0 }) { pending.forget(answered: entry) }
    }
}

/// A file of units or staff, read for bulk enrolment (CSV or XLSX).
enum EnrolmentFile {
    static func read(_ path: String) throws(CLIError) -> KeyedTable {
        let data = try InputFile.contents(path)
        do {
            return try KeyedTable.read([UInt8](data), name: path)
        } catch {
            throw .usage(error.description)
        }
    }
}
