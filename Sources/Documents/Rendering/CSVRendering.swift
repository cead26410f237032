import Presentation

/// A document's table as CSV, a data format: the first row is the seal (the ledger prefix and
/// the report's digest, one field, and "Tạm tính — chưa công bố" beside it before publication), then a header for every column and the rows, figures with a
/// decimal point as scripts read them (RFC 4180, UTF-8 with a byte-order mark for Excel).
public enum CSVRendering {
    /// The header and rows: the tables that share the main table's columns, with the section
    /// heading as a first column when there are several (the results' groups, the minutes' rounds).
    public static func table(_ document: ReportDocument) -> (header: [String], rows: [[String]]) {
        let tables = document.sections.compactMap { section in section.table.map { (section.heading ?? "", $0) } }
        guard let main = mainTable(document.kind, tables.map(\.1)) else { return ([], []) }
        let titles = main.columns.map(\.title)
        let matching = tables.filter { $0.1.columns.map(\.title) == titles }
        let sectionColumn = document.kind == .results || document.kind == .minutes
        var header = titles
        if sectionColumn {
            header.insert(
                document.language.pick(
                    document.kind == .results ? "Nhóm" : "Phần",
                    document.kind == .results ? "Group" : "Part"
                ),
                at: 0
            )
        }
        var rows: [[String]] = []
        for (heading, table) in matching {
            for cells in table.rows {
                let values = cells.map(\.data)
                rows.append(sectionColumn ? [heading] + values : values)
            }
        }
        return (header, rows)
    }

    public static func render(_ document: ReportDocument) -> [UInt8] {
        let (header, rows) = table(document)
        // The seal row comes first, so a reader that skips one line gets the table; before
        // publication a second field says the figures are provisional, where a person opening the
        // file in a spreadsheet sees it first.
        let sealRow = [document.seal.text] + (document.provisionalNotice.map { [$0] } ?? [])
        return CSVTable.encoded(header: sealRow, rows: [header] + rows)
    }

    /// The table a CSV of each kind carries.
    private static func mainTable(_ kind: DocumentKind, _ tables: [ReportDocument.Table]) -> ReportDocument.Table? {
        switch kind {
        case .results, .disputes, .survey, .minutes: tables.first
        case .scorecard, .differences: tables.count > 1 ? tables[1] : tables.first
        }
    }
}
