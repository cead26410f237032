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

/// The system clock and randomness: the edge where time and ids enter the pure core.
enum SystemSources {
    static func now() -> Timestamp {
        let milliseconds = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        return Timestamp(millisecondsSinceEpoch: milliseconds) ?? .epoch
    }

    static func statementID() -> StatementID {
        var generator = SystemRandomNumberGenerator()
        return StatementID(randomBytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A signed statement by `key`, stamped now.
    static func statement(
        ledger: LedgerID,
        type: EventType,
        payload: [String: JSONValue],
        by key: SigningKey,
        at time: Timestamp? = nil
    ) throws(CLIError) -> SignedStatement {
        do {
            let statement = try Statement(
                ledger: ledger,
                statementID: statementID(),
                type: type,
                actor: key.keyID,
                claimedAt: time ?? now(),
                payload: payload
            )
            return SignedStatement(statement: statement, signedBy: key)
        } catch {
            throw .usage("the statement is not well-formed: \(error.description)")
        }
    }
}
