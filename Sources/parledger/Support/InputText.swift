import Foundation
import LedgerCore

/// Text from people arrives in NFC or NFD; the ledger signs NFC only. The boundary converts here,
/// once, so "Nguyễn" typed on any system is the same 8 bytes in the ledger.
enum InputText {
    static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }

    /// Parses a JSON object given on the command line, after NFC conversion.
    static func jsonObject(_ text: String, what: String) throws(CLIError) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try CanonicalJSON.parse(nfc(text))
        } catch {
            throw .usage("\(what) is not acceptable JSON: \(error.description)")
        }
        guard let object = value.objectValue else { throw .usage("\(what) must be a JSON object") }
        return object
    }
}
