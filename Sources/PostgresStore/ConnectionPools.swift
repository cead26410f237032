import LedgerStore
import PostgresNIO
import Synchronization

/// The store's pool of connections, renewed when a call lost the server. postgres-nio's pool
/// backs off its attempts to reconnect (up to a minute apart) and, once it has had no connection
/// for a while, refuses every request until one of those attempts succeeds: after a database
/// restart that took a minute, a long-running server could not write for up to another minute,
/// while a new process wrote at once. A new pool connects at once. The pool a call started on
/// serves it to the end; a pool that was replaced shuts down once its last call is done.
final class ConnectionPools: Sendable {
    /// One pool and the task that runs it.
    final class Generation: Sendable {
        let client: PostgresClient
        let started = ContinuousClock.now
        private let runner: Task<Void, Never>
        private let state = Mutex((calls: 0, replaced: false))

        init(_ configuration: PostgresClient.Configuration) {
            let client = PostgresClient(configuration: configuration)
            self.client = client
            runner = Task { await client.run() }
        }

        func enter() { state.withLock { $0.calls += 1 } }

        func leave() {
            let done = state.withLock { state in
                state.calls -= 1
                return state.replaced && state.calls == 0
            }
            if done { runner.cancel() }
        }

        /// Shuts the pool down once its last call is done, or after `grace` at the latest: a call
        /// left behind at its deadline (`callRacing`) may never end.
        func replace(grace: Duration) {
            let done = state.withLock { state in
                state.replaced = true
                return state.calls == 0
            }
            if done {
                runner.cancel()
            } else {
                let runner = runner
                Task {
                    try? await Task.sleep(for: grace)
                    runner.cancel()
                }
            }
        }

        func shutDown() { runner.cancel() }
    }

    private let configuration: PostgresClient.Configuration
    private let current: Mutex<Generation>
    /// How young a pool is kept even when a call lost the server: many calls failing at once
    /// during an outage renew it once, not once each.
    private let minimumAge: Duration
    /// How long a replaced pool may serve calls still running on it.
    private let grace: Duration

    init(_ configuration: PostgresClient.Configuration, grace: Duration, minimumAge: Duration = .seconds(1)) {
        self.configuration = configuration
        self.grace = grace
        self.minimumAge = minimumAge
        current = Mutex(Generation(configuration))
    }

    deinit { current.withLock { $0 }.shutDown() }

    /// `work` with the current pool's client, which stays up until `work` returns.
    func with<T>(_ work: (PostgresClient) async throws -> T) async throws -> T {
        // Entered under the lock that `renew` swaps pools under: a pool replaced at this moment
        // cannot be shut down before this call is counted in it.
        let generation = current.withLock { generation in
            generation.enter()
            return generation
        }
        defer { generation.leave() }
        return try await work(generation.client)
    }

    /// A call lost the server: the calls that follow get a new pool, which connects at once.
    func renew() {
        let replaced: Generation? = current.withLock { generation in
            guard generation.started.duration(to: .now) >= minimumAge else { return nil }
            let old = generation
            generation = Generation(configuration)
            return old
        }
        replaced?.replace(grace: grace)
    }

    /// Whether a call's failure says the connection to the server was lost or never made, not
    /// that the server refused the request or that the work failed: a connection that broke, a
    /// server that said it is shutting down or starting (57P01–57P03) or lost the connection (08),
    /// and, when no connection was ever leased, a deadline or the pool's own refusal while it
    /// backs off. A call's own cancellation closes its connection, which is not a lost server.
    static func lostTheServer(_ error: any Error, leased: Bool) -> Bool {
        switch error {
        case is DeadlineExceeded: return !leased
        case is CancellationError, is StoreError: return false
        case let error as PSQLError:
            switch error.code {
            case .connectionError, .serverClosedConnection, .uncleanShutdown: return true
            case .server:
                let state = error.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
            default: return false
            }
        default: return !leased
        }
    }
}

/// Whether a call got a connection from the pool: its failure then says nothing about the pool.
final class Lease: Sendable {
    private let taken = Mutex(false)

    func take() { taken.withLock { $0 = true } }

    var wasTaken: Bool { taken.withLock { $0 } }
}
