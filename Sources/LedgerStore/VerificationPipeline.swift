public import LedgerCore
import Synchronization

/// Runs a verifier's ordered checks in the background, one prepared chunk after another, while
/// the caller prepares the next chunk on every core.
public final class VerificationPipeline: Sendable {
    private let verifier: Mutex<LedgerVerifier>
    private let signers = Mutex<[KeyID: PublicSigningKey]>([:])
    private let progress = Mutex<(count: Int, failed: Bool)>((0, false))
    /// The ordered checks of the last submitted chunk. Waiting for it before starting the next
    /// keeps the chunks in order and at most one chunk in flight, so memory stays flat.
    private let running = Mutex<BackgroundJob<Void>?>(nil)

    public init(checkpointSize: Int?) {
        verifier = Mutex(LedgerVerifier(checkpointSize: checkpointSize))
    }

    /// The keys registered in the chunks submitted so far, whether or not their ordered checks
    /// have run: what the next chunk's signatures are checked against.
    public var knownSigners: [KeyID: PublicSigningKey] { signers.withLock { $0 } }

    /// Entries checked so far.
    public var verifiedCount: Int { progress.withLock { $0.count } }

    /// Whether a failure has been found; submitting more is then pointless.
    public var hasFailed: Bool { progress.withLock { $0.failed } }

    /// Starts the ordered checks of a prepared chunk once those of the previous chunk are done.
    public func submit(_ prepared: LedgerVerifier.PreparedChunk) {
        signers.withLock { $0 = prepared.signers }
        running.withLock { $0 }?.wait()
        let job = BackgroundJob { [self] in
            let (state, failed) = verifier.withLock { verifier in
                verifier.consume(prepared)
                return (verifier.state, verifier.hasFailed)
            }
            progress.withLock { $0 = (state.size, failed) }
        }
        running.withLock { $0 = job }
    }

    /// Waits for every submitted chunk and returns the verifier.
    public func finish() -> LedgerVerifier {
        running.withLock { $0 }?.wait()
        return verifier.withLock { $0 }
    }
}
