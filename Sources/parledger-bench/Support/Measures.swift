import Foundation

/// How the benchmarks time work and print what they measured.
enum Measures {
    /// The seconds `work` took.
    static func timed(_ work: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await work()
        return seconds(since: start)
    }

    /// Seconds since `start` (`DispatchTime.now().uptimeNanoseconds`).
    static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// A rate as the tables print it: 840, 21.2k.
    static func rate(_ value: Double) -> String {
        value >= 10_000 ? String(format: "%.1fk", value / 1000) : String(format: "%.0f", value)
    }

    static func ratio(_ value: Double) -> String { String(format: "%.2f", value) }

    /// Seconds as milliseconds, with the digits that mean something at that size.
    static func milliseconds(_ seconds: Double) -> String {
        if seconds.isNaN { return "n/a" }
        return String(format: seconds < 0.01 ? "%.2f ms" : seconds < 0.1 ? "%.1f ms" : "%.0f ms", seconds * 1000)
    }

    /// The value at `fraction` of the sorted measured values, by nearest rank (0.99: the smallest
    /// value at least 99% of them do not exceed); NaN when nothing was measured.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let measured = values.filter { !$0.isNaN }.sorted()
        guard !measured.isEmpty else { return .nan }
        let rank = Int((Double(measured.count) * fraction).rounded(.up))
        return measured[min(measured.count, max(1, rank)) - 1]
    }

    /// The middle value (of an even count, the upper of the two middle ones); NaN for none.
    static func median(_ values: [Double]) -> Double {
        let measured = values.filter { !$0.isNaN }.sorted()
        return measured.isEmpty ? .nan : measured[measured.count / 2]
    }

    /// This process's peak resident memory.
    static func peakResidentMiB() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
