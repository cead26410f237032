import Appraisal
import Foundation
public import LedgerCore
public import LedgerStore

/// The fold kept on the read side in sections, so that a process's act loads what its judgement
/// reads (the campaign's facts, the keys and units it names) instead of the whole fold: an act
/// then costs about the same on a ledger of a million entries as on one of a few thousand
/// (tools/PERFORMANCE.md §5).
///
/// The sections are kept beside the whole fold's snapshot, at the same size, whenever one is
/// kept; a process that acts loads them, catches them up with the entries appended since, and
/// hands the store a head whose rules cover that act only (`StoreHead.isPartial`).
public enum ActSections {
    /// The encoding's version: sections of another version are ignored.
    static let format = 1

    /// At most this many entries are caught up from the kept sections; further behind, the act
    /// loads the whole fold, which then keeps new sections.
    public static let catchUpLimit = 10_000

    /// What every act reads: the format state with the keys of no unit (the authority's,
    /// secretariat's, council's, appraisers'…), the tree's right edge and the campaign's facts.
    struct Head: Codable {
        let format: Int
        let ledger: LedgerState
        let tree: CompactRange
        let lastRecordedAt: Timestamp?
        let campaign: AppraisalState
    }

    static func unitName(_ unit: UnitCode) -> String { "unit/\(unit.text)" }
    static func keyName(_ key: KeyID) -> String { "key/\(key.hex)" }
    static func claimName(_ id: StatementID) -> String { "claim/\(id.text)" }
    static func objectionName(_ id: StatementID) -> String { "objection/\(id.text)" }
    static func formName(_ serial: String) -> String { "form/\(serial)" }

    /// Keeps the fold's sections on the read side; failing costs a later act a whole fold only.
    public static func save(_ fold: LedgerFold, to derived: any DerivedStore) async {
        guard fold.size > 0, let lastRecordedAt = fold.lastRecordedAt, let (head, sections) = encode(fold) else {
            return
        }
        try? await derived.saveActSections(
            head: ProjectionSnapshot(size: fold.size, root: fold.root, lastRecordedAt: lastRecordedAt, bytes: head),
            sections: sections
        )
    }

    /// The head's bytes and every named section of a fold. Unit keys go in sections of their own,
    /// each unit's state in its own; claims, objections and forms name the unit they belong to.
    static func encode(_ fold: LedgerFold) -> (head: [UInt8], sections: [String: [UInt8]])? {
        let state = fold.rules.state
        let encoder = JSONEncoder()
        let head = Head(
            format: format,
            ledger: fold.ledger.keepingKeys { !$0.role.requiresUnit },
            tree: fold.tree,
            lastRecordedAt: fold.lastRecordedAt,
            campaign: state.campaignSection
        )
        guard let headBytes = try? encoder.encode(head) else { return nil }
        var sections: [String: [UInt8]] = [:]
        for unit in state.unitsWithSections {
            guard let bytes = try? encoder.encode(state.unitSection(unit)) else { return nil }
            sections[unitName(unit)] = [UInt8](bytes)
        }
        for key in fold.ledger.keys.values where key.role.requiresUnit {
            guard let bytes = try? encoder.encode(key) else { return nil }
            sections[keyName(key.keyID)] = [UInt8](bytes)
        }
        for (id, claim) in state.claims { sections[claimName(id)] = Array(claim.unit.text.utf8) }
        for (id, objection) in state.objections { sections[objectionName(id)] = Array(objection.key.unit.text.utf8) }
        for (serial, form) in state.forms { sections[formName(serial)] = Array(form.unit.text.utf8) }
        return ([UInt8](headBytes), sections)
    }

    /// How an act may start.
    public enum Start: Sendable {
        /// From this head, made from the sections the batch reads and caught up to the ledger's end.
        case sections(StoreHead)
        /// The batch reads every unit (opening a campaign, the council report): load the whole fold.
        case wholeState
        /// No sections are kept, or they are too far behind or stand for another ledger: load the
        /// whole fold, and keep sections for the next act.
        case stale
    }

    /// The head an append of `batch` starts from, made from the kept sections it reads.
    public static func start(
        for batch: [SignedStatement],
        log: any EventStore,
        derived: any DerivedStore
    ) async throws(StoreError) -> Start {
        var reach = RulesReach()
        for signed in batch { reach.formUnion(AppraisalLedgerRules.reach(of: signed.statement)) }
        if reach.everything { return .wholeState }
        // The read side is derived data: a section it cannot give only costs a whole fold.
        guard let kept = try? await derived.actHead(),
            let head = try? JSONDecoder().decode(Head.self, from: Data(kept.bytes)), head.format == format,
            head.tree.size == kept.size, head.tree.root == kept.root
        else { return .stale }
        let size = try await log.size()
        guard kept.size <= size, size - kept.size <= catchUpLimit, try await log.root(size: kept.size) == kept.root
        else { return .stale }

        // The entries appended since the sections were kept (few, by the limit above), read first:
        // a claim, objection or form the batch names that was recorded among them brings its unit.
        var since: [Entry] = []
        while kept.size + since.count < size {
            let stored = try await log.entries(
                from: kept.size + since.count,
                limit: min(1000, size - kept.size - since.count)
            )
            guard !stored.isEmpty else { break }
            for item in stored {
                do { since.append(try Entry(bytes: item.bytes)) } catch { return .stale }
            }
        }
        let named = reach.claims.union(reach.objections)
        for entry in since {
            guard let event = AppraisalLedgerRules.event(of: entry) else { continue }
            let recorded = event.reach
            if named.contains(entry.statement.statementID) || !recorded.serials.isDisjoint(with: reach.serials) {
                reach.units.formUnion(recorded.units)
            }
        }

        // The units of the claims, objections and forms recorded before, then every section.
        let references =
            reach.claims.map(claimName) + reach.objections.map(objectionName) + reach.serials.map(formName)
        guard let found = try? await derived.actSections(references, size: kept.size) else { return .stale }
        for bytes in found.values {
            if let unit = UnitCode(String(decoding: bytes, as: UTF8.self)) { reach.units.insert(unit) }
        }
        let names = reach.units.map(unitName) + reach.keys.map(keyName)
        guard let sections = try? await derived.actSections(names, size: kept.size) else { return .stale }
        let decoder = JSONDecoder()
        var units: [AppraisalState] = []
        var keys: [KeyRecord] = []
        for (name, bytes) in sections {
            if name.hasPrefix("unit/") {
                guard let unit = try? decoder.decode(AppraisalState.self, from: Data(bytes)) else { return .stale }
                units.append(unit)
            } else {
                guard let key = try? decoder.decode(KeyRecord.self, from: Data(bytes)) else { return .stale }
                keys.append(key)
            }
        }
        var ledger = head.ledger
        ledger.adding(keys)
        var rules = AppraisalLedgerRules(sections: head.campaign, units: units)
        var tree = head.tree
        for entry in since {
            rules.replay(entry)
            ledger.apply(entry)
            tree.append(entry.hash)
        }
        guard tree.size == size else { return .stale }
        return .sections(StoreHead(state: ledger, frontier: tree, rules: rules))
    }
}
