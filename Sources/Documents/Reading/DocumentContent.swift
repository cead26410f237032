import Foundation
import Presentation

/// What a document file shows, read back for `report verify`: its seal line, and its cells in the
/// form its format keeps them (the tables' texts for HTML, the rows for CSV, every non-blank cell
/// for XLSX, the page text for PDF).
public enum DocumentContent: Sendable {
    case html(cells: [String])
    case csv(rows: [[String]])
    case xlsx(cells: [SheetCell])
    case pdf(text: String)

    public struct SheetCell: Sendable, Hashable {
        public let row: Int
        public let column: Int
        public let value: SheetLayout.Value

        public static func == (left: SheetCell, right: SheetCell) -> Bool {
            left.row == right.row && left.column == right.column && left.value == right.value
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(row)
            hasher.combine(column)
        }
    }

    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The text of a workbook's first sheet, row by row (empty cells as ""), for files people key in
    /// (units, staff, survey forms): numbers written back without a trailing ".0".
    public static func sheetRows(_ bytes: [UInt8]) throws(Unreadable) -> [[String]] {
        let cells = try SheetReading.cells(of: bytes)
        guard let lastRow = cells.map(\.row).max(), let lastColumn = cells.map(\.column).max() else { return [] }
        let firstRow = cells.map(\.row).min() ?? 0
        var rows = Array(repeating: Array(repeating: "", count: lastColumn + 1), count: lastRow - firstRow + 1)
        for cell in cells {
            switch cell.value {
            case .text(let text): rows[cell.row - firstRow][cell.column] = text
            case .number(let number):
                rows[cell.row - firstRow][cell.column] =
                    number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            }
        }
        return rows
    }

    /// Reads a file of the given format: its seal and content.
    public static func read(
        _ bytes: [UInt8],
        format: DocumentFormat
    ) throws(Unreadable) -> (DocumentSeal, DocumentContent) {
        switch format {
        case .html:
            let text = String(decoding: bytes, as: UTF8.self)
            let seal = metaSeal(in: text) ?? DocumentSeal.find(in: text)
            guard let seal else { throw Unreadable(description: "the page has no parledger verification line") }
            return (seal, .html(cells: HTMLCells.tableCells(in: text)))
        case .csv:
            // The seal row is the seal and, before publication, the provisional notice; the table
            // below it has its own width.
            let text = String(decoding: bytes, as: UTF8.self)
            guard let end = text.range(of: "\n") else {
                throw Unreadable(description: "the CSV has no table under its first row")
            }
            let first: CSVTable
            let table: CSVTable
            do {
                first = try CSVTable(text: String(text[..<end.upperBound]), separator: ",")
                table = try CSVTable(text: String(text[end.upperBound...]), separator: ",")
            } catch {
                throw Unreadable(description: "the CSV does not read (line \(error.line + 1): \(error.message))")
            }
            guard (1...2).contains(first.header.count), let seal = DocumentSeal.parse(first.header[0]) else {
                throw Unreadable(description: "the CSV's first row is not a parledger verification line")
            }
            return (seal, .csv(rows: [table.header] + table.rows.map(\.fields)))
        case .xlsx:
            let cells = try SheetReading.cells(of: bytes)
            let texts = cells.compactMap { cell -> String? in
                if case .text(let text) = cell.value { return text }
                return nil
            }
            guard let seal = texts.lazy.compactMap(DocumentSeal.find).first else {
                throw Unreadable(description: "the workbook has no parledger verification line")
            }
            return (seal, .xlsx(cells: cells))
        case .pdf:
            let text = try PDFText.extract(bytes)
            guard let seal = DocumentSeal.find(in: text) else {
                throw Unreadable(description: "the PDF's text has no parledger verification line")
            }
            return (seal, .pdf(text: text))
        }
    }

    /// The seal in `<meta name="parledger-seal" content="…">`.
    private static func metaSeal(in html: String) -> DocumentSeal? {
        let marker = "<meta name=\"parledger-seal\" content=\""
        guard let start = html.range(of: marker), let end = html[start.upperBound...].firstIndex(of: "\"") else {
            return nil
        }
        return DocumentSeal.parse(HTMLCells.unescape(String(html[start.upperBound..<end])))
    }
}
