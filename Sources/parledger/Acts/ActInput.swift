import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import Presentation

/// Typed payload values from command-line arguments: NFC text, checked codes and points.
enum ActInput {
    static func text(_ value: String, _ option: String) throws(CLIError) -> String {
        let text = InputText.nfc(value).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .usage("\(option) must not be empty") }
        return text
    }

    static func points(_ value: String, _ option: String) throws(CLIError) -> Points {
        guard let points = Points(typed: value) else {
            throw .usage("\(option) \(value) is not a number of points such as 1.5 or 0,25")
        }
        return points
    }

    static func unit(_ value: String) throws(CLIError) -> UnitCode {
        guard let unit = UnitCode(value) else {
            throw .usage("--unit \(value) is not a unit code (such as SNV or H-CL)")
        }
        return unit
    }

    static func leaf(_ value: String) throws(CLIError) -> CriterionCode {
        guard let leaf = CriterionCode(value) else {
            throw .usage("--leaf \(value) is not a criterion code such as 3.3.1")
        }
        return leaf
    }

    static func statement(_ value: String, _ option: String) throws(CLIError) -> StatementID {
        guard let id = StatementID(value.lowercased()) else {
            throw .usage("\(option) \(value) is not a statement id (as printed when the act was recorded)")
        }
        return id
    }

    static func date(_ value: String, _ option: String) throws(CLIError) -> CalendarDate {
        // Typed day first, as Vietnamese readers write dates (31/01/2024), or as the ledger keeps them.
        guard let iso = LocalTime.isoDate(typed: value), let date = CalendarDate(iso) else {
            throw .usage("\(option) \(value) is not a date DD/MM/YYYY or YYYY-MM-DD")
        }
        return date
    }

    /// A moment typed as "17:00 04/12/2023" (Vietnam's time), a date alone (the end of that day
    /// in Vietnam) or the ledger's own "2023-12-04T10:00:00.000Z".
    static func moment(_ value: String, _ option: String) throws(CLIError) -> Timestamp {
        guard let moment = LocalTime.vietnam.moment(typed: value.trimmingCharacters(in: .whitespaces)) else {
            throw .usage(
                "\(option) \(value) is not a time: write \"17:00 04/12/2023\" (Vietnam's time), a date DD/MM/YYYY, "
                    + "or 2023-12-04T10:00:00.000Z"
            )
        }
        return moment
    }

    /// A decision reference from its number and date options.
    static func decision(number: String, date: String) throws(CLIError) -> DecisionReference {
        DecisionReference(number: try text(number, "--decision"), date: try self.date(date, "--date"))
    }

    /// A payload member given as text that the CLI does not check itself, read as the appraisal
    /// rules read it (`read` gets a reader of that one member and its name): a bad one is refused
    /// in the rules' words and with their exit code, as when the store refused the statement.
    static func member<T>(
        _ name: String,
        _ value: String,
        _ read: (ObjectReader, String) throws(LedgerFormatError) -> T
    ) throws(CLIError) -> T {
        do {
            return try read(try ObjectReader(.object([name: .string(value)]), path: "payload"), name)
        } catch {
            throw refusal(error)
        }
    }

    /// A payload from a JSON file (a criteria set, a campaign plan, a survey template), in NFC,
    /// read as its type: a file the appraisal rules would refuse is refused in their words.
    static func payloadFile<T>(_ path: String, _ read: (JSONValue) throws(LedgerFormatError) -> T) throws(CLIError) -> T
    {
        let data = try InputFile.contents(path)
        guard let text = String(data: data, encoding: .utf8) else { throw .usage("\(path) is not UTF-8 text") }
        let object = try InputText.jsonObject(text, what: path)
        do {
            return try read(.object(object))
        } catch {
            throw refusal(error)
        }
    }

    /// The store's refusal of the act's statement, had it been signed and appended.
    private static func refusal(_ error: LedgerFormatError) -> CLIError {
        .store(.refused(AppraisalLedgerRules.refusal(error), at: 0))
    }
}
