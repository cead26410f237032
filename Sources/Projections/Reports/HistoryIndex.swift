public import Appraisal
public import LedgerCore

/// The positions of every statement that touched each leaf of each unit (`LeafHistory.Touches`),
/// so that a history is read from the few entries it names instead of a scan of the ledger. It
/// names the tree size and root it indexes, like a snapshot, and is kept on the read side.
public struct HistoryIndex: Sendable, Codable {
    /// The encoding's version: an index kept by another version is ignored and rebuilt.
    static let format = 4
    /// The name it is kept under on the read side.
    public static let keptName = "history-index/v\(format)"

    private var format = Self.format
    private var tree = CompactRange()
    public private(set) var lastRecordedAt: Timestamp?
    /// Unit → leaf → positions, in ledger order.
    private var leaves: [String: [String: [Int]]] = [:]
    /// Unit → positions of the statements about the unit as a whole.
    private var wholeUnit: [String: [Int]] = [:]
    /// An objection's statement id → its unit and leaf, for the resolution that names only the id.
    private var objections: [String: [String]] = [:]
    /// Every evidence file an entry refers to (FORMAT.md §10) → the units and leaves those entries
    /// concern.
    private var blobs: [String: EvidenceUse] = [:]

    /// The acts whose files are the council's and the authority's own documents.
    private static let processActs: Set = [
        AppraisalEvent.Kind.councilReportApproved.type, AppraisalEvent.Kind.resultsPublished.type,
        AppraisalEvent.Kind.resultsCorrected.type,
    ]

    public init() {}

    /// Entries indexed: the tree size.
    public var size: Int { tree.size }
    /// The root of the entries indexed.
    public var root: SHA256Hash { tree.root }

    /// Indexes the next entry.
    public mutating func index(_ entry: Entry) {
        let statement = entry.statement
        let objections = self.objections
        let touches = LeafHistory.Touches(statement) { id in
            objections[id].flatMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
        }
        for (unit, leaf) in touches.leaves { leaves[unit, default: [:]][leaf, default: []].append(entry.seq) }
        if let unit = touches.wholeUnit { wholeUnit[unit, default: []].append(entry.seq) }
        if let references = try? BlobReference.find(in: statement.payload), !references.isEmpty {
            var use = EvidenceUse()
            for (unit, leaf) in touches.leaves { use.leaves[unit, default: []].insert(leaf) }
            let named = statement.payload["unit"]?.stringValue
            if Self.processActs.contains(statement.type) {
                // The council's and the authority's own documents, whatever units a correction names.
                use = EvidenceUse()
            } else if let named, statement.payload["item"] != nil {
                // A bonus or deduction claim's file: for whoever decides the unit's claims.
                use.claimUnits.insert(named)
            } else {
                // A unit named without a leaf that reads counts as the whole unit: such a file is
                // shown only to those who see all of the unit's leaves.
                for unit in [touches.wholeUnit, named].compactMap({ $0 }) where use.leaves[unit] == nil {
                    use.wholeUnits.insert(unit)
                }
            }
            use.lastReferredAt = entry.recordedAt
            for reference in references {
                // A hash alone must not open another unit's file: a later entry that names a file
                // adds only the leaves of the units the first one concerned (and the time).
                guard var kept = blobs[reference.sha256.hex] else {
                    blobs[reference.sha256.hex] = use
                    continue
                }
                kept.add(later: use)
                blobs[reference.sha256.hex] = kept
            }
        }
        if statement.type == AppraisalEvent.Kind.objectionFiled.type, let touched = touches.leaves.first {
            self.objections[statement.statementID.text] = [touched.unit, touched.leaf]
        }
        tree.append(entry.hash)
        lastRecordedAt = entry.recordedAt
    }

    /// The units and leaves whose entries refer to an evidence file: nil when no entry refers to it.
    public func use(of blob: SHA256Hash) -> EvidenceUse? { blobs[blob.hex] }

    /// Every evidence file an entry refers to.
    public var referencedBlobs: [SHA256Hash] { blobs.keys.compactMap(SHA256Hash.init(hex:)).sorted() }

    /// The positions of the statements in a leaf's history, in ledger order.
    public func positions(unit: UnitCode, leaf: CriterionCode) -> [Int] {
        let own = leaves[unit.text]?[leaf.text] ?? []
        let whole = wholeUnit[unit.text] ?? []
        return (own + whole).sorted()
    }

    /// The positions of the statements in any history of the unit, in ledger order.
    public func positions(unit: UnitCode) -> [Int] {
        let own = (leaves[unit.text] ?? [:]).values.flatMap { $0 }
        return Array(Set(own + (wholeUnit[unit.text] ?? []))).sorted()
    }
}

/// What the entries that refer to one evidence file concern: leaves of units, and units as a whole.
/// The units are those of the first entry that named the file (who uploaded it); a file whose
/// first entry named no unit is a document of the council's or the authority's own acts.
public struct EvidenceUse: Sendable, Codable, Equatable {
    /// Unit → the leaves the entries name.
    public var leaves: [String: Set<String>] = [:]
    /// The units an entry names without a leaf.
    public var wholeUnits: Set<String> = []
    /// The units whose bonus or deduction claims the file was given with.
    public var claimUnits: Set<String> = []
    /// When an entry of the file's own units last named it: the campaign it was evidence in.
    public var lastReferredAt: Timestamp?

    public init() {}

    /// Every unit the entries concern.
    public var units: Set<UnitCode> { Set(unitTexts.compactMap(UnitCode.init)) }

    private var unitTexts: Set<String> { Set(leaves.keys).union(wholeUnits).union(claimUnits) }

    /// Whether the file was given with one of `unit`'s bonus or deduction claims.
    public func backsClaim(of unit: UnitCode) -> Bool { claimUnits.contains(unit.text) }

    /// The leaves of `unit` the entries name.
    public func leaves(of unit: UnitCode) -> Set<CriterionCode> {
        Set((leaves[unit.text] ?? []).compactMap(CriterionCode.init))
    }

    /// Whether an entry names `unit` without a leaf.
    public func concernsWhole(_ unit: UnitCode) -> Bool { wholeUnits.contains(unit.text) }

    /// Adds what a later entry that names the file concerns, of the units already concerned only.
    mutating func add(later other: EvidenceUse) {
        let units = unitTexts
        // Nor may another unit's entry move the file into a later campaign (which may open its
        // evidence): only an entry of the same units, or of none for the council's documents.
        guard units.isEmpty ? other.unitTexts.isEmpty : !units.isDisjoint(with: other.unitTexts) else { return }
        leaves.merge(other.leaves.filter { units.contains($0.key) }) { $0.union($1) }
        wholeUnits.formUnion(other.wholeUnits.intersection(units))
        claimUnits.formUnion(other.claimUnits.intersection(units))
        lastReferredAt = other.lastReferredAt ?? lastReferredAt
    }
}

extension LeafHistory {
    /// A leaf's history from the entries an index names (`HistoryIndex.positions`), in order, up
    /// to `limit`, with the keys of the ledger (a key's name and role never change).
    public static func build(
        unit: UnitCode,
        leaf: CriterionCode,
        from entries: [Entry],
        upTo limit: LedgerFold.Limit,
        keys: [KeyID: KeyRecord]
    ) -> LeafHistory {
        var history = LeafHistory(unit: unit, leaf: leaf)
        for entry in entries where limit.admits(entry) { history.fold(entry, keys: keys) }
        return history
    }
}
