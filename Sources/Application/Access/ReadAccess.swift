public import Appraisal
public import LedgerCore
public import Projections

/// Who may see what (events/PROCESS.md §7): until the authority publishes the results, scores are
/// the council's working papers. The one decision every front end asks before it answers a read;
/// pure, from the reader and the appraisal state of the prefix read.
///
/// | Reader | Before publication | After publication |
/// |---|---|---|
/// | anyone | campaign progress, deadlines, criteria, checkpoints, consistency proofs, the tree's hashes, key registry | + standings, every unit's scorecard and differences |
/// | a unit's officers and leader | + all of their own unit: scorecard, history, evidence, entries (appraisals once preliminary results are issued) | same |
/// | appraisers | + the leaves of their domains in the units they appraise (all but their own), with histories and evidence; a unit's totals only when every domain is theirs | same |
/// | survey clerks | + survey coverage and answers, with the survey's figures (from the answers they key) | same |
/// | council chair, secretariat, authority, auditors | everything, at any date | same |
/// | evidence files | the unit's own people, its appraisers (of the leaves of their domains, and of its claims), the four above | same, unless the campaign opens them |
///
/// What a reader may not see is refused by name (`Withheld`), never silently left out.
public struct Reader: Sendable, Equatable {
    /// The signed-in key, or nil for anyone.
    public let key: KeyRecord?

    public init(key: KeyRecord?) { self.key = key }

    /// Anyone: no session.
    public static let anyone = Reader(key: nil)

    /// The council chair, the secretariat, the authority and auditors see everything, at any date.
    public var seesEverything: Bool {
        guard let role = key?.role else { return false }
        return [.authority, .secretariat, .councilChair, .auditor].contains(role)
    }

    /// The unit whose officer or leader this reader is.
    public var ownUnit: UnitCode? {
        guard let key, key.role == .unitOfficer || key.role == .unitLeader else { return nil }
        return key.unit
    }

    public static func == (left: Reader, right: Reader) -> Bool { left.key?.keyID == right.key?.keyID }
}

/// A read refused to a reader: what is withheld and who may read it.
public struct Withheld: Error, Sendable, CustomStringConvertible {
    public let what: String
    public let readers: String

    public init(what: String, readers: String) {
        self.what = what
        self.readers = readers
    }

    public var description: String { "\(what) is withheld: it is readable by \(readers)" }
}

/// The decisions of the read policy.
public enum ReadAccess: Sendable {
    static let councilAndAuditors = "the council chair, the secretariat, the authority and auditors"

    /// The results are public once the prefix read holds the publication.
    public static func isPublished(_ state: AppraisalState) -> Bool { state.publishedAtSize != nil }

    /// Standings (and rank moves) of a prefix: public once published.
    public static func standings(_ reader: Reader, _ state: AppraisalState) throws(Withheld) {
        guard reader.seesEverything || isPublished(state) else {
            throw Withheld(what: "the standings before publication", readers: councilAndAuditors)
        }
    }

    /// How much of a unit's scorecard (and its differences and history) a reader may see.
    public enum UnitView: Sendable, Equatable {
        /// All of it.
        case whole
        /// All but the appraisals, which its own unit sees once preliminary results are issued.
        case withoutAppraisals
        /// The leaves of these domains, with their histories and evidence, but not the unit's
        /// totals, which the other domains make up: an appraiser's view before publication.
        case domains(Set<CriterionCode>)

        /// Whether a leaf is in view.
        public func shows(_ leaf: CriterionCode) -> Bool {
            guard case .domains(let domains) = self else { return true }
            return domains.contains(leaf.domain)
        }

        /// Whether what names no leaf (or none that reads) is in view: not in a view of some domains.
        public var showsWhatNamesNoLeaf: Bool {
            if case .domains = self { return false }
            return true
        }

        /// What a read over several prefixes shows: what every one of them allows.
        public func narrowed(to other: UnitView) -> UnitView {
            switch (self, other) {
            case (.whole, _): other
            case (_, .whole): self
            case (.domains(let mine), .domains(let theirs)): .domains(mine.intersection(theirs))
            case (.withoutAppraisals, .withoutAppraisals): .withoutAppraisals
            // A unit's own people and its appraisers are different readers, never both at once;
            // should the two views meet, nothing of the unit's leaves is shown rather than too much.
            default: .domains([])
            }
        }

        /// Told apart in kept answers: two views give two answers.
        public var name: String {
            switch self {
            case .whole: ""
            case .withoutAppraisals: "without-appraisals"
            case .domains(let domains): "domains-" + domains.sorted().map(\.text).joined(separator: ",")
            }
        }
    }

    /// A unit's scorecard, differences and leaf histories.
    public static func unit(_ unit: UnitCode, _ reader: Reader, _ state: AppraisalState) throws(Withheld) -> UnitView {
        if reader.seesEverything || isPublished(state) { return .whole }
        if reader.ownUnit == unit { return state.preliminaryIssuedAt == nil ? .withoutAppraisals : .whole }
        if let view = appraisersView(unit, reader, state) { return view }
        throw Withheld(
            what: "unit \(unit.text)'s scores and history before publication",
            readers: "its own officers and leader, its appraisers (the leaves of their domains), " + councilAndAuditors
        )
    }

    /// An appraiser's view of a unit they appraise (any but their own): the leaves of their
    /// domains, or the whole unit when every domain of its criteria set is theirs; nil for a reader
    /// who does not appraise it.
    private static func appraisersView(_ unit: UnitCode, _ reader: Reader, _ state: AppraisalState) -> UnitView? {
        guard let key = reader.key, key.role == .appraiser, let assignment = state.assignments[key.keyID],
            assignment.ownUnit != unit
        else { return nil }
        // A unit without a criteria set in the campaign has no leaves to show, and no totals.
        guard let set = state.criteria(of: unit) else { return .domains([]) }
        let domains = Set(set.domains)
        return domains.isSubset(of: assignment.domains) ? .whole : .domains(domains.intersection(assignment.domains))
    }

    /// A read that shows a unit whole: its differences, its documents.
    public static func wholeUnit(_ unit: UnitCode, _ reader: Reader, _ state: AppraisalState) throws(Withheld) {
        switch try Self.unit(unit, reader, state) {
        case .whole: return
        case .withoutAppraisals:
            throw Withheld(
                what: "unit \(unit.text)'s appraisals before preliminary results",
                readers: "its own people once preliminary results are issued, its appraisers, " + councilAndAuditors
            )
        case .domains:
            throw Withheld(
                what: "unit \(unit.text)'s totals and the domains not assigned to this appraiser before publication",
                readers: "appraisers of every domain of the unit, its own people once preliminary results are issued, "
                    + councilAndAuditors
            )
        }
    }

    /// The differences of every unit at once (no unit named).
    public static func allDifferences(_ reader: Reader, _ state: AppraisalState) throws(Withheld) {
        guard reader.seesEverything || isPublished(state) else {
            throw Withheld(what: "every unit's differences before publication", readers: councilAndAuditors)
        }
    }

    /// The disputes register.
    public static func disputes(_ reader: Reader) throws(Withheld) {
        guard reader.seesEverything else { throw Withheld(what: "the disputes register", readers: councilAndAuditors) }
    }

    /// Whose bonus, deduction and N/A claims a reader may list: every unit's (nil) for those who see
    /// everything and, once published, for anyone; the units an appraiser appraises; a unit's own.
    public static func claims(_ reader: Reader, _ state: AppraisalState) throws(Withheld) -> Set<UnitCode>? {
        if reader.seesEverything || isPublished(state) { return nil }
        if let key = reader.key, key.role == .appraiser, let assignment = state.assignments[key.keyID] {
            return Set(state.units.keys).subtracting([assignment.ownUnit])
        }
        if let unit = reader.ownUnit { return [unit] }
        throw Withheld(
            what: "the claims before publication",
            readers: "the units' own officers and leaders, their appraisers, " + councilAndAuditors
        )
    }

    /// What a list of claims leaves out for a reader (`claims`, `claimDomains`), named; nil when it
    /// lists every claim.
    public static func claimsWithheld(_ reader: Reader, _ state: AppraisalState) -> String? {
        if reader.seesEverything || isPublished(state) { return nil }
        var left: [String] = []
        if let unit = reader.ownUnit { left.append("the claims of units other than \(unit.text)") }
        if let key = reader.key, key.role == .appraiser, let assignment = state.assignments[key.keyID] {
            left.append("the claims of unit \(assignment.ownUnit.text), the appraiser's own")
            left.append(
                "the N/A claims of leaves outside domains "
                    + assignment.domains.sorted().map(\.text).joined(separator: ", ")
            )
        }
        guard !left.isEmpty else { return nil }
        return left.joined(separator: "; ") + ": readable by the units' own people, their appraisers, "
            + councilAndAuditors
    }

    /// Of which domains' leaves a reader may list N/A claims: an appraiser's own before publication;
    /// nil for every domain.
    public static func claimDomains(_ reader: Reader, _ state: AppraisalState) -> Set<CriterionCode>? {
        guard !reader.seesEverything, !isPublished(state), let key = reader.key, key.role == .appraiser else {
            return nil
        }
        return state.assignments[key.keyID]?.domains
    }

    /// The council's minutes: its working papers, for those who see everything.
    public static func minutes(_ reader: Reader) throws(Withheld) {
        guard reader.seesEverything else { throw Withheld(what: "the council's minutes", readers: councilAndAuditors) }
    }

    /// Survey coverage against quota.
    public static func surveyCoverage(_ reader: Reader) throws(Withheld) {
        guard reader.seesEverything || reader.key?.role == .surveyClerk else {
            throw Withheld(what: "the survey coverage", readers: "survey clerks, " + councilAndAuditors)
        }
    }

    /// An entry's bytes (an entry, an inclusion proof carrying it, an entry tile, the export):
    /// its own unit's people see the entries about their unit or signed by them, but the
    /// appraisals of the campaign in course only once preliminary results are issued, as in its
    /// scorecard and history.
    public static func entry(_ entry: Entry, _ reader: Reader, _ state: AppraisalState) throws(Withheld) {
        let statement = entry.statement
        if reader.seesEverything || statement.actor == reader.key?.keyID { return }
        if let unit = reader.ownUnit, statement.payload["unit"]?.stringValue == unit.text {
            let early =
                statement.type == AppraisalEvent.Kind.appraisalRecorded.type && state.preliminaryIssuedAt == nil
                && state.recordedDuring(entry.recordedAt)
            guard early else { return }
            throw Withheld(
                what: "unit \(unit.text)'s appraisals before preliminary results",
                readers: "its own people once preliminary results are issued, the appraiser who signed it, "
                    + councilAndAuditors
            )
        }
        throw Withheld(
            what: "entry contents",
            readers: "the unit an entry concerns, its signer, " + councilAndAuditors
        )
    }

    /// Every entry at once (the export, entry tiles): those who see everything.
    public static func allEntries(_ reader: Reader) throws(Withheld) {
        guard reader.seesEverything else {
            throw Withheld(what: "the entries export", readers: councilAndAuditors)
        }
    }

    /// Of which leaves a reader may see a unit's evidence: all of them for the unit's own people
    /// and those who see everything; an appraiser's domains, at any date, since evidence is not
    /// published with the results; all of the published campaign's for anyone, if its plan opens
    /// evidence (of that campaign only: `showsEvidence`).
    public static func evidenceView(
        _ unit: UnitCode,
        _ reader: Reader,
        _ state: AppraisalState
    ) throws(Withheld) -> UnitView {
        if let view = ownEvidenceView(unit, reader, state) { return view }
        if opensEvidence(state) { return .whole }
        throw Withheld(what: "unit \(unit.text)'s evidence files", readers: evidenceReaders(state))
    }

    /// Whether a reader sees one item of a unit's evidence (given for `leaf`, or for the unit as a
    /// whole, at `recordedAt`): by who they are, or because the published campaign opened the
    /// evidence recorded during it.
    public static func showsEvidence(
        of unit: UnitCode,
        leaf: CriterionCode?,
        recordedAt: Timestamp,
        _ reader: Reader,
        _ state: AppraisalState
    ) -> Bool {
        if let view = ownEvidenceView(unit, reader, state), leaf.map(view.shows) ?? view.showsWhatNamesNoLeaf {
            return true
        }
        return opensEvidence(state) && state.recordedDuring(recordedAt)
    }

    /// The evidence a reader sees by who they are, whatever the plan opens.
    private static func ownEvidenceView(_ unit: UnitCode, _ reader: Reader, _ state: AppraisalState) -> UnitView? {
        if reader.seesEverything || reader.ownUnit == unit { return .whole }
        return appraisersView(unit, reader, state)
    }

    /// An evidence file, given what the entries that refer to it concern: shown to a reader who may
    /// see the evidence of one of the leaves it was given for (or of the whole unit, for a file
    /// given for the unit as a whole). A file no entry refers to is served to nobody.
    public static func evidence(
        referencedBy use: EvidenceUse?,
        _ reader: Reader,
        _ state: AppraisalState
    ) throws(Withheld) {
        guard let use else {
            throw Withheld(what: "a file no entry refers to", readers: "nobody until an entry refers to it")
        }
        if reader.seesEverything { return }
        // A document of the council or the authority (its report, a decision): public once published.
        if use.units.isEmpty {
            // An earlier campaign's were published before the next one could open.
            let earlier = use.lastReferredAt.map { at in state.openedAt.map { at < $0 } ?? false } ?? false
            guard isPublished(state) || earlier else {
                throw Withheld(
                    what: "the council's and the authority's documents before publication",
                    readers: councilAndAuditors
                )
            }
            return
        }
        // A campaign opens its own evidence, not that of the years before it, whose plans may not have.
        if opensEvidence(state), use.lastReferredAt.map(state.recordedDuring) == true { return }
        for unit in use.units {
            guard let view = ownEvidenceView(unit, reader, state) else { continue }
            // Every appraiser of the unit decides its claims, whatever their domains.
            if use.backsClaim(of: unit) { return }
            if use.concernsWhole(unit) && view.showsWhatNamesNoLeaf { return }
            if use.leaves(of: unit).contains(where: view.shows) { return }
        }
        throw Withheld(what: "evidence files", readers: evidenceReaders(state))
    }

    /// Whether the published campaign's plan opens its evidence to anyone.
    private static func opensEvidence(_ state: AppraisalState) -> Bool {
        isPublished(state) && state.campaign?.evidenceIsPublic == true
    }

    private static func evidenceReaders(_ state: AppraisalState) -> String {
        "the unit they concern, its appraisers (of the leaves of their domains), " + councilAndAuditors
            + (state.campaign?.evidenceIsPublic == true ? ", and anyone after publication" : "")
    }
}
