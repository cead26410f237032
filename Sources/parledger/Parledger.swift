import ArgumentParser
import Foundation

/// The parledger command line. Exit codes: 0 ok; 1 the ledger failed verification or the act
/// was refused; 2 bad usage or unreadable input; 3 the store is unavailable now (nothing was
/// written; the same command may be repeated).
@main
struct Parledger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parledger",
        abstract: "The tamper-evident ledger of a province's PAR Index appraisal.",
        // The acts of the appraisal by who performs them (events/CATALOG.md), the reads of the
        // projections (projections/RULES.md), the ledger's own commands (events/FORMAT.md), and
        // the administration around them. `--help` shows each group as "<NAME> SUBCOMMANDS".
        groupedSubcommands: [
            CommandGroup(
                name: "Secretariat and authority acts",
                subcommands: [
                    CriteriaCommand.self, CampaignCommand.self, UnitCommand.self, AppraiserCommand.self,
                    SurveyCommand.self, ReopenCommand.self, RoundCommand.self, ResultsCommand.self, PublishCommand.self,
                    CorrectCommand.self,
                ]
            ),
            CommandGroup(
                name: "Unit acts",
                subcommands: [
                    ScoreCommand.self, EvidenceCommand.self, NotApplicableCommand.self, ExplainCommand.self,
                    ObjectCommand.self, BonusCommand.self, SubmitCommand.self,
                ]
            ),
            CommandGroup(
                name: "Appraiser and council acts",
                subcommands: [AppraiseCommand.self, ResolveCommand.self, ReportCommand.self]
            ),
            CommandGroup(
                name: "Read",
                subcommands: [
                    StandingsCommand.self, ScoresCommand.self, DifferencesCommand.self, DisputesCommand.self,
                    ClaimsCommand.self, TodoCommand.self,
                    ProgressCommand.self, HistoryCommand.self, DiffCommand.self, TrendCommand.self, RebuildCommand.self,
                ]
            ),
            CommandGroup(
                name: "Ledger",
                subcommands: [
                    AppendCommand.self, VerifyCommand.self, AuditCommand.self, LogCommand.self,
                    CheckpointCommand.self, ProveCommand.self, VerifyProofCommand.self, ExportCommand.self,
                    BackupCommand.self, PendingCommand.self,
                ]
            ),
            CommandGroup(
                name: "Administration",
                subcommands: [
                    InitCommand.self, KeyCommand.self, MigrateCommand.self, ServeCommand.self, DemoCommand.self,
                ]
            ),
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
            Answered.forgetKept()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("parledger: \(error.shown)\n".utf8))
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
