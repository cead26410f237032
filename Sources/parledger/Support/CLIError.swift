import Foundation
import LedgerCore
import LedgerStore

/// A failure the CLI reports on stderr, with its documented exit code: 1 when the ledger failed
/// verification or an act was refused, 2 for bad usage or input, 3 when the store cannot be used
/// right now (locked, full, read-only, unreachable, past its deadline, a clock behind): nothing
/// was written, and the same command may be repeated once that passes.
struct CLIError: Error, CustomStringConvertible {
    enum ExitCode: Int32 {
        case refused = 1
        case usage = 2
        case unavailable = 3
    }

    let exitCode: ExitCode
    let message: String

    static func usage(_ message: String) -> CLIError { CLIError(exitCode: .usage, message: message) }
    static func refused(_ message: String) -> CLIError { CLIError(exitCode: .refused, message: message) }

    /// A store error: a refusal or conflict is the act's fault (1); a passing condition of the
    /// store is 3, with what to do; anything else is input (2).
    static func store(_ error: StoreError) -> CLIError {
        switch error.code {
        case .refused, .conflict: return .refused("refused: \(error.description)")
        case .unavailable:
            return CLIError(exitCode: .unavailable, message: "the store is unavailable: \(error.description)")
        case .full:
            return CLIError(
                exitCode: .unavailable,
                message: "the store is full, free space and try again: \(error.description)"
            )
        case .clockBehind:
            return CLIError(exitCode: .unavailable, message: "this machine's clock is wrong: \(error.description)")
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

/// Writes a line to stderr: what the user should know that is not the command's output.
func printNotice(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
