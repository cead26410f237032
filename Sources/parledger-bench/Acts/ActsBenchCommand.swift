import Application
import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerScenarios
import LedgerStore
import Projections
import SQLiteStore

/// What an act costs as the ledger grows (tools/PERFORMANCE.md §5): `parledger score` run as a
/// user runs it, on the demo's ledger and on national ones, and how long each append holds
/// SQLite's write lock. The target: an act on 1M entries costs at most twice what it costs on the
/// demo's 3,400.
struct ActsBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acts",
        abstract: "Measure an act's wall time and write-lock hold time on ledgers of 3.4k, ~100k and ~1M entries.",
        discussion: """
            Run it in release mode: swift build -c release && swift run -c release parledger-bench acts. \
            The ledgers are written once into --dir and reused (the 1M-entry one takes a few minutes); each run \
            appends to them.
            """
    )

    @Option(help: "National ledgers to act on besides the demo's, by their number of provinces (~32k entries each).")
    var provinces = "3,34"
    @Option(help: "Acts timed on each ledger after the first, both as processes and in-process.") var acts = 10
    @Option(help: "Where to keep the ledgers; default: parledger-bench-acts in the system's temporary folder.")
    var dir: String?
    @Option(help: "The sample inputs; default: the repository's events/samples.") var samples: String?

    /// What was measured on one ledger.
    struct Row {
        let name: String
        let entries: Int
        let snapshotBytes: Int
        /// What the act reads of the read side: the sections' head, its unit's section and its key.
        let sectionBytes: Int
        /// `parledger score` as a process: the first after the ledger's files left the page cache,
        /// then the others.
        let coldAct: Double
        let acts: [Double]
        /// The same act in this process, on a newly opened ledger each time, as the command opens it
        /// (`OpenLedger.act` with `actsLoadSections`: the sections it reads, caught up, signing, the
        /// append), and the write lock's hold within it.
        let appends: [Double]
        let holds: [Double]
    }

    func run() async throws {
        let counts = provinces.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard acts > 0, counts.allSatisfy({ $0 > 0 }) else {
            throw BenchError.usage("--acts takes a positive number, --provinces positive numbers")
        }
        let parledger = try ChildProcess.sibling("parledger")
        let folder = URL(
            fileURLWithPath: dir
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("parledger-bench-acts").path
        )
        let keys = folder.appendingPathComponent("keys-\(Int(Date().timeIntervalSince1970))")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        let samplesFolder = samples.map { URL(fileURLWithPath: $0) } ?? SeededStatements.repositorySamples
        let ledgers =
            [BenchLedger(kind: .demo, path: folder.appendingPathComponent("demo-round1.sqlite").path)]
            + counts.map { count in
                BenchLedger(
                    kind: .national(provinces: count, communes: 100),
                    path: folder.appendingPathComponent("national-\(count)-round1.sqlite").path
                )
            }
        print("# parledger-bench acts — \(System.coreCount) cores, \(acts) acts per ledger after the first")
        print("")
        var rows: [Row] = []
        for ledger in ledgers {
            if let written = try await ledger.write(
                samples: samplesFolder,
                progress: { written in
                    FileHandle.standardError.write(Data("\r  generating \(ledger.name): \(written) entries".utf8))
                }
            ) {
                if ledger.kind != .demo { FileHandle.standardError.write(Data("\n".utf8)) }
                print(
                    "Wrote \(ledger.name): \(written.entries) entries in "
                        + String(format: "%.0f s", written.seconds) + " → \(ledger.path)"
                )
            }
            rows.append(try await measure(ledger, parledger: parledger, keys: keys))
        }
        print("")
        print(Self.table(rows))
    }

    /// Opens a unit of `ledger` for scoring by a new key, makes sure the read side holds a snapshot
    /// of the whole ledger (what a process's first act starts from), then times the acts.
    private func measure(_ ledger: BenchLedger, parledger: String, keys: URL) async throws -> Row {
        let keyFile = keys.appendingPathComponent("\(URL(fileURLWithPath: ledger.path).lastPathComponent).key").path
        let officer = try BenchLedger.newKeyFile(parledger: parledger, at: keyFile, name: "Cán bộ thử tải")
        let (unit, leaves, snapshotBytes, sectionBytes) = try await prepare(ledger, officer: officer)

        // As a user acts: a process per act, the first on files that left the page cache.
        var cliActs: [Double] = []
        for index in 0...acts {
            if index == 0 { PageCache.evict(PageCache.ledgerFiles(ledger.path)) }
            let (leaf, points) = leaves[index % leaves.count]
            let act = try ChildProcess.run(
                parledger,
                [
                    "score", "--store", ledger.path, "--key", keyFile, "--unprotected", "--unit", unit.text, "--leaf",
                    leaf.text,
                    "--points", points.text, "--note", "Đo hiệu năng \(index)",
                ]
            )
            guard act.status == 0 else { throw BenchError.failed("parledger score on \(ledger.name): \(act.errors)") }
            cliActs.append(act.seconds)
        }

        // The same acts in this process, each on a newly opened ledger (as a new process opens it),
        // with the write lock's hold read from the store.
        let officerKey = ledger.key("officer/\(unit)")
        var appends: [Double] = []
        var holds: [Double] = []
        for index in 0..<acts {
            var opened = try OpenLedger.open(ledger.path, .writing(create: false))
            opened.actsLoadSections = true
            guard let store = opened.log as? SQLiteStore else { throw BenchError.failed("not a SQLite ledger") }
            let (leaf, points) = leaves[index % leaves.count]
            let event = AppraisalEvent.selfScoreRecorded(
                unit: unit,
                leaf: leaf,
                points: points,
                note: "Đo hiệu năng trong tiến trình \(index)"
            )
            let before = store.writeLock.current
            appends.append(
                try await Measures.timed { _ = try await opened.act(event.type, event.payload, by: officerKey) }
            )
            let after = store.writeLock.current
            guard after.transactions == before.transactions + 1 else {
                throw BenchError.failed("the append did not run one write transaction")
            }
            holds.append(Measures.seconds(after.held - before.held))
        }
        let size = try await OpenLedger.openLog(ledger.path, .reading).size()
        return Row(
            name: ledger.name,
            entries: size,
            snapshotBytes: snapshotBytes,
            sectionBytes: sectionBytes,
            coldAct: cliActs[0],
            acts: Array(cliActs.dropFirst()),
            appends: appends,
            holds: holds
        )
    }

    /// A new key registered as an officer of the ledger's first unit, which is reopened; a
    /// snapshot of the whole ledger and its sections kept on its read side. Returns the unit, the
    /// leaves it may score, the snapshot's size and the size of what a score act reads of the
    /// sections, in bytes.
    private func prepare(
        _ ledger: BenchLedger,
        officer: PublicSigningKey
    ) async throws -> (UnitCode, [(leaf: CriterionCode, points: Points)], Int, Int) {
        let opened = try OpenLedger.open(ledger.path, .writing(create: false))
        let before = try await opened.folds.fold(.everything)
        guard let unit = before.state.units.keys.sorted().first else {
            throw BenchError.failed("\(ledger.name) has no units")
        }
        let leaves = BenchLedger.scorableLeaves(of: unit, in: before.state)
        guard !leaves.isEmpty else { throw BenchError.failed("unit \(unit) has no leaf to self-score") }
        try await ledger.openForScoring(unit, officer: officer, hours: 3, on: opened)
        let fold = try await opened.folds.fold(.everything)
        await fold.saveSnapshot(to: opened.derived)
        let snapshot = try await opened.derived.latestSnapshot(atMost: nil, recordedAtMost: nil)
        guard let snapshot, snapshot.size == fold.size else {
            throw BenchError.failed("no snapshot of \(ledger.name) could be kept beside it")
        }
        let unitKey = ledger.key("officer/\(unit)").keyID
        guard let head = try await opened.derived.actHead(), head.size == fold.size,
            let read = try await opened.derived.actSections(
                ["unit/\(unit.text)", "key/\(unitKey.hex)"],
                size: head.size
            )
        else { throw BenchError.failed("no act sections of \(ledger.name) could be kept beside it") }
        return (unit, leaves, snapshot.bytes.count, head.bytes.count + read.values.map(\.count).reduce(0, +))
    }

    /// The figures of every ledger, and each one's ratios to the demo's (the first row).
    static func table(_ rows: [Row]) -> String {
        var lines = [
            "| ledger | entries | fold snapshot | sections an act reads | first act (cold files) | act p50 / p90 | in-process act p50 | write lock held p50 / max | × demo (act p50 / lock p50) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        let base = rows.first
        for row in rows {
            let act = Measures.median(row.acts)
            let hold = Measures.median(row.holds)
            let versus =
                base.map {
                    "\(Measures.ratio(act / Measures.median($0.acts))) / \(Measures.ratio(hold / Measures.median($0.holds)))"
                } ?? "—"
            lines.append(
                "| \(row.name) | \(row.entries) | \(String(format: "%.1f MB", Double(row.snapshotBytes) / 1e6)) "
                    + "| \(String(format: "%.0f kB", Double(row.sectionBytes) / 1e3)) "
                    + "| \(Measures.milliseconds(row.coldAct)) "
                    + "| \(Measures.milliseconds(act)) / \(Measures.milliseconds(Measures.percentile(row.acts, 0.9))) "
                    + "| \(Measures.milliseconds(Measures.median(row.appends))) "
                    + "| \(Measures.milliseconds(hold)) / \(Measures.milliseconds(row.holds.max() ?? .nan)) | \(versus) |"
            )
        }
        lines.append("")
        lines.append(
            "Target: at ~1M entries an act costs at most 2 × what it costs on the demo's ledger (act p50 and lock p50 ratios ≤ 2.00)."
        )
        return lines.joined(separator: "\n")
    }
}
