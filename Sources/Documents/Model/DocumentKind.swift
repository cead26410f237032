public import Presentation

/// The documents parledger prints: one command and one route each.
public enum DocumentKind: String, Sendable, CaseIterable, Codable {
    /// Per group: rank, unit, index, band, component indexes, appraised and survey points, bonus,
    /// deductions, total (the decision's appendix).
    case results
    /// One unit: every criterion by name with max, self-score, appraisal, difference, reasons,
    /// evidence documents, N/A, bonus and deduction lines.
    case scorecard
    /// Self-assessed minus appraised, per unit and criterion.
    case differences
    /// Each objection and explanation with its text, the resolution, points before and after.
    case disputes
    /// Coverage against quota, and the answers to each question by respondent group and unit.
    case survey
    /// The council's appendix of adjustments by round, with reasons.
    case minutes

    /// Whether the document is about one unit (`--unit` is required).
    public var needsUnit: Bool { self == .scorecard }

    /// What the document is called, in the reader's language.
    public func name(_ language: Language) -> String {
        switch self {
        case .results: language.pick("kết quả Chỉ số cải cách hành chính", "results")
        case .scorecard: language.pick("bảng điểm của đơn vị", "scorecard")
        case .differences: language.pick("chênh lệch giữa tự đánh giá và thẩm định", "differences")
        case .disputes: language.pick("giải trình, kiến nghị", "disputes")
        case .survey: language.pick("kết quả điều tra xã hội học", "survey")
        case .minutes: language.pick("phụ lục điều chỉnh của Hội đồng", "council minutes")
        }
    }
}

/// The file formats a document is written in.
public enum DocumentFormat: String, Sendable, CaseIterable, Codable {
    case html, pdf, xlsx, csv

    /// The media type a server answers with.
    public var mediaType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .pdf: "application/pdf"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: "text/csv; charset=utf-8; header=present"
        }
    }

    /// The format a file name's extension names; nil for any other.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        self.init(rawValue: fileName[fileName.index(after: dot)...].lowercased())
    }
}
