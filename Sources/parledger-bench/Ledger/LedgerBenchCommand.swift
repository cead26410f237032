import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import SQLiteStore

/// The ledger benchmark (tools/PERFORMANCE.md §2). Every figure is reported beside a ceiling measured in the
/// same run on the same machine, so the ratios mean the same on a laptop and on CI.
struct LedgerBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Measure append, verify and proof speed against ceilings measured in the same run.",
        discussion: "Run it in release mode: swift build -c release && swift run -c release parledger-bench ledger"
    )

    @Option(help: "Ledger sizes, comma-separated.") var sizes = "10000,100000,1000000"
    @Option(help: "Statements per appended batch.") var batch = 1000
    @Option(help: "Where to build the ledgers; default: a fresh temporary folder, removed afterwards.") var dir: String?

    func run() async throws {
        let ledgerSizes = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !ledgerSizes.isEmpty, ledgerSizes.allSatisfy({ $0 >= 10 }), batch > 0 else {
            throw BenchError.usage("--sizes takes comma-separated sizes of at least 10, --batch a positive number")
        }
        let folder = URL(
            fileURLWithPath: dir
                ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                    "parledger-bench-\(UUID().uuidString.prefix(8))"
                ).path
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if dir == nil { try? FileManager.default.removeItem(at: folder) } }

        let parledger = try ChildProcess.sibling("parledger")
        let workload = BenchWorkload()
        let ceilings = try Ceilings.measure(workload: workload, folder: folder, batch: batch)
        print("# parledger-bench ledger — \(System.coreCount) cores")
        print("")
        print("Ceilings measured in this run:")
        print(
            "- Ed25519 sign: \(Measures.rate(ceilings.signPerCore))/s per core, \(Measures.rate(ceilings.signAllCores))/s on all cores"
        )
        print(
            "- Ed25519 verify: \(Measures.rate(ceilings.verifyPerCore))/s per core × \(System.coreCount) cores = \(Measures.rate(ceilings.verifyCeiling))/s (the verify ceiling)"
        )
        print(
            "- SQLite raw insert of the same entry bytes, \(batch) per transaction: \(Measures.rate(ceilings.sqliteInsert))/s"
        )
        print("")
        print(
            "Each row's ratios are against the verify ceiling measured again right before and after that"
                + " measurement (the better of the two), since this machine's speed drifts during a long run."
                + " Verify is `parledger verify` run \(Self.verifyRunCount) times as a child process (its peak memory"
                + " measured by GNU time), and the same verifier run \(Self.verifyRunCount) times in this process from"
                + " opening the store to the report; the median of each timing is reported."
        )
        print("")
        print(
            "| entries | append/s | × verify ceiling | × raw insert | verify/s | × verify ceiling | verify/s in-process (×) | local ceiling (append / verify) | all cores reached | verify peak RSS | inclusion proof p50 / p99 |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in ledgerSizes {
            let result = try await measure(
                size: size,
                workload: workload,
                folder: folder,
                parledger: parledger,
                ceiling: ceilings.localVerifyCeiling
            )
            print(
                "| \(size) | \(Measures.rate(result.appendRate)) | \(Measures.ratio(result.appendRate / result.appendCeiling)) "
                    + "| \(Measures.ratio(result.appendRate / ceilings.sqliteInsert)) | \(Measures.rate(result.verifyRate)) "
                    + "| \(Measures.ratio(result.verifyRate / result.verifyCeiling)) "
                    + "| \(Measures.rate(result.streamingVerifyRate)) (\(Measures.ratio(result.streamingVerifyRate / result.verifyCeiling))) "
                    + "| \(Measures.rate(result.appendCeiling)) / \(Measures.rate(result.verifyCeiling)) | \(Measures.rate(result.allCores)) "
                    + "| \(String(format: "%.0f MiB", result.verifyPeakMiB)) "
                    + "| \(String(format: "%.3f / %.3f ms", result.proofP50 * 1000, result.proofP99 * 1000)) |"
            )
        }
        print("")
        print(
            "Targets: append ≥ 0.6 × and verify ≥ 0.8 × the verify ceiling; verifying 1M entries < 200 MB RSS; an inclusion proof at 1M entries < 1 ms."
        )
        print("Bench process peak RSS: \(String(format: "%.0f MiB", Measures.peakResidentMiB()))")
    }

    struct SizeResult {
        let appendRate: Double
        /// The verify ceilings (all cores) around the append and around the verify.
        let appendCeiling: Double
        let verifyCeiling: Double
        /// The best verify rate all cores reached together around the measurements.
        let allCores: Double
        let verifyRate: Double
        /// Verify's rate in this process, from opening the store to the report: without the
        /// process's start-up.
        let streamingVerifyRate: Double
        let verifyPeakMiB: Double
        let proofP50: Double
        let proofP99: Double
    }

    private func measure(
        size: Int,
        workload: BenchWorkload,
        folder: URL,
        parledger: String,
        ceiling: () -> (ceiling: Double, allCores: Double)
    ) async throws -> SizeResult {
        let beforeAppend = ceiling()
        let path = folder.appendingPathComponent("ledger-\(size).sqlite").path
        let store: any EventStore = try SQLiteStore(path: path, create: true)
        var appendSeconds = 0.0
        let setup = workload.setup()
        appendSeconds += try await Measures.timed { _ = try await store.append(setup, recordedAt: workload.time) }
        var written = setup.count
        while written < size {
            let count = min(batch, size - written)
            let statements = workload.statements(from: written, count: count)
            appendSeconds += try await Measures.timed {
                _ = try await store.append(statements, recordedAt: workload.time)
            }
            written += count
        }
        let appendRate = Double(written) / appendSeconds
        let beforeVerify = ceiling()

        let verify = try await Self.verifyRuns(path: path, parledger: parledger)
        let afterVerify = ceiling()

        var latencies: [Double] = []
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let index = Int.random(in: 0..<written, using: &generator)
            latencies.append(
                try await Measures.timed { _ = try await store.inclusionProof(index: index, size: written) }
            )
        }
        latencies.sort()
        return SizeResult(
            appendRate: appendRate,
            appendCeiling: max(beforeAppend.ceiling, beforeVerify.ceiling),
            verifyCeiling: max(beforeVerify.ceiling, afterVerify.ceiling),
            allCores: max(beforeAppend.allCores, beforeVerify.allCores, afterVerify.allCores),
            verifyRate: Double(written) / verify.seconds,
            streamingVerifyRate: Double(written) / verify.streamingSeconds,
            verifyPeakMiB: verify.peakKiB / 1024,
            proofP50: latencies[latencies.count / 2],
            proofP99: latencies[latencies.count * 99 / 100]
        )
    }

    /// Runs of `parledger verify` on each ledger: the median of each timing is reported, so that
    /// one run slowed by this machine's drift (a 10k verify takes under half a second) neither
    /// sinks nor flatters the row; peak memory is the highest of the runs.
    static let verifyRunCount = 3

    /// `parledger verify` run as a user runs it, `verifyRunCount` times (the median whole-process
    /// time and the highest peak memory), then the same verifier in this process as many times
    /// (the median time from opening the store to the report).
    static func verifyRuns(
        path: String,
        parledger: String
    ) async throws -> (seconds: Double, streamingSeconds: Double, peakKiB: Double) {
        var seconds: [Double] = []
        var peaks: [Double] = []
        for _ in 0..<verifyRunCount {
            let verify = try ChildProcess.run(parledger, ["verify", "--store", path], measuringMemory: true)
            guard verify.status == 0 else {
                throw BenchError.failed("the benchmark ledger failed verification: \(verify.output)\(verify.errors)")
            }
            seconds.append(verify.seconds)
            peaks.append(verify.peakKiB ?? .nan)
        }
        var streaming: [Double] = []
        for _ in 0..<verifyRunCount {
            var valid = false
            streaming.append(
                try await Measures.timed {
                    let store = try SQLiteStore(readingOnly: path)
                    valid = try await store.verify().isValid
                }
            )
            guard valid else { throw BenchError.failed("the benchmark ledger failed verification in-process") }
        }
        return (Measures.median(seconds), Measures.median(streaming), peaks.filter { !$0.isNaN }.max() ?? .nan)
    }
}
