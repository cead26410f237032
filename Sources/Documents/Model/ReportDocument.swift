public import LedgerCore
public import Presentation

/// A document as a reader sees it, in one language, before it is written in any format: the
/// letterhead, the title, sections of text and tables, the footnotes, and the seal that ties it
/// to a ledger prefix. HTML, PDF, XLSX and CSV are renderings of this one value, and `report
/// verify` rebuilds it from the ledger to compare what a file shows.
public struct ReportDocument: Sendable {
    public let kind: DocumentKind
    public let language: Language
    public let letterhead: Letterhead
    /// The document's title, as printed in capitals under the header.
    public let title: String
    /// Lines under the title: the campaign, the unit, the moment the figures are as of.
    public let subtitle: [String]
    /// "Tạm tính — chưa công bố" before publication; nil once the results are published.
    public let provisionalNotice: String?
    public let sections: [Section]
    /// How figures were rounded and what marks mean: printed on every document.
    public let footnotes: [String]
    public let seal: DocumentSeal

    public init(
        kind: DocumentKind,
        language: Language,
        letterhead: Letterhead,
        title: String,
        subtitle: [String],
        provisionalNotice: String?,
        sections: [Section],
        footnotes: [String],
        seal: DocumentSeal
    ) {
        self.kind = kind
        self.language = language
        self.letterhead = letterhead
        self.title = title
        self.subtitle = subtitle
        self.provisionalNotice = provisionalNotice
        self.sections = sections
        self.footnotes = footnotes
        self.seal = seal
    }

    /// The same document with its seal signed by `key`.
    public func signed(by key: SigningKey) -> ReportDocument {
        ReportDocument(
            kind: kind,
            language: language,
            letterhead: letterhead,
            title: title,
            subtitle: subtitle,
            provisionalNotice: provisionalNotice,
            sections: sections,
            footnotes: footnotes,
            seal: seal.signed(by: key)
        )
    }

    /// A heading, paragraphs and at most one table.
    public struct Section: Sendable {
        public let heading: String?
        public let paragraphs: [String]
        public let table: Table?

        public init(heading: String?, paragraphs: [String] = [], table: Table? = nil) {
            self.heading = heading
            self.paragraphs = paragraphs
            self.table = table
        }
    }

    /// Columns and rows of typed cells: figures stay numbers down to the XLSX cell.
    public struct Table: Sendable {
        public let columns: [Column]
        public let rows: [[Cell]]

        public init(columns: [Column], rows: [[Cell]]) {
            self.columns = columns
            self.rows = rows
        }
    }

    public struct Column: Sendable {
        public let title: String
        /// Text columns are left-aligned and wide; figures right-aligned.
        public let isText: Bool

        public init(_ title: String, isText: Bool = false) {
            self.title = title
            self.isText = isText
        }
    }

    /// A cell: text, a decimal figure shown with `decimals` places, a whole number, or nothing.
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// The decimal string as the projections give it ("82.66", "-1.5").
        case figure(String, decimals: Int)
        case integer(Int)
        case empty

        /// What the reader sees, in the reader's language.
        public func shown(_ language: Language) -> String {
            switch self {
            case .text(let text): text
            case .figure(let decimal, _): Figures.text(decimal, language)
            case .integer(let value): Figures.text(value, language)
            case .empty: ""
            }
        }

        /// The value a data file (CSV) carries: the decimal string with a point, as scripts read it.
        public var data: String {
            switch self {
            case .text(let text): text
            case .figure(let decimal, _): decimal
            case .integer(let value): String(value)
            case .empty: ""
            }
        }
    }

    /// Every table's cells in reading order, as shown: what a rendering must reproduce.
    public var shownCells: [String] {
        sections.flatMap { section in
            (section.table.map { table in
                table.columns.map(\.title) + table.rows.flatMap { $0.map { $0.shown(language) } }
            }) ?? []
        }
    }
}
