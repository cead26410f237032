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
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError.usage("cannot read \(file)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw CLIError.usage("\(file) is not UTF-8 text")
            }
            let forms: [AppraisalEvent.SurveyForm]
            let code: ConfigCode
            do throws(SurveyImport.Problem) {
                let published = try SurveyImport.template(template, version: version, in: state)
                code = published.code
                forms = try SurveyImport.forms(csv: text, template: published.template, state: state)
            } catch {
                let message = error.line.map { "\(file), line \($0): \(error.message)" } ?? "\(file): \(error.message)"
                throw error.kind == .layout ? CLIError.usage(message) : CLIError.refused(message)
            }
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
