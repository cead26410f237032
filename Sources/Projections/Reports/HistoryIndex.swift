public import Appraisal
public import LedgerCore

/// The positions of every statement that touched each leaf of each unit (`LeafHistory.Touches`),
/// so that a history is read from the few entries it names instead of a scan of the ledger. It
/// names the tree size and root it indexes, like a snapshot, and is kept on the read side.
public struct HistoryIndex: Sendable, Codable {
    /// The encoding's version: an index kept by another version is ignored and rebuilt.
    static let format = 2
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
    /// Every evidence file an entry refers to (FORMAT.md §10) → the units those entries concern
    /// (none for a file of the council's or the authority's own documents).
    private var blobs: [String: Set<String>] = [:]

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
            let units = Set(
                touches.leaves.map(\.unit)
                    + [touches.wholeUnit, statement.payload["unit"]?.stringValue].compactMap { $0 }
            )
            for reference in references { blobs[reference.sha256.hex, default: []].formUnion(units) }
        }
        if statement.type == AppraisalEvent.Kind.objectionFiled.type, let touched = touches.leaves.first {
            self.objections[statement.statementID.text] = [touched.unit, touched.leaf]
        }
        tree.append(entry.hash)
        lastRecordedAt = entry.recordedAt
    }

    /// The units whose entries refer to an evidence file: nil when no entry refers to it.
    public func units(referring blob: SHA256Hash) -> Set<UnitCode>? {
        blobs[blob.hex].map { Set($0.compactMap(UnitCode.init)) }
    }

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
