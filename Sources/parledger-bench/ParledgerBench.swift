import ArgumentParser
import Foundation

/// The benchmarks of tools/PERFORMANCE.md, outside the product binary. Each prints its figures
/// beside its target. Exit codes: 0 done (whether or not a target was met); 1 a run went wrong;
/// 2 bad usage.
@main
struct ParledgerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parledger-bench",
        abstract: "Benchmarks of parledger (tools/PERFORMANCE.md). Run them in a release build.",
        subcommands: [
            LedgerBenchCommand.self, ProjectionsBenchCommand.self, StoresBenchCommand.self, ActsBenchCommand.self,
            ScenarioCommand.self, DocumentsBenchCommand.self,
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
        } catch let error as BenchError {
            FileHandle.standardError.write(Data("parledger-bench: \(error.message)\n".utf8))
            Foundation.exit(error.code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data("parledger-bench: \(fullMessage(for: error))\n".utf8))
            Foundation.exit(code == .validationFailure ? 2 : 1)
        }
    }
}
