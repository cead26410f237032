import LedgerStore
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// A deadline that work may push back while it makes progress (a long scan), and that ends the
/// work when it passes.
package final class Watchdog: Sendable {
    /// How long the work may go without progress.
    package let limit: Duration
    private let deadline: Mutex<ContinuousClock.Instant>

    init(_ limit: Duration) {
        self.limit = limit
        deadline = Mutex(.now + limit)
    }

    /// The work made progress: the deadline is `limit` from now.
    package func extend() { deadline.withLock { $0 = .now + limit } }

    /// Returns once the deadline has passed without being extended; throws when cancelled.
    func expiry() async throws {
        while true {
            let current = deadline.withLock { $0 }
            try await Task.sleep(until: current, clock: .continuous)
            if deadline.withLock({ $0 }) <= .now { return }
        }
    }
}

/// A database call that went past its deadline.
struct DeadlineExceeded: Error {
    let limit: Duration
}

/// Lets a non-Sendable value cross into a child task that its parent awaits before going on.
private struct Handed<Value>: @unchecked Sendable {
    let value: Value
}

extension PostgresStore {
    /// Runs `work` on a pooled connection, within `deadline` of no progress: when it passes, the
    /// work's task is cancelled, which gives up a wait for a connection and closes a connection
    /// whose query hangs (a server that crashed or a network that dropped it without a word), so
    /// the call ends with a retryable error instead of holding the caller, and this process's turn
    /// to append, for ever. Failures come back as store errors (`failure(_:)`).
    @discardableResult
    func call<T: Sendable>(
        deadline: Duration? = nil,
        _ work: (PostgresConnection, Watchdog) async throws -> T
    ) async throws(StoreError) -> T {
        let pools = pools
        let lease = Lease()
        do {
            return try await Self.within(deadline ?? callDeadline) { watchdog in
                try await pools.with { client in
                    try await client.withConnection { connection in
                        lease.take()
                        return try await withTaskCancellationHandler {
                            try await work(connection, watchdog)
                        } onCancel: {
                            let _: EventLoopFuture<Void> = connection.close()
                        }
                    }
                }
            }
        } catch {
            throw lost(error, lease: lease)
        }
    }

    /// `call` for work that needs no watchdog of its own.
    @discardableResult
    func call<T: Sendable>(_ work: (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        try await call { connection, _ in try await work(connection) }
    }

    /// Runs `work` until it returns or its watchdog's deadline passes; then cancels it, waits for
    /// it to stop, and throws `DeadlineExceeded`.
    static func within<T: Sendable>(_ limit: Duration, _ work: (Watchdog) async throws -> T) async throws -> T {
        try await withoutActuallyEscaping(work) { work in
            let handed = Handed(value: work)
            return try await withThrowingTaskGroup(of: T?.self) { group in
                let watchdog = Watchdog(limit)
                group.addTask { try await handed.value(watchdog) }
                group.addTask {
                    try await watchdog.expiry()
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let result = first else {
                    throw DeadlineExceeded(limit: limit)
                }
                return result
            }
        }
    }

    /// `call` for an append, which holds this process's turn to append: when the deadline passes
    /// the work is cancelled (its connection closed) and the call fails at once, without waiting
    /// for the work to stop. A query on a connection the server dropped without a word may never
    /// end, even cancelled; then only its own task waits, never the caller or the next append.
    func callRacing<T: Sendable>(
        _ work: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        let pools = pools
        let lease = Lease()
        do {
            return try await Self.racing(callDeadline) {
                try await pools.with { client in
                    try await client.withConnection { connection in
                        lease.take()
                        return try await withTaskCancellationHandler {
                            try await work(connection)
                        } onCancel: {
                            let _: EventLoopFuture<Void> = connection.close()
                        }
                    }
                }
            }
        } catch {
            throw lost(error, lease: lease)
        }
    }

    /// Runs `work` in a task of its own and returns its result, or throws `DeadlineExceeded` once
    /// `limit` has passed (cancelling the work and leaving it behind).
    static func racing<T: Sendable>(
        _ limit: Duration,
        _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let race = Race<T>()
        let worker = Task<Void, Never> {
            do { race.finish(.success(try await work())) } catch { race.finish(.failure(error)) }
        }
        let timer = Task<Void, Never> {
            do { try await Task.sleep(for: limit) } catch { return }
            race.finish(.failure(DeadlineExceeded(limit: limit)))
            worker.cancel()
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in race.wait(continuation) }
        } onCancel: {
            worker.cancel()
            race.finish(.failure(CancellationError()))
        }
    }

    // MARK: Failures

    /// A failed call's error as a store error (`failure(_:)`); when the call lost the server, the
    /// calls after it get a new pool of connections (`ConnectionPools`).
    private func lost(_ error: any Error, lease: Lease) -> StoreError {
        if ConnectionPools.lostTheServer(error, leased: lease.wasTaken) { pools.renew() }
        return failure(error)
    }

    /// A database failure as a store error: a passing condition (`unavailable`, `full`) named in
    /// our words with the server's own reason where it gave one, anything else as `io`. No
    /// library's own description reaches a user.
    func failure(_ error: any Error) -> StoreError {
        Self.classify(error, at: location, deadline: callDeadline)
    }

    static func classify(_ error: any Error, at location: PostgresLocation, deadline: Duration) -> StoreError {
        if let error = error as? StoreError { return error }
        let server = "PostgreSQL at \(location.host):\(location.port)"
        if let exceeded = error as? DeadlineExceeded {
            return StoreError(
                .unavailable,
                "\(server) did not answer within \(exceeded.limit.components.seconds) s; nothing was written, try again"
            )
        }
        if error is CancellationError {
            return StoreError(.unavailable, "the call to \(server) was cancelled; nothing was written, try again")
        }
        guard let error = error as? PSQLError else {
            // NIO's own errors: a refused or reset connection, an unreachable host.
            return StoreError(.unavailable, "cannot reach \(server); nothing was written, try again")
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let said = (error.serverInfo?[.message]).map { ": \($0)" } ?? ""
            switch SQLStateClass(state) {
            case .full:
                return StoreError(
                    .full,
                    "\(server) has no space left (SQLSTATE \(state))\(said); nothing was written, try again once space is freed"
                )
            case .passing:
                return StoreError(
                    .unavailable,
                    "\(server) cannot take the request now (SQLSTATE \(state))\(said); nothing was written, try again"
                )
            case .lasting:
                return StoreError(.io, "\(location)\(said) (SQLSTATE \(state))")
            }
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return StoreError(
                .unavailable,
                "the connection to \(server) was refused or lost; nothing was written, try again"
            )
        default:
            return StoreError(.io, "\(location): an answer this build did not expect (\(error.code))")
        }
    }

    /// What an SQLSTATE says about trying again (PostgreSQL's appendix A, "Error Codes").
    enum SQLStateClass {
        /// Disk full (53100).
        case full
        /// Over when the server is back, less busy or a lock is free: connection exceptions (08),
        /// insufficient resources (53), operator intervention (57: shutdown, crash, cancel,
        /// statement timeout), lock not available (55P03), serialization failures and deadlocks
        /// (40), a read-only transaction (25006), system errors (58: the server's I/O).
        case passing
        /// Anything else: the request or the schema is wrong, repeating will not help.
        case lasting

        init(_ state: String) {
            if state == "53100" {
                self = .full
            } else if ["08", "53", "57", "40", "58"].contains(where: state.hasPrefix) || state == "55P03"
                || state == "25006"
            {
                self = .passing
            } else {
                self = .lasting
            }
        }
    }
}

/// The first outcome of a race, handed to the one continuation waiting for it, whichever of the
/// outcome and the waiter comes first.
private final class Race<T: Sendable>: Sendable {
    private enum State {
        case open
        case waiting(CheckedContinuation<T, any Error>)
        case decided(Result<T, any Error>)
        case delivered
    }

    private let state = Mutex<State>(.open)

    func finish(_ outcome: Result<T, any Error>) {
        let waiter: CheckedContinuation<T, any Error>? = state.withLock { state in
            switch state {
            case .open:
                state = .decided(outcome)
                return nil
            case .waiting(let continuation):
                state = .delivered
                return continuation
            case .decided, .delivered:
                return nil
            }
        }
        waiter?.resume(with: outcome)
    }

    func wait(_ continuation: CheckedContinuation<T, any Error>) {
        let decided: Result<T, any Error>? = state.withLock { state in
            guard case .decided(let outcome) = state else {
                state = .waiting(continuation)
                return nil
            }
            state = .delivered
            return outcome
        }
        if let decided { continuation.resume(with: decided) }
    }
}

extension PostgresConnection {
    /// Runs a query for its effect and reads its answer to the end. A query that returns rows
    /// hands them back as soon as their description arrives, and an error the server raises later
    /// (a lock wait that timed out) is delivered only to whoever reads them: left unread, it is
    /// lost, and the transaction's next statement fails as "current transaction is aborted".
    func execute(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}
