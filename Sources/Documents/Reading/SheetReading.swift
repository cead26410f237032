import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The cells of an XLSX workbook's first sheet, read from its XML parts (ZIPFoundation opens the
/// package): shared strings, inline strings and numbers, by row and column. Blank cells (the
/// rest of a merged range, a styled empty cell) are left out.
enum SheetReading {
    static func cells(of bytes: [UInt8]) throws(DocumentContent.Unreadable) -> [DocumentContent.SheetCell] {
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch {
            throw .init(description: "the file is not an XLSX workbook (not a ZIP package)")
        }
        func part(_ path: String) throws(DocumentContent.Unreadable) -> Data? {
            guard let entry = archive[path] else { return nil }
            var data = Data()
            do { _ = try archive.extract(entry) { data.append($0) } } catch {
                throw .init(description: "the workbook's \(path) is damaged")
            }
            return data
        }
        guard let sheet = try part("xl/worksheets/sheet1.xml") else {
            throw .init(description: "the workbook has no first sheet")
        }
        let shared = try part("xl/sharedStrings.xml").map { SharedStrings.parse($0) } ?? []
        let reader = SheetCells(shared: shared)
        let parser = XMLParser(data: sheet)
        parser.delegate = reader
        guard parser.parse() else { throw .init(description: "the workbook's first sheet is not well-formed XML") }
        return reader.cells
    }

    /// `<si>` texts in order, each the concatenation of its `<t>` runs.
    final class SharedStrings: NSObject, XMLParserDelegate {
        var strings: [String] = []
        private var current: String?
        private var inText = false

        static func parse(_ data: Data) -> [String] {
            let reader = SharedStrings()
            let parser = XMLParser(data: data)
            parser.delegate = reader
            _ = parser.parse()
            return reader.strings
        }

        func parser(
            _ parser: XMLParser,
            didStartElement name: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if name == "si" { current = "" }
            if name == "t" { inText = true }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText, let text = current { current = text + string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "t" { inText = false }
            if name == "si", let text = current {
                strings.append(text)
                current = nil
            }
        }
    }

    /// `<c r="B5" t="s"><v>3</v></c>` and the like, as cells.
    final class SheetCells: NSObject, XMLParserDelegate {
        let shared: [String]
        var cells: [DocumentContent.SheetCell] = []
        private var reference: (row: Int, column: Int)?
        private var type = ""
        private var value = ""
        private var collecting = false

        init(shared: [String]) { self.shared = shared }

        func parser(
            _ parser: XMLParser,
            didStartElement name: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch name {
            case "c":
                reference = attributes["r"].flatMap(Self.position)
                type = attributes["t"] ?? "n"
                value = ""
            case "v", "t": collecting = reference != nil
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if collecting { value += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "v", "t": collecting = false
            case "c":
                defer { reference = nil }
                guard let reference, !value.isEmpty else { return }
                let cellValue: SheetLayout.Value
                switch type {
                case "s":
                    guard let index = Int(value), shared.indices.contains(index) else { return }
                    cellValue = .text(shared[index])
                case "str", "inlineStr": cellValue = .text(value)
                default:
                    guard let number = Double(value) else { return }
                    cellValue = .number(number)
                }
                if case .text(let text) = cellValue, text.isEmpty { return }
                cells.append(.init(row: reference.row, column: reference.column, value: cellValue))
            default: break
            }
        }

        /// "B5" as row 4, column 1 (zero-based).
        static func position(_ reference: String) -> (row: Int, column: Int)? {
            var column = 0
            var digits = ""
            for character in reference {
                if let ascii = character.asciiValue, (65...90).contains(ascii) {
                    guard digits.isEmpty else { return nil }
                    column = column * 26 + Int(ascii - 64)
                } else if character.isASCII, character.isNumber {
                    digits.append(character)
                } else {
                    return nil
                }
            }
            guard column > 0, let row = Int(digits), row > 0 else { return nil }
            return (row - 1, column - 1)
        }
    }
}
