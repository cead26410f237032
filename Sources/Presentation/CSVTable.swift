/// A CSV file read by RFC 4180's rules: comma-separated (or semicolon-separated, as Excel writes
/// it in a Vietnamese locale: chosen when the first line has semicolons and no comma), fields
/// optionally in double quotes (a quote inside doubled), CRLF or LF line ends, an optional UTF-8
/// BOM. Each row keeps the line number it starts on, so a refusal can name it.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        public let line: Int
        public let fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    public let header: [String]
    public let rows: [Row]

    public struct ParseError: Error, Sendable {
        public let line: Int
        public let message: String
    }

    /// Reads `text`; `separator` nil chooses comma or semicolon from the first line (a file people
    /// keyed in), a given one is used as is (a file parledger wrote: always commas).
    public init(text: String, separator given: Character? = nil) throws(ParseError) {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var line = 1
        var rowLine = 1
        var characters = Substring(text)
        if characters.first == "\u{FEFF}" { characters = characters.dropFirst() }
        let firstLine = characters.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        let separator: Character = given ?? (firstLine.contains(";") && !firstLine.contains(",") ? ";" : ",")
        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []
            field = ""
            afterQuote = false
        }
        for character in characters {
            if quoted {
                if character == "\"" {
                    quoted = false
                    afterQuote = true
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where afterQuote:
                field.append("\"")
                quoted = true
                afterQuote = false
            case "\"" where field.isEmpty:
                quoted = true
            case "\"":
                throw ParseError(line: line, message: "a quote inside an unquoted field; quote the whole field")
            case separator:
                fields.append(field)
                field = ""
                afterQuote = false
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
                rowLine = line
            default:
                if afterQuote { throw ParseError(line: line, message: "text after a closing quote") }
                field.append(character)
            }
        }
        if quoted { throw ParseError(line: rowLine, message: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        guard let first = rows.first else {
            throw ParseError(line: 1, message: "the file is empty; it needs a header line")
        }
        header = first.fields
        self.rows = Array(rows.dropFirst())
        for row in self.rows where row.fields.count != header.count {
            throw ParseError(line: row.line, message: "\(row.fields.count) fields, but the header has \(header.count)")
        }
    }
}
