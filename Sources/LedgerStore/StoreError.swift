public import LedgerCore

/// Why a store refused or failed an operation.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure; `refused` and `conflict` are the caller's to fix, the rest are the store's.
    /// `unavailable`, `full` and `clockBehind` are passing conditions: the same request, repeated once
    /// they are over, can succeed, and nothing was written.
    public enum Code: String, Sendable {
        /// A statement broke a ledger rule; nothing was written.
        case refused
        /// A statement id was already used for different content; nothing was written.
        case conflict
        /// The request names something the store does not have (a position, a blob).
        case notFound
        /// The store cannot be used right now: locked by another writer for too long, a call past its
        /// deadline, a database that refuses connections or lost one mid-transaction, read-only
        /// media. Nothing was written; the same request may be repeated.
        case unavailable
        /// The disk or database is full. Nothing was written; repeat once space is freed.
        case full
        /// The appending host's clock is behind the ledger's last entry by more than the allowed
        /// skew: recording now would move the ledger's time backwards. Fix the clock, then repeat.
        case clockBehind = "clock-behind"
        /// The database or file system failed in a way repeating will not mend (damaged data,
        /// an unexpected answer).
        case io
    }

    /// Whether repeating the same request later can succeed (nothing was written).
    public var isTransient: Bool {
        switch code {
        case .unavailable, .full, .clockBehind: true
        case .refused, .conflict, .notFound, .io: false
        }
    }

    public var code: Code
    /// For `refused`: the rule broken, in the words of FORMAT.md §11.
    public var violation: LedgerViolation?
    /// For batch appends: the 0-based index of the offending statement in the batch.
    public var batchIndex: Int?
    public var message: String

    public init(_ code: Code, _ message: String, violation: LedgerViolation? = nil, batchIndex: Int? = nil) {
        self.code = code
        self.message = message
        self.violation = violation
        self.batchIndex = batchIndex
    }

    /// A refusal of one statement of a batch.
    public static func refused(_ violation: LedgerViolation, at batchIndex: Int) -> StoreError {
        StoreError(.refused, violation.description, violation: violation, batchIndex: batchIndex)
    }

    public var description: String {
        let location = batchIndex.map { "statement \($0 + 1) of the batch: " } ?? ""
        return location + message
    }
}
