import Application
import Appraisal
import Foundation
import HTTPTypes
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Server
import Testing

/// Who may read what (events/PROCESS.md §7), route by route: every GET route × every kind of
/// reader (and no session) × before and after publication, from one table; a withheld answer
/// carries nothing of what it withholds.
@Suite struct ServerAccessPolicyTests {
    /// The readers of the table, in its column order.
    enum Who: Int, CaseIterable {
        case anyone, ownOfficer, otherOfficer, appraiser, clerk, secretariat, chair, authority, ownLeader, auditor

        func key(_ fixture: CampaignFixture) -> SigningKey? {
            switch self {
            case .anyone: nil
            case .ownOfficer: fixture.officer
            case .otherOfficer: fixture.otherOfficer
            case .appraiser: fixture.appraiser
            case .clerk: fixture.clerk
            case .secretariat: fixture.secretariat
            case .chair: fixture.chair
            case .authority: fixture.authority
            case .ownLeader: fixture.leader
            case .auditor: ServerAccessPolicyTests.auditor
            }
        }
    }

    /// An auditor's key, registered by the test: auditors read everything, at any date.
    static let auditor = SigningKey(seed: Array(repeating: 41, count: 32), name: "Kiểm toán viên Nhà nước")!

    /// Expected statuses per reader (`Who`'s order): `P` public (200 for all), `X` everything only,
    /// `U` unit scope (own officer and leader, SNV's appraiser, of the leaves of their domain), `E` the entry's unit only, `C` the
    /// clerk too.
    static let O: [Int] = [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]
    static let X: [Int] = [401, 403, 403, 403, 403, 200, 200, 200, 403, 200]
    static let U: [Int] = [401, 200, 403, 200, 403, 200, 200, 200, 200, 200]
    static let E: [Int] = [401, 200, 403, 403, 403, 200, 200, 200, 200, 200]
    static let C: [Int] = [401, 403, 403, 403, 200, 200, 200, 200, 403, 200]
    static let S: [Int] = [401, 200, 200, 200, 200, 200, 200, 200, 200, 200]
    /// Keying in survey forms: the secretariat and survey clerks only.
    static let K: [Int] = [401, 403, 403, 403, 200, 200, 403, 403, 403, 403]
    /// The unit whole (its differences, its documents): `U` but the appraiser, who appraises one of
    /// SNV's two domains.
    static let W: [Int] = [401, 200, 403, 403, 403, 200, 200, 200, 200, 200]
    /// Listed within what each may see (claims): every signed-in reader but the clerk.
    static let L: [Int] = [401, 200, 200, 200, 403, 200, 200, 200, 200, 200]

    /// Route → (before publication, after publication).
    static func table(entry: Int, blob: String, from: String, to: String, keyID: String) -> [(String, [Int], [Int])] {
        [
            ("/api/campaign", O, O), ("/api/ledger", O, O), ("/api/checkpoint", O, O), ("/api/checkpoint/note", O, O),
            ("/api/tlog/checkpoint", O, O), ("/api/units/SNV/criteria", O, O), ("/api/survey/templates", O, O),
            ("/api/proofs/consistency?from=3", O, O), ("/api/tlog/tile/0/000.p/3", O, O), ("/openapi.json", O, O),
            ("/", O, O), ("/assets/app.js", O, O), ("/api/keys/\(keyID)", O, O),
            ("/api/keys/\(keyID)/receipt", O, O), ("/api/survey/sheet?template=department-2023", K, K),
            ("/api/standings", X, O),
            ("/api/standings?atSeq=20", X, X), ("/api/diff?from=\(from)&to=\(to)", X, O), ("/api/trend", X, O),
            ("/api/todo", S, S),
            ("/api/units/SNV/scores", U, O), ("/api/units/SNV/history", U, O),
            ("/api/units/SNV/leaves/1.1/history", U, O),
            ("/api/differences?unit=SNV", W, O), ("/api/differences", X, O), ("/api/disputes", X, X),
            ("/api/claims", L, O), ("/api/claims?unit=SNV&status=pending", U, O),
            ("/api/survey/coverage", C, C),
            ("/api/survey/answers?template=department-2023", C, C), ("/api/entries/\(entry)", E, E),
            ("/api/proofs/inclusion?seq=\(entry)", E, E),
            ("/api/blobs/\(blob)", U, U), ("/api/units/SNV/evidence", U, U), ("/api/export/entries.jsonl", X, X),
            ("/api/export/blobs", X, X),
            ("/api/tlog/tile/entries/000.p/3", X, X), ("/api/session", S, S),
            // Documents show what the reads show, and are withheld alike.
            ("/api/reports/results", X, O), ("/api/reports/results?atSeq=20&format=csv", X, X),
            ("/api/reports/scorecard?unit=SNV", W, O), ("/api/reports/differences?unit=SNV&format=xlsx", W, O),
            ("/api/reports/differences", X, O), ("/api/reports/disputes", X, X), ("/api/reports/survey", C, C),
            ("/api/reports/minutes?lang=en", X, X),
        ]
    }

    @Test func everyRouteAnswersEachReaderAsThePolicySays() async throws {
        let harness = APIHarness()
        let fixture = harness.fixture
        let filed = try await fixture.objected()
        let auditor = Self.auditor
        let registered = fixture.day(22, hours: 1)
        let registration = fixture.sign(
            ControlEvent.keyRegisteredType,
            [
                "keyId": .string(auditor.keyID.hex), "name": .string(auditor.name),
                "publicKey": .string(auditor.publicKey.text), "role": "auditor",
            ],
            by: fixture.authority,
            at: registered
        )
        _ = try await fixture.store.append([registration], recordedAt: registered)
        let evidence = SHA256Hash.of(Array("Kế hoạch CCHC năm 2023 — 1.1".utf8)).hex
        let officersEntry = filed.seq
        let from = String(fixture.day(5).text.prefix(10))
        let to = String(fixture.day(12).text.prefix(10))
        try await signCheckpoint(fixture)
        harness.clock.set(fixture.day(23))
        try await check(
            harness,
            phase: 0,
            table: Self.table(
                entry: officersEntry,
                blob: evidence,
                from: from,
                to: to,
                keyID: fixture.officer.keyID.hex
            )
        )

        try await fixture.act(
            .objectionResolved,
            [
                "objection": .string(filed.statement.statementID.text), "outcome": "accepted", "points": "1",
                "reasoning": "Có căn cứ",
            ],
            by: fixture.chair,
            at: fixture.day(33)
        )
        try await fixture.appraisedTheRest(round: 2, at: fixture.day(34))
        try await fixture.published()
        try await signCheckpoint(fixture)
        harness.clock.set(fixture.day(43))
        let later = String(fixture.day(42).text.prefix(10))
        try await check(
            harness,
            phase: 1,
            table: Self.table(
                entry: officersEntry,
                blob: evidence,
                from: later,
                to: later,
                keyID: fixture.officer.keyID.hex
            )
        )
    }

    /// Requests every route of the table as every reader and checks the status; answers that
    /// withhold are errors that name who may read, and nothing else.
    func check(_ harness: APIHarness, phase: Int, table: [(String, [Int], [Int])]) async throws {
        let fixture = harness.fixture
        let served = Set(harness.server.routes().filter { $0.method == "get" }.map(\.path))
        let covered = Set(table.map { Self.pattern($0.0) })
        #expect(served.subtracting(covered).isEmpty, "routes the table misses: \(served.subtracting(covered).sorted())")
        try await harness.run { api in
            for who in Who.allCases {
                var token: String?
                if let key = who.key(fixture) { token = try await api.signIn(key) }
                for (uri, before, after) in table {
                    let expected = (phase == 0 ? before : after)[who.rawValue]
                    let answer = try await api.get(uri, token: token)
                    #expect(
                        Int(answer.status.code) == expected,
                        "\(phase == 0 ? "before" : "after") publication, \(who), \(uri): \(answer.text.prefix(200))"
                    )
                    if expected != 200 {
                        // Without a session, /api/session and /api/todo are not withheld: there is nobody to
                        // describe. The keying sheet is the first step of an act: refused by role, as acts are.
                        let refusal =
                            uri.hasPrefix("/api/survey/sheet")
                            ? (who == .anyone ? "session-required" : "role")
                            : ["/api/session", "/api/todo"].contains(uri) ? "session-required" : "withheld"
                        #expect(answer.code == refusal, "\(who) \(uri)")
                        #expect(
                            answer.json.objectValue?.keys.sorted() == ["code", "detail", "field", "index", "message"]
                        )
                        #expect(!answer.text.contains("\"points\"") && !answer.text.contains("Ban hành đúng hạn"))
                    }
                }
            }
        }
    }

    /// The OpenAPI path a request URI is served by.
    static func pattern(_ uri: String) -> String {
        let path = String(uri.split(separator: "?", maxSplits: 1)[0])
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count > 1 else { return path }
        switch (parts[safe: 1], parts[safe: 2]) {
        case ("units", _):
            if path.hasSuffix("/criteria") { return "/api/units/{unit}/criteria" }
            if path.hasSuffix("/scores") { return "/api/units/{unit}/scores" }
            if path.hasSuffix("/evidence") { return "/api/units/{unit}/evidence" }
            if path.contains("/leaves/") { return "/api/units/{unit}/leaves/{leaf}/history" }
            return "/api/units/{unit}/history"
        case ("entries", _): return "/api/entries/{seq}"
        case ("blobs", _): return "/api/blobs/{sha256}"
        case ("keys", _): return path.hasSuffix("/receipt") ? "/api/keys/{keyId}/receipt" : "/api/keys/{keyId}"
        case ("reports", _): return "/api/reports/{kind}"
        case ("app.js", _): return "/assets/{name}"
        case ("tlog", "tile"): return "/api/tlog/tile/{path}"
        default: return path
        }
    }

    func signCheckpoint(_ fixture: CampaignFixture) async throws {
        let size = try await fixture.store.size()
        let note = Checkpoint(origin: fixture.ledger, size: size, root: try await fixture.store.root(size: size))
            .signed(by: fixture.authority)
        try await fixture.store.saveCheckpoint(note)
    }

    /// Before preliminary results, a unit's own people see its scorecard and history without the
    /// appraisals, which are named as withheld.
    @Test func aUnitSeesItsAppraisalsOnlyOncePreliminaryResultsAreIssued() async throws {
        let harness = APIHarness()
        let fixture = harness.fixture
        try await fixture.appraised()
        harness.clock.set(fixture.day(13))
        try await harness.run { api in
            let officer = try await api.signIn(fixture.officer)
            let scores = try await api.get("/api/units/SNV/scores", token: officer)
            #expect(scores.status == .ok)
            #expect(scores.json["withheld"]?.stringValue?.hasPrefix("appraisals") == true)
            let leaf = scores.json["leaves"]?.arrayValue?.first { $0["leaf"] == "1.1" }
            #expect(leaf?["round1"] == .null, "the appraisal does not leak: \(String(describing: leaf))")
            let history = try await api.get("/api/units/SNV/leaves/1.1/history", token: officer)
            #expect(history.json["withheld"] != nil)
            #expect(!history.text.contains("appraisal.recorded/v1") && !history.text.contains("Trễ hạn"))
            #expect(try await api.get("/api/differences?unit=SNV", token: officer).status == .forbidden)
            // The appraiser of SNV sees the appraisal.
            let appraiser = try await api.signIn(fixture.appraiser)
            let seen = try await api.get("/api/units/SNV/scores", token: appraiser)
            #expect(seen.json["leaves"]?.arrayValue?.first { $0["leaf"] == "1.1" }?["round1"] == "0.5")
        }
    }

    /// Before publication an appraiser sees, of each unit they appraise, the leaves of their domains
    /// with histories and evidence, and not the unit's totals, which would tell the other domains'
    /// figures; one who appraises every domain of the unit sees it whole; after publication, all but
    /// the other domains' evidence, which is never published unless the campaign says so.
    @Test func anAppraiserSeesTheLeavesOfTheirDomainsAndNoTotalsUntilPublication() async throws {
        let harness = APIHarness()
        let fixture = harness.fixture
        let filed = try await fixture.objected(evidence: ["2.1"])
        harness.clock.set(fixture.day(23))
        try await harness.run { api in
            // SNV's criteria set has domains 1 and 2; `appraiser` appraises domain 1 only.
            let partial = try await api.signIn(fixture.appraiser)
            let scores = try await api.get("/api/units/SNV/scores", token: partial)
            #expect(scores.status == .ok)
            #expect(
                !Self.leaves(scores).isEmpty && Self.leaves(scores).allSatisfy { $0.hasPrefix("1.") },
                "\(Self.leaves(scores))"
            )
            #expect(scores.json["result"] == nil, "no totals: \(scores.text.prefix(300))")
            #expect(scores.json["withheld"]?.stringValue?.contains("outside domains 1") == true)
            let history = try await api.get("/api/units/SNV/history", token: partial)
            #expect(!Self.leaves(history).isEmpty && Self.leaves(history).allSatisfy { $0.hasPrefix("1.") })
            let elsewhere = try await api.get("/api/units/SNV/leaves/2.1/history", token: partial)
            #expect(elsewhere.status == .forbidden && elsewhere.code == "withheld")
            #expect(elsewhere.text.contains("2.1") && elsewhere.text.contains("domain 2"))
            #expect(try await api.get("/api/units/SNV/leaves/1.1/history", token: partial).status == .ok)
            let evidence = try await api.get("/api/units/SNV/evidence", token: partial)
            #expect(Self.leaves(evidence, "evidence") == ["1.1"], "\(evidence.text)")
            // The other domain's file is refused even to one who knows its hash.
            #expect(try await api.get("/api/blobs/\(Self.fileOf("1.1"))", token: partial).status == .ok)
            let otherFile = try await api.get("/api/blobs/\(Self.fileOf("2.1"))", token: partial)
            #expect(otherFile.status == .forbidden && otherFile.code == "withheld")
            #expect(!otherFile.text.contains("Kế hoạch"))
            let differences = try await api.get("/api/differences?unit=SNV", token: partial)
            #expect(differences.status == .forbidden && differences.text.contains("totals"))
            let whole = try await api.signIn(fixture.reviewer)
            let seen = try await api.get("/api/units/SNV/scores", token: whole)
            #expect(seen.json["result"] != nil && seen.json["withheld"] == nil)
            #expect(Self.leaves(seen).contains("2.1"))
            #expect(try await api.get("/api/blobs/\(Self.fileOf("2.1"))", token: whole).status == .ok)
        }
        try await fixture.act(
            .objectionResolved,
            [
                "objection": .string(filed.statement.statementID.text), "outcome": "rejected",
                "reasoning": "Không có căn cứ",
            ],
            by: fixture.chair,
            at: fixture.day(33)
        )
        try await fixture.appraisedTheRest(round: 2, at: fixture.day(34))
        try await fixture.published()
        harness.clock.set(fixture.day(43))
        try await harness.run { api in
            let partial = try await api.signIn(fixture.appraiser)
            let scores = try await api.get("/api/units/SNV/scores", token: partial)
            #expect(scores.json["result"] != nil && Self.leaves(scores).contains("2.1"))
            // Evidence is not published with the results: still the leaves of their domains.
            let evidence = try await api.get("/api/units/SNV/evidence", token: partial)
            #expect(Self.leaves(evidence, "evidence") == ["1.1"], "\(evidence.text)")
            #expect(try await api.get("/api/blobs/\(Self.fileOf("2.1"))", token: partial).status == .forbidden)
        }
    }

    /// A unit's people read the entries about their unit, but an appraisal (raw, or in an inclusion
    /// proof) only once preliminary results are issued, as in their scorecard and history.
    @Test func aUnitReadsItsAppraisalEntriesOnlyOncePreliminaryResultsAreIssued() async throws {
        let harness = APIHarness()
        let fixture = harness.fixture
        let appraisal = try await fixture.appraised()
        harness.clock.set(fixture.day(13))
        try await harness.run { api in
            let officer = try await api.signIn(fixture.officer)
            let early = try await api.get("/api/entries/\(appraisal.seq)", token: officer)
            #expect(early.status == .forbidden && early.text.contains("preliminary results"), "\(early.text)")
            #expect(!early.text.contains("Trễ hạn") && !early.text.contains("0.5"))
            let proof = try await api.get("/api/proofs/inclusion?seq=\(appraisal.seq)", token: officer)
            #expect(proof.status == .forbidden && !proof.text.contains("Trễ hạn"))
            // Their own unit's other entries stay theirs.
            #expect(try await api.get("/api/entries/\(appraisal.seq - 1)", token: officer).status == .ok)
        }
        try await fixture.act(.preliminaryResultsIssued, [:], by: fixture.secretariat, at: fixture.day(21))
        harness.clock.set(fixture.day(22))
        try await harness.run { api in
            let officer = try await api.signIn(fixture.officer)
            let issued = try await api.get("/api/entries/\(appraisal.seq)", token: officer)
            #expect(issued.status == .ok && issued.text.contains("Trễ hạn"))
        }
    }

    /// A read over several prefixes sees what every one allows; views that never meet (a unit's
    /// own people and its appraisers) show nothing of the leaves rather than too much.
    @Test func viewsNarrowToWhatEveryPrefixAllows() throws {
        let one: Set = [try #require(CriterionCode("1"))]
        let both: Set = [try #require(CriterionCode("1")), try #require(CriterionCode("2"))]
        typealias View = ReadAccess.UnitView
        #expect(View.whole.narrowed(to: .domains(both)) == .domains(both))
        #expect(View.domains(both).narrowed(to: .domains(one)) == .domains(one))
        #expect(View.withoutAppraisals.narrowed(to: .whole) == .withoutAppraisals)
        #expect(View.withoutAppraisals.narrowed(to: .domains(one)) == .domains([]))
        #expect(!View.domains(both).shows(try #require(CriterionCode("3.1"))))
        #expect(!View.domains(one).showsWhatNamesNoLeaf && View.whole.showsWhatNamesNoLeaf)
        #expect(View.domains([]).withheld?.contains("none is in a domain assigned") == true)
        #expect(View.domains(one).name != View.domains(both).name && View.whole.name.isEmpty)
    }

    /// The hash of the file `CampaignFixture.attachEvidence` gives for a leaf.
    static func fileOf(_ leaf: String) -> String {
        SHA256Hash.of(Array("Kế hoạch CCHC năm 2023 — \(leaf)".utf8)).hex
    }

    /// The leaf codes of an answer's `member` list.
    static func leaves(_ answer: API.Answer, _ member: String = "leaves") -> [String] {
        (answer.json[member]?.arrayValue ?? []).compactMap { $0["leaf"]?.stringValue }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
