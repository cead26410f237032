/// Turns at something only so many may do at once: the others wait in the order they came. An
/// actor alone does not serve: its methods interleave at every suspension.
actor Turns {
    private let atOnce: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(atOnce: Int) { self.atOnce = max(1, atOnce) }

    /// `work` in a turn.
    nonisolated func run<T, Failure: Error>(_ work: () async throws(Failure) -> T) async throws(Failure) -> T {
        await enter()
        let outcome: Result<T, Failure>
        do throws(Failure) {
            outcome = .success(try await work())
        } catch {
            outcome = .failure(error)
        }
        await leave()
        return try outcome.get()
    }

    /// Waits for a turn.
    private func enter() async {
        if running < atOnce {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Ends a turn: the next in line takes it.
    private func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
