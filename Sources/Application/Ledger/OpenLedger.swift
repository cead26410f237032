import Appraisal
import Foundation
import LedgerCore
public import LedgerStore
import PostgresStore
public import Projections
import SQLiteStore

/// A ledger as the application uses it: the log (its entries, tree, blobs and checkpoints) and
/// the read side (derived data kept apart from it), with the fold of the whole ledger kept in
/// memory and caught up as it grows. Both front ends (the command line and the server) open
/// ledgers here and act and read through it.
public struct OpenLedger: Sendable {
    /// The log: what is signed, chained and verified.
    public let log: any EventStore
    /// The read side: snapshots and kept answers, disposable.
    public let derived: any DerivedStore
    /// The folds reads and acts compute from.
    public let folds: FoldCache
    /// The index histories are read from.
    public let history: HistoryCache
    /// Checkpoints witnessed of this ledger, which it must never be found short of.
    public let witnessed: WitnessFolder?
    /// Whether an act loads only the read side's sections it reads when no fold is in memory
    /// (`ActSections`): for a process that acts once and ends (the command line). A server keeps
    /// the whole fold for its reads and acts from it. Only one append at a time may use sections.
    public var actsLoadSections = false
    /// The latest fold's scorecards, kept for the next read of the standings (`ScorecardMemo`).
    public let scorecards = ScorecardMemo()

    public init(log: any EventStore, derived: any DerivedStore, witnessed: WitnessFolder? = nil) {
        self.log = log
        self.derived = derived
        self.witnessed = witnessed
        self.folds = FoldCache(log: log, derived: derived)
        self.history = HistoryCache(log: log, derived: derived)
    }

    /// What a front end means to do with the ledger.
    public enum Access: Sendable {
        /// Read only: a SQLite file is opened read-only (an auditor's copy, a file this user may
        /// not write), and nothing is ever written to it.
        case reading
        /// Append; `create` makes a new ledger where none is (the file must not hold anything else).
        case writing(create: Bool)
        /// Create or append at the times the caller gives, on PostgreSQL too (where appends
        /// otherwise take the database server's time): the demo, which plays a campaign's months
        /// in seconds.
        case simulating
    }

    /// Opens the ledger at a `--store` location: a SQLite file path, or a
    /// `postgres://…?ledger=NAME` URL. The appraisal rules are checked on every append.
    ///
    /// A SQLite ledger's read side is the cache file beside it, or memory where that cannot be
    /// written; a PostgreSQL ledger's is its own tables in the same database.
    ///
    /// - Parameter ownerURL: for PostgreSQL, the role that may migrate the schema (else the URL's).
    public static func open(
        _ location: String,
        _ access: Access,
        ownerURL: String? = nil
    ) throws(StoreError)
        -> OpenLedger
    {
        let log = try openLog(location, access, ownerURL: ownerURL)
        if let store = log as? PostgresStore { return OpenLedger(log: log, derived: store) }
        return OpenLedger(
            log: log,
            derived: SQLiteDerivedStore.beside(ledgerPath: location),
            witnessed: WitnessFolder.beside(ledgerPath: location)
        )
    }

    /// Opens the log alone (verify, export, proofs, checkpoints, uploads: nothing derived).
    public static func openLog(
        _ location: String,
        _ access: Access,
        ownerURL: String? = nil
    ) throws(StoreError)
        -> any EventStore
    {
        if PostgresLocation.isPostgresURL(location) {
            let (create, clock): (Bool, PostgresStore.Clock) =
                switch access {
                case .reading: (false, .databaseServer)
                case .writing(let create): (create, .databaseServer)
                case .simulating: (true, .caller)
                }
            return try PostgresStore(
                url: location,
                create: create,
                rules: AppraisalLedgerRules(),
                ownerURL: ownerURL,
                clock: clock
            )
        }
        switch access {
        case .reading: return try SQLiteStore(readingOnly: location)
        case .writing(let create): return try SQLiteStore(path: location, create: create, rules: AppraisalLedgerRules())
        case .simulating: return try SQLiteStore(path: location, create: true, rules: AppraisalLedgerRules())
        }
    }
}
