import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import SQLiteStore

/// The ledger benchmark (tools/PERFORMANCE.md §2). Every figure is reported beside a ceiling measured in the
/// same run on the same machine, so the ratios mean the same on a laptop and on CI.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure append, verify and proof speed against ceilings measured in the same run.",
        discussion: "Run it in release mode: swift run -c release parledger bench"
    )

    @Option(help: "Ledger sizes, comma-separated.") var sizes = "10000,100000,1000000"
    @Option(help: "Statements per appended batch.") var batch = 1000
    @Option(help: "Where to build the ledgers; default: a fresh temporary folder, removed afterwards.") var dir: String?

    func run() async throws {
        let ledgerSizes = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !ledgerSizes.isEmpty, ledgerSizes.allSatisfy({ $0 >= 10 }), batch > 0 else {
            throw CLIError.usage("--sizes takes comma-separated sizes of at least 10, --batch a positive number")
        }
        let folder = URL(
            fileURLWithPath: dir
                ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                    "parledger-bench-\(UUID().uuidString.prefix(8))"
                ).path
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if dir == nil { try? FileManager.default.removeItem(at: folder) } }

        let workload = BenchWorkload()
        let ceilings = try Ceilings.measure(workload: workload, folder: folder, batch: batch)
        print("# parledger bench — \(System.coreCount) cores")
        print("")
        print("Ceilings measured in this run:")
        print("- Ed25519 sign: \(rate(ceilings.signPerCore))/s per core, \(rate(ceilings.signAllCores))/s on all cores")
        print(
            "- Ed25519 verify: \(rate(ceilings.verifyPerCore))/s per core × \(System.coreCount) cores = \(rate(ceilings.verifyCeiling))/s (the verify ceiling)"
        )
        print("- SQLite raw insert of the same entry bytes, \(batch) per transaction: \(rate(ceilings.sqliteInsert))/s")
        print("")
        print(
            "Each row's ratios are against the verify ceiling measured again right before and after that"
                + " measurement (the better of the two), since this machine's speed drifts during a long run."
                + " Verify is `parledger verify` run \(Self.verifyRunCount) times as a child process; the median of each timing is reported."
        )
        print("")
        print(
            "| entries | append/s | × verify ceiling | × raw insert | verify/s | × verify ceiling | verify/s without start-up (×) | local ceiling (append / verify) | all cores reached | verify peak RSS | inclusion proof p50 / p99 |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in ledgerSizes {
            let result = try await measure(
                size: size,
                workload: workload,
                folder: folder,
                ceiling: ceilings.localVerifyCeiling
            )
            print(
                "| \(size) | \(rate(result.appendRate)) | \(ratio(result.appendRate / result.appendCeiling)) "
                    + "| \(ratio(result.appendRate / ceilings.sqliteInsert)) | \(rate(result.verifyRate)) "
                    + "| \(ratio(result.verifyRate / result.verifyCeiling)) "
                    + "| \(rate(result.streamingVerifyRate)) (\(ratio(result.streamingVerifyRate / result.verifyCeiling))) "
                    + "| \(rate(result.appendCeiling)) / \(rate(result.verifyCeiling)) | \(rate(result.allCores)) "
                    + "| \(String(format: "%.0f MiB", result.verifyPeakMiB)) "
                    + "| \(String(format: "%.3f / %.3f ms", result.proofP50 * 1000, result.proofP99 * 1000)) |"
            )
        }
        print("")
        print(
            "Targets: append ≥ 0.6 × and verify ≥ 0.8 × the verify ceiling; verifying 1M entries < 200 MB RSS; an inclusion proof at 1M entries < 1 ms."
        )
        print("Bench process peak RSS: \(String(format: "%.0f MiB", Self.peakResidentMiB()))")
    }

    struct SizeResult {
        let appendRate: Double
        /// The verify ceilings (all cores) around the append and around the verify.
        let appendCeiling: Double
        let verifyCeiling: Double
        /// The best verify rate all cores reached together around the measurements.
        let allCores: Double
        let verifyRate: Double
        /// Verify's rate from opening the store to the report, without the process's start-up.
        let streamingVerifyRate: Double
        let verifyPeakMiB: Double
        let proofP50: Double
        let proofP99: Double
    }

    private func measure(
        size: Int,
        workload: BenchWorkload,
        folder: URL,
        ceiling: () -> (ceiling: Double, allCores: Double)
    ) async throws -> SizeResult {
        let beforeAppend = ceiling()
        let path = folder.appendingPathComponent("ledger-\(size).sqlite").path
        let store: any EventStore = try SQLiteStore(path: path, create: true)
        var appendSeconds = 0.0
        let setup = workload.setup()
        appendSeconds += try await timed { _ = try await store.append(setup, recordedAt: workload.time) }
        var written = setup.count
        while written < size {
            let count = min(batch, size - written)
            let statements = workload.statements(from: written, count: count)
            appendSeconds += try await timed { _ = try await store.append(statements, recordedAt: workload.time) }
            written += count
        }
        let appendRate = Double(written) / appendSeconds
        let beforeVerify = ceiling()

        let verify = try Self.verifyRuns(path: path)
        let afterVerify = ceiling()

        var latencies: [Double] = []
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let index = Int.random(in: 0..<written, using: &generator)
            latencies.append(try await timed { _ = try await store.inclusionProof(index: index, size: written) })
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

    /// `parledger verify` run as a user runs it, `verifyRunCount` times: the median whole-process
    /// time, the median time the child reports from opening the store, and the highest peak RSS.
    static func verifyRuns(path: String) throws -> (seconds: Double, streamingSeconds: Double, peakKiB: Double) {
        setenv("PARLEDGER_BENCH_REPORT", "1", 1)
        var runs: [(seconds: Double, streamingSeconds: Double, peakKiB: Double)] = []
        for _ in 0..<verifyRunCount {
            let verify = try ChildProcess.run(executablePath(), ["verify", "--store", path])
            guard verify.status == 0 else {
                throw CLIError.refused("the benchmark ledger failed verification: \(verify.output)")
            }
            func reported(_ name: String) -> Double {
                verify.errors.split(separator: "\n").compactMap { line in
                    line.hasPrefix(name + ": ") ? Double(line.dropFirst(name.count + 2)) : nil
                }.first ?? .nan
            }
            runs.append((verify.seconds, reported("verify-seconds"), reported("peak-rss-kib")))
        }
        func median(_ values: [Double]) -> Double {
            let measured = values.filter { !$0.isNaN }.sorted()
            return measured.isEmpty ? .nan : measured[measured.count / 2]
        }
        return (
            median(runs.map(\.seconds)), median(runs.map(\.streamingSeconds)),
            runs.map(\.peakKiB).max() ?? .nan
        )
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    static func peakResidentMiB() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

func timed(_ work: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func rate(_ value: Double) -> String {
    value >= 10_000 ? String(format: "%.1fk", value / 1000) : String(format: "%.0f", value)
}

func ratio(_ value: Double) -> String { String(format: "%.2f", value) }

/// Realistic statements: unit officers of 120 units self-scoring leaves with an explanation in
/// Vietnamese, about the size of a real appraisal event.
struct BenchWorkload: Sendable {
    let ledger = LedgerID("bench.parledger/par/2026")!
    let time = Timestamp(text: "2026-10-15T08:00:00.000Z")!
    let authority = SigningKey(seed: Array(repeating: 1, count: 32), name: "UBND tỉnh")!
    let officers: [SigningKey] = (0..<120).compactMap { unit in
        SigningKey(seed: Array(repeating: UInt8(unit + 2), count: 32), name: "Cán bộ đơn vị \(unit)")
    }
    let type = AppraisalEvent.Kind.selfScoreRecorded.type

    /// A distinct, reproducible statement id per statement number.
    func statementID(_ n: Int) -> StatementID {
        StatementID(
            randomBytes: (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * $0)) } + Array(repeating: 0xA5, count: 8)
        )
    }

    func signed(_ event: some LedgerEvent, by key: SigningKey, n: Int) -> SignedStatement? {
        guard
            let statement = try? Statement(
                ledger: ledger,
                statementID: statementID(n),
                type: event.type,
                actor: key.keyID,
                claimedAt: time,
                payload: event.payload
            )
        else { return nil }
        return SignedStatement(statement: statement, signedBy: key)
    }

    /// The genesis and the officers' key registrations.
    func setup() -> [SignedStatement] {
        var statements = [
            signed(
                ControlEvent.genesis(
                    authority: .init(name: authority.name, publicKey: authority.publicKey, role: .authority),
                    policy: [type: [.unitOfficer]]
                ),
                by: authority,
                n: 0
            )
        ]
        for (index, officer) in officers.enumerated() {
            let registration = ControlEvent.KeyRegistration(
                name: officer.name,
                publicKey: officer.publicKey,
                role: .unitOfficer,
                unit: UnitCode("U\(index)")
            )
            statements.append(signed(ControlEvent.keyRegistered(registration), by: authority, n: index + 1))
        }
        return statements.compactMap { $0 }
    }

    /// `count` signed self-scores, the n-th by officer n % 120 (signed on every core).
    func statements(from first: Int, count: Int) -> [SignedStatement] {
        let workload = self
        return Array(first..<(first + count)).parallelMap { n in workload.selfScore(n) }.compactMap { $0 }
    }

    func selfScore(_ n: Int) -> SignedStatement? {
        let officer = officers[n % officers.count]
        guard let unit = UnitCode("U\(n % officers.count)"),
            let leaf = CriterionCode("\(n % 8 + 1).\(n % 5 + 1).\(n % 3 + 1)")
        else { return nil }
        return signed(
            AppraisalEvent.selfScoreRecorded(
                unit: unit,
                leaf: leaf,
                points: Points(thousandths: Int64(n % 3 * 1000 + n % 4 * 250)),
                note: "Đơn vị đã ban hành kế hoạch cải cách hành chính năm đúng thời hạn và đầy đủ nội dung."
            ),
            by: officer,
            n: 1_000_000 + n
        )
    }
}

/// The ceilings of tools/PERFORMANCE.md §1, measured on this machine in this run.
struct Ceilings {
    /// Statements and the keys that verify them: the ceiling's workload.
    let checks: [(SignedStatement, PublicSigningKey)]
    let signPerCore: Double
    let signAllCores: Double
    let verifyPerCore: Double
    let verifyCeiling: Double
    let sqliteInsert: Double

    static func measure(workload: BenchWorkload, folder: URL, batch: Int) throws -> Ceilings {
        let samples = (0..<4000).compactMap { workload.selfScore($0) }
        let messages = samples.map { $0.statement.signingMessage }
        let key = workload.officers[0]
        var start = DispatchTime.now().uptimeNanoseconds
        for message in messages { _ = key.sign(message) }
        let signPerCore = Double(messages.count) / seconds(since: start)
        start = DispatchTime.now().uptimeNanoseconds
        _ = messages.parallelMap { key.sign($0) }
        let signAllCores = Double(messages.count) / seconds(since: start)
        let checks = samples.enumerated().map { n, signed in
            (signed, workload.officers[n % workload.officers.count].publicKey)
        }
        let verifyPerCore = verifyRate(checks, rounds: 5)
        let rows = (0..<100_000).compactMap { n in
            workload.selfScore(n % samples.count).map {
                Entry(seq: n, recordedAt: workload.time, prev: .zero, signed: $0).bytes
            }
        }
        let sqlite = try SQLiteBaseline.insertRate(
            path: folder.appendingPathComponent("baseline.sqlite").path,
            rows: rows,
            batchSize: batch
        )
        return Ceilings(
            checks: checks,
            signPerCore: signPerCore,
            signAllCores: signAllCores,
            verifyPerCore: verifyPerCore,
            verifyCeiling: verifyPerCore * Double(System.coreCount),
            sqliteInsert: sqlite
        )
    }

    /// One core's verify rate, the best of `rounds` rounds: a round slowed by a noisy neighbour
    /// would lower the ceiling and flatter every ratio against it.
    static func verifyRate(_ checks: [(SignedStatement, PublicSigningKey)], rounds: Int) -> Double {
        (0..<rounds).map { _ in
            let start = DispatchTime.now().uptimeNanoseconds
            for (signed, publicKey) in checks { _ = signed.isSigned(by: publicKey) }
            return Double(checks.count) / seconds(since: start)
        }.max() ?? 0
    }

    /// The verify ceiling (one core's rate × cores) measured again now, over 3 rounds, and the
    /// rate all cores actually reach together now: on a shared machine a core can be taken away,
    /// which the first does not see.
    func localVerifyCeiling() -> (ceiling: Double, allCores: Double) {
        let checks = checks
        let allCores =
            (0..<3).map { _ in
                let start = DispatchTime.now().uptimeNanoseconds
                _ = checks.parallelMap { $0.0.isSigned(by: $0.1) }
                return Double(checks.count) / Self.seconds(since: start)
            }.max() ?? 0
        return (Self.verifyRate(checks, rounds: 3) * Double(System.coreCount), allCores)
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
