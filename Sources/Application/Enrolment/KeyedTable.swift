import Documents
import Foundation
public import Presentation

/// A table people key in (units, staff), read from a CSV (comma or semicolon, with or without a
/// byte-order mark) or from the first sheet of an XLSX workbook: a header row, then rows that
/// keep the line (or sheet row) they came from, so every refusal can name it. A leading `STT`
/// column (the row number Vietnamese sheets start with) is dropped.
public struct KeyedTable: Sendable {
    public let header: [String]
    public let rows: [CSVTable.Row]

    /// A file that cannot be read as a table, and why.
    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(header: [String], rows: [CSVTable.Row]) {
        let numbered = header.first.map { Self.normalized($0) == "stt" } ?? false
        self.header = numbered ? Array(header.dropFirst()) : header
        self.rows = numbered ? rows.map { CSVTable.Row(line: $0.line, fields: Array($0.fields.dropFirst())) } : rows
    }

    /// Reads `bytes` of a file named `name` (its extension chooses XLSX or CSV).
    public static func read(_ bytes: [UInt8], name: String) throws(Unreadable) -> KeyedTable {
        if name.lowercased().hasSuffix(".xlsx") {
            let rows: [[String]]
            do { rows = try DocumentContent.sheetRows(bytes) } catch {
                throw Unreadable(description: "\(name) is not a readable XLSX workbook: \(error.description)")
            }
            let kept = rows.enumerated().filter {
                !$0.element.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
            }
            guard let first = kept.first else { throw Unreadable(description: "\(name) has no header row") }
            return KeyedTable(
                header: first.element,
                rows: kept.dropFirst().map { CSVTable.Row(line: $0.offset + 1, fields: $0.element) }
            )
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw Unreadable(description: "\(name) is not UTF-8 text; save it as CSV UTF-8")
        }
        do {
            let table = try CSVTable(text: text)
            return KeyedTable(header: table.header, rows: table.rows)
        } catch {
            throw Unreadable(description: "\(name), line \(error.line): \(error.message)")
        }
    }

    /// The column of the first header among `names` (Vietnamese or English, any case, accents kept).
    public func column(_ names: [String]) -> Int? {
        let wanted = Set(names.map(Self.normalized))
        return header.firstIndex { wanted.contains(Self.normalized($0)) }
    }

    static func normalized(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
