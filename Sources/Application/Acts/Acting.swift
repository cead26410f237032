import Appraisal
import Foundation
public import LedgerCore
public import LedgerStore
import Projections

extension OpenLedger {
    /// Appends signed statements. The store is first handed the head the batch is judged from,
    /// made outside any lock, so the write lock is held only to catch up the entries appended
    /// meanwhile, plan, insert and commit: an act costs the same on a small ledger and a large
    /// one. That head is the fold kept in memory when there is one (a server); else, where the
    /// ledger was opened with `actsLoadSections`, the read side's sections this batch reads
    /// (`ActSections`); else the whole fold, loaded from the read side's snapshot and caught up.
    public func append(_ batch: [SignedStatement], recordedAt now: Timestamp) async throws(StoreError) -> [Entry] {
        try await requireNoLostTail()
        var keepsSections = false
        if actsLoadSections, await !folds.holdsFold {
            switch try await ActSections.start(for: batch, log: log, derived: derived) {
            case .sections(let head):
                log.prime(with: head)
                return try await log.append(batch, recordedAt: now)
            case .stale: keepsSections = true
            case .wholeState: break
            }
        }
        let fold = try await folds.fold(.everything)
        // Kept for the next act, whether or not this fold replayed enough to keep a snapshot.
        if keepsSections, (try? await derived.actHead())??.size != fold.size {
            await ActSections.save(fold, to: derived)
        }
        log.prime(with: fold.storeHead)
        return try await log.append(batch, recordedAt: now)
    }

    /// Signs a statement of `type` with `payload` as `key`, stamped now, and appends it.
    ///
    /// With `pending`, the signed statement is kept on disk until its answer has reached the user,
    /// and an act repeated after a lost answer re-sends the kept statement (`resending` is told)
    /// instead of signing a new one: the store records it once, whether or not the first attempt
    /// landed. The caller forgets the kept statement (`PendingStatements.forget(answered:)`) once it
    /// has shown the answer: forgetting it before would leave a moment in which a killed process
    /// has recorded the act, told no one, and kept nothing to re-send.
    public func act(
        _ type: EventType,
        _ payload: [String: JSONValue],
        by key: SigningKey,
        at time: Timestamp? = nil,
        pending: PendingStatements? = nil,
        resending: (SignedStatement) -> Void = { _ in }
    ) async throws(ActError) -> Entry {
        let ledgerID: LedgerID?
        do { ledgerID = try await log.ledgerID() } catch { throw .store(error) }
        guard let ledgerID else { throw .noLedger }
        let fresh = try SystemSources.statement(ledger: ledgerID, type: type, payload: payload, by: key, at: time)
        guard let pending else { return try await appendOne(fresh) }

        let fingerprint = PendingStatements.fingerprint(of: fresh.statement)
        var signed = fresh
        do {
            if let kept = try pending.find(fingerprint) {
                signed = kept
                resending(kept)
            } else {
                try pending.keep(fresh)
            }
        } catch {
            throw .pending(error)
        }
        do {
            return try await appendOne(signed)
        } catch .store(let failure)
            where failure.violation?.reason == AppraisalRefusal.Reason.clockSkew.rawValue && signed != fresh
        {
            // The kept statement was refused for its age, so it was never recorded (a recorded
            // one is answered with its entry before any rule is checked): sign it afresh.
            pending.forget(fingerprint)
            return try await act(type, payload, by: key, at: time, pending: pending)
        } catch .store(let failure) where !failure.isTransient && failure.code != .io {
            // Refused or in conflict: this statement will never be recorded as it is.
            pending.forget(fingerprint)
            throw .store(failure)
        }
    }

    /// Refuses to write after a lost tail: appending would give the lost positions to new entries,
    /// and the ledger would then contradict a checkpoint its witnesses hold.
    private func requireNoLostTail() async throws(StoreError) {
        guard let witnessed, let largest = witnessed.largestSize() else { return }
        let size = try await log.size()
        guard size >= largest else {
            throw StoreError(
                .io,
                "the ledger has \(size) entries but a checkpoint of \(largest) was witnessed "
                    + "(\(witnessed.file(size: largest).path)): entries were lost since; nothing was written. "
                    + "Restore the ledger from a backup (parledger backup) and check it with parledger verify"
            )
        }
    }

    /// What became of a kept statement sent again.
    public enum Resent: Sendable {
        /// Recorded (now, or by the attempt whose answer was lost) at this entry.
        case recorded(Entry)
        /// Refused for good (a rule, a conflict, too old to be recorded): forgotten.
        case refused(StoreError)
        /// The store is still unavailable: kept for the next retry.
        case kept(StoreError)
    }

    /// Sends every statement kept in `pending` for this ledger again, as it was signed.
    public func resend(_ pending: PendingStatements) async throws(ActError) -> [(PendingStatements.Kept, Resent)] {
        let state: LedgerState
        do { state = try await log.state() } catch { throw .store(error) }
        let kept: [PendingStatements.Kept]
        do { kept = try pending.all() } catch { throw .pending(error) }
        var outcomes: [(PendingStatements.Kept, Resent)] = []
        for item in kept where item.signed.statement.ledger == state.ledgerID {
            do {
                // Forgotten by the caller once it has shown this outcome.
                outcomes.append((item, .recorded(try await appendOne(item.signed))))
            } catch .store(let failure) where failure.isTransient || failure.code == .io {
                outcomes.append((item, .kept(failure)))
            } catch .store(let failure) {
                pending.forget(item.fingerprint)
                outcomes.append((item, .refused(failure)))
            } catch {
                throw error
            }
        }
        return outcomes
    }

    private func appendOne(_ signed: SignedStatement) async throws(ActError) -> Entry {
        let entries: [Entry]
        do { entries = try await append([signed], recordedAt: SystemSources.now()) } catch { throw .store(error) }
        guard let entry = entries.first else { throw .store(StoreError(.io, "the store returned no entry")) }
        FaultInjection.afterCommit()
        return entry
    }
}

/// Why an act could not be recorded.
public enum ActError: Error, Sendable, CustomStringConvertible {
    /// The store holds no ledger yet (run `parledger init`).
    case noLedger
    /// The statement could not be formed from the values given (text too long, not NFC…).
    case malformed(String)
    /// The store refused or failed the append.
    case store(StoreError)
    /// The signed statement could not be kept for a retry, so it was not sent.
    case pending(PendingError)

    public var description: String {
        switch self {
        case .noLedger: "the store holds no ledger yet: run parledger init"
        case .malformed(let detail): "the statement is not well-formed: \(detail)"
        case .store(let error): error.description
        case .pending(let error): error.description
        }
    }
}

/// The system clock and randomness: the edge where time and ids enter the pure core.
public enum SystemSources {
    /// Now, to the millisecond.
    public static func now() -> Timestamp {
        let milliseconds = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        return Timestamp(millisecondsSinceEpoch: milliseconds) ?? .epoch
    }

    /// A fresh random statement id.
    public static func statementID() -> StatementID {
        var generator = SystemRandomNumberGenerator()
        return StatementID(randomBytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A signed statement by `key`, stamped `time` (default: now).
    public static func statement(
        ledger: LedgerID,
        type: EventType,
        payload: [String: JSONValue],
        by key: SigningKey,
        at time: Timestamp? = nil
    ) throws(ActError) -> SignedStatement {
        do {
            let statement = try Statement(
                ledger: ledger,
                statementID: statementID(),
                type: type,
                actor: key.keyID,
                claimedAt: time ?? now(),
                payload: payload
            )
            return SignedStatement(statement: statement, signedBy: key)
        } catch {
            throw .malformed(error.description)
        }
    }
}

/// Crash tests' way in: with `PARLEDGER_FAULT=after-commit` in its environment, the process kills
/// itself once the store has committed an act and before anyone hears of it, the moment at which
/// a lost answer tempts a user to record the act twice.
enum FaultInjection {
    static let afterCommitRequested = ProcessInfo.processInfo.environment["PARLEDGER_FAULT"] == "after-commit"

    static func afterCommit() {
        if afterCommitRequested { kill(getpid(), SIGKILL) }
    }
}
