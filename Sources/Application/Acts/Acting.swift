import Foundation
public import LedgerCore
public import LedgerStore
import Projections

extension OpenLedger {
    /// Appends signed statements. The store is first handed the fold of the ledger as it stands
    /// (kept in memory, or loaded from the read side's snapshot and caught up, all outside any
    /// lock), so the write lock is held only to catch up the entries appended meanwhile, plan,
    /// insert and commit: an act costs the same on a small ledger and a large one.
    public func append(_ batch: [SignedStatement], recordedAt now: Timestamp) async throws(StoreError) -> [Entry] {
        let fold = try await folds.fold(.everything)
        log.prime(with: fold.storeHead)
        return try await log.append(batch, recordedAt: now)
    }

    /// Signs a statement of `type` with `payload` as `key`, stamped now, and appends it.
    public func act(
        _ type: EventType,
        _ payload: [String: JSONValue],
        by key: SigningKey,
        at time: Timestamp? = nil
    ) async throws(ActError) -> Entry {
        let state: LedgerState
        do { state = try await log.state() } catch { throw .store(error) }
        guard let ledgerID = state.ledgerID else { throw .noLedger }
        let signed = try SystemSources.statement(ledger: ledgerID, type: type, payload: payload, by: key, at: time)
        let entries: [Entry]
        do { entries = try await append([signed], recordedAt: SystemSources.now()) } catch { throw .store(error) }
        guard let entry = entries.first else { throw .store(StoreError(.io, "the store returned no entry")) }
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

    public var description: String {
        switch self {
        case .noLedger: "the store holds no ledger yet: run parledger init"
        case .malformed(let detail): "the statement is not well-formed: \(detail)"
        case .store(let error): error.description
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
