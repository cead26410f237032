extension CSVTable {
    /// A table as CSV that Excel and a script both read right (RFC 4180): UTF-8 with a byte-order
    /// mark (Excel in a Vietnamese locale garbles names without it), CRLF line ends, a header for
    /// every column, no trailing separator, and a field quoted only when it must be.
    public static func encoded(header: [String], rows: [[String]]) -> [UInt8] {
        [0xEF, 0xBB, 0xBF] + Array(text(header: header, rows: rows).utf8)
    }

    /// The same table without the byte-order mark.
    public static func text(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { row in row.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A field, quoted when it holds a separator, a quote, a line break, or a space at an end.
    public static func field(_ text: String) -> String {
        let needsQuotes =
            text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
