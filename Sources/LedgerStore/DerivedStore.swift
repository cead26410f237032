public import LedgerCore

/// The read side: data derived from a ledger (projection snapshots, answers kept per prefix),
/// kept apart from the ledger itself. It is disposable: every item names the tree size and root
/// it stands for, a reader uses it only while the ledger's root at that size still matches, and
/// losing all of it only costs a replay. Because it is stored apart (a cache file beside a SQLite
/// ledger, or in memory), reading a ledger never writes to it, and a ledger the reader may not
/// write serves every read.
public protocol DerivedStore: Sendable {
    /// Keeps a projection snapshot (replacing one of the same size).
    func saveSnapshot(_ snapshot: ProjectionSnapshot) async throws(StoreError)

    /// The largest snapshot of at most `size` entries whose last entry was recorded at or before
    /// `recordedAt` (either limit optional).
    func latestSnapshot(
        atMost size: Int?,
        recordedAtMost recordedAt: Timestamp?
    ) async throws(StoreError)
        -> ProjectionSnapshot?

    /// Keeps a read model's answer for the first `snapshot.size` entries under a name (replacing
    /// one of the same name and size): the standings at the end of each day, so "standings on a
    /// date" is one lookup rather than a fold.
    func saveReport(_ snapshot: ProjectionSnapshot, named name: String) async throws(StoreError)

    /// The largest kept answer of that name whose last entry was recorded at or before `recordedAt`.
    func latestReport(
        named name: String,
        recordedAtMost recordedAt: Timestamp
    ) async throws(StoreError)
        -> ProjectionSnapshot?

    /// Keeps the sections an act loads in part (`ActSections`): `head` (what every act reads,
    /// named by the tree size and root it stands for) and the named sections of the same size,
    /// replacing the sections kept before, unless those stand for a larger size.
    func saveActSections(head: ProjectionSnapshot, sections: [String: [UInt8]]) async throws(StoreError)

    /// The head of the kept act sections, if any.
    func actHead() async throws(StoreError) -> ProjectionSnapshot?

    /// The kept act sections of these names, when they still stand for `size` (nil when they no
    /// longer do); a name with no section is left out.
    func actSections(_ names: [String], size: Int) async throws(StoreError) -> [String: [UInt8]]?
}

extension DerivedStore {
    /// A read side that keeps no act sections: every act of a new process loads the whole fold.
    public func saveActSections(head: ProjectionSnapshot, sections: [String: [UInt8]]) async throws(StoreError) {}
    public func actHead() async throws(StoreError) -> ProjectionSnapshot? { nil }
    public func actSections(_ names: [String], size: Int) async throws(StoreError) -> [String: [UInt8]]? { nil }
}
