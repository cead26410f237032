public import LedgerCore

/// What a store keeps of its ledger's head between calls: the format state, the tree's frontier
/// and, once an append needed them, the rules folded to the same size. A database store reloads
/// it only when another writer (process or connection) moved the head; `refresh` decides how.
public struct StoreHead: Sendable {
    public var state: LedgerState
    public var frontier: CompactRange
    public var rules: (any StatementRules)?

    public init(state: LedgerState, frontier: CompactRange, rules: (any StatementRules)?) {
        self.state = state
        self.frontier = frontier
        self.rules = rules
    }

    /// Whether its rules were folded from the sections one act reads, not the whole ledger (its
    /// format state then holds only the keys that act reads): made for one append, never kept.
    public var isPartial: Bool { rules.map { !$0.coversWholeLedger } ?? false }

    /// Puts `new` in the cache unless the cache holds a later head: a read that sized the ledger
    /// before an append committed would otherwise put back the head that append replaced. (An
    /// append-only ledger's later head is the larger one.) A partial head empties the cache: the
    /// next call reloads the head (or is primed again).
    public static func keep(_ new: StoreHead, in cached: inout StoreHead?) {
        if new.isPartial {
            cached = nil
            return
        }
        if let current = cached, current.state.size > new.state.size { return }
        cached = new
    }

    /// Empties the cache of a partial head, once the append it was primed for has ended.
    public static func forgetPartial(in cached: inout StoreHead?) {
        if cached?.isPartial == true { cached = nil }
    }

    /// Puts a head whose rules were folded elsewhere (from a snapshot, outside any lock) in the
    /// cache, unless the cache already holds rules of the same or a later size. A cached head
    /// without rules is replaced even when it is later: the next append then catches the primed
    /// rules up with the few entries between, instead of folding the whole ledger under its lock.
    /// A partial head always takes the cache: it was made for the append about to start.
    public static func prime(_ new: StoreHead, in cached: inout StoreHead?) {
        guard new.rules != nil else { return }
        if new.isPartial || cached?.isPartial == true {
            cached = new
            return
        }
        if let current = cached, current.rules != nil, current.state.size >= new.state.size { return }
        cached = new
    }

    /// How to bring a cached head to the database's `size`.
    public enum Refresh: Sendable {
        /// The cache stands for that size (with rules when they were asked for): use it.
        case reuse(StoreHead)
        /// Reload the format state at `size`; when `rules` is given, fold it through the
        /// entries from `rulesFrom` (the cached rules when the ledger only grew, else the
        /// store's rules from the start).
        case reload(rules: (any StatementRules)?, rulesFrom: Int)
    }

    /// The pure decision shared by the database stores. `withRules` is set for appends; reads use
    /// the format state alone and skip the rules' catch-up.
    public static func refresh(
        cached: StoreHead?,
        size: Int,
        storeRules: (any StatementRules)?,
        withRules: Bool
    ) -> Refresh {
        let rulesReady = !withRules || storeRules == nil || cached?.rules != nil
        // A read never uses a partial head: its format state lacks most keys.
        let cached = withRules || cached?.isPartial != true ? cached : nil
        if let cached, cached.state.size == size, rulesReady { return .reuse(cached) }
        guard withRules, let storeRules else { return .reload(rules: nil, rulesFrom: size) }
        if let cached, let cachedRules = cached.rules, cached.state.size <= size {
            return .reload(rules: cachedRules, rulesFrom: cached.state.size)
        }
        return .reload(rules: storeRules, rulesFrom: 0)
    }

    /// Whether a reloaded head replaces the cache: a read does not replace cached rules it did
    /// not catch up.
    public static func keepsReloaded(withRules: Bool, storeRules: (any StatementRules)?) -> Bool {
        withRules || storeRules == nil
    }
}
