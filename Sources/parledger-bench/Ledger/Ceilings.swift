import Appraisal
import Foundation
import LedgerCore
import LedgerStore
import SQLiteStore

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
        let signPerCore = Double(messages.count) / Measures.seconds(since: start)
        start = DispatchTime.now().uptimeNanoseconds
        _ = messages.parallelMap { key.sign($0) }
        let signAllCores = Double(messages.count) / Measures.seconds(since: start)
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
            return Double(checks.count) / Measures.seconds(since: start)
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
                return Double(checks.count) / Measures.seconds(since: start)
            }.max() ?? 0
        return (Self.verifyRate(checks, rounds: 3) * Double(System.coreCount), allCores)
    }
}
