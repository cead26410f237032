import LedgerCore

extension DocumentSource {
    /// The survey summary: forms against quota per unit and respondent group, then each question's
    /// answers, option by option.
    func surveyDocument() -> (String, [ReportDocument.Section], [String]) {
        var coverageRows: [[ReportDocument.Cell]] = []
        for unit in array(report["units"]) {
            for group in array(unit["groups"]) {
                let planned = Int(group["planned"]?.intValue ?? 0)
                let valid = Int(group["valid"]?.intValue ?? 0)
                coverageRows.append([
                    text(unit["unit"]), text(unit["name"]),
                    .text(respondentGroupName(group["respondentGroup"]?.stringValue ?? "")),
                    .integer(planned), .integer(Int(group["received"]?.intValue ?? 0)), .integer(valid),
                    .integer(Int(group["incomplete"]?.intValue ?? 0)),
                    .integer(Int(group["invalidated"]?.intValue ?? 0)),
                    planned == 0 ? .empty : .figure(Self.percent(valid, of: planned), decimals: 1),
                ])
            }
        }
        var sections: [ReportDocument.Section] = [
            .init(
                heading: pick("Số phiếu so với kế hoạch", "Forms against quota"),
                paragraphs: [
                    pick(
                        "Tổng số phiếu: đã nhận \(figureText(report["received"])) / kế hoạch \(figureText(report["planned"])).",
                        "Forms received \(figureText(report["received"])) of \(figureText(report["planned"])) planned."
                    )
                ],
                table: .init(
                    columns: [
                        .init(pick("Mã", "Code"), isText: true), .init(pick("Đơn vị", "Unit"), isText: true),
                        .init(pick("Đối tượng khảo sát", "Respondent group"), isText: true),
                        .init(pick("Kế hoạch", "Planned")), .init(pick("Đã nhận", "Received")),
                        .init(pick("Hợp lệ", "Valid")), .init(pick("Chưa đủ câu trả lời", "Incomplete")),
                        .init(pick("Bị loại", "Invalidated")), .init(pick("Tỷ lệ hợp lệ (%)", "Valid (%)")),
                    ],
                    rows: coverageRows
                )
            )
        ]
        for question in array(report["questions"]) {
            let options = array(question["options"]).compactMap(\.stringValue)
            let rows: [[ReportDocument.Cell]] = array(question["counts"]).map { count in
                [text(count["unit"]), .text(respondentGroupName(count["respondentGroup"]?.stringValue ?? ""))]
                    + options.map { .integer(Int(count["answers"]?[$0]?.intValue ?? 0)) }
                    + [.integer(Int(count["blank"]?.intValue ?? 0))]
            }
            let heading =
                pick("Câu ", "Question ")
                + "\(question["question"]?.stringValue ?? "") (\(pick("tiêu chí", "criterion")) \(question["leaf"]?.stringValue ?? "")): \(question["text"]?.stringValue ?? "")"
            sections.append(
                .init(
                    heading: heading,
                    paragraphs: rows.isEmpty ? [pick("Chưa có phiếu.", "No forms yet.")] : [],
                    table: rows.isEmpty
                        ? nil
                        : .init(
                            columns: [
                                .init(pick("Mã", "Code"), isText: true),
                                .init(pick("Đối tượng khảo sát", "Respondent group"), isText: true),
                            ] + options.map { .init($0) } + [.init(pick("Không trả lời", "Blank"))],
                            rows: rows
                        )
                )
            )
        }
        let footnotes = [
            pick(
                "Phiếu hợp lệ: không bị loại và trả lời đủ số câu theo quy định; phiếu bị loại không được tính vào số câu trả lời.",
                "Valid forms: not invalidated and answering enough questions; invalidated forms are left out of the answers."
            )
        ]
        return (pick("TỔNG HỢP KẾT QUẢ ĐIỀU TRA XÃ HỘI HỌC", "SURVEY SUMMARY"), sections, footnotes)
    }

    /// A whole number from a report member, as the reader writes it.
    private func figureText(_ value: JSONValue?) -> String {
        integerCell(value).shown(language)
    }

    private func integerCell(_ value: JSONValue?) -> ReportDocument.Cell {
        value?.intValue.map { .integer(Int($0)) } ?? .empty
    }

    /// `part / whole × 100` to one decimal, rounded half up, as a decimal string.
    static func percent(_ part: Int, of whole: Int) -> String {
        let tenths = (part * 1000 * 2 + whole) / (whole * 2)
        return "\(tenths / 10).\(tenths % 10)"
    }
}
