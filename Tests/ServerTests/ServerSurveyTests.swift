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

    /// The keying screen's material: a template's options and questions, and the stack of forms
    /// the plan expects, serials already written; only the secretariat and clerks get the stack.
    @Test func theKeyingScreenGetsTheTemplateAndTheStackOfForms() async throws {
        let harness = try await APIHarness.selfScoring()
        let fixture = harness.fixture
        try await harness.run { api in
            let templates = try await api.get("/api/survey/templates")
            let template = try #require(templates.json["templates"]?.arrayValue?.first)
            let options = try #require(template["options"]?.arrayValue)
            #expect(options.allSatisfy { $0["code"]?.stringValue != nil && $0["label"]?.stringValue != nil })
            #expect(options.contains { $0["coefficient"] == .null }, "\"không biết\" counts in no mean")
            let questions = try #require(template["questions"]?.arrayValue)
            #expect(questions.map { $0["code"]?.stringValue } == ["Q1", "Q2"])
            #expect(questions.allSatisfy { !($0["text"]?.stringValue ?? "").isEmpty })
            #expect(questions.allSatisfy { ($0["respondentGroups"]?.arrayValue ?? []).count >= 1 })

            let clerk = try await api.signIn(fixture.clerk)
            let sheet = try await api.get("/api/survey/sheet?template=department-2023&unit=SNV", token: clerk)
            #expect(sheet.status == .ok, "\(sheet.text)")
            #expect(
                sheet.json["header"]?.arrayValue?.compactMap(\.stringValue) == [
                    "STT", "serial", "unit", "respondentGroup", "Q1", "Q2",
                ]
            )
            let rows = try #require(
                sheet.json["rows"]?.arrayValue?.map { $0.arrayValue?.compactMap(\.stringValue) ?? [] }
            )
            #expect(
                !rows.isEmpty && rows.allSatisfy { $0[2] == "SNV" && !$0[1].isEmpty && $0[4...].allSatisfy(\.isEmpty) }
            )
            #expect(Set(rows.map { $0[1] }).count == rows.count, "every serial once")
            let unknownUnit = try await api.get("/api/survey/sheet?template=department-2023&unit=XYZ", token: clerk)
            #expect(unknownUnit.status == .unprocessableContent && unknownUnit.code == "survey-sheet")
            let unknownTemplate = try await api.get("/api/survey/sheet?template=nothing", token: clerk)
            #expect(unknownTemplate.status == .unprocessableContent, "\(unknownTemplate.text)")
            let officer = try await api.signIn(fixture.officer)
            #expect(
                try await api.get("/api/survey/sheet?template=department-2023", token: officer).status == .forbidden
            )
        }
    }

    /// A registered key's receipt, as the secretariat prints it from the web page.
    @Test func aKeysReceiptIsAPrintablePage() async throws {
        let harness = try await APIHarness.selfScoring()
        let fixture = harness.fixture
        try await harness.run { api in
            let receipt = try await api.get("/api/keys/\(fixture.officer.keyID.hex)/receipt")
            #expect(receipt.status == .ok, "\(receipt.text)")
            #expect(receipt.headers[.contentType]?.hasPrefix("text/html") == true)
            for expected in [
                "GIẤY BIÊN NHẬN", fixture.officer.name, fixture.officer.keyID.hex, "<svg", "parledger-key/1;",
            ] {
                #expect(receipt.text.contains(expected), "the receipt lacks \(expected)")
            }
            let english = try await api.get("/api/keys/\(fixture.officer.keyID.hex)/receipt?lang=en")
            #expect(english.text.contains("KEY REGISTRATION RECEIPT"))
            let sheet = try await api.get("/api/keys/\(fixture.officer.keyID.hex)/receipt?format=xlsx")
            #expect(sheet.status == .badRequest && sheet.code == "bad-parameter")
            let unknown = try await api.get("/api/keys/\(String(repeating: "0", count: 64))/receipt")
            #expect(unknown.status == .notFound)
        }
    }

    /// Answers per question by demographic, unit and respondent group, with the mean coefficient
    /// worked by hand: A = 1, B = 0,6, E ("không biết") counted in no mean.
    @Test func answersPerQuestionByDemographicAndUnit() async throws {
        let harness = try await APIHarness.selfScoring()
        let fixture = harness.fixture
        try await harness.run { api in
            let clerk = try await api.signIn(fixture.clerk)
            let csv = """
                serial,unit,respondentGroup,Q1,Q2,demo:gioiTinh
                D-1,SNV,citizens,A,,nam
                D-2,SNV,citizens,B,,nữ
                D-3,SNV,citizens,E,,nữ
                D-4,STP,citizens,B,,nam
                D-5,STP,citizens,A,,
                D-6,SNV,leaders,,A,nam

                """
            let read = try await api.request(
                "/api/survey/forms?template=department-2023",
                .post,
                body: Array(csv.utf8),
                token: clerk
            )
            let payload = try #require(read.json["payload"]?.objectValue, "\(read.text)")
            let statement = fixture.statement(.surveyBatchRecorded, payload, by: fixture.clerk, at: harness.clock.now)
            #expect(try await api.append([statement], token: clerk).status == .created)

            let secretariat = try await api.signIn(fixture.secretariat)
            let byGender = try await api.get(
                "/api/survey/answers?template=department-2023&by=demo:gioiTinh",
                token: secretariat
            )
            #expect(byGender.status == .ok, "\(byGender.text)")
            #expect(byGender.json["forms"] == 6)
            #expect(byGender.json["demographics"]?.arrayValue == ["gioiTinh"])
            let q1 = try #require(byGender.json["questions"]?.arrayValue?.first)
            let rows = try #require(q1["rows"]?.arrayValue)
            #expect(rows.map { $0["value"] } == ["nam", "nữ", .null], "values in order, not given last")
            #expect(rows.map { $0["forms"] } == [2, 2, 1])
            #expect(rows.map { $0["answers"]?["E"] } == [0, 1, 0])
            #expect(rows.map { $0["counted"] } == [2, 1, 1])
            #expect(rows.map { $0["mean"] } == ["0.8000", "0.6000", "1.0000"])
            #expect(q1["all"]?["forms"] == 5 && q1["all"]?["mean"] == "0.8000", "the leader's form is not asked Q1")
            let q2 = try #require(byGender.json["questions"]?.arrayValue?.last)
            #expect(q2["rows"]?.arrayValue?.map { $0["mean"] } == ["1.0000"])

            let byUnit = try await api.get("/api/survey/answers?template=department-2023&by=unit", token: secretariat)
            let units = try #require(byUnit.json["questions"]?.arrayValue?.first?["rows"]?.arrayValue)
            #expect(units.map { $0["value"] } == ["SNV", "STP"])
            #expect(units.map { $0["mean"] } == ["0.8000", "0.8000"])
            #expect(units.first?["name"]?.stringValue?.isEmpty == false)
            let oneUnit = try await api.get(
                "/api/survey/answers?template=department-2023&unit=STP",
                token: secretariat
            )
            #expect(oneUnit.json["forms"] == 2)
            #expect(oneUnit.json["questions"]?.arrayValue?.first?["rows"]?.arrayValue?.first?["value"] == "citizens")

            // A demographic that a spreadsheet would run as a formula is refused by its line.
            let formula = try await api.request(
                "/api/survey/forms?template=department-2023",
                .post,
                body: Array(
                    "serial,unit,respondentGroup,Q1,Q2,demo:gioiTinh\nD-9,SNV,citizens,A,,=HYPERLINK(1)\n".utf8
                ),
                token: clerk
            )
            #expect(formula.status == .unprocessableContent, "\(formula.text)")
            #expect(formula.json["detail"]?.stringValue?.contains("line 2: demo:gioiTinh") == true, "\(formula.text)")

            // Refusals: an unknown breakdown, an unknown template, a reader the policy withholds from.
            let badBy = try await api.get("/api/survey/answers?template=department-2023&by=demo:", token: secretariat)
            #expect(badBy.status == .badRequest && badBy.code == "bad-parameter")
            let unknown = try await api.get("/api/survey/answers?template=nothing", token: secretariat)
            #expect(unknown.status == .notFound)
            let officer = try await api.signIn(fixture.officer)
            let withheld = try await api.get("/api/survey/answers?template=department-2023", token: officer)
            #expect(withheld.status == .forbidden && withheld.code == "withheld")
        }
    }
}
