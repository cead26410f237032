import Documents
import Foundation
import LedgerCore
import Presentation
import Testing

/// Each rendering read back the way `report verify` reads a file: what it shows is the document,
/// and a changed figure is named.
@Suite struct DocumentRenderingTests {
    static let dated = Timestamp(text: "2024-04-25T03:00:00.000Z")

    static func document(
        _ language: Language = .vi,
        total: String = "75.09",
        provisionalNotice: String? = nil
    ) -> ReportDocument {
        ReportDocument(
            kind: .results,
            language: language,
            letterhead: Letterhead(
                issuingBody: "Ủy ban nhân dân tỉnh Trà Vinh",
                office: "Hội đồng thẩm định",
                place: "Trà Vinh"
            ),
            title: "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH",
            subtitle: ["Năm 2023"],
            provisionalNotice: provisionalNotice,
            sections: [
                .init(
                    heading: "Sở, ban, ngành tỉnh",
                    table: .init(
                        columns: [.init("Hạng"), .init("Đơn vị", isText: true), .init("Tổng điểm"), .init("Phiếu")],
                        rows: [
                            [.integer(1), .text("Sở Nội vụ <&>"), .figure(total, decimals: 2), .integer(1278)],
                            [.integer(2), .text("Sở Tư pháp"), .figure("-1.5", decimals: 1), .empty],
                        ]
                    )
                )
            ],
            footnotes: ["Làm tròn riêng từng số."],
            seal: DocumentSeal(
                kind: .results,
                unit: nil,
                asOf: nil,
                language: language,
                ledgerID: "tra-vinh-2023",
                size: 42,
                root: "q83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4kBI0Vng=",
                digest: String(repeating: "cd", count: 32)
            )
        )
    }

    @Test func htmlShowsVietnameseFiguresAndReadsBackCellForCell() throws {
        let document = Self.document()
        let html = HTMLRendering.render(document, dated: Self.dated)
        #expect(html.contains("<td class=\"num\">75,09</td>") && html.contains("<td class=\"num\">1.278</td>"))
        #expect(html.contains("Trà Vinh, ngày 25 tháng 4 năm 2024"))
        #expect(html.contains("Sở Nội vụ &lt;&amp;&gt;"))
        #expect(!html.contains("<script"))
        #expect(html.contains("<svg"), "the seal's QR code")
        let (seal, content) = try DocumentContent.read(Array(html.utf8), format: .html)
        #expect(seal == document.seal)
        #expect(DocumentComparison.differences(content, expected: document, dated: Self.dated).isEmpty)
        let (_, changed) = try DocumentContent.read(
            Array(html.replacingOccurrences(of: ">75,09<", with: ">75,10<").utf8),
            format: .html
        )
        let differences = DocumentComparison.differences(changed, expected: document, dated: Self.dated)
        #expect(differences.count == 1)
        #expect(differences.first?.contains("75,10") == true && differences.first?.contains("75,09") == true)
    }

    @Test func englishIsASwitchNotAMix() {
        let html = HTMLRendering.render(Self.document(.en), dated: Self.dated)
        #expect(html.contains(">75.09<") && html.contains(">1,278<"))
        #expect(html.contains("SOCIALIST REPUBLIC OF VIETNAM") && !html.contains("CỘNG HÒA"))
    }

    @Test func csvIsDataWithTheSealFirst() throws {
        let document = Self.document()
        let bytes = CSVRendering.render(document)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("Nhóm,Hạng,Đơn vị,Tổng điểm,Phiếu\r\n"))
        #expect(text.contains("Sở, ban, ngành tỉnh,1,Sở Nội vụ <&>,75.09,1278\r\n") == false)
        #expect(text.contains("\"Sở, ban, ngành tỉnh\",1,Sở Nội vụ <&>,75.09,1278\r\n"))
        let (seal, content) = try DocumentContent.read(bytes, format: .csv)
        #expect(seal == document.seal)
        #expect(DocumentComparison.differences(content, expected: document, dated: Self.dated).isEmpty)
        let changed = Array(text.replacingOccurrences(of: "75.09", with: "75.19").utf8)
        let (_, edited) = try DocumentContent.read(changed, format: .csv)
        #expect(!DocumentComparison.differences(edited, expected: document, dated: Self.dated).isEmpty)
    }

    @Test func aProvisionalCSVSaysSoBesideItsSealAndStillReads() throws {
        let notice = "Tạm tính — chưa công bố"
        let document = Self.document(provisionalNotice: notice)
        let text = String(decoding: CSVRendering.render(document), as: UTF8.self)
        let firstLine = try #require(text.split(separator: "\r\n").first)
        #expect(firstLine.hasSuffix("\(document.seal.text)\",\(notice)"), "the seal, quoted, then the notice")
        let (seal, content) = try DocumentContent.read(Array(text.utf8), format: .csv)
        #expect(seal == document.seal)
        #expect(DocumentComparison.differences(content, expected: document, dated: Self.dated).isEmpty)
        let published = String(decoding: CSVRendering.render(Self.document()), as: UTF8.self)
        #expect(!published.contains(notice))
        let third = text.replacingOccurrences(of: notice, with: notice + ",?")
        #expect(throws: DocumentContent.Unreadable.self) { try DocumentContent.read(Array(third.utf8), format: .csv) }
    }

    @Test func xlsxHoldsNumbersWhereTheLayoutPutsThem() throws {
        let document = Self.document()
        let bytes = try XLSXRendering.render(document, dated: Self.dated)
        #expect(bytes.starts(with: [0x50, 0x4B]), "a ZIP package")
        let (seal, content) = try DocumentContent.read(bytes, format: .xlsx)
        #expect(seal == document.seal)
        guard case .xlsx(let cells) = content else {
            Issue.record("not read as a workbook")
            return
        }
        #expect(cells.contains { $0.value == .number(75.09) })
        #expect(cells.contains { $0.value == .number(1278) })
        #expect(cells.contains { $0.value == .text("Sở Nội vụ <&>") })
        #expect(DocumentComparison.differences(content, expected: document, dated: Self.dated).isEmpty)
        let other = Self.document(total: "75.19")
        let differences = DocumentComparison.differences(content, expected: other, dated: Self.dated)
        #expect(differences.count == 1 && differences.first?.contains("75.09") == true)
    }

    @Test func anUnreadableFileIsNamedAsSuch() {
        #expect(throws: DocumentContent.Unreadable.self) {
            try DocumentContent.read(Array("<html></html>".utf8), format: .html)
        }
        #expect(throws: DocumentContent.Unreadable.self) {
            try DocumentContent.read(Array("a,b\r\n".utf8), format: .csv)
        }
        #expect(throws: DocumentContent.Unreadable.self) { try DocumentContent.read([1, 2, 3], format: .xlsx) }
    }

    @Test func qrCodeIsSquareAndDark() throws {
        let code = try #require(QRCode(Self.document().seal.text))
        #expect(code.width >= 21 && (code.width - 17) % 4 == 0)
        #expect(code.modules.count == code.width * code.width)
        // The finder pattern's corner module is dark in every QR code.
        #expect(code.modules[0])
    }
}
