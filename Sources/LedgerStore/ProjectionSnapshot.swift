public import LedgerCore

/// A projection's state after the first `size` entries, kept so that a read "as of" a later point
/// replays only the entries after it (projections/RULES.md §10). Derived data, not part of the signed format:
/// it names the tree size and root it stands for, and a reader uses it only when the ledger's
/// root at that size still matches; `parledger rebuild` recomputes everything without it.
public struct ProjectionSnapshot: Sendable, Equatable {
    public let size: Int
    public let root: SHA256Hash
    /// The recorded time of entry `size − 1`, so "as of" a time can find it.
    public let lastRecordedAt: Timestamp
    /// The projection's own encoding of its state.
    public let bytes: [UInt8]

    public init(size: Int, root: SHA256Hash, lastRecordedAt: Timestamp, bytes: [UInt8]) {
        self.size = size
        self.root = root
        self.lastRecordedAt = lastRecordedAt
        self.bytes = bytes
    }

    /// Whether it qualifies as a starting point under the given limits.
    public func fits(atMost size: Int?, recordedAtMost recordedAt: Timestamp?) -> Bool {
        (size.map { self.size <= $0 } ?? true) && (recordedAt.map { lastRecordedAt <= $0 } ?? true)
    }
}
