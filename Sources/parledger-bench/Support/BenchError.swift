/// Why a benchmark stopped: bad options (exit 2), or a run that went wrong (exit 1): a ledger that
/// failed verification, an act refused, a child process that failed.
struct BenchError: Error, CustomStringConvertible {
    enum Code: Int32 {
        case failed = 1
        case usage = 2
    }

    let code: Code
    let message: String

    static func usage(_ message: String) -> BenchError { BenchError(code: .usage, message: message) }
    static func failed(_ message: String) -> BenchError { BenchError(code: .failed, message: message) }

    var description: String { message }
}
