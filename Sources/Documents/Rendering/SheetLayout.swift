public import LedgerCore
public import Presentation

/// Where each value of a document goes on a spreadsheet: one layout for writing the XLSX and for
/// checking a file against the ledger, so the two can never disagree.
public struct SheetLayout: Sendable {
    public enum Style: Sendable, Hashable {
        case plain, bold, italic, title, notice, header, cellText, note
        /// A figure cell with this many decimals.
        case cellNumber(decimals: Int)
    }

    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
    }

    public struct Placement: Sendable {
        public let row: Int
        public let column: Int
        /// The last column a merged range reaches; `column` when not merged.
        public let lastColumn: Int
        public let value: Value
        public let style: Style
    }

    public private(set) var placements: [Placement] = []
    /// Columns wide: the widest table, at least 6.
    public let width: Int
    /// Per column, whether it holds text (wide) rather than figures.
    public let textColumns: Set<Int>
    /// The row the QR code goes on.
    public private(set) var codeRow = 0

    public init(_ document: ReportDocument, dated: Timestamp?, time: LocalTime = .vietnam) {
        let tables = document.sections.compactMap(\.table)
        width = max(6, tables.map(\.columns.count).max() ?? 0)
        textColumns = Set(tables.flatMap { $0.columns.enumerated().filter { $0.element.isText }.map(\.offset) })
        let language = document.language
        let pick = language.pick
        let letterhead = document.letterhead
        let half = width / 2
        var row = 0
        func place(_ value: Value, _ style: Style, column: Int = 0, through last: Int? = nil) {
            placements.append(
                Placement(row: row, column: column, lastColumn: last ?? column, value: value, style: style)
            )
        }
        func line(_ text: String, _ style: Style) {
            place(.text(text), style, through: width - 1)
            row += 1
        }
        place(.text(letterhead.issuingBody.uppercased()), .plain, through: half - 1)
        place(
            .text(pick("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM")),
            .bold,
            column: half,
            through: width - 1
        )
        row += 1
        place(.text(letterhead.office.uppercased()), .bold, through: half - 1)
        place(
            .text(pick("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness")),
            .bold,
            column: half,
            through: width - 1
        )
        row += 1
        place(
            .text("\(pick("Số", "No.")): \(letterhead.number.isEmpty ? "……" : letterhead.number)"),
            .plain,
            through: half - 1
        )
        place(
            .text(HTMLRendering.placeAndDate(letterhead, dated: dated, time: time, language)),
            .italic,
            column: half,
            through: width - 1
        )
        row += 2
        for title in document.title.split(separator: "\n") { line(String(title), .title) }
        for subtitle in document.subtitle { line(subtitle, .italic) }
        if let notice = document.provisionalNotice { line(notice, .notice) }
        for section in document.sections {
            row += 1
            if let heading = section.heading { line(heading, .bold) }
            for paragraph in section.paragraphs { line(paragraph, .plain) }
            guard let table = section.table else { continue }
            for (column, header) in table.columns.enumerated() {
                place(.text(header.title), .header, column: column)
            }
            row += 1
            for cells in table.rows {
                for (column, cell) in cells.enumerated() {
                    switch cell {
                    case .text(let text): place(.text(text), .cellText, column: column)
                    case .figure(let decimal, let decimals):
                        place(.number(Double(decimal) ?? 0), .cellNumber(decimals: decimals), column: column)
                    case .integer(let value): place(.number(Double(value)), .cellNumber(decimals: 0), column: column)
                    case .empty: break
                    }
                }
                row += 1
            }
        }
        row += 1
        line(pick("Ghi chú", "Notes"), .bold)
        for (offset, note) in document.footnotes.enumerated() { line("\(offset + 1). \(note)", .note) }
        row += 1
        place(.text("\(pick("Nơi nhận", "Recipients")):"), .bold, through: half - 1)
        place(.text(letterhead.signerPosition.uppercased()), .bold, column: half, through: width - 1)
        row += 1
        for recipient in letterhead.recipients {
            place(.text("- \(recipient)"), .plain, through: half - 1)
            row += 1
        }
        row += 3
        if !letterhead.signerName.isEmpty {
            place(.text(letterhead.signerName), .bold, column: half, through: width - 1)
        }
        row += 2
        line("\(pick("Mã kiểm chứng", "Verification line")): \(document.seal.text)", .note)
        codeRow = row
    }
}
