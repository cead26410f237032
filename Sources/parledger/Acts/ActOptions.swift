import Application
import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `--store PATH --key FILE [--format text|json]`, shared by every act of the appraisal: the act is
/// signed with the acting person's key file and appended, or refused with the rule's reason.
struct ActOptions: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The acting person's key file.") var key: String
    @OptionGroup var keyAccess: KeyAccess
    @Option(help: "text or json.") var format: OutputFormat = .text

    /// Signs and appends one act, then reports its entry.
    @discardableResult
    func perform(_ event: AppraisalEvent) async throws -> Entry {
        let key = try KeyFile.read(key, keyAccess)
        let entry = try await Ledger.append(event, by: key, ledger: try storeOptions.ledger(.writing(create: false)))
        report(entry, signer: key.name)
        return entry
    }

    /// Opens the store for an act that needs it before signing (uploads, checkpoints).
    func openStore() throws(CLIError) -> any EventStore { try storeOptions.open() }

    /// Opens the ledger with its read side, for an act that reads the state first (survey import).
    func openLedger() throws(CLIError) -> OpenLedger { try storeOptions.ledger(.writing(create: false)) }

    func report(_ entry: Entry, signer: String) {
        switch format {
        case .json: print(String(decoding: entry.bytes, as: UTF8.self))
        case .text, .table: print(Confirmation.act(entry, signer: signer))
        }
    }
}
