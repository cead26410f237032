import LedgerCore

extension DocumentSource {
    /// The dispute register: each objection with its text and the unit's explanations, the points
    /// it contests, the council's resolution and reasoning, and the points after.
    func disputesDocument() -> (String, [ReportDocument.Section], [String]) {
        let disputes = array(report["disputes"])
        let section = ReportDocument.Section(
            heading: nil,
            paragraphs: disputes.isEmpty ? [pick("Không có kiến nghị nào.", "No objections.")] : [],
            table: disputes.isEmpty ? nil : objectionsTable(disputes)
        )
        return (pick("SỔ THEO DÕI GIẢI TRÌNH, KIẾN NGHỊ", "REGISTER OF EXPLANATIONS AND OBJECTIONS"), [section], [])
    }

    /// One row per objection; shared with the council's minutes.
    func objectionsTable(_ disputes: [JSONValue]) -> ReportDocument.Table {
        ReportDocument.Table(
            columns: [
                .init(pick("STT", "No.")), .init(pick("Đơn vị", "Unit"), isText: true),
                .init(pick("Tiêu chí", "Criterion"), isText: true),
                .init(pick("Ngày kiến nghị", "Filed"), isText: true),
                .init(pick("Nội dung kiến nghị", "Objection"), isText: true),
                .init(pick("Giải trình", "Explanations"), isText: true),
                .init(pick("Điểm bị kiến nghị", "Points contested")), .init(pick("Kết quả", "Outcome"), isText: true),
                .init(pick("Điểm sau giải quyết", "Points after")), .init(pick("Thay đổi", "Change")),
                .init(pick("Ý kiến của Hội đồng", "Council's reasoning"), isText: true),
                .init(pick("Ngày giải quyết", "Resolved"), isText: true),
            ],
            rows: disputes.enumerated().map { offset, dispute in
                let explanations = array(dispute["explanations"]).compactMap { $0["text"]?.stringValue }
                return [
                    .integer(offset + 1),
                    .text("\(dispute["unit"]?.stringValue ?? "") — \(dispute["unitName"]?.stringValue ?? "")"),
                    .text("\(dispute["leaf"]?.stringValue ?? "") \(dispute["leafName"]?.stringValue ?? "")"),
                    moment(dispute["filedAt"]), text(dispute["text"]),
                    explanations.isEmpty ? .empty : .text(explanations.joined(separator: " / ")),
                    figure(dispute["contested"]),
                    .text(decision(dispute["outcome"] ?? dispute["status"])), figure(dispute["points"]),
                    figure(dispute["change"]), text(dispute["reasoning"]), moment(dispute["resolvedAt"]),
                ]
            }
        )
    }
}
