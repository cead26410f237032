public import LedgerCore
import Presentation

/// Where a document file differs from the document the ledger gives: the first differences, each
/// saying what the file shows and what the ledger gives.
public enum DocumentComparison {
    /// Up to `limit` differences; none when the file shows what the ledger gives.
    public static func differences(
        _ content: DocumentContent,
        expected document: ReportDocument,
        dated: Timestamp?,
        limit: Int = 5
    ) -> [String] {
        let language = document.language
        let pick = language.pick
        switch content {
        case .html(let cells):
            return compare(cells, document.shownCells, limit: limit, pick)
        case .csv(let rows):
            let (header, expectedRows) = CSVRendering.table(document)
            return compare(rows.flatMap { $0 }, (header + expectedRows.flatMap { $0 }), limit: limit, pick)
        case .xlsx(let cells):
            // The tables' cells, where the layout puts them; the letterhead and notes around them
            // are the issuer's to word, and a figure anywhere else is one the ledger did not give.
            let layout = SheetLayout(document, dated: dated)
            let tableCells = layout.placements.filter {
                switch $0.style {
                case .header, .cellText, .cellNumber: true
                default: false
                }
            }
            let expected = Dictionary(
                tableCells.map { ("\($0.row):\($0.column)", $0.value) },
                uniquingKeysWith: { first, _ in first }
            )
            let found = Dictionary(
                cells.map { ("\($0.row):\($0.column)", $0.value) },
                uniquingKeysWith: { first, _ in first }
            )
            let strayFigures = found.filter { key, value in
                if case .number = value { return expected[key] == nil }
                return false
            }.keys
            var differences: [String] = []
            for key in Set(expected.keys).union(strayFigures).sorted(by: cellOrder) {
                guard differences.count < limit else { break }
                if let left = found[key], let right = expected[key], same(left, right) { continue }
                let shown = found[key].map(text) ?? pick("(trống)", "(blank)")
                let given = expected[key].map(text) ?? pick("(trống)", "(blank)")
                differences.append(
                    pick(
                        "ô \(cellName(key)): tệp ghi \(shown), sổ cái cho \(given)",
                        "cell \(cellName(key)): the file shows \(shown), the ledger gives \(given)"
                    )
                )
            }
            return differences
        case .pdf(let text):
            // The page text must hold every cell, in order; line breaks and spaces a PDF puts in a
            // cell are ignored.
            let squeezed = Array(text.filter { !$0.isWhitespace })
            var position = 0
            for cell in document.shownCells {
                let needle = Array(cell.filter { !$0.isWhitespace })
                guard !needle.isEmpty else { continue }
                guard let found = find(needle, in: squeezed, from: position) else {
                    return [
                        pick(
                            "trang PDF không có \"\(cell)\" ở vị trí sổ cái cho",
                            "the PDF does not show \"\(cell)\" where the ledger gives it"
                        )
                    ]
                }
                position = found + needle.count
            }
            return []
        }
    }

    private static func compare(
        _ shown: [String],
        _ given: [String],
        limit: Int,
        _ pick: (String, String) -> String
    )
        -> [String]
    {
        var differences: [String] = []
        for index in 0..<max(shown.count, given.count) where differences.count < limit {
            let left = index < shown.count ? shown[index] : nil
            let right = index < given.count ? given[index] : nil
            guard left?.trimmed != right?.trimmed else { continue }
            differences.append(
                pick(
                    "ô thứ \(index + 1): tệp ghi \(left.map { "\"\($0)\"" } ?? "(không có)"), sổ cái cho \(right.map { "\"\($0)\"" } ?? "(không có)")",
                    "cell \(index + 1): the file shows \(left.map { "\"\($0)\"" } ?? "(nothing)"), the ledger gives \(right.map { "\"\($0)\"" } ?? "(nothing)")"
                )
            )
        }
        return differences
    }

    private static func same(_ left: SheetLayout.Value, _ right: SheetLayout.Value) -> Bool {
        switch (left, right) {
        case (.text(let a), .text(let b)): a.trimmed == b.trimmed
        case (.number(let a), .number(let b)): abs(a - b) <= 1e-9 * max(1, abs(b))
        default: false
        }
    }

    private static func text(_ value: SheetLayout.Value) -> String {
        switch value {
        case .text(let text): "\"\(text)\""
        case .number(let number): String(number)
        }
    }

    private static func cellOrder(_ left: String, _ right: String) -> Bool {
        let a = left.split(separator: ":").compactMap { Int($0) }
        let b = right.split(separator: ":").compactMap { Int($0) }
        return a.lexicographicallyPrecedes(b)
    }

    /// "B5" for row 4, column 1.
    private static func cellName(_ key: String) -> String {
        let parts = key.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2 else { return key }
        var column = parts[1] + 1
        var letters = ""
        while column > 0 {
            let remainder = (column - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            column = (column - 1) / 26
        }
        return "\(letters)\(parts[0] + 1)"
    }

    private static func find(_ needle: [Character], in haystack: [Character], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }
}
