public import Appraisal
import Foundation
public import LedgerCore
public import LedgerStore

/// The appraisal state of a ledger prefix — everything recorded up to a time, or the first N
/// entries — with the tree size and root that prefix stands for, so any read model computed from
/// it can be tied to the ledger it came from (projections/RULES.md §10).
public struct LedgerFold: Sendable, Codable {
    /// The snapshot encoding's version: a snapshot of another version is ignored and replayed.
    /// 2: a survey quota keeps its weight only as the plan gives it (`configuredWeight`), so a
    /// version-1 snapshot, which wrote every quota's weight as `weight`, would read as weight 1.
    /// 3: the state of every campaign (a ledger holds one per year), units' withdrawals and names,
    /// claims' reasons and decisions, settled objections.
    /// 4: survey forms keep their respondents' demographics (the answers by demographic); each
    /// campaign its opening and succession times (a leaf's history of that year).
    static let snapshotFormat = 4
    private var format = Self.snapshotFormat
    private(set) var rules = AppraisalLedgerRules()
    /// The format-level state: keys with their names, roles and units.
    public private(set) var ledger = LedgerState()
    private(set) var tree = CompactRange()
    /// The recorded time of the last entry folded.
    public private(set) var lastRecordedAt: Timestamp?

    public init() {}

    /// The appraisal state of the prefix: of its latest campaign, or of the one `campaign(year:)` chose.
    public var state: AppraisalState { rules.state }

    /// Every campaign of the prefix, oldest first.
    public var campaigns: [AppraisalState] { rules.campaigns }

    /// The year of the earlier campaign this fold reads (`campaign(year:)`), nil for the latest.
    public private(set) var viewedCampaign: Int?

    /// What the entries folded since this fold was made or loaded touched (`ScorecardMemo`): not
    /// in the snapshot, so a fold loaded from one tracks from its size.
    public private(set) var touches: Touches?

    private enum CodingKeys: String, CodingKey { case format, rules, ledger, tree, lastRecordedAt, viewedCampaign }

    /// This prefix read for the campaign of `year` (its `state` is that campaign's); nil when the
    /// prefix opened none that year. A view for reading: nothing is folded into it.
    public func campaign(year: Int) -> LedgerFold? {
        guard let view = rules.viewing(year: year) else { return nil }
        guard year != state.campaign?.year else { return self }
        var fold = self
        fold.rules = view
        fold.viewedCampaign = year
        return fold
    }

    /// The years of the prefix's campaigns, oldest first.
    public var campaignYears: [Int] { campaigns.compactMap { $0.campaign?.year } }

    /// Entries folded: the prefix's tree size.
    public var size: Int { tree.size }
    /// The prefix's Merkle root.
    public var root: SHA256Hash { tree.root }

    /// What a store keeps of its head, at this fold's size: handed to a store before an append
    /// (`EventStore.prime`) so that it never folds the ledger through the rules itself.
    public var storeHead: StoreHead { StoreHead(state: ledger, frontier: tree, rules: rules) }

    /// Folds in the next entry (pure: `evolve` through the appraisal rules' state).
    public mutating func fold(_ entry: Entry) {
        fold(entry, decoded: AppraisalLedgerRules.event(of: entry))
    }

    /// Folds in the next entry, its appraisal event decoded beforehand.
    public mutating func fold(_ entry: Entry, decoded event: AppraisalEvent?) {
        note(event, at: entry.seq)
        rules.replay(entry, decoded: event)
        ledger.apply(entry)
        tree.append(entry.hash)
        lastRecordedAt = entry.recordedAt
    }

    /// Where to stop: the entries recorded at or before a time ("as of", projections/RULES.md §10), or the
    /// first `size` entries.
    public enum Limit: Sendable {
        case everything
        case asOf(Timestamp)
        case size(Int)

        var size: Int? { if case .size(let size) = self { size } else { nil } }
        var time: Timestamp? { if case .asOf(let time) = self { time } else { nil } }

        public func admits(_ entry: Entry) -> Bool { admits(seq: entry.seq, recordedAt: entry.recordedAt) }

        func admits(seq: Int, recordedAt: Timestamp) -> Bool {
            switch self {
            case .everything: true
            case .asOf(let time): recordedAt <= time
            case .size(let size): seq < size
            }
        }
    }

    /// Folds a store's entries up to `limit`, starting from the latest snapshot of the read side
    /// within it whose root still matches the ledger's. When it had to replay at least
    /// `snapshotAfter` entries, it keeps one snapshot where it ended, so the next read replays less
    /// (one per read at most: a national ledger's fold is large). The read side is derived data:
    /// a snapshot it cannot read or keep only costs a replay.
    public static func load(
        _ store: any EventStore,
        derived: any DerivedStore,
        upTo limit: Limit = .everything,
        snapshotAfter replayed: Int?
    ) async throws(StoreError) -> LedgerFold {
        var fold = try await fromSnapshot(store, derived: derived, upTo: limit)
        let start = fold.size
        try await fold.catchUp(store, upTo: limit)
        if let replayed, fold.size - start >= replayed { await fold.saveSnapshot(to: derived) }
        return fold
    }

    /// The fold at the latest snapshot of the read side within `limit` whose root still matches
    /// the ledger's, or an empty fold: where a catch-up starts.
    public static func fromSnapshot(
        _ store: any EventStore,
        derived: any DerivedStore,
        upTo limit: Limit = .everything
    ) async throws(StoreError) -> LedgerFold {
        guard let snapshot = (try? await derived.latestSnapshot(atMost: limit.size, recordedAtMost: limit.time)) ?? nil,
            let decoded = try? JSONDecoder().decode(LedgerFold.self, from: Data(snapshot.bytes)),
            decoded.format == snapshotFormat, decoded.size == snapshot.size, decoded.root == snapshot.root,
            snapshot.size <= (try await store.size()), try await store.root(size: snapshot.size) == snapshot.root
        else { return LedgerFold() }
        return decoded
    }

    /// Keeps a snapshot of this fold on the read side, and the same fold in the sections acts
    /// load (`ActSections`); failing to keep them costs a later replay only.
    public func saveSnapshot(to derived: any DerivedStore) async {
        guard size > 0, let lastRecordedAt, let bytes = try? JSONEncoder().encode(self) else { return }
        try? await derived.saveSnapshot(
            ProjectionSnapshot(size: size, root: root, lastRecordedAt: lastRecordedAt, bytes: [UInt8](bytes))
        )
        guard viewedCampaign == nil else { return }
        await ActSections.save(self, to: derived)
    }

    /// Folds a store's entries up to `limit`, from the first. Entries are in `recordedAt` order, so
    /// the fold stops at the first entry past the limit.
    public static func load(
        _ store: any EventStore,
        upTo limit: Limit = .everything
    ) async throws(StoreError) -> LedgerFold {
        var fold = LedgerFold()
        try await fold.catchUp(store, upTo: limit)
        return fold
    }

    /// Catches up with entries appended since this fold was made (by this or another process):
    /// folds the store's entries from `size` on, so a long-lived reader never replays from the start.
    ///
    /// A pipeline: while this thread folds one chunk, the next is already read and being decoded
    /// on the other cores (the fold itself is ordered, so it is the part that must not wait); the
    /// one after that is read while this one is still being decoded.
    ///
    /// With `keepingDayEnds`, the standings are kept on the read side at the last entry of every
    /// day it passes (`DayEndStandings`): the entry after it opens a later day, so that day is over.
    public mutating func catchUp(
        _ store: any EventStore,
        upTo limit: Limit = .everything,
        keepingIn derived: (any DerivedStore)? = nil,
        snapshotEvery interval: Int? = nil,
        keepingDayEnds keeping: DayEndStandings.Keeping? = nil
    ) async throws(StoreError) {
        var next = try await Self.startDecoding(store, from: size, snapshotEvery: interval)
        while let chunk = next {
            // The chunk after this one is read (on this thread) while the other cores decode this
            // one, and decoded while this thread folds this one.
            next = try await Self.startDecoding(store, from: chunk.start + chunk.count, snapshotEvery: interval)
            let decoded = chunk.job.results
            for item in decoded {
                let seq: Int
                let recordedAt: Timestamp
                switch item {
                case .appraisal(let entry, _): (seq, recordedAt) = (entry.seq, entry.recordedAt)
                case .entry(let entry, _): (seq, recordedAt) = (entry.seq, entry.recordedAt)
                case .undecodable(let error):
                    // A report over a silently shorter prefix would look whole: a damaged entry
                    // stops the read with its position, and `parledger verify` says the rest.
                    throw StoreError(.io, "entry \(size) does not decode (\(error)); run parledger verify")
                }
                guard limit.admits(seq: seq, recordedAt: recordedAt) else { return }
                if let keeping, let derived, DayEndStandings.endsDay(self, before: recordedAt) {
                    await DayEndStandings.keep(self, in: derived, keeping)
                }
                fold(item)
            }
            Self.releaseInBackground(decoded)
            if let interval, let derived, size % interval == 0 { await saveSnapshot(to: derived) }
        }
    }

    /// An entry as a fold takes it. Nearly all carry an appraisal event, and their envelope and
    /// payload are all the fold reads of them; the rest (keys, policy, erasures, other types) are
    /// decoded whole, for the ledger state.
    enum FoldItem: Sendable {
        case appraisal(Appraised, AppraisalEvent?)
        case entry(Entry, AppraisalEvent?)
        /// Bytes that are not an entry (the fold stops there).
        case undecodable(LedgerFormatError)

        init(bytes: [UInt8]) {
            do {
                self = try Self.decode(bytes)
            } catch {
                self = .undecodable(error)
            }
        }

        private static func decode(_ bytes: [UInt8]) throws(LedgerFormatError) -> FoldItem {
            if let envelope = Entry.envelope(of: bytes),
                let kind = AppraisalEvent.Kind(typeUTF8: bytes[envelope.typeRange])
            {
                return .appraisal(
                    Appraised(
                        seq: envelope.seq,
                        recordedAt: envelope.recordedAt,
                        statementID: envelope.statementID,
                        hash: envelope.hash
                    ),
                    try AppraisalLedgerRules.event(kind, payload: bytes[envelope.payloadRange])
                )
            } else {
                let entry = try Entry(bytes: bytes)
                return .entry(entry, AppraisalLedgerRules.event(of: entry))
            }
        }
    }

    /// What a fold keeps of an appraisal entry besides its event: the little that is copied from
    /// the decoding cores to the folding thread for each of a million entries.
    struct Appraised: Sendable {
        let seq: Int
        let recordedAt: Timestamp
        let statementID: StatementID
        let hash: SHA256Hash
    }

    /// Folds in the next entry, as the pipeline decoded it.
    mutating func fold(_ item: FoldItem) {
        switch item {
        case .entry(let entry, let event):
            fold(entry, decoded: event)
        case .undecodable:
            return
        case .appraisal(let entry, let event):
            note(event, at: entry.seq)
            if let event { rules.replay(event, id: entry.statementID, at: entry.recordedAt) }
            ledger.apply(nonControlEntry: entry.seq, hash: entry.hash, recordedAt: entry.recordedAt)
            tree.append(entry.hash)
            lastRecordedAt = entry.recordedAt
        }
    }

    /// A chunk of stored entries being decoded on every core.
    private struct DecodingChunk {
        let start: Int
        let count: Int
        let job: StripedJob<FoldItem>
    }

    /// Reads the chunk of entries from `start` and starts decoding it; nil at the end of the
    /// ledger. Chunks end on multiples of the snapshot interval, so snapshots fall on them.
    private static func startDecoding(
        _ store: any EventStore,
        from start: Int,
        snapshotEvery interval: Int?
    ) async throws(StoreError) -> DecodingChunk? {
        let toNext = interval.map { $0 - start % $0 } ?? chunkSize
        let stored = try await store.entries(from: start, limit: min(chunkSize, toNext))
        guard !stored.isEmpty else { return nil }
        return DecodingChunk(
            start: start,
            count: stored.count,
            job: StripedJob(count: stored.count) { index in
                FoldItem(bytes: stored[index].bytes)
            }
        )
    }

    private static let chunkSize = 4096

    /// Drops a folded chunk's decoded entries on another thread: freeing thousands of entries
    /// is work the ordered fold need not wait for.
    private static func releaseInBackground<T: Sendable>(_ chunk: [T]) {
        DispatchQueue.global().async { [chunk] in withExtendedLifetime(chunk) {} }
    }
}

extension LedgerFold {
    /// Since which entry a fold has tracked what its entries touched, and for each unit and for
    /// the campaign's own facts, the last entry that touched them.
    public struct Touches: Sendable {
        /// The first entry tracked: what came before is unknown.
        public let from: Int
        public fileprivate(set) var units: [UnitCode: Int] = [:]
        public fileprivate(set) var campaign = -1

        /// Whether nothing touched `unit` (or the campaign's facts) from entry `size` on.
        public func untouched(_ unit: UnitCode, since size: Int) -> Bool {
            from <= size && campaign < size && (units[unit] ?? -1) < size
        }
    }

    /// Notes what an appraisal event touches, before it is folded in: the units it names, those of
    /// the claims, objections and forms it refers to, or the campaign's own facts when it names
    /// no unit or reads every one. Entries of no appraisal event (keys, policy) touch no scorecard.
    fileprivate mutating func note(_ event: AppraisalEvent?, at seq: Int) {
        if touches == nil { touches = Touches(from: seq) }
        guard let event else { return }
        let reach = event.reach
        let units = rules.state.units(of: reach)
        if reach.everything || units.isEmpty {
            touches?.campaign = seq
        } else {
            for unit in units { touches?.units[unit] = seq }
        }
    }
}

extension LedgerFold {
    /// The units an entry's statement is about (`log --unit`): those its event names, those of the
    /// claims, objections and forms it refers to (in any campaign of the fold), and the unit of a
    /// unit officer or leader who signed it. An appraiser's own unit is not what they appraise.
    public func units(concernedBy statement: Statement) -> Set<UnitCode> {
        let reach = AppraisalLedgerRules.reach(of: statement)
        var found = campaigns.reduce(into: Set<UnitCode>()) { $0.formUnion($1.units(of: reach)) }
        if let signer = ledger.keys[statement.actor], signer.role.requiresUnit, let unit = signer.unit {
            found.insert(unit)
        }
        return found
    }
}
