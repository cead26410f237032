import LedgerCore
import LedgerStore

/// A failure the CLI reports on stderr, with its documented exit code:
/// 1 when the ledger failed verification or an act was refused, 2 for bad usage or input.
struct CLIError: Error, CustomStringConvertible {
    enum ExitCode: Int32 {
        case refused = 1
        case usage = 2
    }

    let exitCode: ExitCode
    let message: String

    static func usage(_ message: String) -> CLIError { CLIError(exitCode: .usage, message: message) }
    static func refused(_ message: String) -> CLIError { CLIError(exitCode: .refused, message: message) }

    /// A store error: a refusal or conflict is the act's fault (1); anything else is input (2).
    static func store(_ error: StoreError) -> CLIError {
        switch error.code {
        case .refused, .conflict: return .refused("refused: \(error.description)")
        case .notFound, .io: return .usage(error.description)
        }
    }

    var description: String { message }
}

/// Runs a store operation, turning its error into a CLI error.
func storeCall<T>(_ work: () async throws(StoreError) -> T) async throws(CLIError) -> T {
    do {
        return try await work()
    } catch {
        throw .store(error)
    }
}
