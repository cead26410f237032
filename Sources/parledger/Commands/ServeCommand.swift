import Application
import ArgumentParser
import Documents
import Foundation
import Hummingbird
import LedgerStore
import Logging
import PostgresStore
import Server
import ServiceLifecycle
import UnixSignals

/// `parledger serve --store PATH [--host 127.0.0.1] [--port 8080]`: the JSON API and the web UI.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API (/api, /openapi.json) and the Vietnamese web UI (/) over a ledger."
    )
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Option(name: .customLong("upload-limit"), help: "The largest evidence upload, in MiB.") var uploadLimit = 20
    @Option(
        name: .customLong("log-key"),
        help: "A log key (authority or secretariat) to sign checkpoints with, at the cadence below."
    ) var logKey: String?
    @OptionGroup var keyAccess: KeyAccess
    @Option(
        name: .customLong("checkpoint-every"),
        help: "Sign a checkpoint once the ledger has grown by this many entries."
    )
    var checkpointEvery = 100
    @Option(name: .customLong("checkpoint-minutes"), help: "…or has grown at all in this many minutes.")
    var checkpointMinutes = 10
    @Option(
        name: .customLong("witness"),
        help:
            "Hand each checkpoint to this witness: a folder, or an http(s) URL that takes it by POST (repeatable; a SQLite ledger's folder LEDGER.checkpoints is always one)."
    ) var witnesses: [String] = []
    @Option(help: "A JSON file of the issuing body, office, place, signer and recipients printed on documents.")
    var letterhead: String?

    func run() async throws {
        guard (1...65535).contains(port) else { throw CLIError.usage("--port must be 1 to 65535") }
        guard (1...4096).contains(uploadLimit) else { throw CLIError.usage("--upload-limit must be 1 to 4096 (MiB)") }
        guard checkpointEvery > 0, checkpointMinutes > 0 else {
            throw CLIError.usage("--checkpoint-every and --checkpoint-minutes must be positive")
        }
        // A ledger this process may not write (a published copy, read-only media) is served for
        // reading: every read works, writes are refused as such, and the file is never touched.
        let readOnly = !PostgresLocation.isPostgresURL(storeOptions.store) && !Self.mayWrite(storeOptions.store)
        var ledger = try storeOptions.ledger(readOnly ? .reading : .writing(create: false))
        // Appends come concurrently here, and the store keeps one head: each act is judged on the
        // whole fold the server keeps in memory, never on sections made for one append.
        ledger.actsLoadSections = false
        // A wrong path, ledger name or password shows now, not as an error on every request.
        _ = try await storeCall { () async throws(StoreError) in try await ledger.log.size() }
        var settings = ParledgerServer.Settings()
        settings.uploadLimit = uploadLimit * 1024 * 1024
        settings.readOnly = readOnly
        if let letterhead { settings.letterhead = try readLetterhead(letterhead) }
        let server = ParledgerServer(ledger: ledger, settings: settings, clock: SystemSources.now)
        var logger = Logger(label: "parledger.serve")
        logger.logLevel = .notice
        // Written unbuffered: a service manager reading a pipe sees the line now, not at exit.
        FileHandle.standardOutput.write(
            Data(
                "parledger serve: http://\(host):\(port)/ (API under /api, description at /openapi.json)\(readOnly ? "; read-only" : "")\n"
                    .utf8
            )
        )
        // Its own service group, not `runService()`: a SIGTERM or SIGINT stops taking requests and
        // lets those in flight finish, but for at most `shutdownGrace`; then they are cancelled (a
        // store call cancelled drops its connection), so a service manager's stop never hangs.
        var services: [any Service] = [server.application(host: host, port: port, logger: logger)]
        if let cadence = try checkpointCadence(readOnly: readOnly) {
            services.append(CheckpointService(cadence: cadence, log: ledger.log, logger: logger))
        }
        var group = ServiceGroupConfiguration(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        group.maximumGracefulShutdownDuration = Self.shutdownGrace
        group.maximumCancellationDuration = .seconds(1)
        try await ServiceGroup(configuration: group).run()
    }

    /// The checkpoints this server signs, if it was given a log key.
    private func checkpointCadence(readOnly: Bool) throws -> CheckpointCadence? {
        guard let logKey else { return nil }
        guard !readOnly else { throw CLIError.usage("--log-key needs a ledger this process may write") }
        var all = witnesses.map(CheckpointCadence.Witness.init)
        if !PostgresLocation.isPostgresURL(storeOptions.store) {
            all.insert(.folder(WitnessFolder.beside(ledgerPath: storeOptions.store)), at: 0)
        }
        return CheckpointCadence(
            key: try KeyFile.read(logKey, keyAccess),
            everyEntries: checkpointEvery,
            everySeconds: checkpointMinutes * 60,
            witnesses: all
        )
    }

    /// How long requests in flight may take to finish once the server is asked to stop.
    static let shutdownGrace = Duration.seconds(8)

    /// Whether this process may write a SQLite ledger file and its folder (SQLite writes its
    /// journal beside the file).
    static func mayWrite(_ path: String) -> Bool {
        let files = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return !files.fileExists(atPath: path)
            || (files.isWritableFile(atPath: path) && files.isWritableFile(atPath: folder))
    }
}

/// The server's periodic checkpoints as a service of its group: stopped with the server.
struct CheckpointService: Service {
    let cadence: CheckpointCadence
    let log: any EventStore
    let logger: Logger

    func run() async throws {
        // Stops at the server's graceful shutdown: a checkpoint half-signed is simply not kept.
        await cancelWhenGracefulShutdown {
            await cadence.run(log) { message in logger.notice("\(message)") }
        }
    }
}
