public import Appraisal
import Foundation
import LedgerCore
import Presentation

/// Paper survey forms keyed into a CSV file (events/samples/survey-csv.md), read into the forms of
/// one batch: each row is checked against the template and the ledger, and refused by its line.
/// The command line (`parledger survey import`) and the server (for the web page, which then signs
/// the batch in the browser) read files through here.
public enum SurveyImport {
    /// Why a file could not be read into forms, and where.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public enum Kind: Sendable {
            /// The file's layout is wrong (header, encoding): fix the file.
            case layout
            /// A row breaks a rule of the template or the campaign (serial, unit, answers).
            case rule
        }

        public let kind: Kind
        /// The line of the file (1: the header), when the problem has one.
        public let line: Int?
        public let message: String

        public var description: String { line.map { "line \($0): \(message)" } ?? message }
    }

    /// The template a batch follows, as the ledger published it.
    public static func template(
        _ code: String,
        version: Int,
        in state: AppraisalState
    ) throws(Problem) -> (code: ConfigCode, template: SurveyTemplate) {
        guard let parsed = ConfigCode(code), let published = state.templates[.init(set: parsed, version: version)]
        else {
            throw Problem(
                kind: .rule,
                line: nil,
                message: "survey template \(code) version \(version) is not published in this ledger"
            )
        }
        return (parsed, published)
    }

    /// The forms of a CSV file's text (UTF-8, NFC or NFD: it is normalised here).
    public static func forms(
        csv text: String,
        template: SurveyTemplate,
        state: AppraisalState
    ) throws(Problem) -> [AppraisalEvent.SurveyForm] {
        try forms(file: Array(text.utf8), name: "forms.csv", template: template, state: state)
    }

    /// The forms of a keyed-in file: CSV (comma or semicolon, with or without a byte-order mark)
    /// or XLSX, with or without a leading `STT` column. Every row is checked; a file with bad
    /// rows is refused with all of them, each by its line.
    public static func forms(
        file bytes: [UInt8],
        name: String,
        template: SurveyTemplate,
        state: AppraisalState
    ) throws(Problem) -> [AppraisalEvent.SurveyForm] {
        func layout(_ line: Int?, _ message: String) -> Problem { Problem(kind: .layout, line: line, message: message) }
        let read: KeyedTable
        do {
            read = try KeyedTable.read(bytes, name: name)
        } catch {
            throw layout(nil, error.description)
        }
        let table = KeyedTable(
            header: read.header.map { $0.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces) },
            rows: read.rows.map {
                CSVTable.Row(line: $0.line, fields: $0.fields.map(\.precomposedStringWithCanonicalMapping))
            }
        )
        for required in ["serial", "unit", "respondentGroup"] where !table.header.contains(required) {
            throw layout(1, "the header has no \(required) column")
        }
        var named: Set<String> = []
        for name in table.header where !named.insert(name).inserted {
            throw layout(1, "column \(name) appears twice")
        }
        let missing = template.questions.map(\.code.text).filter { !named.contains($0) }
        guard missing.isEmpty else {
            throw layout(
                1,
                "template \(template.template) asks \(missing.joined(separator: ", ")), "
                    + "which have no column (leave a cell empty for an unanswered question)"
            )
        }
        var questionColumns: [(Int, String)] = []
        var demographicColumns: [(Int, String)] = []
        for (index, name) in table.header.enumerated() where !["serial", "unit", "respondentGroup"].contains(name) {
            if name.hasPrefix("demo:"), name.count > 5 {
                demographicColumns.append((index, String(name.dropFirst(5))))
            } else if template.question(name) != nil {
                questionColumns.append((index, name))
            } else {
                throw layout(1, "column \(name) is neither a question of template \(template.template) nor demo:NAME")
            }
        }
        guard !table.rows.isEmpty else { throw layout(nil, "the file has no forms after its header") }
        let column = Dictionary(uniqueKeysWithValues: table.header.enumerated().map { ($1, $0) })
        var seen: [String: Int] = [:]
        var forms: [AppraisalEvent.SurveyForm] = []
        var bad: [Problem] = []
        for row in table.rows {
            do throws(Problem) {
                forms.append(try form(row))
            } catch {
                bad.append(error)
            }
        }
        if bad.count == 1 { throw bad[0] }
        guard bad.isEmpty else {
            throw Problem(
                kind: .rule,
                line: nil,
                message: "\(bad.count) bad rows, nothing was recorded:\n"
                    + bad.map(\.description).joined(separator: "\n")
            )
        }
        return forms

        /// The row's form, or every reason it is not one, on its line.
        func form(_ row: CSVTable.Row) throws(Problem) -> AppraisalEvent.SurveyForm {
            func cell(_ name: String) -> String {
                row.fields[column[name] ?? 0].trimmingCharacters(in: .whitespaces)
            }
            var reasons: [String] = []
            let serial = cell("serial")
            if !AppraisalEvent.SurveyForm.isSerial(serial) {
                reasons.append("serial \"\(serial)\" must be 1–40 of A–Z a–z 0–9 - / .")
            } else if let earlier = seen[serial] {
                reasons.append("serial \(serial) is already on line \(earlier)")
            } else {
                seen[serial] = row.line
            }
            let unit = UnitCode(cell("unit"))
            if unit == nil { reasons.append("\"\(cell("unit"))\" is not a unit code") }
            let group = ConfigCode(cell("respondentGroup"))
            if group == nil { reasons.append("\"\(cell("respondentGroup"))\" is not a respondent group code") }
            var answers: [String: String] = [:]
            for (index, question) in questionColumns {
                let answer = row.fields[index].trimmingCharacters(in: .whitespaces).uppercased()
                if !answer.isEmpty { answers[question] = answer }
            }
            var demographics: [String: String] = [:]
            for (index, name) in demographicColumns {
                let value = row.fields[index].trimmingCharacters(in: .whitespaces)
                if value.unicodeScalars.count > 100 {
                    reasons.append("demo:\(name) is longer than 100 characters")
                } else if let first = value.first, "=+-@".contains(first) {
                    // A spreadsheet would run such a cell as a formula when the keyed sheet is opened.
                    reasons.append(
                        "demo:\(name) \"\(value)\" starts with \(first), which a spreadsheet reads as a formula"
                    )
                } else if !value.isEmpty {
                    demographics[name] = value
                }
            }
            guard let unit, let group else {
                throw Problem(kind: .rule, line: row.line, message: reasons.joined(separator: "; "))
            }
            let form = AppraisalEvent.SurveyForm(serial: serial, unit: unit, respondentGroup: group, answers: answers)
            reasons += AppraisalRules.problems(form, against: template, in: state).map(\.message)
            guard reasons.isEmpty else {
                throw Problem(kind: .rule, line: row.line, message: reasons.joined(separator: "; "))
            }
            return AppraisalEvent.SurveyForm(
                serial: serial,
                unit: unit,
                respondentGroup: group,
                answers: answers,
                demographics: demographics.isEmpty ? nil : demographics
            )
        }
    }
}
