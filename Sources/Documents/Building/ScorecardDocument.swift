import LedgerCore
import Presentation

extension DocumentSource {
    /// One unit's scorecard: its totals, every criterion by name, and its bonus and deduction lines.
    func scorecardDocument() -> (String, [ReportDocument.Section], [String]) {
        let result = report["result"] ?? .null
        let summary = ReportDocument.Table(
            columns: [
                .init(pick("Chỉ số (%)", "Index (%)")), .init(pick("Xếp loại", "Band"), isText: true),
                .init(pick("Điểm thẩm định", "Appraised points")), .init(pick("Điểm điều tra XHH", "Survey points")),
                .init(pick("Điểm thưởng", "Bonus")), .init(pick("Điểm trừ", "Deductions")),
                .init(pick("Tổng điểm", "Total")), .init(pick("Điểm tối đa", "Max points")),
            ],
            rows: [
                [
                    figure(result["index"]), text(result["band"]),
                    figure(result["appraisedTotal"]),
                    figure(result["surveyTotal"]), figure(result["bonus"]), figure(result["deductions"]),
                    figure(result["total"]), figure(result["effectiveMax"]),
                ]
            ]
        )
        let criteria = ReportDocument.Table(
            columns: [
                .init(pick("Tiêu chí", "Criterion"), isText: true), .init(pick("Nội dung", "Name"), isText: true),
                .init(pick("Điểm tối đa", "Max")), .init(pick("Điểm tự đánh giá", "Self-score")),
                .init(pick("Thẩm định vòng 1", "Appraised, round 1")),
                .init(pick("Thẩm định vòng 2", "Appraised, round 2")),
                .init(pick("Điểm thẩm định", "Appraised")), .init(pick("Chênh lệch", "Difference")),
                .init(pick("Lý do điều chỉnh", "Reason"), isText: true),
                .init(pick("Tài liệu kiểm chứng", "Evidence documents"), isText: true),
                .init(pick("Không phát sinh", "Not applicable"), isText: true),
            ],
            rows: array(report["leaves"]).map { leaf in
                let survey = leaf["surveyScore"] != nil
                let reason = leaf["round2Reason"]?.stringValue ?? leaf["round1Reason"]?.stringValue
                return [
                    text(leaf["leaf"]), text(leaf["name"]), figure(leaf["maxPoints"]),
                    survey ? .text(pick("(điều tra XHH)", "(survey)")) : figure(leaf["selfScore"]),
                    figure(leaf["round1"]), figure(leaf["round2"]),
                    survey ? figure(leaf["surveyScore"]) : figure(leaf["appraised"]),
                    figure(leaf["difference"]), reason.map { .text($0) } ?? .empty,
                    documents(leaf["documents"]), notApplicable(leaf["notApplicable"]),
                ]
            }
        )
        let adjustments = array(report["adjustments"])
        var sections: [ReportDocument.Section] = [
            .init(heading: pick("Kết quả chung", "Summary"), table: summary),
            .init(heading: pick("Điểm từng tiêu chí", "Criteria"), table: criteria),
        ]
        sections.append(
            .init(
                heading: pick("Điểm thưởng, điểm trừ", "Bonus and deductions"),
                paragraphs: adjustments.isEmpty ? [pick("Không có đề nghị nào.", "No claims.")] : [],
                table: adjustments.isEmpty
                    ? nil
                    : .init(
                        columns: [
                            .init(pick("Khoản", "Item"), isText: true), .init(pick("Nội dung", "Name"), isText: true),
                            .init(pick("Loại", "Kind"), isText: true),
                            .init(pick("Quyết định", "Decision"), isText: true),
                            .init(pick("Điểm được chấp nhận", "Points accepted")),
                        ],
                        rows: adjustments.map { claim in
                            [
                                text(claim["item"]), text(claim["name"]),
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
        let recorded = recordedDocuments(report["reportDocuments"])
        if !recorded.isEmpty {
            sections.append(
                .init(
                    heading: pick("Báo cáo tự đánh giá của đơn vị", "The unit's self-assessment report"),
                    paragraphs: recorded
                )
            )
        }
        let unitLine = "\(result["unit"]?.stringValue ?? "") — \(result["name"]?.stringValue ?? "")"
        let footnotes = [
            pick(
                "Chênh lệch = Điểm tự đánh giá − Điểm thẩm định. Điểm thẩm định là điểm đang có hiệu lực (vòng cuối, kiến nghị được chấp nhận hoặc quyết định đính chính).",
                "Difference = self-score − appraised points. Appraised points are those in force (the last round, an accepted objection or a correcting decision)."
            )
        ]
        return (
            pick("PHIẾU ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", "PAR INDEX SCORECARD") + "\n" + unitLine, sections, footnotes
        )
    }

    /// "Số 12/QĐ-UBND, UBND tỉnh, 04/12/2023; …": the evidence documents still attached.
    func documents(_ value: JSONValue?) -> ReportDocument.Cell {
        let lines = array(value).map { document in
            let number = document["number"]?.stringValue ?? ""
            let issuer = document["issuer"]?.stringValue ?? ""
            let date = LocalTime.date(iso: document["issuedOn"]?.stringValue ?? "")
            return pick("Số \(number), \(issuer), \(date)", "No. \(number), \(issuer), \(date)")
        }
        return lines.isEmpty ? .empty : .text(lines.joined(separator: "; "))
    }

    /// The documents an act recorded (`{blob, document}` as payloads give them), one line each:
    /// "Số 05/BC-HĐTĐ, Hội đồng thẩm định, 15/03/2024 (bao-cao.pdf, SHA-256 …)".
    func recordedDocuments(_ value: JSONValue?) -> [String] {
        array(value).map { item in
            let document = item["document"]
            let number = document?["number"]?.stringValue ?? ""
            let issuer = document?["issuer"]?.stringValue ?? ""
            let date = LocalTime.date(iso: document?["issuedOn"]?.stringValue ?? "")
            let file =
                "\(item["blob"]?["name"]?.stringValue ?? ""), SHA-256 \(item["blob"]?["sha256"]?.stringValue ?? "")"
            return pick("Số \(number), \(issuer), \(date) (\(file))", "No. \(number), \(issuer), \(date) (\(file))")
        }
    }

    /// An N/A state in words: a rejected claim is "bị bác".
    func notApplicable(_ value: JSONValue?) -> ReportDocument.Cell {
        guard let code = value?.stringValue else { return .empty }
        return .text(code == "rejected" ? pick("bị bác", "rejected") : Vocabulary.state(code, language))
    }

    /// A claim's or objection's decision or status in words.
    func decision(_ value: JSONValue?) -> String {
        Vocabulary.state(value?.stringValue ?? "", language)
    }
}
