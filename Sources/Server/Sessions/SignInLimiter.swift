import HTTPTypes
import LedgerCore

/// Sign-in attempts (challenges asked for and signatures presented) counted per client address in
/// windows of a minute: past the limit an address is answered 429 with the seconds to wait, so
/// nobody can flood sign-in for themselves or anyone else. Memory is bounded: windows that ended
/// are forgotten, and past `maximumAddresses` the oldest go first.
actor SignInLimiter {
    private struct Window {
        let start: Timestamp
        var attempts: Int
    }

    private var windows: [String: Window] = [:]
    private let attemptsPerMinute: Int
    private static let window: Int64 = 60_000
    private static let maximumAddresses = 10_000

    init(attemptsPerMinute: Int) { self.attemptsPerMinute = attemptsPerMinute }

    /// Counts an attempt from `address`; throws 429 past the limit.
    func attempt(from address: String, now: Timestamp) throws(APIError) {
        if windows.count >= Self.maximumAddresses { forgetEnded(now: now) }
        if windows.count >= Self.maximumAddresses, let oldest = windows.min(by: { $0.value.start < $1.value.start }) {
            windows[oldest.key] = nil
        }
        var window = windows[address] ?? Window(start: now, attempts: 0)
        let ends = window.start.adding(milliseconds: Self.window)
        if ends <= now { window = Window(start: now, attempts: 0) }
        window.attempts += 1
        windows[address] = window
        guard window.attempts <= attemptsPerMinute else {
            let wait = max(1, (ends.millisecondsSinceEpoch - now.millisecondsSinceEpoch + 999) / 1000)
            throw APIError(
                .tooManyRequests,
                "too-many-attempts",
                detail: "try again in \(wait) s",
                retryAfter: Int(wait)
            )
        }
    }

    private func forgetEnded(now: Timestamp) {
        windows = windows.filter { $0.value.start.adding(milliseconds: Self.window) > now }
    }
}
