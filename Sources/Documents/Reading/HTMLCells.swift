import Foundation

/// The cells of the `table.data` tables of a page parledger wrote (or one a person edited and
/// saved), as text.
enum HTMLCells {
    static func tableCells(in html: String) -> [String] {
        var cells: [String] = []
        var rest = Substring(html)
        while let table = rest.range(of: "<table class=\"data\">") {
            guard let end = rest[table.upperBound...].range(of: "</table>") else { break }
            var inside = rest[table.upperBound..<end.lowerBound]
            while let open = inside.firstRange(ofAny: ["<td", "<th"]) {
                guard let close = inside[open.upperBound...].firstIndex(of: ">"),
                    let finish = inside[close...].range(of: "</t")
                else { break }
                let content = inside[inside.index(after: close)..<finish.lowerBound]
                cells.append(unescape(stripTags(String(content))))
                inside = inside[finish.upperBound...]
            }
            rest = rest[end.upperBound...]
        }
        return cells
    }

    static func stripTags(_ text: String) -> String {
        var result = ""
        var inTag = false
        for character in text {
            if character == "<" {
                inTag = true
            } else if character == ">" {
                inTag = false
            } else if !inTag {
                result.append(character)
            }
        }
        return result
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = text
        for (entity, character) in [
            ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&nbsp;", "\u{A0}"),
            ("&amp;", "&"),
        ] {
            result = result.split(separator: entity, omittingEmptySubsequences: false).joined(separator: character)
        }
        return result
    }
}

extension Substring {
    /// The earliest range of any of the needles.
    func firstRange(ofAny needles: [String]) -> Range<Index>? {
        needles.compactMap { range(of: $0) }.min { $0.lowerBound < $1.lowerBound }
    }
}
