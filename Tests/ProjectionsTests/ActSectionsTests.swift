import Appraisal
import Foundation
import LedgerCore
import LedgerScenarios
import LedgerStore
import LedgerTestSupport
import Projections
import Testing

/// An act judged on the sections it reads (`RulesReach`) is judged as on the whole state, and the
/// sections kept on the read side give back exactly those parts of the fold.
@Suite("Act sections")
struct ActSectionsTests {
    /// The demo's two campaigns (publication, correction and the next year included), written once.
    static let demo = Task { () throws -> (entries: [Entry], blobs: [[UInt8]]) in
        // A SQLite store: its appends run off Swift concurrency's few threads, which the other
        // suites' tests need meanwhile.
        let store = try Stores.make("sqlite", rules: AppraisalLedgerRules())
        var demo = DemoCampaign(store: store, samples: SeededStatements.repositorySamples)
        try await demo.run()
        try await demo.publishAndCorrect()
        try await demo.nextYear()
        let size = try await store.size()
        let entries = try await store.entries(from: 0, limit: size).map { try Entry(bytes: $0.bytes) }
        var blobs: [[UInt8]] = []
        for hash in try await store.blobHashes() { if let bytes = try await store.blob(hash) { blobs.append(bytes) } }
        return (entries, blobs)
    }

    static func demoEntries() async throws -> [Entry] { try await demo.value.entries }

    /// A store holding the demo's first `count` entries (and every evidence file).
    static func demoPrefix(_ count: Int) async throws -> any EventStore {
        let (entries, blobs) = try await demo.value
        let store = try Stores.make("sqlite")
        for bytes in blobs { _ = try await store.putBlob(bytes) }
        _ = try await store.append(entries.prefix(count).map(\.signed), recordedAt: entries[count - 1].recordedAt)
        return store
    }

    /// The outcome of judging `entry` with `rules` on `ledger`: admitted, or the refusal's words.
    static func judgement(
        _ entry: Entry,
        _ rules: AppraisalLedgerRules,
        _ ledger: LedgerState,
        _ tree: CompactRange
    ) -> String {
        var rules = rules
        do throws(LedgerViolation) {
            try rules.admit(entry, ledger: ledger, tree: tree)
            return "admitted"
        } catch {
            return "\(error.code) \(error.reason ?? "") \(error.message)"
        }
    }

    /// The rules and keys an act of `statement` loads: the campaign's section, the sections of
    /// the units it reaches (those of the claims, objections and forms it names included), the
    /// keys of no unit and the keys it names.
    static func sectioned(
        _ statement: Statement,
        _ state: AppraisalState,
        _ ledger: LedgerState
    ) -> (AppraisalLedgerRules, LedgerState)? {
        var reach = AppraisalLedgerRules.reach(of: statement)
        if reach.everything { return nil }
        reach.units = state.units(of: reach)
        let rules = AppraisalLedgerRules(sections: state.campaignSection, units: reach.units.map(state.unitSection))
        var keys = ledger.keepingKeys { !$0.role.requiresUnit }
        keys.adding(reach.keys.compactMap { ledger.keys[$0] })
        return (rules, keys)
    }

    /// Judges every entry, and every ninth statement again at several points, with the whole
    /// state and with its sections. Returns the counts and the judgements that differ.
    static func compareJudgements(_ entries: [Entry]) -> (Int, Int, Int, [String]) {
        var rules = AppraisalLedgerRules()
        var ledger = LedgerState()
        var tree = CompactRange()
        // Every statement of the ledger, judged again at its own time against the state at
        // several points of the campaigns: admitted and refused for many reasons.
        let checkpoints = Set(stride(from: 400, to: entries.count, by: 600))
        let probes = entries.enumerated().filter { $0.offset % 9 == 0 }.map(\.element)
        var compared = 0
        var refused = 0
        var campaignWide = 0
        var mismatches: [String] = []
        func compare(_ entry: Entry, _ statement: Statement, at point: Int) -> String? {
            let whole = judgement(entry, rules, ledger, tree)
            guard let (partial, keys) = sectioned(statement, rules.state, ledger) else { return nil }
            let onSections = judgement(entry, partial, keys, tree)
            if onSections != whole {
                mismatches.append("entry \(statement.statementID) at \(point): \(whole) ≠ \(onSections)")
            }
            compared += 1
            return whole
        }
        for entry in entries {
            if ledger.ledgerID != nil {
                if compare(entry, entry.statement, at: entry.seq) == nil { campaignWide += 1 }
                if checkpoints.contains(entry.seq) {
                    for probe in probes {
                        let again = Entry(
                            seq: entry.seq,
                            recordedAt: probe.statement.claimedAt,
                            prev: entry.prev,
                            signed: probe.signed
                        )
                        if let whole = compare(again, probe.statement, at: entry.seq), whole != "admitted" {
                            refused += 1
                        }
                    }
                }
            }
            rules.replay(entry)
            ledger.apply(entry)
            tree.append(entry.hash)
        }
        return (compared, refused, campaignWide, mismatches)
    }

    @Test
    func everyActIsJudgedOnItsSectionsAsOnTheWholeState() async throws {
        let entries = try await Self.demoEntries()
        // Long and synchronous: on a thread of its own, not one of Swift concurrency's few.
        let (compared, refused, campaignWide, mismatches) = try await BlockingWork.run { () throws(StoreError) in
            Self.compareJudgements(entries)
        }
        #expect(mismatches == [])
        #expect(compared > 5_000 && refused > 500 && campaignWide >= 3)
    }

    @Test
    func theCampaignAndItsUnitsSectionsAddUpToTheWholeState() async throws {
        let entries = try await Self.demoEntries()
        var rules = AppraisalLedgerRules()
        for entry in entries.prefix(2_600) { rules.replay(entry) }
        let state = rules.state
        var merged = state.campaignSection
        for unit in state.unitsWithSections.sorted() { merged.merge(state.unitSection(unit)) }
        merged = AppraisalLedgerRules(sections: merged, units: []).state
        #expect(!state.selfScores.isEmpty && !state.forms.isEmpty && !state.claims.isEmpty)
        #expect(merged == state)
        #expect(state.campaignSection.selfScores.isEmpty && state.campaignSection.units.isEmpty)
    }

    @Test
    func anActStartsFromTheKeptSectionsCaughtUpWithTheEntriesSince() async throws {
        let entries = try await Self.demoEntries()
        let derived = InMemoryDerivedStore()
        // Sections kept 300 entries before the end of round one's first part, then the ledger goes on.
        let end = 2_400
        let store = try await Self.demoPrefix(end - 300)
        await ActSections.save(try await LedgerFold.load(store), to: derived)
        for entry in entries[(end - 300)..<end] {
            _ = try await store.append([entry.signed], recordedAt: entry.recordedAt)
        }
        let whole = try await LedgerFold.load(store)

        let probes = entries.prefix(end).filter {
            let reach = AppraisalLedgerRules.reach(of: $0.statement)
            return !reach.everything && !(reach.units.isEmpty && reach.claims.isEmpty && reach.objections.isEmpty)
        }
        var checked = 0
        for probe in probes.enumerated().filter({ $0.offset % 40 == 0 }).map(\.element) {
            guard
                case .sections(let head) = try await ActSections.start(
                    for: [probe.signed],
                    log: store,
                    derived: derived
                ),
                let rules = head.rules as? AppraisalLedgerRules
            else {
                Issue.record("no sections for entry \(probe.seq)")
                continue
            }
            #expect(head.isPartial && head.state.size == end && head.frontier.root == whole.root)
            #expect(head.state.keys[probe.statement.actor] == whole.ledger.keys[probe.statement.actor])
            var units = AppraisalLedgerRules.reach(of: probe.statement).units
            units.formUnion(rules.state.claims.values.map(\.unit))
            for unit in units {
                #expect(rules.state.unitSection(unit) == whole.state.unitSection(unit), "unit \(unit)")
            }
            #expect(rules.state.campaignSection == whole.state.campaignSection)
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test
    func anActThatReadsEveryUnitOrComesTooLateLoadsTheWholeFold() async throws {
        let entries = try await Self.demoEntries()
        let derived = InMemoryDerivedStore()
        let store = try await Self.demoPrefix(600)
        let score = try #require(entries.prefix(600).last { $0.statement.type.text == "selfScore.recorded/v1" })
        // Nothing kept yet.
        guard case .stale = try await ActSections.start(for: [score.signed], log: store, derived: derived) else {
            Issue.record("an act started from sections that were never kept")
            return
        }
        await ActSections.save(try await LedgerFold.load(store), to: derived)
        guard case .sections = try await ActSections.start(for: [score.signed], log: store, derived: derived) else {
            Issue.record("an act did not start from the sections just kept")
            return
        }
        // The campaign's opening reads every unit.
        let opening = try #require(entries.first { $0.statement.type.text == "campaign.opened/v1" })
        guard case .wholeState = try await ActSections.start(for: [opening.signed], log: store, derived: derived) else {
            Issue.record("opening a campaign started from sections")
            return
        }
        // Sections of another ledger's prefix (a root that does not match) are not used.
        let other = try await Self.demoPrefix(598)
        _ = try await other.append([entries[650].signed], recordedAt: entries[650].recordedAt)
        let foreign = InMemoryDerivedStore()
        await ActSections.save(try await LedgerFold.load(other), to: foreign)
        let (otherRoot, root) = (try await other.root(size: 599), try await store.root(size: 599))
        #expect(otherRoot != root)
        guard case .stale = try await ActSections.start(for: [score.signed], log: store, derived: foreign) else {
            Issue.record("sections of another ledger were used")
            return
        }
    }

    /// A decision on a claim or objection, or a form invalidated, whose claim, objection or form
    /// was recorded after the sections were kept: its unit comes from the entries since.
    @Test(arguments: ["objection.resolved/v1", "bonusPenalty.decided/v1", "surveyForm.invalidated/v1"])
    func whatWasRecordedSinceTheSectionsBringsItsUnit(type: String) async throws {
        let entries = try await Self.demoEntries()
        let decision = try #require(entries.first { $0.statement.type.text == type })
        let event = try #require(AppraisalLedgerRules.event(of: decision))
        let reach = event.reach
        // The entry that recorded what the decision names.
        let recorded = try #require(
            entries.first { entry in
                guard entry.seq < decision.seq else { return false }
                if reach.claims.union(reach.objections).contains(entry.statement.statementID) { return true }
                let batch = AppraisalLedgerRules.event(of: entry)?.reach.serials ?? []
                return !batch.isDisjoint(with: reach.serials)
            }
        )
        #expect(decision.seq - recorded.seq < ActSections.catchUpLimit)
        let store = try await Self.demoPrefix(recorded.seq)
        let derived = InMemoryDerivedStore()
        await ActSections.save(try await LedgerFold.load(store), to: derived)
        for entry in entries[recorded.seq..<decision.seq] {
            _ = try await store.append([entry.signed], recordedAt: entry.recordedAt)
        }
        let whole = try await LedgerFold.load(store)
        guard
            case .sections(let head) = try await ActSections.start(for: [decision.signed], log: store, derived: derived),
            let rules = head.rules as? AppraisalLedgerRules
        else {
            Issue.record("no sections for \(type)")
            return
        }
        let units = try #require(AppraisalLedgerRules.event(of: recorded)).reach.units
        #expect(!units.isEmpty)
        for unit in units {
            #expect(rules.state.units[unit] != nil, "unit \(unit) of \(type)")
            #expect(rules.state.unitSection(unit) == whole.state.unitSection(unit), "unit \(unit) of \(type)")
        }
        let wholeRules = try #require(whole.storeHead.rules as? AppraisalLedgerRules)
        let again = Entry(
            seq: head.state.size,
            recordedAt: decision.recordedAt,
            prev: head.state.lastHash,
            signed: decision.signed
        )
        #expect(
            Self.judgement(again, rules, head.state, head.frontier)
                == Self.judgement(again, wholeRules, whole.ledger, head.frontier)
        )
    }

    /// `log --unit`: an entry is about the units it names, those of the claims and objections it
    /// decides, and the unit of the officer or leader who signed it; never the appraiser's own.
    @Test func anEntryIsAboutWhatItNamesDecidesOrItsPeopleSign() async throws {
        let entries = try await Self.demoEntries()
        var fold = LedgerFold()
        for entry in entries { fold.fold(entry) }
        var appraisals = 0
        var decisions = 0
        for entry in entries {
            let about = fold.units(concernedBy: entry.statement)
            switch AppraisalLedgerRules.event(of: entry) {
            case .appraisalRecorded(let unit, _, _, _, _, _, _):
                #expect(about == [unit], "entry \(entry.seq)")
                appraisals += 1
            case .unitEnrolled(let unit, _, _):
                #expect(about.contains(unit), "entry \(entry.seq)")
            case .objectionResolved(let objection, _, _, _):
                let unit = fold.campaigns.compactMap { $0.objections[objection]?.key.unit }.first
                #expect(unit != nil && about.contains(unit!), "entry \(entry.seq)")
                decisions += 1
            case .bonusPenaltyDecided(let claim, _, _, _):
                let unit = fold.campaigns.compactMap { $0.claims[claim]?.unit }.first
                #expect(unit != nil && about.contains(unit!), "entry \(entry.seq)")
                decisions += 1
            default:
                break
            }
        }
        #expect(appraisals > 100 && decisions > 2)
    }
}
