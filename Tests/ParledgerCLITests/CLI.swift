import Application
import Foundation
import LedgerCore
import LedgerTestSupport

/// Runs the built `parledger` binary and the Python verifier as a user would.
enum CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary beside this test bundle (swift build puts products side by side).
    static let binary: String = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "parledger"
            ).path,
            Bundle.main.bundleURL.appendingPathComponent("parledger").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("parledger").path,
            repository.appendingPathComponent(".build/debug/parledger").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[3]
    }()

    /// One child process at a time: swift-corelibs-foundation's `Process` is not safe to use from
    /// several threads at once (concurrent launches corrupted the heap in this test run), and the
    /// suites run in parallel.
    private static let oneAtATime = NSLock()
    static var oneAtATimeForBatches: NSLock { oneAtATime }

    static func run(
        _ executable: String,
        _ arguments: [String],
        input: String? = nil,
        environment: [String: String] = [:]
    ) throws -> Result {
        oneAtATime.lock()
        defer { oneAtATime.unlock() }
        let (process, out, err) = prepared([executable] + arguments)
        if !environment.isEmpty {
            process.environment = (process.environment ?? [:]).merging(environment) { $1 }
        }
        if let input {
            let inPipe = Pipe()
            process.standardInput = inPipe
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try inPipe.fileHandleForWriting.close()
        }
        try process.run()
        return finished(process, out, err)
    }

    /// `run` on a thread of its own: an async test waiting for a child process must not hold one
    /// of Swift concurrency's few cooperative threads (two on a two-core machine), or every other
    /// test's awaits, store deadlines included, starve meanwhile.
    static func run(
        _ executable: String,
        _ arguments: [String],
        input: String? = nil,
        environment: [String: String] = [:]
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Swift.Result {
                        try run(executable, arguments, input: input, environment: environment) as Result
                    }
                )
            }
        }
    }

    static func parledger(_ arguments: String...) async throws -> Result { try await run(binary, arguments) }

    static func parledger(_ arguments: [String]) async throws -> Result { try await run(binary, arguments) }

    static func python(_ arguments: [String]) async throws -> Result {
        try await run(
            "/usr/bin/env",
            ["python3", repository.appendingPathComponent("tools/verify-ledger.py").path] + arguments
        )
    }

    /// A Python script using openpyxl, standing for the spreadsheet program a clerk keys a
    /// workbook in: it reads what the program would show and saves what the clerk typed.
    static func openpyxl(_ script: String, _ arguments: String...) async throws -> Result {
        try await run("/usr/bin/env", ["python3", "-c", "import openpyxl, sys, json\n" + script] + arguments)
    }

    static func sqlite(_ database: String, _ sql: String) async throws -> Result {
        try await run("/usr/bin/env", ["sqlite3", database, sql])
    }

    /// A process for `command` (executable, then arguments) run in the repository, its output and
    /// errors piped.
    private static func prepared(_ command: [String]) -> (Process, Pipe, Pipe) {
        let process = Process()
        // Kept statements (`parledger pending`) go to this run's scratch folder, not the user's.
        // Keys made by `key new` are protected with this run's passphrase; the demo's (unprotected)
        // key files are allowed as a user allows them. Tests of the refusals override both.
        process.environment = ProcessInfo.processInfo.environment.merging([
            "PARLEDGER_STATE_DIR": stateFolder.path, "PARLEDGER_PASSPHRASE_FILE": passphraseFile.path,
            "PARLEDGER_NEW_PASSPHRASE_FILE": passphraseFile.path, "PARLEDGER_UNPROTECTED": "1",
        ]) { $1 }
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = repository
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        return (process, out, err)
    }

    /// Waits for a started process; its status, output and errors.
    private static func finished(_ process: Process, _ out: Pipe, _ err: Pipe) -> Result {
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    static func parledger(_ arguments: String...) throws -> Result { try run(binary, arguments) }

    static func parledger(_ arguments: [String]) throws -> Result { try run(binary, arguments) }

    static func python(_ arguments: [String]) throws -> Result {
        try run(
            "/usr/bin/env",
            ["python3", repository.appendingPathComponent("tools/verify-ledger.py").path] + arguments
        )
    }

    static func sqlite(_ database: String, _ sql: String) throws -> Result {
        try run("/usr/bin/env", ["sqlite3", database, sql])
    }

    static func temporaryFolder() -> URL { Scratch.subfolder("cli") }

    /// Where the commands run by these tests keep their unacknowledged statements.
    static let stateFolder = Scratch.subfolder("state")

    /// The passphrase the keys these tests make are protected with.
    static let passphrase = "mật khẩu thử nghiệm"

    /// The seed (base64) of a key file these tests made, opened with their passphrase: what no
    /// output may ever show.
    static func seed(ofKeyFile path: String) throws -> String {
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        switch try KeyFileCodec.read(bytes) {
        case .unprotected(let key): return Base64.encode(key.seed)
        case .protected(let sealed): return Base64.encode(try sealed.open(passphrase: passphrase).seed)
        }
    }

    /// A file holding `passphrase`, as `--passphrase-file` reads it.
    static let passphraseFile: URL = {
        let file = Scratch.subfolder("passphrase").appendingPathComponent("passphrase.txt")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data((passphrase + "\n").utf8))
        return file
    }()
}

extension CLI {
    /// Starts every command at once and waits for all: several writers racing, as separate
    /// processes. Launched under the same lock as `run` (launching is what is not thread-safe);
    /// each command's output must fit a pipe's buffer (64 KiB), as short runs' does.
    static func runConcurrently(_ commands: [[String]]) throws -> [Result] {
        oneAtATimeForBatches.lock()
        defer { oneAtATimeForBatches.unlock() }
        var running: [(Process, Pipe, Pipe)] = []
        for command in commands {
            let (process, out, err) = prepared(command)
            try process.run()
            running.append((process, out, err))
        }
        return running.map { finished($0, $1, $2) }
    }

    /// `runConcurrently` on a thread of its own (see `run`).
    static func runConcurrently(_ commands: [[String]]) async throws -> [Result] {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try runConcurrently(commands) as [Result] })
            }
        }
    }
}
