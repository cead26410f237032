import Appraisal
import HTTPTypes
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Server
import Testing

/// Survey keying through the API: a CSV file is read into a batch's payload (as `parledger survey
/// import` reads it), which the clerk signs and appends; bad files are refused by line, and only
/// the secretariat and survey clerks may key in.
@Suite struct ServerSurveyTests {
    @Test func aKeyedInFileBecomesABatchTheClerkSigns() async throws {
        let harness = try await APIHarness.selfScoring()
        let fixture = harness.fixture
        try await harness.run { api in
            let templates = try await api.get("/api/survey/templates")
            #expect(templates.json["templates"]?.arrayValue?.first?["template"] == "department-2023")
            let token = try await api.signIn(fixture.clerk)
            let csv = "serial,unit,respondentGroup,Q1,Q2\nP-001,SNV,citizens,A,\nP-002,SNV,leaders,,B\n"
            let read = try await api.request(
                "/api/survey/forms?template=department-2023",
                .post,
                body: Array(csv.utf8),
                token: token
            )
            #expect(read.status == .ok, "\(read.text)")
            #expect(read.json["forms"] == 2)
            let payload = try #require(read.json["payload"]?.objectValue)
            let statement = fixture.statement(.surveyBatchRecorded, payload, by: fixture.clerk, at: harness.clock.now)
            let appended = try await api.append([statement], token: token)
            #expect(appended.status == .created, "\(appended.text)")
            let coverage = try await api.get("/api/survey/coverage", token: token)
            #expect(coverage.json["received"] == 2)

            // A form whose serial is already recorded is refused with its line; nothing is read.
            let again = try await api.request(
                "/api/survey/forms?template=department-2023",
                .post,
                body: Array("serial,unit,respondentGroup,Q1,Q2\nP-009,SNV,citizens,A,\nP-001,SNV,citizens,B,\n".utf8),
                token: token
            )
            #expect(again.status == .unprocessableContent)
            #expect(again.code == "survey-file")
            #expect(again.json["detail"]?.stringValue?.hasPrefix("line 3:") == true, "\(again.text)")
            let layout = try await api.request(
                "/api/survey/forms?template=department-2023",
                .post,
                body: Array("unit,respondentGroup\nSNV,citizens\n".utf8),
                token: token
            )
            #expect(layout.status == .badRequest)
            #expect(layout.json["detail"]?.stringValue?.contains("no serial column") == true)
            let unknown = try await api.request(
                "/api/survey/forms?template=district-2023",
                .post,
                body: Array(csv.utf8),
                token: token
            )
            #expect(unknown.status == .unprocessableContent)

            let officer = try await api.signIn(fixture.officer)
            let refused = try await api.request(
                "/api/survey/forms?template=department-2023",
                .post,
                body: Array(csv.utf8),
                token: officer
            )
            #expect(refused.status == .forbidden)
            let anonymous = try await api.request("/api/survey/forms?template=department-2023", .post, body: [])
            #expect(anonymous.status == .unauthorized)
        }
    }
}
