import Appraisal
import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Projections
import Testing

@Suite("Projection engine")
struct ProjectionEngineTests {
    /// The same campaign on a store: SNV submits, is appraised, objects; the council resolves.
    func campaign(on store: any EventStore) async throws -> CampaignFixture {
        let given = CampaignFixture(store: store)
        try await given.objected()
        return given
    }

    func reports(_ store: any EventStore, upTo limit: LedgerFold.Limit = .everything) async throws -> [[UInt8]] {
        let fold = try await LedgerFold.load(store, upTo: limit)
        let snv = try #require(UnitCode("SNV"))
        return [
            Reports.standings(fold.state), Reports.differences(fold.state), Reports.surveyCoverage(fold.state),
            Reports.disputes(fold.state), try #require(Reports.scores(fold.state, unit: snv)),
        ].map { CanonicalJSON.encode(Reports.sealed($0, fold: fold, asOf: nil)) }
    }

    @Test func everyStoreGivesTheSameBytes() async throws {
        let memory = try Stores.make("memory", rules: AppraisalLedgerRules())
        let sqlite = try Stores.make("sqlite", rules: AppraisalLedgerRules())
        _ = try await campaign(on: memory)
        _ = try await campaign(on: sqlite)
        let fromMemory = try await reports(memory)
        #expect(fromMemory == (try await reports(sqlite)))
        #expect(fromMemory.allSatisfy { !$0.isEmpty })
    }

    @Test func asOfATimeIsThePrefixRecordedByThen() async throws {
        let given = try await campaign(on: Stores.make("memory", rules: AppraisalLedgerRules()))
        // Before round 1 the leaf is provisional; the objection does not exist yet.
        let before = try await LedgerFold.load(given.store, upTo: .asOf(given.day(11)))
        let snv = try #require(UnitCode("SNV"))
        let card = try #require(Scorecard.of(snv, in: before.state))
        #expect(card.leaves.first { $0.code.text == "1.1" }?.provisional == true)
        #expect(before.state.objections.isEmpty)
        // The same prefix by size gives the same root and the same reports.
        let bySize = try await LedgerFold.load(given.store, upTo: .size(before.size))
        #expect(bySize.root == before.root)
        #expect(
            try await reports(given.store, upTo: .size(before.size))
                == (try await reports(given.store, upTo: .asOf(given.day(11))))
        )
        #expect(before.root == (try await given.store.root(size: before.size)))
    }

    @Test func aFoldCatchesUpWithLaterEntriesIncrementally() async throws {
        let given = try await campaign(on: Stores.make("sqlite", rules: AppraisalLedgerRules()))
        var fold = try await LedgerFold.load(given.store, upTo: .size(10))
        #expect(fold.size == 10)
        try await fold.catchUp(given.store)
        let full = try await LedgerFold.load(given.store)
        #expect(fold.size == full.size)
        #expect(fold.root == full.root)
        #expect(
            CanonicalJSON.encode(.object(Reports.standings(fold.state)))
                == CanonicalJSON.encode(.object(Reports.standings(full.state)))
        )
    }

    @Test func aReportsDigestChangesWithTheLedgerPrefix() async throws {
        let given = try await campaign(on: Stores.make("memory", rules: AppraisalLedgerRules()))
        let now = try await LedgerFold.load(given.store)
        let earlier = try await LedgerFold.load(given.store, upTo: .size(now.size - 1))
        let digest = { (fold: LedgerFold) in
            Reports.sealed(Reports.disputes(fold.state), fold: fold, asOf: nil)["digest"]
        }
        #expect(digest(now) != digest(earlier))
        #expect(digest(now) == digest(try await LedgerFold.load(given.store)))
    }
}

@Suite("Projection snapshots")
struct ProjectionSnapshotTests {
    func ledger(_ kind: String) async throws -> any EventStore {
        let store = try Stores.make(kind, rules: AppraisalLedgerRules())
        let given = CampaignFixture(store: store)
        try await given.submitted()
        try await given.act(.appraisalRecorded, given.appraisal("1.1", "1"), by: given.appraiser, at: given.day(12))
        try await given.act(.preliminaryResultsIssued, [:], by: given.secretariat, at: given.day(21))
        return store
    }

    func bytes(_ fold: LedgerFold) -> [UInt8] {
        CanonicalJSON.encode(Reports.sealed(Reports.standings(fold.state), fold: fold, asOf: nil))
    }

    @Test(arguments: Stores.kinds)
    func aReadFromASnapshotEqualsAFullReplay(kind: String) async throws {
        let store = try await ledger(kind)
        let derived = Stores.derived(for: store)
        var first = LedgerFold()
        try await first.catchUp(store, keepingIn: derived, snapshotEvery: 4)
        let size = try await store.size()
        let snapshot = try #require(try await derived.latestSnapshot(atMost: nil, recordedAtMost: nil))
        #expect(snapshot.size == size / 4 * 4)
        #expect(snapshot.root == (try await store.root(size: snapshot.size)))
        for limit: LedgerFold.Limit in [.everything, .size(size - 1), .size(9), .size(3)] {
            let replayed = try await LedgerFold.load(store, upTo: limit)
            let fromSnapshot = try await LedgerFold.load(store, derived: derived, upTo: limit, snapshotAfter: nil)
            #expect(bytes(fromSnapshot) == bytes(replayed))
            #expect(fromSnapshot.root == replayed.root)
        }
    }

    @Test func aSnapshotThatDoesNotMatchTheLedgerIsIgnored() async throws {
        let store = try await ledger("memory")
        let derived = InMemoryDerivedStore()
        let size = try await store.size()
        // A snapshot of an empty fold claiming to stand for the whole ledger, under a wrong root.
        let empty = try JSONEncoder().encode(LedgerFold())
        for root in [SHA256Hash.zero, try await store.root(size: size)] {
            derived.saveSnapshot(
                ProjectionSnapshot(
                    size: size,
                    root: root,
                    lastRecordedAt: Timestamp(text: "2023-10-01T01:00:00.000Z")!,
                    bytes: [UInt8](empty)
                )
            )
            let loaded = try await LedgerFold.load(store, derived: derived, snapshotAfter: nil)
            #expect(bytes(loaded) == bytes(try await LedgerFold.load(store)))
        }
    }
}

extension ProjectionSnapshotTests {
    @Test func aLongReadKeepsOneSnapshotWhereItEnded() async throws {
        let store = try await ledger("sqlite")
        let derived = Stores.derived(for: store)
        let size = try await store.size()
        _ = try await LedgerFold.load(store, derived: derived, upTo: .size(size - 2), snapshotAfter: 5)
        let kept = try #require(try await derived.latestSnapshot(atMost: nil, recordedAtMost: nil))
        #expect(kept.size == size - 2)
        // A read that replays fewer entries than that keeps none.
        _ = try await LedgerFold.load(store, derived: derived, snapshotAfter: 5)
        #expect(try await derived.latestSnapshot(atMost: nil, recordedAtMost: nil)?.size == size - 2)
    }
}

@Suite("Standings kept for the end of each day")
struct DayEndStandingsTests {
    func ledger(_ kind: String) async throws -> (store: any EventStore, given: CampaignFixture) {
        let store = try Stores.make(kind, rules: AppraisalLedgerRules())
        let given = CampaignFixture(store: store)
        try await given.objected()
        return (store, given)
    }

    /// What a fold up to the moment gives, sealed as `standings --as-of … --format json` prints it.
    func folded(_ store: any EventStore, asOf moment: Timestamp) async throws -> [UInt8] {
        let fold = try await LedgerFold.load(store, upTo: .asOf(moment))
        return CanonicalJSON.encode(Reports.sealed(Reports.standings(fold.state), fold: fold, asOf: moment))
    }

    /// Every date of the campaign, and instants inside its days.
    func moments(_ given: CampaignFixture) -> [Timestamp] {
        let dates = (0..<40).compactMap { day in
            AsOf.moment(String(given.day(Int64(day) - 5).text.prefix(10)))
        }
        let instants = (0..<30).flatMap { day in [0, 5, 13].map { given.day(Int64(day), hours: $0) } }
        return dates + instants
    }

    @Test(arguments: Stores.kinds)
    func aKeptDayEndGivesTheBytesAFoldGives(kind: String) async throws {
        let (store, given) = try await ledger(kind)
        let derived = Stores.derived(for: store)
        var fold = LedgerFold()
        try await fold.catchUp(store, keepingIn: derived, keepingDayEnds: .whenMissing)
        await DayEndStandings.keep(fold, in: derived)
        let opened = try #require(try await LedgerFold.load(store).state.campaign).deadlines.selfScoringOpens
        var answered = 0
        for moment in moments(given) {
            guard let kept = try await DayEndStandings.sealed(store, derived: derived, asOf: moment) else { continue }
            answered += 1
            #expect(kept == (try await folded(store, asOf: moment)), "as of \(moment)")
        }
        // Every date from the campaign's opening day on is a day's end: each is kept.
        let dates = (0..<40).compactMap { AsOf.moment(String(given.day(Int64($0) - 5).text.prefix(10))) }
        for date in dates where date >= opened {
            #expect(try await DayEndStandings.sealed(store, derived: derived, asOf: date) != nil, "as of \(date)")
        }
        #expect(answered > 20)
    }

    @Test func aKeptAnswerIsUsedOnlyForExactlyItsPrefixAndRoot() async throws {
        let (store, _) = try await ledger("sqlite")
        let derived = Stores.derived(for: store)
        let size = try await store.size()
        let last = try Entry(bytes: try #require(try await store.entries(from: size - 1, limit: 1).first).bytes)
        let previous = try Entry(bytes: try #require(try await store.entries(from: size - 2, limit: 1).first).bytes)
        let shorter = try await LedgerFold.load(store, upTo: .size(size - 1))
        let body = CanonicalJSON.encode(.object(Reports.standings(shorter.state)))
        // Kept one entry short: as of the last entry's time, the prefix is one entry longer.
        try await derived.saveReport(
            ProjectionSnapshot(size: size - 1, root: shorter.root, lastRecordedAt: previous.recordedAt, bytes: body),
            named: DayEndStandings.name
        )
        if previous.recordedAt < last.recordedAt {
            #expect(try await DayEndStandings.sealed(store, derived: derived, asOf: previous.recordedAt) != nil)
        }
        #expect(try await DayEndStandings.sealed(store, derived: derived, asOf: last.recordedAt) == nil)
        // Kept for the whole ledger under a root that is not the ledger's: ignored.
        try await derived.saveReport(
            ProjectionSnapshot(size: size, root: .zero, lastRecordedAt: last.recordedAt, bytes: body),
            named: DayEndStandings.name
        )
        #expect(try await DayEndStandings.sealed(store, derived: derived, asOf: last.recordedAt) == nil)
        // Kept again by a rebuild: used, and the same bytes as the fold.
        await DayEndStandings.keep(try await LedgerFold.load(store), in: derived, .replacing)
        let kept = try #require(try await DayEndStandings.sealed(store, derived: derived, asOf: last.recordedAt))
        #expect(kept == (try await folded(store, asOf: last.recordedAt)))
    }
}
