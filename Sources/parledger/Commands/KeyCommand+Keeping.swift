import Application
import ArgumentParser
import Documents
import Foundation
import LedgerCore
import LedgerStore
import Presentation
import Projections

extension KeyCommand {
    /// `parledger key passphrase FILE`: protect a key file, or change its passphrase.
    struct Passphrase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passphrase",
            abstract: "Protect a key file with a passphrase, or change its passphrase (the file is replaced)."
        )

        @Argument(help: "The key file.") var file: String
        @OptionGroup var keyAccess: KeyAccess
        @Option(
            name: .customLong("new-passphrase-file"),
            help: "Read the new passphrase from this file's first line instead of asking twice on the terminal."
        )
        var newPassphraseFile: String?

        func run() async throws {
            try KeyFile.changePassphrase(file, keyAccess, newPassphraseFile: newPassphraseFile)
            let (name, key) = try KeyFile.publicKey(file)
            print("\(file): protected by the new passphrase (key \(key.keyID.hex), \(name))")
        }
    }

    /// `parledger key handover --as FILE --key-id OLD --public-key NEW --name N --reason R`.
    struct Handover: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "handover",
            abstract:
                "Hand a key over in one act: register the successor with the same role, unit and assignment, and revoke the old key."
        )

        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .customLong("as"), help: "The signing key file (authority or secretariat).") var signer: String
        @OptionGroup var keyAccess: KeyAccess
        @Option(name: .customLong("key-id"), help: "The key handed over (revoked).") var keyID: String
        @Option(name: .customLong("public-key"), help: "The successor's public key: ed25519:BASE64.") var publicKey:
            String
        @Option(help: "The successor's name.") var name: String
        @Option(help: "Why, e.g. \"chuyển công tác\" or \"mất khóa\".") var reason: String
        @Option(help: "Also write the successor's registration receipt here (.html or .pdf).") var receipt: String?

        func run() async throws {
            let signer = try KeyFile.read(signer, keyAccess)
            guard let old = KeyID(keyID.lowercased()) else {
                throw CLIError.usage("--key-id must be 64 lowercase hex characters")
            }
            let successor: PublicSigningKey
            do throws(PublicSigningKey.Problem) {
                successor = try PublicSigningKey(validatingText: publicKey)
            } catch {
                throw CLIError.usage("--public-key \(publicKey) \(error.description)")
            }
            let name = InputText.nfc(name)
            let reason = InputText.nfc(reason)
            guard !name.isEmpty, !reason.isEmpty else { throw CLIError.usage("--name and --reason must not be empty") }
            // The receipt's file is checked before anything is recorded: a handover is not repeated.
            if let receipt { try KeyReceiptFile.check(receipt) }
            let ledger = try storeOptions.ledger(.writing(create: false))
            let fold = try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(.everything) }
            let events: [(type: EventType, payload: [String: JSONValue])]
            do throws(KeyHandover.Refused) {
                events = try KeyHandover.events(
                    handingOver: old,
                    to: successor,
                    name: name,
                    reason: reason,
                    keys: fold.ledger.keys,
                    state: fold.state,
                    by: fold.ledger.keys[signer.keyID]?.role ?? .secretariat
                )
            } catch {
                throw CLIError.refused(error.description)
            }
            let entries = try await Ledger.appendBatch(events, by: signer, ledger: ledger)
            print(
                Confirmation.batch(
                    entries,
                    "khóa \(old.short)… được bàn giao cho khóa \(successor.keyID.hex) (\(name)); khóa cũ đã bị thu hồi",
                    "key \(old.short)… handed over to \(successor.keyID.hex) (\(name)); the old key is revoked"
                )
            )
            if let receipt {
                try await KeyReceiptFile.write(successor.keyID, to: receipt, ledger: ledger)
            }
        }
    }

    /// `parledger key receipt --key-id ID --out FILE.html|FILE.pdf`.
    struct Receipt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "receipt",
            abstract:
                "Print a registered key's receipt (holder, unit, role, key id, the entry; QR code) to sign and file."
        )

        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .customLong("key-id"), help: "The registered key.") var keyID: String
        @Option(help: "The file to write (.html or .pdf); never overwritten.") var out: String
        @Option(help: "vi or en. (default: vi, or PARLEDGER_LANG)") var lang: String = Confirmation.language.rawValue
        @Option(help: "A JSON file of the issuing body, office, place, signer (as for documents).") var letterhead:
            String?

        func run() async throws {
            guard let key = KeyID(keyID.lowercased()) else {
                throw CLIError.usage("--key-id must be 64 lowercase hex characters")
            }
            guard let language = Language(code: lang) else { throw CLIError.usage("--lang \(lang) must be vi or en") }
            try await KeyReceiptFile.write(
                key,
                to: out,
                ledger: try storeOptions.ledger(.reading),
                language: language,
                letterhead: try letterhead.map { path throws(CLIError) in try readLetterhead(path) }
            )
        }
    }
}

/// Writes a key's receipt as HTML or PDF (by the file's extension).
enum KeyReceiptFile {
    /// The receipt's format, when `path` may be written: .html or .pdf, not there yet.
    @discardableResult
    static func check(_ path: String) throws(CLIError) -> DocumentFormat {
        guard let format = DocumentFormat(fileName: path), format == .html || format == .pdf else {
            throw .usage("\(path): a receipt is written as .html or .pdf")
        }
        if FileManager.default.fileExists(atPath: path) {
            throw .usage("\(path) already exists; a receipt is never overwritten")
        }
        return format
    }

    static func write(
        _ keyID: KeyID,
        to path: String,
        ledger: OpenLedger,
        language: Language = .vi,
        letterhead: Letterhead? = nil
    ) async throws(CLIError) {
        let format = try check(path)
        let fold = try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(.everything) }
        let bytes: [UInt8]
        do throws(ReportDocuments.Failure) {
            let receipt = try await KeyReceipts.receipt(for: keyID, in: fold, log: ledger.log)
            bytes = try KeyReceipts.render(
                receipt,
                format: format,
                language: language,
                letterhead: letterhead ?? KeyReceipts.letterhead(from: .council)
            )
        } catch {
            throw CLIError(documentFailure: error)
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw .usage("cannot write \(path)")
        }
        print(language.pick("Đã ghi giấy biên nhận khóa \(path)", "Wrote the key receipt \(path)"))
    }
}
