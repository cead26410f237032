import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import PostgresStore
import SQLiteStore

/// SQLite against PostgreSQL in the same run: append throughput with 1, 4 and 16 concurrent
/// writers, and verify throughput. Each writer is a store of its own on the same ledger (as
/// separate processes or servers are, each with its own connection and cached head), appending
/// small batches, so the stores' serialization of writers is what is measured.
struct StoresBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stores",
        abstract: "Compare SQLite and PostgreSQL: append with 1, 4 and 16 concurrent writers, and verify.",
        discussion:
            "Run it in release mode beside a server: tools/with-postgres swift run -c release parledger-bench stores"
    )

    @Option(help: "Entries appended per measurement (after the genesis and key registrations).") var entries = 20000
    @Option(help: "Statements per appended batch.") var batch = 20
    @Option(help: "Concurrent writers, comma-separated.") var writers = "1,4,16"
    @Option(help: "The PostgreSQL database (no ledger); default: PARLEDGER_POSTGRES_URL.") var postgres: String?

    func run() async throws {
        let counts = writers.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard entries > 0, batch > 0, !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else {
            throw BenchError.usage("--entries, --batch and --writers take positive numbers")
        }
        guard let database = postgres ?? ProcessInfo.processInfo.environment["PARLEDGER_POSTGRES_URL"] else {
            throw BenchError.usage(
                "parledger-bench stores needs a PostgreSQL server: --postgres URL, or run it under tools/with-postgres"
            )
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parledger-bench-stores-\(UUID().uuidString.prefix(8))"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let workload = BenchWorkload()
        let run = UUID().uuidString.prefix(8).lowercased()
        let owner = ProcessInfo.processInfo.environment["PARLEDGER_POSTGRES_OWNER_URL"]

        print("# parledger-bench stores — \(System.coreCount) cores, \(entries) entries in batches of \(batch)")
        print("")
        print("| writers | SQLite append/s | PostgreSQL append/s | PostgreSQL ÷ SQLite |")
        print("|---:|---:|---:|---:|")
        var lastStores: [String: any EventStore] = [:]
        for count in counts {
            let sqlitePath = folder.appendingPathComponent("w\(count).sqlite").path
            let sqlite = try await appendRate(writers: count, workload: workload) { () throws(StoreError) in
                try SQLiteStore(path: sqlitePath, create: true)
            }
            let postgresURL = database + (database.contains("?") ? "&" : "?") + "ledger=bench-\(run)-w\(count)"
            let postgres = try await appendRate(writers: count, workload: workload) { () throws(StoreError) in
                try PostgresStore(url: postgresURL, create: true, ownerURL: owner)
            }
            print(
                "| \(count) | \(Measures.rate(sqlite.rate)) | \(Measures.rate(postgres.rate)) | \(Measures.ratio(postgres.rate / sqlite.rate)) |"
            )
            lastStores = ["SQLite": sqlite.store, "PostgreSQL": postgres.store]
        }
        print("")
        print("| store | verify/s (in-process, \(entries) entries) |")
        print("|---|---:|")
        for name in ["SQLite", "PostgreSQL"] {
            guard let store = lastStores[name] else { continue }
            let size = try await store.size()
            var valid = false
            let seconds = try await Measures.timed {
                valid = try await store.verify().isValid
            }
            guard valid else { throw BenchError.failed("the \(name) benchmark ledger failed verification") }
            print("| \(name) | \(Measures.rate(Double(size) / seconds)) |")
        }
    }

    /// Appends `entries` self-scores through `writers` stores at once, after the setup; returns
    /// entries per second (signing is done beforehand, not timed) and one of the stores.
    private func appendRate(
        writers: Int,
        workload: BenchWorkload,
        open: () throws(StoreError) -> any EventStore
    ) async throws -> (rate: Double, store: any EventStore) {
        var stores: [any EventStore] = []
        for _ in 0..<writers { stores.append(try open()) }
        let setup = workload.setup()
        _ = try await stores[0].append(setup, recordedAt: workload.time)
        // Every store reads the head once before the clock starts, as a running server would have.
        for store in stores { _ = try await store.size() }
        let statements = workload.statements(from: 0, count: entries)
        let batches = stride(from: 0, to: statements.count, by: batch).map {
            Array(statements[$0..<min(statements.count, $0 + batch)])
        }
        let time = workload.time
        let seconds = try await Measures.timed {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, store) in stores.enumerated() {
                    let mine = batches.enumerated().filter { $0.offset % writers == index }.map(\.element)
                    group.addTask {
                        for batch in mine { _ = try await store.append(batch, recordedAt: time) }
                    }
                }
                try await group.waitForAll()
            }
        }
        let size = try await stores[0].size()
        guard size == setup.count + entries else {
            throw BenchError.failed("expected \(setup.count + entries) entries after the run, found \(size)")
        }
        return (Double(entries) / seconds, stores[0])
    }
}
