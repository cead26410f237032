import ArgumentParser
import Foundation

/// The parledger command line. Exit codes: 0 ok; 1 the ledger failed verification or the act
/// was refused; 2 bad usage or unreadable input.
@main
struct Parledger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parledger",
        abstract: "The tamper-evident ledger of a province's PAR Index appraisal.",
        subcommands: [
            DemoCommand.self, KeyCommand.self, InitCommand.self, AppendCommand.self, VerifyCommand.self,
            AuditCommand.self,
            LogCommand.self, CheckpointCommand.self, ProveCommand.self, VerifyProofCommand.self, ExportCommand.self,
            MigrateCommand.self, BackupCommand.self, PendingCommand.self, BenchCommand.self,
            BenchProjectionsCommand.self, BenchStoresCommand.self,
            // The acts of the appraisal, by role (events/CATALOG.md).
            CriteriaCommand.self, CampaignCommand.self, UnitCommand.self, AppraiserCommand.self, SurveyCommand.self,
            ReopenCommand.self, ResultsCommand.self, ScoreCommand.self, EvidenceCommand.self, NotApplicableCommand.self,
            ExplainCommand.self, ObjectCommand.self, SubmitCommand.self, BonusCommand.self, AppraiseCommand.self,
            ResolveCommand.self, ReportCommand.self, PublishCommand.self, CorrectCommand.self,
            // The projections' reads (projections/README.md, projections/RULES.md).
            StandingsCommand.self, ScoresCommand.self, DifferencesCommand.self, DisputesCommand.self,
            ProgressCommand.self, HistoryCommand.self, DiffCommand.self, RebuildCommand.self,
            // The JSON API and the web UI.
            ServeCommand.self,
        ]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("parledger: \(error.message)\n".utf8))
            Foundation.exit(error.exitCode.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data("\(fullMessage(for: error))\n".utf8))
            // Usage errors exit 2 (parledger's documented code), not ArgumentParser's 64.
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
