import LedgerCore

extension DocumentSource {
    /// The council's minutes: the appendix of adjustments by round with the appraisers' reasons,
    /// the objections it resolved, and the bonus and deduction claims decided.
    func minutesDocument() -> (String, [ReportDocument.Section], [String]) {
        var sections: [ReportDocument.Section] = []
        for round in array(report["rounds"]) {
            let number = round["round"]?.intValue ?? 0
            let adjustments = array(round["adjustments"])
            let heading =
                number == 1
                ? pick(
                    "Vòng 1: điểm thẩm định khác điểm tự đánh giá",
                    "Round 1: appraisals that differ from the self-score"
                )
                : pick("Vòng 2: điểm thẩm định thay đổi so với vòng 1", "Round 2: appraisals changed from round 1")
            sections.append(
                .init(
                    heading: heading,
                    paragraphs: adjustments.isEmpty ? [pick("Không có điều chỉnh.", "No adjustments.")] : [],
                    table: adjustments.isEmpty
                        ? nil
                        : .init(
                            columns: [
                                .init(pick("STT", "No.")), .init(pick("Đơn vị", "Unit"), isText: true),
                                .init(pick("Tiêu chí", "Criterion"), isText: true),
                                .init(
                                    number == 1
                                        ? pick("Điểm tự đánh giá", "Self-score") : pick("Điểm vòng 1", "Round 1")
                                ),
                                .init(pick("Điểm thẩm định", "Appraised")), .init(pick("Thay đổi", "Change")),
                                .init(pick("Lý do", "Reason"), isText: true),
                            ],
                            rows: adjustments.enumerated().map { offset, adjustment in
                                [
                                    .integer(offset + 1),
                                    .text(
                                        "\(adjustment["unit"]?.stringValue ?? "") — \(adjustment["unitName"]?.stringValue ?? "")"
                                    ),
                                    .text(
                                        "\(adjustment["leaf"]?.stringValue ?? "") \(adjustment["leafName"]?.stringValue ?? "")"
                                    ),
                                    figure(adjustment["before"]), figure(adjustment["points"]),
                                    figure(adjustment["change"]),
                                    text(adjustment["reason"]),
                                ]
                            }
                        )
                )
            )
        }
        let objections = array(report["objections"])
        sections.append(
            .init(
                heading: pick("Kiến nghị của đơn vị và kết quả giải quyết", "Objections and their resolution"),
                paragraphs: objections.isEmpty ? [pick("Không có kiến nghị nào.", "No objections.")] : [],
                table: objections.isEmpty ? nil : objectionsTable(objections)
            )
        )
        let claims = array(report["claims"])
        sections.append(
            .init(
                heading: pick("Điểm thưởng, điểm trừ đã quyết định", "Bonus and deductions decided"),
                paragraphs: claims.isEmpty ? [pick("Không có.", "None.")] : [],
                table: claims.isEmpty
                    ? nil
                    : .init(
                        columns: [
                            .init(pick("STT", "No.")), .init(pick("Đơn vị", "Unit"), isText: true),
                            .init(pick("Khoản", "Item"), isText: true), .init(pick("Loại", "Kind"), isText: true),
                            .init(pick("Quyết định", "Decision"), isText: true), .init(pick("Điểm", "Points")),
                        ],
                        rows: claims.enumerated().map { offset, claim in
                            [
                                .integer(offset + 1),
                                .text("\(claim["unit"]?.stringValue ?? "") — \(claim["unitName"]?.stringValue ?? "")"),
                                .text("\(claim["item"]?.stringValue ?? "") \(claim["name"]?.stringValue ?? "")"),
                                .text(
                                    claim["kind"]?.stringValue == "bonus"
                                        ? pick("Thưởng", "Bonus") : pick("Trừ", "Deduction")
                                ),
                                .text(decision(claim["status"])), figure(claim["points"]),
                            ]
                        }
                    )
            )
        )
        let footnotes = [
            report["councilReportApproved"] == .bool(true)
                ? pick("Báo cáo thẩm định của Hội đồng đã được thông qua.", "The council's report is approved.")
                : pick(
                    "Báo cáo thẩm định của Hội đồng chưa được thông qua.",
                    "The council's report is not approved yet."
                )
        ]
        let recorded = recordedDocuments(report["councilReportDocuments"])
        if !recorded.isEmpty {
            sections.append(
                .init(
                    heading: pick("Báo cáo của Hội đồng thẩm định", "The Appraisal Council's report"),
                    paragraphs: recorded
                )
            )
        }
        return (pick("PHỤ LỤC ĐIỀU CHỈNH ĐIỂM THẨM ĐỊNH", "APPENDIX OF APPRAISAL ADJUSTMENTS"), sections, footnotes)
    }
}
