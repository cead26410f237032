import LedgerCore
import Presentation
import Projections
import Testing

@Suite struct FiguresTests {
    @Test(arguments: [
        ("82.66", "82,66", "82.66"), ("1278", "1.278", "1,278"), ("-1.5", "-1,5", "-1.5"),
        ("1234567.125", "1.234.567,125", "1,234,567.125"), ("0", "0", "0"), ("100.00", "100,00", "100.00"),
    ])
    func writesFiguresAsEachReaderDoes(decimal: String, vietnamese: String, english: String) {
        #expect(Figures.text(decimal, .vi) == vietnamese)
        #expect(Figures.text(decimal, .en) == english)
        #expect(Figures.decimal(from: vietnamese, .vi) == decimal)
        #expect(Figures.decimal(from: english, .en) == decimal)
    }

    @Test(arguments: ["82.66.1", "", "-", "1,2", "abc", "1.", ".5"])
    func leavesTextThatIsNoFigureAsItWas(text: String) {
        #expect(Figures.text(text, .vi) == text)
    }

    @Test(arguments: ["82.66", "1,2.3", "12.34,5", "1.23", "", "x"])
    func refusesToReadBackWhatIsNotAVietnameseFigure(shown: String) {
        #expect(Figures.decimal(from: shown, .vi) == nil)
    }
}

@Suite struct LocalTimeTests {
    @Test func tellsADeadlineInVietnamsTime() throws {
        let deadline = try #require(Timestamp(text: "2023-12-04T10:00:00.000Z"))
        #expect(LocalTime.vietnam.dateTime(deadline) == "17:00 04/12/2023")
        let lateEvening = try #require(Timestamp(text: "2023-12-31T18:30:00.000Z"))
        #expect(LocalTime.vietnam.dateTime(lateEvening) == "01:30 01/01/2024")
        #expect(LocalTime.vietnam.date(lateEvening) == "01/01/2024")
    }

    @Test func writesTheDateLineOfAnOfficialDocument() throws {
        let april = try #require(Timestamp(text: "2024-04-25T03:00:00.000Z"))
        #expect(LocalTime.vietnam.longDate(april, .vi) == "ngày 25 tháng 4 năm 2024")
        #expect(LocalTime.vietnam.longDate(april, .en) == "25 April 2024")
        let january = try #require(Timestamp(text: "2024-01-05T03:00:00.000Z"))
        #expect(LocalTime.vietnam.longDate(january, .vi) == "ngày 05 tháng 01 năm 2024")
    }

    @Test(arguments: [("31/01/2024", "2024-01-31"), ("1/2/2024", "2024-02-01"), ("2024-01-31", "2024-01-31")])
    func readsDatesAsReadersTypeThem(typed: String, iso: String) {
        #expect(LocalTime.isoDate(typed: typed) == iso)
    }

    @Test(arguments: ["31/02/2024", "2024/01/31", "31-01-2024", "31/1/24", "", "00/01/2024"])
    func refusesDatesThatAreNone(typed: String) {
        #expect(LocalTime.isoDate(typed: typed) == nil)
    }

    @Test func asOfReadsADayFirstDateAsTheEndOfThatDayInVietnam() {
        #expect(AsOf.moment("20/11/2023") == AsOf.moment("2023-11-20"))
        #expect(AsOf.moment("20/11/2023")?.text == "2023-11-20T16:59:59.999Z")
        #expect(AsOf.moment("32/11/2023") == nil)
    }
}

@Suite struct CSVWritingTests {
    @Test func writesWhatExcelAndScriptsBothRead() throws {
        let bytes = CSVTable.encoded(header: ["Mã", "Đơn vị", "Tổng"], rows: [["SNV", "Sở Nội vụ, tỉnh", "75.09"]])
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "Mã,Đơn vị,Tổng\r\nSNV,\"Sở Nội vụ, tỉnh\",75.09\r\n")
        let read = try CSVTable(text: String(decoding: bytes, as: UTF8.self))
        #expect(read.header == ["Mã", "Đơn vị", "Tổng"])
        #expect(read.rows.map(\.fields) == [["SNV", "Sở Nội vụ, tỉnh", "75.09"]])
    }

    /// What Excel writes in a Vietnamese locale (semicolons) is read as such; a file parledger
    /// wrote, whose one-field first row holds semicolons, is read with the comma it was written with.
    @Test func readsSemicolonsWhereTheFirstLineHasNoComma() throws {
        let excel = try CSVTable(text: "\u{FEFF}STT;Mã;Tên\r\n1;SNV;\"Sở Nội vụ; tỉnh\"\r\n")
        #expect(excel.header == ["STT", "Mã", "Tên"])
        #expect(excel.rows.map(\.fields) == [["1", "SNV", "Sở Nội vụ; tỉnh"]])
        let seal = try CSVTable(text: "parledger-prefix/1;size=3;root=x\r\n", separator: ",")
        #expect(seal.header == ["parledger-prefix/1;size=3;root=x"])
        let mixed = try CSVTable(text: "a,b;c\r\n1,2\r\n")
        #expect(mixed.header == ["a", "b;c"])
    }

    @Test func quotesQuotesLineBreaksAndEdgeSpaces() {
        #expect(CSVTable.field("a \"b\"") == "\"a \"\"b\"\"\"")
        #expect(CSVTable.field("one\ntwo") == "\"one\ntwo\"")
        #expect(CSVTable.field(" lead") == "\" lead\"")
        #expect(CSVTable.field("a;b") == "\"a;b\"")
        #expect(CSVTable.field("plain") == "plain")
    }
}

/// A history event's details as a line of the reader's language: labels, figures, dates and
/// states as the reader writes them, in a fixed order, never a payload's member names.
@Suite struct EventDetailsTests {
    @Test func readsAsVietnameseWithAnEnglishSwitch() {
        let details: [String: JSONValue] = [
            "points": "1.5", "round": 2, "reason": "Trễ hạn", "explanationRequested": true,
            "document": ["number": "12/KH-SNV", "issuer": "Sở Nội vụ", "issuedOn": "2023-01-10"],
            "outcome": "accepted", "until": "2023-12-04T10:00:00.000Z",
        ]
        #expect(
            EventDetails.text(details, .vi)
                == "vòng: 2; điểm: 1,5; kết quả: chấp nhận; yêu cầu giải trình: có; hạn: 17:00 04/12/2023; "
                + "lý do: Trễ hạn; văn bản: số 12/KH-SNV của Sở Nội vụ ngày 10/01/2023"
        )
        let english = EventDetails.text(details, .en)
        #expect(english.hasPrefix("round: 2; points: 1.5; outcome: accepted; explanation requested: yes"))
        #expect(!EventDetails.text(details, .vi).contains("points") && !EventDetails.text(details, .vi).contains("="))
        #expect(
            EventDetails.text(["change": ["points": "3.25", "reason": "Sai sót"]], .vi) == "điều chỉnh: 3,25 (Sai sót)"
        )
        #expect(EventDetails.text([:], .vi).isEmpty)
    }
}
