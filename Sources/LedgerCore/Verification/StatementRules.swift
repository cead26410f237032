/// Rules beyond the format that a store applies to every statement before it commits (README.md,
/// Storage): the appraisal's, for a PAR ledger. A store folds every entry through them, so they see
/// the ledger as it stands, and refuses the batch when `admit` throws.
///
/// Implementations are pure values: the store owns the copy that matches its head.
public protocol StatementRules: Sendable {
    /// Checks that `entry` may follow the entries folded so far, and folds it in.
    ///
    /// - Parameters:
    ///   - ledger: the format-level state before the entry (keys, policy).
    ///   - tree: the Merkle tree's right edge before the entry.
    mutating func admit(_ entry: Entry, ledger: LedgerState, tree: CompactRange) throws(LedgerViolation)

    /// Folds in an entry that is already in the ledger (admitted when it was appended).
    mutating func replay(_ entry: Entry)

    /// How far apart a statement's claimed time and the ledger's clock, or the ledger's clock and
    /// its last entry, may be (milliseconds); nil for the store's default.
    var allowedClockSkewMilliseconds: Int64? { get }

    /// Whether these rules were folded from the whole ledger. Rules folded from part of it (the
    /// sections one act reads) judge that act only: a store uses them for the append they were
    /// made for and never keeps them.
    var coversWholeLedger: Bool { get }
}

extension StatementRules {
    public var allowedClockSkewMilliseconds: Int64? { nil }
    public var coversWholeLedger: Bool { true }
}
