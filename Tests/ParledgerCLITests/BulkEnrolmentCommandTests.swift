import Foundation
import LedgerCore
import Testing

/// Units and staff from one file, through the built binary: every bad row reported at once by
/// its line, nothing recorded until the file is right, then one batch.
@Suite("CLI: bulk enrolment")
struct BulkEnrolmentCommandTests {
    typealias Session = AppraisalCommandTests.Session

    @Test func unitsAndStaffComeFromAFileCheckedWholeFirst() async throws {
        let session = Session()
        let now = Date()
        try await session.openedCampaign(opens: now.addingTimeInterval(3600), closes: now.addingTimeInterval(7200))

        // As Excel writes it in a Vietnamese locale: a byte-order mark, semicolons, an STT column.
        try session.write(
            "units.csv",
            "\u{FEFF}STT;Mã;Tên;Nhóm\r\n1;SNV;Sở Nội vụ;department\r\n2;S N V;Sở Tư pháp;department\r\n"
                + "3;SNV;Sở Nội vụ (trùng);department\r\n4;STC;;district\r\n"
        )
        let refused = try await session.act("secretariat", "unit", "enrol", "--from", session.path("units.csv"))
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
        for expected in [
            "3 bad row(s), nothing was recorded", "line 3: code \"S N V\" is not a unit code",
            "line 4: unit SNV is also on line 2",
            "line 5: the name is empty; group \"district\" is not one of the campaign's",
        ] {
            #expect(refused.stderr.contains(expected), "\(refused.stderr) lacks \(expected)")
        }
        let before = try await CLI.parledger("verify", "--store", session.store)
        try session.write(
            "units.csv",
            "\u{FEFF}STT;Mã;Tên;Nhóm\r\n1;SNV;Sở Nội vụ;department\r\n2;STP;Sở Tư pháp;department\r\n3;STC;Sở Tài chính;department\r\n"
        )
        let enrolled = try await session.act("secretariat", "unit", "enrol", "--from", session.path("units.csv"))
        #expect(enrolled.status == 0, "\(enrolled.stderr)")
        #expect(enrolled.stdout.contains("đăng ký 3 đơn vị"), "\(enrolled.stdout)")
        let after = try await CLI.parledger("verify", "--store", session.store)
        #expect(before.stdout != after.stdout)
        let again = try await session.act("secretariat", "unit", "enrol", "--from", session.path("units.csv"))
        #expect(again.status == 1 && again.stderr.contains("unit SNV is already enrolled"), "\(again.stderr)")

        let officer = try await session.newKey("officer", "Nguyễn Văn A")
        let leader = try await session.newKey("leader", "Trần Thị B")
        try session.write(
            "staff.csv",
            "họ tên,vai trò,đơn vị,khóa công khai\nNguyễn Văn A,unitOfficer,SNV,\(officer.publicKey)\n"
                + "Trần Thị B,lãnh đạo đơn vị,XYZ,\(leader.publicKey)\nLê C,unitOfficer,SNV,ed25519:AAAA\n"
        )
        let bad = try await Self.registerStaff(session, "staff.csv")
        #expect(bad.status == 1, "\(bad.stdout)\(bad.stderr)")
        #expect(bad.stderr.contains("line 3: unit XYZ is not enrolled"), "\(bad.stderr)")
        #expect(bad.stderr.contains("line 4: the public key"), "\(bad.stderr)")
        try session.write(
            "staff.csv",
            "họ tên,vai trò,đơn vị,khóa công khai\nNguyễn Văn A,unitOfficer,SNV,\(officer.publicKey)\n"
                + "Trần Thị B,lãnh đạo đơn vị,SNV,\(leader.publicKey)\n"
        )
        let registered = try await Self.registerStaff(session, "staff.csv")
        #expect(registered.status == 0 && registered.stdout.contains("đăng ký 2 khóa"), "\(registered.stderr)")
        let headerless = try await Self.registerStaff(session, "units.csv")
        #expect(headerless.status == 2 && headerless.stderr.contains("lacks the column"), "\(headerless.stderr)")

        // The log, filtered: by unit (what names it or its claims, or its people's keys), type, actor and day.
        func log(_ arguments: String...) async throws -> [JSONValue] {
            let listed = try await CLI.parledger(["log", "--store", session.store, "--format", "json"] + arguments)
            #expect(listed.status == 0, "\(listed.stderr)")
            return (try? CanonicalJSON.parse(Array(listed.stdout.utf8)))?.arrayValue ?? []
        }
        let enrolments = try await log("--type", "unit.enrolled")
        #expect(enrolments.count == 3)
        // One batch: the file's units were appended together, at one time, one after another.
        #expect(Set(enrolments.compactMap { $0["recordedAt"]?.stringValue }).count == 1, "\(enrolments)")
        let positions = enrolments.compactMap { $0["seq"]?.intValue }
        #expect(positions.count == 3 && positions.last.map { $0 - positions[0] } == 2, "\(positions)")
        let snv = try await log("--unit", "SNV", "--type", "unit.enrolled/v1")
        #expect(snv.count == 1, "the unit's own enrolment is about it")
        #expect(try await log("--unit", "STP", "--type", "unit.enrolled/v1").count == 1)
        #expect(try await log("--type", "key.registered", "--limit", "2").count == 2)
        let shown = try await CLI.parledger("key", "show", session.path("secretariat.key"), "--format", "json")
        let secretariat = (try CanonicalJSON.parse(Array(shown.stdout.utf8)))["keyId"]?.stringValue ?? ""
        #expect(try await log("--actor", String(secretariat.prefix(12))).count >= 5)
        #expect(try await log("--since", "01/01/2000", "--until", "31/12/2000").isEmpty)
        let badDay = try await CLI.parledger("log", "--store", session.store, "--since", "31/02/2024")
        #expect(badDay.status == 2 && badDay.stderr.contains("--since 31/02/2024 is not a date"), "\(badDay.stderr)")
        try await fromWorkbooks(session)
    }

    /// The same files as workbooks saved by a spreadsheet program (openpyxl): every bad row named
    /// by its line first, then one batch.
    func fromWorkbooks(_ session: Session) async throws {
        let write = """
            book = openpyxl.Workbook()
            sheet = book.active
            for row in json.loads(sys.argv[2]):
                sheet.append(row)
            book.save(sys.argv[1])
            """
        func workbook(_ name: String, _ rows: [[JSONValue]]) async throws {
            let text = String(decoding: CanonicalJSON.encode(.array(rows.map(JSONValue.array))), as: UTF8.self)
            let saved = try await CLI.openpyxl(write, session.path(name), text)
            #expect(saved.status == 0, "\(saved.stderr)")
        }
        try await workbook(
            "units.xlsx",
            [["STT", "Mã", "Tên", "Nhóm"], [1, "SYT", "Sở Y tế", "department"], [2, "SGD", "", "department"]]
        )
        let refused = try await session.act("secretariat", "unit", "enrol", "--from", session.path("units.xlsx"))
        #expect(refused.status == 1 && refused.stderr.contains("line 3: the name is empty"), "\(refused.stderr)")
        try await workbook(
            "units.xlsx",
            [
                ["STT", "Mã", "Tên", "Nhóm"], [1, "SYT", "Sở Y tế", "department"],
                [2, "SGD", "Sở Giáo dục và Đào tạo", "department"],
            ]
        )
        let enrolled = try await session.act("secretariat", "unit", "enrol", "--from", session.path("units.xlsx"))
        #expect(enrolled.status == 0 && enrolled.stdout.contains("đăng ký 2 đơn vị"), "\(enrolled.stderr)")
        let officer = try await session.newKey("health", "Phạm Thị D")
        try await workbook(
            "staff.xlsx",
            [
                ["họ tên", "vai trò", "đơn vị", "khóa công khai"],
                [.string("Phạm Thị D"), "unitOfficer", "SYT", .string(officer.publicKey)],
            ]
        )
        let registered = try await Self.registerStaff(session, "staff.xlsx")
        #expect(registered.status == 0 && registered.stdout.contains("đăng ký 1 khóa từ tệp"), "\(registered.stderr)")
    }

    /// The secretariat registers the staff a file in the session's folder lists.
    static func registerStaff(_ session: Session, _ file: String) async throws -> CLI.Result {
        try await CLI.parledger(
            "key",
            "register",
            "--store",
            session.store,
            "--as",
            session.path("secretariat.key"),
            "--from",
            session.path(file)
        )
    }
}
