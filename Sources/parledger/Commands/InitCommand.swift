import Application
import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import Presentation

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a ledger: write its genesis entry, naming the authority key."
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .customLong("ledger-id"), help: "The ledger id, e.g. travinh.gov.vn/par/2023.") var ledgerID: String
    @Option(name: .customLong("authority-key"), help: "The authority's key file; it signs the genesis.")
    var authorityKey: String
    @OptionGroup var keyAccess: KeyAccess
    @Option(help: "A JSON file mapping event types to roles; default: the PAR appraisal policy.") var policy: String?

    func run() async throws {
        guard let ledger = LedgerID(ledgerID) else {
            throw CLIError.usage("--ledger-id must be 1–128 printable ASCII characters without spaces or '+'")
        }
        let authority = try KeyFile.read(authorityKey, keyAccess)
        let grants = try loadPolicy()
        let store = try storeOptions.open(create: true)
        let size = try await storeCall { () async throws(StoreError) in try await store.size() }
        if size > 0 {
            throw CLIError.usage(
                "\(displayName(ofStore: storeOptions.store)) already holds a ledger; init never overwrites one"
            )
        }
        let event = ControlEvent.genesis(
            authority: .init(name: authority.name, publicKey: authority.publicKey, role: .authority),
            policy: grants
        )
        let genesis: SignedStatement
        do throws(ActError) {
            genesis = try SystemSources.statement(
                ledger: ledger,
                type: event.type,
                payload: event.payload,
                by: authority
            )
        } catch {
            throw CLIError.usage(error.description)
        }
        let entries = try await storeCall { () async throws(StoreError) in
            try await store.append([genesis], recordedAt: SystemSources.now())
        }
        let place = displayName(ofStore: storeOptions.store)
        print(
            Confirmation.language.pick("Đã tạo sổ cái \(ledger) tại \(place)", "created ledger \(ledger) in \(place)")
        )
        print(
            Confirmation.entry(
                entries.first?.seq ?? 0,
                "khởi tạo sổ cái, cơ quan có thẩm quyền \(authority.name) (khóa \(authority.keyID.hex))",
                "genesis, authority \(authority.keyID.hex) (\(authority.name))"
            )
        )
    }

    private func loadPolicy() throws(CLIError) -> [EventType: Set<Role>] {
        guard let policy else { return AppraisalPolicy.policy }
        let data = try InputFile.contents(policy)
        let object = try InputText.jsonObject(String(decoding: data, as: UTF8.self), what: policy)
        do throws(LedgerFormatError) {
            return try ControlEvent.decodePolicy(.object(object), path: policy, allowEmptyRoles: false)
        } catch {
            throw .usage(error.description)
        }
    }
}

struct AppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Sign a statement with a key and append it (the low-level write)."
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The signing key file.") var key: String
    @OptionGroup var keyAccess: KeyAccess
    @Option(help: "The event type, e.g. selfScore.recorded/v1.") var type: String
    @Option(help: "The payload, a JSON object.") var payload: String
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() async throws {
        let key = try KeyFile.read(key, keyAccess)
        guard let type = EventType(type) else {
            throw CLIError.usage("--type \(type) is not an event type like name.verb/v1")
        }
        let payload = try InputText.jsonObject(payload, what: "--payload")
        let entry = try await Ledger.append(
            type: type,
            payload: payload,
            by: key,
            ledger: try storeOptions.ledger(.writing(create: false))
        )
        switch format {
        case .json: print(String(decoding: entry.bytes, as: UTF8.self))
        case .text, .table: print(Confirmation.act(entry, signer: key.name))
        }
    }
}
