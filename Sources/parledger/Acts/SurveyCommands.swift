import Application
import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import Projections

/// `parledger survey template|import|invalidate` (secretariat; import also the survey clerk).
struct SurveyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Publish a survey template, import keyed-in forms, invalidate a form.",
        subcommands: [Template.self, Import.self, Invalidate.self, Coverage.self]
    )

    struct Template: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "template",
            abstract: "Publish a survey form template from a JSON file."
        )
        @OptionGroup var act: ActOptions
        @Argument(help: "The template file (a surveyTemplate.published/v1 payload).") var file: String

        func run() async throws {
            try await act.perform(
                .surveyTemplatePublished(try ActInput.payloadFile(file, SurveyTemplate.init(payload:)))
            )
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Record one batch of paper forms from a CSV file (layout: events/samples/survey-csv.md).",
            discussion: "A bad row is refused with its line number and nothing from the file is written."
        )
        @OptionGroup var act: ActOptions
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "The template the forms follow, e.g. department-2023.") var template: String
        @Option(help: "The template's version.") var version: Int = 1

        func run() async throws {
            let ledger = try act.openLedger()
            let state = try await storeCall { () async throws(StoreError) in
                try await ledger.folds.fold(.everything).state
            }
            guard let code = ConfigCode(template), let published = state.templates[.init(set: code, version: version)]
            else {
                throw CLIError.refused("survey template \(template) version \(version) is not published in this ledger")
            }
            let forms = try SurveyCSV.forms(file: file, template: published, state: state)
            try await act.perform(.surveyBatchRecorded(template: code, version: version, forms: forms))
        }
    }

    struct Invalidate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invalidate",
            abstract: "Invalidate a recorded form; it stays in the ledger."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "The form's serial.") var serial: String
        @Option(help: "Why.") var reason: String

        func run() async throws {
            let reason = try ActInput.text(reason, "--reason")
            let serial = try ActInput.member("serial", serial) { reader, name throws(LedgerFormatError) in
                try reader.serial(name)
            }
            try await act.perform(.surveyFormInvalidated(serial: serial, reason: reason))
        }
    }
}

/// Paper survey forms keyed into a CSV file (events/samples/survey-csv.md), read into the forms of
/// one batch; each row is checked against the template and the ledger, and refused by its line.
enum SurveyCSV {
    static func forms(
        file: String,
        template: SurveyTemplate,
        state: AppraisalState
    ) throws(CLIError) -> [AppraisalEvent.SurveyForm] {
        guard let data = FileManager.default.contents(atPath: file) else { throw .usage("cannot read \(file)") }
        guard let text = String(data: data, encoding: .utf8) else { throw .usage("\(file) is not UTF-8 text") }
        let table: CSVTable
        do {
            table = try CSVTable(text: InputText.nfc(text))
        } catch {
            throw .usage("\(file), line \(error.line): \(error.message)")
        }
        for required in ["serial", "unit", "respondentGroup"] where !table.header.contains(required) {
            throw .usage("\(file), line 1: the header has no \(required) column")
        }
        var named: Set<String> = []
        for name in table.header where !named.insert(name).inserted {
            throw .usage("\(file), line 1: column \(name) appears twice")
        }
        let missing = template.questions.map(\.code.text).filter { !named.contains($0) }
        guard missing.isEmpty else {
            throw .usage(
                "\(file), line 1: template \(template.template) asks \(missing.joined(separator: ", ")), "
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
                throw .usage(
                    "\(file), line 1: column \(name) is neither a question of template \(template.template) nor demo:NAME"
                )
            }
        }
        guard !table.rows.isEmpty else { throw .usage("\(file) has no forms after its header") }
        let column = Dictionary(uniqueKeysWithValues: table.header.enumerated().map { ($1, $0) })
        var seen: [String: Int] = [:]
        var forms: [AppraisalEvent.SurveyForm] = []
        for row in table.rows {
            func cell(_ name: String) -> String {
                row.fields[column[name] ?? 0].trimmingCharacters(in: .whitespaces)
            }
            let place = "\(file), line \(row.line)"
            let serial = cell("serial")
            guard AppraisalEvent.SurveyForm.isSerial(serial) else {
                throw .refused("\(place): serial \"\(serial)\" must be 1–40 of A–Z a–z 0–9 - / .")
            }
            if let earlier = seen[serial] { throw .refused("\(place): serial \(serial) is already on line \(earlier)") }
            seen[serial] = row.line
            guard let unit = UnitCode(cell("unit")) else {
                throw .refused("\(place): \"\(cell("unit"))\" is not a unit code")
            }
            guard let group = ConfigCode(cell("respondentGroup")) else {
                throw .refused("\(place): \"\(cell("respondentGroup"))\" is not a respondent group code")
            }
            var answers: [String: String] = [:]
            for (index, question) in questionColumns {
                let answer = row.fields[index].trimmingCharacters(in: .whitespaces).uppercased()
                if !answer.isEmpty { answers[question] = answer }
            }
            let form = AppraisalEvent.SurveyForm(serial: serial, unit: unit, respondentGroup: group, answers: answers)
            do throws(AppraisalRefusal) {
                try AppraisalRules.check(form, against: template, in: state)
            } catch {
                throw .refused("\(place): \(error.message)")
            }
            var demographics: [String: String] = [:]
            for (index, name) in demographicColumns {
                let value = row.fields[index].trimmingCharacters(in: .whitespaces)
                guard value.unicodeScalars.count <= 100 else {
                    throw .refused("\(place): demo:\(name) is longer than 100 characters")
                }
                if !value.isEmpty { demographics[name] = value }
            }
            forms.append(
                AppraisalEvent.SurveyForm(
                    serial: serial,
                    unit: unit,
                    respondentGroup: group,
                    answers: answers,
                    demographics: demographics.isEmpty ? nil : demographics
                )
            )
        }
        return forms
    }
}
