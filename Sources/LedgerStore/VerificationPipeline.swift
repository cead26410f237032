import Dispatch
public import LedgerCore
import Synchronization

/// Runs a verifier's ordered checks on a serial queue, one prepared chunk after another, while
/// the caller prepares the next chunk on every core.
public final class VerificationPipeline: Sendable {
    private let verifier: Mutex<LedgerVerifier>
    private let keys = Mutex<[KeyID: KeyRecord]>([:])
    private let progress = Mutex<(count: Int, failed: Bool)>((0, false))
    private let queue = DispatchQueue(label: "parledger.verify.ordered-checks")
    /// At most two chunks wait for the ordered checks, so memory stays flat however long the ledger.
    private let slots = DispatchSemaphore(value: 2)

    public init(checkpointSize: Int?) {
        verifier = Mutex(LedgerVerifier(checkpointSize: checkpointSize))
    }

    /// The keys registered by the chunks checked so far (possibly fewer than submitted): signatures
    /// by keys not yet known are checked in order instead.
    public var knownKeys: [KeyID: KeyRecord] { keys.withLock { $0 } }

    /// Entries checked so far.
    public var verifiedCount: Int { progress.withLock { $0.count } }

    /// Whether a failure has been found; submitting more is then pointless.
    public var hasFailed: Bool { progress.withLock { $0.failed } }

    /// Queues a prepared chunk for the ordered checks.
    public func submit(_ prepared: LedgerVerifier.PreparedChunk) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            let (state, failed) = verifier.withLock { verifier in
                verifier.consume(prepared)
                return (verifier.state, verifier.hasFailed)
            }
            keys.withLock { $0 = state.keys }
            progress.withLock { $0 = (state.size, failed) }
        }
    }

    /// Waits for every queued chunk and returns the verifier.
    public func finish() -> LedgerVerifier {
        queue.sync {}
        return verifier.withLock { $0 }
    }
}
