import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// Payload values from command-line arguments: NFC text, checked codes and points.
enum ActInput {
    static func text(_ value: String, _ option: String) throws(CLIError) -> JSONValue {
        let text = InputText.nfc(value).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .usage("\(option) must not be empty") }
        return .string(text)
    }

    static func points(_ value: String, _ option: String) throws(CLIError) -> JSONValue {
        guard let points = Points(typed: value) else {
            throw .usage("\(option) \(value) is not a number of points such as 1.5 or 0,25")
        }
        return .string(points.text)
    }

    static func unit(_ value: String) throws(CLIError) -> JSONValue {
        guard let unit = UnitCode(value) else {
            throw .usage("--unit \(value) is not a unit code (such as SNV or H-CL)")
        }
        return .string(unit.text)
    }

    static func leaf(_ value: String) throws(CLIError) -> JSONValue {
        guard let leaf = CriterionCode(value) else {
            throw .usage("--leaf \(value) is not a criterion code such as 3.3.1")
        }
        return .string(leaf.text)
    }

    static func statement(_ value: String, _ option: String) throws(CLIError) -> JSONValue {
        guard let id = StatementID(value.lowercased()) else {
            throw .usage("\(option) \(value) is not a statement id (as printed when the act was recorded)")
        }
        return .string(id.text)
    }

    static func date(_ value: String, _ option: String) throws(CLIError) -> JSONValue {
        guard let date = CalendarDate(value) else { throw .usage("\(option) \(value) is not a date YYYY-MM-DD") }
        return .string(date.text)
    }

    /// A JSON object from a file (a criteria set, a campaign plan, a survey template), in NFC.
    static func jsonFile(_ path: String) throws(CLIError) -> [String: JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .usage("cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw .usage("\(path) is not UTF-8 text") }
        return try InputText.jsonObject(text, what: path)
    }
}
