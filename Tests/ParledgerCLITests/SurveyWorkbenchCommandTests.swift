import Foundation
import LedgerCore
import Testing

/// The survey clerk's workbench through the built binary: a blank sheet from the template and the
/// quotas, a file keyed in as Excel writes it checked whole with `--check`, every bad row named.
@Suite("CLI: survey workbench")
struct SurveyWorkbenchCommandTests {
    typealias Session = AppraisalCommandTests.Session

    @Test func aBlankSheetIsKeyedInCheckedWholeAndRecorded() async throws {
        let session = Session()
        let now = Date()
        try await session.openedCampaign(opens: now.addingTimeInterval(-7200), closes: now.addingTimeInterval(-60))
        try session.write("units.csv", "code,name,group\nSNV,Sở Nội vụ,department\nSTP,Sở Tư pháp,department\n")
        await #expect(try session.act("secretariat", "unit", "enrol", "--from", session.path("units.csv")).status == 0)
        try session.write("template.json", AppraisalCommandTests.template)
        await #expect(try session.act("secretariat", "survey", "template", session.path("template.json")).status == 0)

        let blank = try await CLI.parledger(
            "survey",
            "blank",
            "--store",
            session.store,
            "--template",
            "department-2023",
            "--unit",
            "SNV",
            "--format",
            "csv",
            "--out",
            session.path("blank.csv")
        )
        #expect(
            blank.status == 0 && blank.stdout.contains("20 forms to key in, 1 questions"),
            "\(blank.stdout)\(blank.stderr)"
        )
        let sheet = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: session.path("blank.csv"))),
            as: UTF8.self
        )
        let lines = sheet.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "\u{FEFF}STT,serial,unit,respondentGroup,Q1", "\(lines.first ?? "")")
        #expect(lines.count == 21 && lines[1] == "1,2023-SNV-CIT-001,SNV,citizens,", "\(lines.prefix(2))")
        let xlsx = try await CLI.parledger(
            "survey",
            "blank",
            "--store",
            session.store,
            "--template",
            "department-2023",
            "--out",
            session.path("blank.xlsx")
        )
        #expect(xlsx.status == 0 && xlsx.stdout.contains("40 forms"), "\(xlsx.stdout)\(xlsx.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: session.path("blank.xlsx"))).prefix(2) == Data("PK".utf8))

        // Keyed in as Excel saves it in a Vietnamese locale: semicolons, a byte-order mark, STT.
        var keyed = lines.dropFirst().prefix(5).map { $0.replacingOccurrences(of: ",", with: ";") + "A" }
        keyed[1] = "2;2023-SNV-CIT-002;SNV;citizens;Z"
        keyed[3] = "4;2023-SNV-CIT-001;SNV;citizens;A"
        try session.write(
            "keyed.csv",
            "\u{FEFF}STT;serial;unit;respondentGroup;Q1\r\n" + keyed.joined(separator: "\r\n") + "\r\n"
        )
        let checked = try await session.act(
            "secretariat",
            "survey",
            "import",
            session.path("keyed.csv"),
            "--template",
            "department-2023",
            "--check"
        )
        #expect(checked.status == 1, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stderr.contains("2 bad rows, nothing was recorded"), "\(checked.stderr)")
        #expect(
            checked.stderr.contains("line 3:")
                && checked.stderr.contains("line 5: serial 2023-SNV-CIT-001 is already on line 2"),
            "\(checked.stderr)"
        )
        keyed[1] = "2;2023-SNV-CIT-002;SNV;citizens;E"
        keyed[3] = "4;2023-SNV-CIT-004;SNV;citizens;A"
        try session.write(
            "keyed.csv",
            "\u{FEFF}STT;serial;unit;respondentGroup;Q1\r\n" + keyed.joined(separator: "\r\n") + "\r\n"
        )
        let dry = try await session.act(
            "secretariat",
            "survey",
            "import",
            session.path("keyed.csv"),
            "--template",
            "department-2023",
            "--check"
        )
        #expect(
            dry.status == 0 && dry.stdout.contains("5 forms of 1 unit(s) read and checked; nothing was recorded"),
            "\(dry.stdout)\(dry.stderr)"
        )
        let before = try await CLI.parledger("verify", "--store", session.store)
        let recorded = try await session.act(
            "secretariat",
            "survey",
            "import",
            session.path("keyed.csv"),
            "--template",
            "department-2023"
        )
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let after = try await CLI.parledger("verify", "--store", session.store)
        #expect(before.stdout != after.stdout)

        // The answers per question: one "không biết" among five, left out of the mean.
        let answers = try await CLI.parledger(
            "survey",
            "answers",
            "--store",
            session.store,
            "--template",
            "department-2023",
            "--by",
            "unit"
        )
        #expect(answers.status == 0, "\(answers.stderr)")
        let snv = answers.stdout.split(separator: "\n").first { $0.contains("SNV") }.map(String.init) ?? ""
        #expect(snv.contains("Q1") && snv.contains("1,0000"), "\(answers.stdout)")
        #expect(answers.stdout.contains("hệ số bình quân") && answers.stdout.contains("5 phiếu"), "\(answers.stdout)")
        let json = try await CLI.parledger(
            "survey",
            "answers",
            "--store",
            session.store,
            "--template",
            "department-2023",
            "--format",
            "json"
        )
        let report = try CanonicalJSON.parse(Array(json.stdout.trimmingCharacters(in: .newlines).utf8))
        let all = report["questions"]?.arrayValue?.first?["all"]
        #expect(all?["answers"]?["E"] == 1 && all?["counted"] == 4 && all?["mean"] == "1.0000", "\(json.stdout)")
        let bad = try await CLI.parledger(
            "survey",
            "answers",
            "--store",
            session.store,
            "--template",
            "department-2023",
            "--by",
            "tuổi"
        )
        #expect(bad.status == 2 && bad.stderr.contains("must be group, unit or demo:NAME"), "\(bad.stderr)")
        let unknown = try await CLI.parledger("survey", "answers", "--store", session.store, "--template", "khác")
        #expect(unknown.status == 2 && unknown.stderr.contains("not published"), "\(unknown.stderr)")
    }
}
