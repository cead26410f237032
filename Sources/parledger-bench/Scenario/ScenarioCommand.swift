import Application
import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerScenarios
import LedgerStore
import Projections

/// A ledger for the benchmarks that drive `parledger serve` from outside (tools/bench-server.py,
/// tools/bench-pages.py): written before the preliminary results, with new key files for writers
/// whose units are reopened, for an auditor who reads what is not public yet, and for an appraiser
/// of every domain; `scenario.json` says what is where.
struct ScenarioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Write a ledger, key files and scenario.json for the server and page benchmarks.",
        discussion: """
            DIR/ledger.sqlite is the demo's campaign through round 1 (--ledger demo) or a national ledger \
            (--ledger national) stopped before the preliminary results; DIR/keys holds a unit officer's key file \
            per writer, whose unit is reopened for --hours, an auditor's (reader.key, who may read the standings and \
            histories before publication), and with --appraiser an appraiser's; DIR/scenario.json lists them with \
            the leaves each writer may self-score.
            """
    )

    enum LedgerKind: String, ExpressibleByArgument {
        case demo, national
    }

    @Option(help: "A new folder for the ledger, its key files and scenario.json.") var dir: String
    @Option(help: "demo (about 3,400 entries) or national.") var ledger: LedgerKind = .demo
    @Option(help: "A national ledger's provinces.") var provinces = 1
    @Option(help: "A national ledger's communes per province (and 20 departments).") var communes = 100
    @Option(help: "Unit officers with a new key file each, for as many units, reopened for scoring.") var writers = 4
    @Option(help: "How long the writers' units stay reopened.") var hours = 3
    @Flag(help: "Also a new appraiser of every domain.") var appraiser = false
    @Option(help: "The sample inputs; default: the repository's events/samples.") var samples: String?

    func run() async throws {
        guard writers >= 0, hours > 0, provinces > 0, communes > 0 else {
            throw BenchError.usage("--writers, --hours, --provinces and --communes take positive numbers")
        }
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: dir), !existing.isEmpty {
            throw BenchError.usage("\(dir) is not empty; the scenario is written into a new folder")
        }
        let parledger = try ChildProcess.sibling("parledger")
        let folder = URL(fileURLWithPath: dir).standardizedFileURL
        let keys = folder.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        let bench = BenchLedger(
            kind: ledger == .demo ? .demo : .national(provinces: provinces, communes: communes),
            path: folder.appendingPathComponent("ledger.sqlite").path
        )
        _ = try await bench.write(
            samples: samples.map { URL(fileURLWithPath: $0) } ?? SeededStatements.repositorySamples,
            progress: { _ in }
        )
        let opened = try OpenLedger.open(bench.path, .writing(create: false))
        let state = try await opened.folds.fold(.everything).state
        let units = state.units.keys.sorted()
        guard units.count >= writers else { throw BenchError.usage("the ledger has \(units.count) units") }

        var writerList: [JSONValue] = []
        for (index, unit) in units.prefix(writers).enumerated() {
            let path = keys.appendingPathComponent("writer-\(index + 1).key").path
            let key = try BenchLedger.newKeyFile(parledger: parledger, at: path, name: "Cán bộ thử tải \(index + 1)")
            try await bench.openForScoring(unit, officer: key, hours: hours, on: opened)
            let leaves = BenchLedger.scorableLeaves(of: unit, in: state).map { leaf -> JSONValue in
                ["leaf": .string(leaf.leaf.text), "points": .string(leaf.points.text)]
            }
            writerList.append([
                "key": .string(path), "keyId": .string(key.keyID.hex), "unit": .string(unit.text),
                "leaves": .array(leaves),
            ])
        }
        var scenario: [String: JSONValue] = ["writers": .array(writerList)]
        // Before publication the standings and every unit's history are the council's working
        // papers (events/PROCESS.md §7): the benchmarks read them as a new auditor, who sees all.
        let readerPath = keys.appendingPathComponent("reader.key").path
        let reader = try BenchLedger.newKeyFile(parledger: parledger, at: readerPath, name: "Kiểm toán viên thử tải")
        _ = try await BenchLedger.append(
            [
                (
                    ControlEvent.keyRegistered(
                        .init(name: "Kiểm toán viên thử tải", publicKey: reader, role: .auditor)
                    ),
                    bench.key("secretariat")
                )
            ],
            to: opened
        )
        scenario["reader"] = ["key": .string(readerPath), "keyId": .string(reader.keyID.hex)]
        if appraiser, let ownUnit = units.last {
            let path = keys.appendingPathComponent("appraiser.key").path
            let key = try BenchLedger.newKeyFile(parledger: parledger, at: path, name: "Thẩm định viên thử tải")
            let domains = Set(state.criteriaSets.values.flatMap(\.domains)).sorted()
            let secretariat = bench.key("secretariat")
            _ = try await BenchLedger.append(
                [
                    (
                        ControlEvent.keyRegistered(
                            .init(name: "Thẩm định viên thử tải", publicKey: key, role: .appraiser)
                        ), secretariat
                    )
                ],
                to: opened
            )
            _ = try await BenchLedger.append(
                [(AppraisalEvent.appraiserAssigned(keyID: key.keyID, domains: domains, ownUnit: ownUnit), secretariat)],
                to: opened
            )
            scenario["appraiser"] = [
                "key": .string(path), "keyId": .string(key.keyID.hex), "ownUnit": .string(ownUnit.text),
            ]
        }
        // What a process opening the ledger starts from: a snapshot of all of it on the read side.
        let fold = try await opened.folds.fold(.everything)
        await fold.saveSnapshot(to: opened.derived)
        scenario["ledger"] = .string(bench.path)
        scenario["ledgerId"] = fold.ledger.ledgerID.map { .string($0.text) } ?? .null
        scenario["entries"] = .int(Int64(fold.size))
        scenario["units"] = .array(units.map { .string($0.text) })
        let file = folder.appendingPathComponent("scenario.json")
        try Data(CanonicalJSON.encode(.object(scenario)) + [0x0A]).write(to: file)
        print("\(bench.name): \(fold.size) entries, \(units.count) units → \(file.path)")
    }
}
