import Foundation
import LedgerCore
import LedgerStore
import Server

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
    /// The refusal's code (`round-closed`, `key-revoked`…), when the ledger refused an act: the
    /// Vietnamese sentence for it leads the message (`ErrorCatalog`).
    var reason: String?

    init(exitCode: ExitCode, message: String, reason: String? = nil) {
        self.exitCode = exitCode
        self.message = message
        self.reason = reason
    }

    static func usage(_ message: String) -> CLIError { CLIError(exitCode: .usage, message: message) }
    static func refused(_ message: String) -> CLIError { CLIError(exitCode: .refused, message: message) }

    /// A store error: a refusal or conflict is the act's fault (1); a passing condition of the
    /// store is 3, with what to do; anything else is input (2).
    static func store(_ error: StoreError) -> CLIError {
        switch error.code {
        case .refused, .conflict:
            return CLIError(
                exitCode: .refused,
                message: "refused: \(error.description)",
                reason: error.violation.map { $0.reason ?? $0.code.rawValue }
            )
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

    /// What stderr says: for a refusal, first the rule in the reader's language (Vietnamese unless
    /// PARLEDGER_LANG=en), then the ledger's own words naming the statement, the unit and the leaf.
    var shown: String {
        guard let reason, ErrorCatalog.contains(reason) else { return message }
        let entry = ErrorCatalog.entry(reason)
        if ProcessInfo.processInfo.environment["PARLEDGER_LANG"] == "en" { return "\(entry.en)\n  \(message)" }
        return "bị từ chối: \(entry.vi)\n  \(message)"
    }
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
