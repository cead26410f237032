public import Appraisal
public import LedgerCore
public import Presentation

/// What every document is built from: the sealed report (the canonical JSON that `--format
/// json` prints and whose digest the seal carries), the state of the same prefix for names, and
/// the reader's language and letterhead.
public struct DocumentSource: Sendable {
    public let kind: DocumentKind
    /// The sealed report: its body, `ledger` {size, root, asOf} and `digest`.
    public let report: JSONValue
    public let state: AppraisalState
    public let ledgerID: String
    public let unit: UnitCode?
    public let asOf: Timestamp?
    public let language: Language
    public let letterhead: Letterhead
    public let time: LocalTime

    public init(
        kind: DocumentKind,
        report: JSONValue,
        state: AppraisalState,
        ledgerID: String,
        unit: UnitCode?,
        asOf: Timestamp?,
        language: Language,
        letterhead: Letterhead,
        time: LocalTime = .vietnam
    ) {
        self.kind = kind
        self.report = report
        self.state = state
        self.ledgerID = ledgerID
        self.unit = unit
        self.asOf = asOf
        self.language = language
        self.letterhead = letterhead
        self.time = time
    }

    /// The seal of this report: the prefix and digest the sealed report carries.
    public var seal: DocumentSeal {
        DocumentSeal(
            kind: kind,
            unit: unit?.text,
            asOf: asOf,
            language: language,
            ledgerID: ledgerID,
            size: Int(report["ledger"]?["size"]?.intValue ?? 0),
            root: report["ledger"]?["root"]?.stringValue ?? "",
            digest: report["digest"]?.stringValue ?? ""
        )
    }

    /// The decimals figures are published with.
    var decimals: Int { state.campaign?.scoring.publicationDecimals ?? 2 }

    /// Whether the results are published (a publication decision is in the prefix).
    var published: Bool { !state.decisions.isEmpty }

    func pick(_ vietnamese: String, _ english: String) -> String { language.pick(vietnamese, english) }

    /// A figure cell from a report member holding a decimal string; empty when null.
    func figure(_ value: JSONValue?, decimals: Int? = nil) -> ReportDocument.Cell {
        guard let text = value?.stringValue else { return .empty }
        return .figure(text, decimals: decimals ?? Self.decimals(of: text))
    }

    /// A text cell from a report member; empty when null.
    func text(_ value: JSONValue?) -> ReportDocument.Cell {
        guard let text = value?.stringValue, !text.isEmpty else { return .empty }
        return .text(text)
    }

    static func decimals(of decimal: String) -> Int {
        guard let point = decimal.firstIndex(of: ".") else { return 0 }
        return decimal.distance(from: point, to: decimal.endIndex) - 1
    }

    /// A unit group's name as the campaign gives it.
    func groupName(_ code: String) -> String {
        state.campaign?.groups.first { $0.code.text == code }?.name ?? code
    }

    /// A respondent group's name as the campaign gives it.
    func respondentGroupName(_ code: String) -> String {
        state.campaign?.respondentGroups.first { $0.code.text == code }?.name ?? code
    }

    /// "17:00 04/12/2023" from a report's timestamp text.
    func moment(_ value: JSONValue?) -> ReportDocument.Cell {
        guard let text = value?.stringValue, let moment = Timestamp(text: text) else { return .empty }
        return .text(time.dateTime(moment))
    }

    /// The lines under every title: the campaign, and the moment the figures stand at.
    var subtitle: [String] {
        var lines: [String] = []
        if let plan = state.campaign {
            lines.append(
                pick(
                    "Năm \(plan.year) — theo Kế hoạch số \(plan.plan.number) ngày \(LocalTime.date(iso: plan.plan.date.text))",
                    "Year \(plan.year) — under plan no. \(plan.plan.number) of \(LocalTime.date(iso: plan.plan.date.text))"
                )
            )
        }
        let size = Figures.text(Int(report["ledger"]?["size"]?.intValue ?? 0), language)
        if let asOf {
            lines.append(
                pick(
                    "Số liệu đến \(time.dateTime(asOf)) (\(size) bản ghi của sổ cái)",
                    "Figures as of \(time.dateTime(asOf)) (\(size) ledger entries)"
                )
            )
        } else {
            lines.append(
                pick(
                    "Số liệu theo \(size) bản ghi đầu tiên của sổ cái",
                    "Figures from the first \(size) ledger entries"
                )
            )
        }
        return lines
    }

    /// "Tạm tính — chưa công bố" until the results are published.
    var provisionalNotice: String? {
        published ? nil : pick("TẠM TÍNH — CHƯA CÔNG BỐ", "PROVISIONAL — NOT PUBLISHED")
    }

    /// How figures are rounded, on every document with figures.
    var roundingNote: String {
        pick(
            "Mỗi số liệu được làm tròn riêng đến \(decimals) chữ số thập phân từ giá trị chính xác; vì vậy tổng các cột đã làm tròn có thể chênh lệch với cột tổng một đơn vị ở chữ số cuối. Thứ hạng tính theo giá trị chính xác.",
            "Each figure is rounded on its own to \(decimals) decimal places from the exact value, so the rounded columns may differ from the printed total by one unit in the last place. Ranks follow the exact values."
        )
    }

    /// Says what the document's verification line is.
    var sealNote: String {
        pick(
            "Kiểm chứng văn bản: lệnh parledger report verify <tệp> với sổ cái tính lại báo cáo từ các bản ghi nêu trong dòng mã kiểm chứng (hoặc mã QR) và đối chiếu từng số liệu.",
            "To check this document, parledger report verify <file> recomputes the report from the ledger entries the verification line (or QR code) names and compares every figure."
        )
    }

    /// The rows of a report member that is an array of objects.
    func array(_ value: JSONValue?) -> [JSONValue] { value?.arrayValue ?? [] }
}
