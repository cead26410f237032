import Appraisal
import Foundation
import HTTPTypes
import LedgerCore
import LedgerTestSupport
import Testing

/// `GET /api/reports/{kind}`: the documents of `parledger report` over HTTP, tied to the same
/// sealed report as the JSON reads, refused by name when the kind or format is unknown.
@Suite struct ServerDocumentTests {
    @Test func publishedResultsAsCSVCarryTheStandingsDigest() async throws {
        let harness = APIHarness()
        let fixture = harness.fixture
        let filed = try await fixture.objected()
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
        harness.clock.set(fixture.day(43))
        try await harness.run { api in
            let standings = try await api.get("/api/standings")
            let digest = try #require(standings.json["digest"]?.stringValue)
            let document = try await api.get("/api/reports/results?format=csv")
            #expect(document.status == .ok, "\(document.text.prefix(300))")
            #expect(document.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(document.headers[.contentDisposition]?.contains("filename=\"results-") == true)
            #expect(Array(document.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(document.text.contains("digest=\(digest);end"), "the document's seal names the standings' digest")
            #expect(document.text.contains("Sở Nội vụ") || document.text.contains("SNV"))

            let page = try await api.get("/api/reports/results?format=html&lang=en")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("PAR INDEX RESULTS") && !page.text.contains("Điểm thẩm định"))
            #expect(!page.text.contains("TẠM TÍNH") && !page.text.contains("PROVISIONAL"), "published")

            let workbook = try await api.get("/api/reports/scorecard?unit=SNV&format=xlsx")
            #expect(workbook.status == .ok)
            #expect(workbook.bytes.starts(with: [0x50, 0x4B]), "an XLSX is a ZIP package")
        }
    }

    @Test func draftDocumentsSayTheyAreProvisional() async throws {
        let harness = APIHarness()
        let fixture = harness.fixture
        try await fixture.objected()
        harness.clock.set(fixture.day(23))
        try await harness.run(readingAs: fixture.secretariat) { api in
            let page = try await api.get("/api/reports/results")
            #expect(page.status == .ok, "\(page.text.prefix(300))")
            #expect(page.text.contains("TẠM TÍNH — CHƯA CÔNG BỐ"))
        }
    }

    @Test func unknownDocumentsFormatsAndUnitsAreRefusedByName() async throws {
        let harness = APIHarness()
        try await harness.fixture.objected()
        try await harness.run(readingAs: harness.fixture.secretariat) { api in
            let kind = try await api.get("/api/reports/ranking")
            #expect(kind.status == .notFound && kind.code == "report-unknown")
            let format = try await api.get("/api/reports/results?format=docx")
            #expect(format.status == .badRequest && format.json["field"] == "format")
            let language = try await api.get("/api/reports/results?lang=fr")
            #expect(language.status == .badRequest && language.json["field"] == "lang")
            let noUnit = try await api.get("/api/reports/scorecard")
            #expect(noUnit.status == .badRequest && noUnit.text.contains("unit"))
            let unenrolled = try await api.get("/api/reports/scorecard?unit=KHONGCO")
            #expect(unenrolled.status == .badRequest && unenrolled.text.contains("KHONGCO"))
            let stray = try await api.get("/api/reports/results?group=district")
            #expect(stray.status == .badRequest && stray.json["field"] == "group")
        }
    }
}
