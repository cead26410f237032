public import Appraisal
import Documents
public import LedgerCore
import Presentation

/// A blank keying sheet for a survey template (`parledger survey blank`): the columns
/// `survey import` reads (STT, serial, unit, respondentGroup, one per question), and a row for
/// every form the plan's quotas expect of each unit (or one unit), its serial, unit and
/// respondent group already written, its answers left for the clerk.
public enum SurveySheet {
    public struct Sheet: Sendable {
        public let header: [String]
        public let rows: [[String]]
        /// The columns of the answers (0-based).
        public let answerColumns: Range<Int>
        /// The template's option codes, which the answers take.
        public let options: [String]
    }

    /// Why no sheet can be made.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    public static func blank(
        _ template: SurveyTemplate,
        unit only: UnitCode?,
        in state: AppraisalState
    ) throws(Problem) -> Sheet {
        guard let plan = state.campaign else { throw Problem(description: "no campaign is opened in this ledger") }
        if let only {
            guard let unit = state.units[only] else { throw Problem(description: "unit \(only) is not enrolled") }
            guard unit.group == template.group else {
                throw Problem(
                    description:
                        "unit \(only) is in group \(unit.group); template \(template.template) is for \(template.group)"
                )
            }
        }
        let questions = template.questions.map(\.code.text)
        let header = ["STT", "serial", "unit", "respondentGroup"] + questions
        var rows: [[String]] = []
        let units = state.activeUnits.filter { only == nil ? state.units[$0]?.group == template.group : $0 == only }
        for unit in units {
            for quota in plan.quotas where quota.group == template.group && quota.formsPerUnit > 0 {
                let prefix = "\(plan.year)-\(unit.text)-\(quota.respondentGroup.text.prefix(3).uppercased())"
                for number in 1...quota.formsPerUnit {
                    let serial = "\(prefix)-\(number < 10 ? "00" : number < 100 ? "0" : "")\(number)"
                    rows.append(
                        [String(rows.count + 1), serial, unit.text, quota.respondentGroup.text]
                            + Array(repeating: "", count: questions.count)
                    )
                }
            }
        }
        return Sheet(
            header: header,
            rows: rows,
            answerColumns: 4..<(4 + questions.count),
            options: template.options.map(\.code.text)
        )
    }

    /// The sheet as a CSV file (UTF-8 with a byte-order mark, as Excel opens it).
    public static func csv(_ sheet: Sheet) -> [UInt8] { CSVTable.encoded(header: sheet.header, rows: sheet.rows) }

    /// The sheet as an XLSX workbook whose answer cells offer the template's options.
    public static func xlsx(_ sheet: Sheet) throws(Problem) -> [UInt8] {
        do {
            return try KeyingSheet.xlsx(
                header: sheet.header,
                rows: sheet.rows,
                answerColumns: sheet.answerColumns,
                options: sheet.options,
                sheetName: "Phiếu khảo sát"
            )
        } catch {
            throw Problem(description: error.description)
        }
    }
}
