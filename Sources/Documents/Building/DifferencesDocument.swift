import Appraisal
import LedgerCore

extension DocumentSource {
    /// Self-assessed minus appraised: per unit, the furthest off first, then per criterion.
    func differencesDocument() -> (String, [ReportDocument.Section], [String]) {
        let units = array(report["units"])
        let summary = ReportDocument.Table(
            columns: [
                .init(pick("Mã", "Code"), isText: true), .init(pick("Đơn vị", "Unit"), isText: true),
                .init(pick("Chênh lệch (có dấu)", "Signed difference")),
                .init(pick("Chênh lệch tuyệt đối", "Absolute difference")),
            ],
            rows: units.map { [text($0["unit"]), text($0["name"]), figure($0["signed"]), figure($0["absolute"])] }
        )
        var rows: [[ReportDocument.Cell]] = []
        for unit in units {
            let code = unit["unit"]?.stringValue ?? ""
            let criteria = UnitCode(code).flatMap { state.criteria(of: $0) }
            for leaf in array(unit["leaves"]) {
                let name = leaf["leaf"]?.stringValue.flatMap(CriterionCode.init).flatMap { criteria?.name(of: $0) }
                rows.append([
                    .text(code), text(leaf["leaf"]), name.map { .text($0) } ?? .empty, figure(leaf["selfScore"]),
                    figure(leaf["appraised"]), figure(leaf["difference"]),
                ])
            }
        }
        let details = ReportDocument.Table(
            columns: [
                .init(pick("Mã", "Code"), isText: true), .init(pick("Tiêu chí", "Criterion"), isText: true),
                .init(pick("Nội dung", "Name"), isText: true), .init(pick("Điểm tự đánh giá", "Self-score")),
                .init(pick("Điểm thẩm định", "Appraised")), .init(pick("Chênh lệch", "Difference")),
            ],
            rows: rows
        )
        let sections: [ReportDocument.Section] = [
            .init(heading: pick("Theo đơn vị", "By unit"), table: summary),
            .init(
                heading: pick(
                    "Theo tiêu chí (chỉ các tiêu chí có chênh lệch)",
                    "By criterion (only those that differ)"
                ),
                paragraphs: rows.isEmpty ? [pick("Không có chênh lệch.", "No differences.")] : [],
                table: rows.isEmpty ? nil : details
            ),
        ]
        let footnotes = [
            pick(
                "Chênh lệch = Điểm tự đánh giá − Điểm thẩm định; số dương: đơn vị tự chấm cao hơn kết quả thẩm định.",
                "Difference = self-score − appraised points; positive: the unit scored itself higher than the appraisal."
            )
        ]
        return (
            pick("CHÊNH LỆCH GIỮA ĐIỂM TỰ ĐÁNH GIÁ VÀ ĐIỂM THẨM ĐỊNH", "SELF-SCORES AGAINST APPRAISED POINTS"),
            sections, footnotes
        )
    }
}
