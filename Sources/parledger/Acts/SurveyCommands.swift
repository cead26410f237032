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
        subcommands: [Template.self, Import.self, Blank.self, Invalidate.self, Coverage.self, Answers.self]
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
            abstract: "Record one batch of paper forms from a CSV or XLSX file (layout: events/samples/survey-csv.md).",
            discussion:
                "Every row is checked first; bad rows are all refused with their line numbers and nothing from the file is written. CSV may use commas or semicolons, with or without a byte-order mark; a leading STT column is ignored."
        )
        @OptionGroup var act: ActOptions
        @Argument(help: "The CSV or XLSX file.") var file: String
        @Option(help: "The template the forms follow, e.g. department-2023.") var template: String
        @Option(help: "The template's version.") var version: Int = 1
        @Flag(help: "Check the whole file and say what would be recorded; record nothing.") var check = false

        func run() async throws {
            let ledger = try act.openLedger()
            let state = try await storeCall { () async throws(StoreError) in
                try await ledger.folds.fold(.everything).state
            }
            let data = try InputFile.contents(file)
            let forms: [AppraisalEvent.SurveyForm]
            let code: ConfigCode
            do throws(SurveyImport.Problem) {
                let published = try SurveyImport.template(template, version: version, in: state)
                code = published.code
                forms = try SurveyImport.forms(
                    file: [UInt8](data),
                    name: file,
                    template: published.template,
                    state: state
                )
            } catch {
                let message = error.line.map { "\(file), line \($0): \(error.message)" } ?? "\(file): \(error.message)"
                throw error.kind == .layout ? CLIError.usage(message) : CLIError.refused(message)
            }
            if check {
                let units = Set(forms.map(\.unit)).count
                print(
                    "\(file): \(forms.count.counting("form")) of \(units.counting("unit")) read and checked; nothing was recorded (--check)"
                )
                return
            }
            try await act.perform(.surveyBatchRecorded(template: code, version: version, forms: forms))
        }
    }

    /// `parledger survey blank --template CODE [--unit C] --format csv|xlsx --out FILE`.
    struct Blank: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "blank",
            abstract: "Make a blank keying sheet for a template: a row per form the quotas expect, answers to fill in."
        )
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "The template, e.g. department-2023.") var template: String
        @Option(help: "The template's version.") var version: Int = 1
        @Option(help: "Only this unit's forms.") var unit: String?
        @Option(help: "csv or xlsx (the answer cells offer the template's options).") var format: String = "xlsx"
        @Option(help: "The file to write.") var out: String

        func run() async throws {
            guard ["csv", "xlsx"].contains(format) else {
                throw CLIError.usage("--format \(format) must be csv or xlsx")
            }
            let ledger = try storeOptions.ledger(.reading)
            let state = try await storeCall { () async throws(StoreError) in
                try await ledger.folds.fold(.everything).state
            }
            let sheet: SurveySheet.Sheet
            let bytes: [UInt8]
            do throws(SurveySheet.Problem) {
                let published: SurveyTemplate
                do throws(SurveyImport.Problem) {
                    published = try SurveyImport.template(template, version: version, in: state).template
                } catch {
                    throw SurveySheet.Problem(description: error.message)
                }
                let unitCode = try unit.map { text throws(SurveySheet.Problem) in
                    guard let code = UnitCode(text) else {
                        throw SurveySheet.Problem(description: "--unit \(text) is not a unit code")
                    }
                    return code
                }
                sheet = try SurveySheet.blank(published, unit: unitCode, in: state)
                bytes = format == "csv" ? SurveySheet.csv(sheet) : try SurveySheet.xlsx(sheet)
            } catch {
                throw CLIError.usage(error.description)
            }
            guard FileManager.default.createFile(atPath: out, contents: Data(bytes)) else {
                throw CLIError.usage("cannot write \(out)")
            }
            print(
                "\(out): \(sheet.rows.count.counting("form")) to key in, \(sheet.answerColumns.count.counting("question"))"
            )
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
