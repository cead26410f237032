public import LedgerCore
public import Presentation

/// A document as one self-contained HTML page: printable on A4 (landscape, the tables are wide),
/// no script, fonts from the reader's system with Liberation Serif (Times New Roman's metrics)
/// first. The layout follows Decree 30/2020/NĐ-CP: issuing body and national motto, number,
/// place and date, title, body, "Nơi nhận" and the signature block; the verification line and
/// its QR code close the page.
public enum HTMLRendering {
    public static func render(_ document: ReportDocument, dated: Timestamp?, time: LocalTime = .vietnam) -> String {
        let language = document.language
        let pick = language.pick
        let letterhead = document.letterhead
        var html = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="parledger-seal" content="\(escape(document.seal.text))">
            <title>\(escape(document.title.replacingNewlines(with: " — ")))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header class="letterhead">
            <div class="issuer"><div>\(escape(letterhead.issuingBody.uppercased()))</div>\
            <div class="strong">\(escape(letterhead.office.uppercased()))</div><div class="rule"></div>\
            <div>\(pick("Số", "No.")): \(escape(letterhead.number.isEmpty ? "……" : letterhead.number))</div></div>
            <div class="nation"><div class="strong">\(pick("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"))</div>\
            <div class="strong motto">\(pick("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"))</div>\
            <div class="place">\(escape(placeAndDate(letterhead, dated: dated, time: time, language)))</div></div>
            </header>
            <h1>\(document.title.split(separator: "\n").map { escape(String($0)) }.joined(separator: "<br>"))</h1>

            """
        for line in document.subtitle { html += "<p class=\"subtitle\">\(escape(line))</p>\n" }
        if let notice = document.provisionalNotice { html += "<p class=\"provisional\">\(escape(notice))</p>\n" }
        for section in document.sections {
            html += "<section>\n"
            if let heading = section.heading { html += "<h2>\(escape(heading))</h2>\n" }
            for paragraph in section.paragraphs { html += "<p>\(escape(paragraph))</p>\n" }
            if let table = section.table { html += render(table, language) }
            html += "</section>\n"
        }
        html += "<section class=\"notes\"><h3>\(pick("Ghi chú", "Notes"))</h3><ol>\n"
        for note in document.footnotes { html += "<li>\(escape(note))</li>\n" }
        html += "</ol></section>\n"
        html += """
            <footer class="closing">
            <div class="recipients"><div class="strong italic">\(pick("Nơi nhận", "Recipients")):</div>\
            \(letterhead.recipients.map { "<div>- \(escape($0))</div>" }.joined())</div>
            <div class="signature"><div class="strong">\(escape(letterhead.signerPosition.uppercased()))</div>\
            <div class="italic">\(pick("(Ký, ghi rõ họ tên, đóng dấu)", "(Signature, full name, seal)"))</div>\
            <div class="space"></div><div class="strong">\(escape(letterhead.signerName))</div></div>
            </footer>
            <aside class="seal">
            \(QRCode(document.seal.text)?.svg(millimetres: 32) ?? "")
            <div><div class="strong">\(pick("Mã kiểm chứng", "Verification line"))</div>\
            <div class="line">\(escape(document.seal.text))</div>\
            \(signatureLine(document.seal, language))</div>
            </aside>
            </body>
            </html>

            """
        return html
    }

    private static func render(_ table: ReportDocument.Table, _ language: Language) -> String {
        var html = "<div class=\"scroll\"><table class=\"data\">\n<thead><tr>"
        for column in table.columns { html += "<th>\(escape(column.title))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for (offset, cell) in row.enumerated() {
                let isText = offset < table.columns.count && table.columns[offset].isText
                html += isText ? "<td>" : "<td class=\"num\">"
                html += escape(cell.shown(language)) + "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }

    /// "Trà Vinh, ngày 25 tháng 4 năm 2024": the place and the date the figures stand at.
    static func placeAndDate(
        _ letterhead: Letterhead,
        dated: Timestamp?,
        time: LocalTime,
        _ language: Language
    ) -> String {
        let place = letterhead.place.isEmpty ? "……" : letterhead.place
        guard let dated else { return place }
        return "\(place), \(time.longDate(dated, language))"
    }

    private static func signatureLine(_ seal: DocumentSeal, _ language: Language) -> String {
        guard let signature = seal.signature else { return "" }
        return "<div>\(language.pick("Ký số bởi khóa", "Signed by key")) \(escape(signature.key.short))…</div>"
    }

    /// Text safe inside HTML elements and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Decree 30 in CSS: A4, Times-metric serif 13 pt, margins 20 mm top and bottom, 30 mm left
    /// and 15 mm right (landscape: the wide tables need it); black on white.
    static let style = """
        @page { size: A4 landscape; margin: 20mm 15mm 20mm 30mm; }
        body { font-family: "Liberation Serif", "Times New Roman", "DejaVu Serif", serif; font-size: 13pt; \
        color: #000; background: #fff; margin: 0 auto; max-width: 270mm; padding: 8px; }
        .letterhead { display: flex; justify-content: space-between; text-align: center; gap: 16px; }
        .letterhead > div { flex: 1; }
        .strong { font-weight: bold; } .italic, .place, .subtitle { font-style: italic; }
        .motto { text-decoration: underline; } .rule { width: 30%; margin: 2px auto; border-top: 1px solid #000; }
        .place { margin-top: 6px; }
        h1 { text-align: center; font-size: 14pt; margin: 18px 0 4px; }
        h2 { font-size: 13pt; margin: 14px 0 4px; } h3 { font-size: 12pt; margin: 10px 0 2px; }
        .subtitle { text-align: center; margin: 2px 0; }
        .provisional { text-align: center; font-weight: bold; border: 2px solid #000; padding: 4px; margin: 8px 25%; }
        .scroll { overflow-x: auto; }
        table.data { border-collapse: collapse; width: 100%; font-size: 10.5pt; }
        table.data th, table.data td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; }
        table.data th { background: #eee; } td.num { text-align: right; white-space: nowrap; }
        thead { display: table-header-group; } tr { break-inside: avoid; }
        .notes { font-size: 11pt; } .notes ol { margin: 2px 0; padding-left: 20px; }
        .closing { display: flex; justify-content: space-between; margin-top: 18px; break-inside: avoid; }
        .recipients { font-size: 11pt; } .signature { text-align: center; min-width: 40%; }
        .space { height: 70px; }
        .seal { display: flex; gap: 12px; align-items: center; margin-top: 16px; font-size: 9pt; break-inside: avoid; }
        .seal .line { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
        @media print { body { padding: 0; max-width: none; } .scroll { overflow: visible; } }
        @media (max-width: 600px) { .letterhead, .closing { flex-direction: column; } body { font-size: 11pt; } }
        """
}

extension String {
    func replacingNewlines(with separator: String) -> String {
        split(separator: "\n").joined(separator: separator)
    }
}
