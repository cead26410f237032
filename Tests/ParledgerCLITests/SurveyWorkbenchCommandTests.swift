import Foundation
import LedgerCore
import Testing

/// The survey clerk's workbench through the built binary: a blank sheet from the template and the
/// quotas, a file keyed in as Excel writes it checked whole with `--check`, every bad row named.
@Suite("CLI: survey workbench")
struct SurveyWorkbenchCommandTests {
    typealias Session = AppraisalCommandTests.Session

    /// The XLSX sheet as a clerk's spreadsheet program sees it: the answer column offers the
    /// template's options (a validation list) and refuses others; keyed in and saved by the
    /// program, it is checked whole (a bad answer named by its line) and recorded in one batch.
    func keyedInExcel(_ session: Session) async throws {
        let opened = try await CLI.openpyxl(
            """
            sheet = openpyxl.load_workbook(sys.argv[1]).active
            header = [cell.value for cell in sheet[1]]
            lists = [(str(rule.sqref), rule.formula1, rule.type, rule.showErrorMessage) for rule in sheet.data_validations.dataValidation]
            print(json.dumps({"header": header, "rows": sheet.max_row - 1, "lists": lists}, ensure_ascii=False))
            """,
            session.path("blank.xlsx")
        )
        #expect(opened.status == 0, "\(opened.stderr)")
        let sheet = try CanonicalJSON.parse(Array(opened.stdout.trimmingCharacters(in: .newlines).utf8))
        #expect(sheet["header"] == ["STT", "serial", "unit", "respondentGroup", "Q1"], "\(opened.stdout)")
        #expect(sheet["rows"] == 40)
        let list = sheet["lists"]?.arrayValue?.first?.arrayValue ?? []
        #expect(list.count == 4 && list[0].stringValue?.hasPrefix("E2:E") == true, "\(opened.stdout)")
        #expect(list.count == 4 && list[1] == "\"A,E\"" && list[2] == "list" && list[3] == true, "\(opened.stdout)")

        // The clerk keys STP's first three forms (a typo on the second), and saves.
        let keyed = """
            book = openpyxl.load_workbook(sys.argv[1])
            sheet = book.active
            rows = [row for row in sheet.iter_rows(min_row=2) if row[2].value == "STP"][:3]
            for row, answer in zip(rows, sys.argv[3].split(",")):
                row[4].value = answer
            for number in range(sheet.max_row, 1, -1):
                if sheet.cell(number, 5).value is None:
                    sheet.delete_rows(number)
            book.save(sys.argv[2])
            """
        #expect(
            try await CLI.openpyxl(keyed, session.path("blank.xlsx"), session.path("stp.xlsx"), "A,F,E").status == 0
        )
        let checked = try await session.act(
            "secretariat",
            "survey",
            "import",
            session.path("stp.xlsx"),
            "--template",
            "department-2023",
            "--check"
        )
        #expect(checked.status == 1, "\(checked.stdout)\(checked.stderr)")
        #expect(
            checked.stderr.contains("stp.xlsx, line 3: question Q1: F is not an option (A, E)"),
            "\(checked.stderr)"
        )
        #expect(
            try await CLI.openpyxl(keyed, session.path("blank.xlsx"), session.path("stp.xlsx"), "A,A,E").status == 0
        )
        let recorded = try await session.act(
            "secretariat",
            "survey",
            "import",
            session.path("stp.xlsx"),
            "--template",
            "department-2023"
        )
        #expect(recorded.status == 0, "\(recorded.stdout)\(recorded.stderr)")
        let log = try await CLI.parledger(
            "log",
            "--store",
            session.store,
            "--type",
            "surveyBatch.recorded/v1",
            "--format",
            "json"
        )
        #expect(log.status == 0 && log.stdout.contains("2023-STP-CIT-003"), "\(log.stdout)\(log.stderr)")
    }

    @Test func aBlankSheetIsKeyedInCheckedWholeAndRecorded() async throws {
        let session = Session()
        let now = Date()
        try await session.openedCampaign(opens: now.addingTimeInterval(-7200), closes: now.addingTimeInterval(-60))
        try session.write("units.csv", "code,name,group\nSNV,Sở Nội vụ,department\nSTP,Sở Tư pháp,department\n")
        await #expect(try session.act("secretariat", "unit", "enrol", "--from", session.path("units.csv")).status == 0)
        try session.write("template.json", AppraisalCommandTests.template)
        await #expect(try session.act("secretariat", "survey", "template", session.path("template.json")).status == 0)

        func blankSheet(_ arguments: String...) async throws -> CLI.Result {
            try await CLI.parledger(
                ["survey", "blank", "--store", session.store, "--template", "department-2023"] + arguments
            )
        }
        let blank = try await blankSheet("--unit", "SNV", "--format", "csv", "--out", session.path("blank.csv"))
        #expect(
            blank.status == 0 && blank.stdout.contains("20 forms to key in, 1 question\n"),
            "\(blank.stdout)\(blank.stderr)"
        )
        let sheet = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: session.path("blank.csv"))),
            as: UTF8.self
        )
        let lines = sheet.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "\u{FEFF}STT,serial,unit,respondentGroup,Q1", "\(lines.first ?? "")")
        #expect(lines.count == 21 && lines[1] == "1,2023-SNV-CIT-001,SNV,citizens,", "\(lines.prefix(2))")
        let xlsx = try await blankSheet("--out", session.path("blank.xlsx"))
        #expect(xlsx.status == 0 && xlsx.stdout.contains("40 forms"), "\(xlsx.stdout)\(xlsx.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: session.path("blank.xlsx"))).prefix(2) == Data("PK".utf8))

        // Keyed in as Excel saves it in a Vietnamese locale: semicolons, a byte-order mark, STT.
        var keyed = lines.dropFirst().prefix(5).map { $0.replacingOccurrences(of: ",", with: ";") + "A" }
        // Line 3 has two mistakes, both named: a clerk fixes a row once.
        keyed[1] = "2;2023-SNV-CIT-002;SYT;citizens;Z"
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
            checked.stderr.contains("line 3: unit SYT is not enrolled; question Q1: Z is not an option (A, E)")
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
            dry.status == 0 && dry.stdout.contains("5 forms of 1 unit read and checked; nothing was recorded"),
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
        try await keyedInExcel(session)
    }
}
