import Appraisal
import Foundation
import HTTPTypes
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Projections
import Server
import Testing

/// Reads, ledger endpoints and the API description, through the router.
@Suite struct ServerReadTests {
    @Test func servesEveryReadAsTheReportsComputeIt() async throws {
        let harness = APIHarness()
        try await harness.fixture.objected()
        let fixture = harness.fixture
        let fold = try await LedgerFold.load(fixture.store)
        try await harness.run(readingAs: harness.fixture.secretariat) { api in
            let expected: [(String, [String: JSONValue])] = [
                ("/api/standings", Reports.standings(fold.state)),
                ("/api/units/SNV/scores", Reports.scores(fold.state, unit: UnitCode("SNV")!) ?? [:]),
                ("/api/differences", Reports.differences(fold.state)),
                ("/api/differences?unit=SNV", Reports.differences(fold.state, unit: UnitCode("SNV")!)),
                ("/api/disputes", Reports.disputes(fold.state)),
                ("/api/disputes?status=open", Reports.disputes(fold.state, open: true)),
                ("/api/survey/coverage", Reports.surveyCoverage(fold.state)),
                ("/api/campaign", try #require(CampaignProgress(fold.state, keys: fold.ledger.keys)).json),
                (
                    "/api/campaign?group=department",
                    try #require(CampaignProgress(fold.state, keys: fold.ledger.keys, group: ConfigCode("department")))
                        .json
                ),
            ]
            for (uri, body) in expected {
                let answer = try await api.get(uri)
                #expect(answer.status == .ok, "\(uri)")
                #expect(answer.bytes == CanonicalJSON.encode(Reports.sealed(body, fold: fold, asOf: nil)), "\(uri)")
            }
            let disputes = try await api.get("/api/disputes?status=open")
            #expect(disputes.json["disputes"]?.arrayValue?.count == 1)

            let history = try await api.get("/api/units/SNV/leaves/1.1/history")
            #expect(history.status == .ok)
            let types = history.json["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
            #expect(types.contains("appraisal.recorded/v1"))
            #expect(types.contains("objection.filed/v1"))
            // Every leaf's history of the unit in one answer, each as the leaf's own route gives it.
            let unitHistory = try await api.get("/api/units/SNV/history")
            #expect(unitHistory.status == .ok)
            let leaves = unitHistory.json["leaves"]?.arrayValue ?? []
            #expect(leaves.compactMap { $0["leaf"]?.stringValue } == ["1.1", "1.2", "1.3", "2.1"])
            #expect(leaves.first { $0["leaf"] == "1.1" }?["events"] == history.json["events"])

            let campaign = try await api.get("/api/campaign")
            let snv = campaign.json["units"]?.arrayValue?.first { $0["unit"] == "SNV" }
            #expect(snv?["submittedAt"]?.stringValue == fixture.day(3).text)
            #expect(snv?["selfScored"] == 3)
            #expect(snv?["answered"] == 3)
            #expect(campaign.json["assignments"]?.arrayValue?.count == 3)
            let unknownGroup = try await api.get("/api/campaign?group=commune")
            #expect(unknownGroup.status == .badRequest)
            #expect(unknownGroup.code == "group-unknown")

            let criteria = try await api.get("/api/units/SNV/criteria")
            let leaf = criteria.json["nodes"]?.arrayValue?.first { $0["code"] == "1.1" }
            #expect(leaf?["leaf"]?["maxPoints"] == "1")
            #expect(leaf?["leaf"]?["allowedValues"] == ["0", "0.5", "1"])

            let key = try await api.get("/api/keys/\(fixture.appraiser.keyID.hex)")
            #expect(key.json["role"] == "appraiser")
        }
    }

    /// `GET /api/todo`: the signed-in person's work list as the projection computes it at the
    /// server's time, sealed with the ledger it came from; another person's list is their own.
    @Test func theWorkListIsThePersonsOwnAtTheServersTime() async throws {
        let harness = APIHarness()
        let fixture = harness.fixture
        try await fixture.opened()
        harness.clock.set(fixture.day(2))
        let fold = try await LedgerFold.load(fixture.store)
        try await harness.run { api in
            let officer = try await api.get("/api/todo", token: try await api.signIn(fixture.officer))
            let record = try #require(fold.ledger.keys[fixture.officer.keyID])
            let expected = Reports.sealed(
                WorkList(for: record, in: fold.state, at: fixture.day(2)).json,
                fold: fold,
                asOf: nil
            )
            #expect(officer.bytes == CanonicalJSON.encode(expected))
            let item = officer.json["items"]?.arrayValue?.first
            #expect(item?["kind"] == "selfScore" && item?["unit"] == "SNV" && item?["leaves"] == ["1.1", "1.2", "2.1"])
            #expect(item?["due"]?.stringValue == fixture.day(10).text)
            let leader = try await api.get("/api/todo", token: try await api.signIn(fixture.leader))
            #expect(leader.status == .ok && leader.json["items"] == [])
            // Five days before self-scoring closes, the deadline is announced to everyone.
            harness.clock.set(fixture.day(5))
            let announced = try await api.get("/api/todo", token: try await api.signIn(fixture.leader))
            #expect(announced.json["items"]?.arrayValue?.map { $0["kind"] } == ["deadline"])
            #expect(announced.json["items"]?.arrayValue?.first?["deadline"] == "selfScoringCloses")
        }
    }

    @Test func readsAsOfADateOrASize() async throws {
        let harness = APIHarness()
        try await harness.fixture.objected()
        let fixture = harness.fixture
        try await harness.run(readingAs: harness.fixture.secretariat) { api in
            // As of day 2 (Vietnam's end of day), before the appraisal: no appraised points yet.
            let date = String(fixture.day(2).text.prefix(10))
            let before = try await api.get("/api/units/SNV/scores?asOf=\(date)")
            #expect(before.status == .ok)
            #expect(before.json["ledger"]?["asOf"]?.stringValue == AsOf.moment(date)?.text)
            let leaf = before.json["leaves"]?.arrayValue?.first { $0["leaf"] == "1.1" }
            #expect(leaf?["round1"] == .null)
            let now = try await api.get("/api/units/SNV/scores")
            #expect(now.json["leaves"]?.arrayValue?.first { $0["leaf"] == "1.1" }?["round1"] == "0.5")

            let prefix = try await api.get("/api/standings?atSeq=17")
            #expect(prefix.json["ledger"]?["size"] == 17)
            let expected = try await LedgerFold.load(fixture.store, upTo: .size(17))
            #expect(prefix.json["ledger"]?["root"]?.stringValue == expected.root.base64)

            let diff = try await api.get("/api/diff?from=\(date)&to=\(String(fixture.day(30).text.prefix(10)))")
            #expect(diff.status == .ok)
            #expect(diff.json["changes"]?.arrayValue?.isEmpty == false)

            let history = try await api.get("/api/units/SNV/leaves/1.1/history?atSeq=17")
            #expect(history.json["ledger"]?["size"] == 17)

            // Before the campaign was opened there is nothing to read.
            let early = try await api.get("/api/standings?atSeq=5")
            #expect(early.status == .notFound)
            #expect(early.code == "no-campaign")
        }
    }

    /// The server keeps the standings of each day's end as it catches up, and serves a date's
    /// standings from them: the bytes the fold gives.
    @Test func servesTheStandingsOfADateFromTheDaysKeptAnswer() async throws {
        let harness = APIHarness()
        try await harness.fixture.objected()
        let fixture = harness.fixture
        try await harness.run(readingAs: harness.fixture.secretariat) { api in
            let date = String(fixture.day(12).text.prefix(10))
            let moment = try #require(AsOf.moment(date))
            let prefix = try await LedgerFold.load(fixture.store, upTo: .asOf(moment))
            let folded = CanonicalJSON.encode(
                Reports.sealed(Reports.standings(prefix.state), fold: prefix, asOf: moment)
            )
            #expect(try await DayEndStandings.sealed(fixture.store, derived: harness.derived, asOf: moment) == nil)
            #expect(try await api.get("/api/standings?asOf=\(date)").bytes == folded)
            // A read of now catches the server's fold up, keeping every day's end it passes.
            #expect(try await api.get("/api/standings").status == .ok)
            #expect(try await DayEndStandings.sealed(fixture.store, derived: harness.derived, asOf: moment) == folded)
            let kept = try await api.get("/api/standings?asOf=\(date)")
            #expect(kept.status == .ok)
            #expect(kept.bytes == folded)
        }
    }

    @Test func refusesBadReadParameters() async throws {
        let harness = APIHarness()
        try await harness.fixture.objected()
        try await harness.run(readingAs: harness.fixture.secretariat) { api in
            let cases: [(String, String, String?)] = [
                ("/api/standings?asOf=yesterday", "bad-parameter", "asOf"),
                ("/api/standings?asOf=2023-10-02&atSeq=3", "bad-parameter", "asOf"),
                ("/api/standings?atSeq=-1", "bad-parameter", "atSeq"),
                ("/api/standings?group=nope", "group-unknown", "group"),
                ("/api/units/H-XX/scores", "unit-unknown", "unit"),
                ("/api/units/SNV/leaves/9.9/history", "leaf-unknown", "leaf"),
                ("/api/differences?unit=H-XX", "unit-unknown", "unit"),
                ("/api/disputes?status=maybe", "bad-parameter", "status"),
                ("/api/diff?from=2023-10-02", "bad-parameter", "to"),
                ("/api/keys/abc", "not-found", nil),
                ("/api/entries/99999", "not-found", nil),
                ("/api/proofs/inclusion?seq=99999", "not-found", nil),
                // The largest position there is: refused, not an overflow that stops the server.
                ("/api/proofs/inclusion?seq=9223372036854775807", "bad-parameter", "seq"),
                ("/api/proofs/consistency?from=x", "bad-parameter", "from"),
                ("/api/no/such/route", "not-found", nil),
                // Unknown or repeated parameters are refused, never ignored (nor cached apart).
                ("/api/standings?unused=1", "bad-parameter", "unused"),
                ("/api/standings?group=department&group=district", "bad-parameter", "group"),
                ("/api/keys/abc?asOf=2023-10-02", "bad-parameter", "asOf"),
                ("/api/diff?from=2023-10-02&to=2023-10-03&atSeq=3", "bad-parameter", "atSeq"),
            ]
            for (uri, code, field) in cases {
                let answer = try await api.get(uri)
                #expect(answer.code == code, "\(uri): \(answer.text)")
                #expect(answer.json["field"]?.stringValue == field, "\(uri)")
                #expect(answer.json["message"]?["vi"]?.stringValue?.isEmpty == false, "\(uri)")
                #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true, "\(uri)")
            }
        }
    }

    @Test func servesCheckpointsProofsEntriesAndTheLedgerHead() async throws {
        let harness = APIHarness()
        let fixture = harness.fixture
        try await fixture.opened()
        try await harness.run(readingAs: harness.fixture.secretariat) { api in
            #expect(try await api.get("/api/checkpoint").code == "not-found")
            // No proof over an unsigned checkpoint: it would prove nothing.
            #expect(try await api.get("/api/proofs/inclusion?seq=3").code == "no-signed-checkpoint")
            let size = try await fixture.store.size()
            let root = try await fixture.store.root(size: size)
            let note = Checkpoint(origin: fixture.ledger, size: size, root: root).signed(by: fixture.authority)
            try await fixture.store.saveCheckpoint(note)

            let checkpoint = try await api.get("/api/checkpoint")
            #expect(checkpoint.json["size"] == .int(Int64(size)))
            #expect(checkpoint.json["root"]?.stringValue == root.base64)
            #expect(checkpoint.json["note"]?.stringValue == note.serialized)
            #expect(try await api.get("/api/checkpoint/note").text == note.serialized)

            let head = try await api.get("/api/ledger")
            #expect(head.json["ledgerId"]?.stringValue == fixture.ledger.text)
            #expect(head.json["size"] == .int(Int64(size)))

            let inclusion = try await api.get("/api/proofs/inclusion?seq=3")
            let proof = try ProofFile.Inclusion(parsing: inclusion.text)
            #expect(proof.index == 3)
            #expect(proof.checkpointNote == note.serialized)
            let included = ProofVerifier.verify(.inclusion(proof), logKeys: [fixture.authority.publicKey], ledger: nil)
            #expect(included.isValid, "\(String(describing: included.failure))")
            #expect(included.checkpoint?.root == root)

            let consistency = try await api.get("/api/proofs/consistency?from=5")
            let extends = try ProofFile.Consistency(parsing: consistency.text)
            let extended = ProofVerifier.verify(
                .consistency(extends),
                logKeys: [fixture.authority.publicKey],
                ledger: nil
            )
            #expect(extended.isValid)
            #expect(extended.checkpoint?.size == size)
            #expect(extends.oldRoot == (try await fixture.store.root(size: 5)))

            let entry = try await api.get("/api/entries/2")
            #expect(entry.bytes == (try await fixture.store.entries(from: 2, limit: 1)).first?.bytes)
            #expect(try await api.get("/api/entries/x").code == "bad-parameter")

            // The export an auditor rebuilds: entries.jsonl as FORMAT.md §14 lays it out, and the blobs.
            let stored = try await fixture.store.entries(from: 0, limit: size)
            let jsonl = try await api.get("/api/export/entries.jsonl")
            #expect(jsonl.bytes == stored.flatMap { $0.bytes + [0x0A] })
            let blob = try await fixture.store.putBlob(Array("Biên bản".utf8))
            // An upload no entry refers to is never exported; the files entries refer to are.
            #expect(
                try await api.get("/api/export/blobs").json["blobs"]?.arrayValue?.contains(.string(blob.sha256.hex))
                    == false
            )
            _ = try await fixture.attachEvidence("1.1", at: fixture.day(2))
            let referenced = try await api.get("/api/export/blobs").json["blobs"]?.arrayValue ?? []
            #expect(referenced.count == 1, "the evidence file an entry refers to is exported")
        }
    }

    @Test func describesEveryRouteInTheOpenAPIDocument() async throws {
        let harness = APIHarness()
        try await harness.run { api in
            let document = try await api.get("/openapi.json")
            #expect(document.status == .ok)
            #expect(document.json["openapi"] == "3.1.0")
            let paths = document.json["paths"]?.objectValue ?? [:]
            let routes = harness.server.routes()
            #expect(routes.count > 20)
            for (method, path) in routes {
                #expect(paths[path]?[method] != nil, "\(method.uppercased()) \(path) is not in /openapi.json")
            }
            let served = Set(routes.map { "\($0.method) \($0.path)" })
            for (path, item) in paths {
                for method in item.objectValue?.keys ?? [:].keys {
                    #expect(
                        served.contains("\(method) \(path)"),
                        "/openapi.json describes \(method) \(path), not served"
                    )
                }
            }
            // Every act of the catalog is documented as going through POST /api/statements.
            let acts = paths["/api/statements"]?["post"]?["x-parledger-acts"]?.arrayValue ?? []
            for kind in AppraisalEvent.Kind.allCases {
                #expect(acts.contains(.string(kind.type.text)), "\(kind.type) is not documented")
            }
        }
    }

    @Test func everyRefusalCodeHasAVietnameseAndEnglishMessage() {
        for code in ErrorCatalog.refusalCodes {
            #expect(ErrorCatalog.contains(code), "\(code) has no message")
            let message = ErrorCatalog.entry(code)
            #expect(!message.vi.isEmpty && !message.en.isEmpty && message.vi != message.en, "\(code)")
        }
    }

    @Test func servesTheWebPagesAndTheirAssets() async throws {
        let harness = APIHarness()
        try await harness.run { api in
            let page = try await api.get("/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("lang=\"vi\""))
            #expect(try await api.get("/assets/app.js").headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(try await api.get("/assets/nothing.js").status == .notFound)
        }
    }
}
