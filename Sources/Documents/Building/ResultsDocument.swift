import LedgerCore

extension DocumentSource {
    /// The decision's appendix: per group, rank, unit, index, band, component index per domain,
    /// appraised points, survey points, bonus, deductions, total and the max they are out of.
    func resultsDocument() -> (String, [ReportDocument.Section], [String]) {
        var sections: [ReportDocument.Section] = []
        var domainNames: [String: String] = [:]
        var anyProvisional = false
        for group in array(report["groups"]) {
            let standings = array(group["standings"])
            let domains = standings.first.map { array($0["domains"]).compactMap { $0["domain"]?.stringValue } } ?? []
            for standing in standings {
                for domain in array(standing["domains"]) {
                    if let code = domain["domain"]?.stringValue {
                        domainNames[code] = domain["name"]?.stringValue ?? ""
                    }
                }
            }
            var columns: [ReportDocument.Column] = [
                .init(pick("Hạng", "Rank")), .init(pick("Mã", "Code"), isText: true),
                .init(pick("Đơn vị", "Unit"), isText: true), .init(pick("Chỉ số (%)", "Index (%)")),
                .init(pick("Xếp loại", "Band"), isText: true),
            ]
            columns += domains.map { .init(pick("LV\($0) (%)", "D\($0) (%)")) }
            columns += [
                .init(pick("Điểm thẩm định", "Appraised points")), .init(pick("Điểm điều tra XHH", "Survey points")),
                .init(pick("Điểm thưởng", "Bonus")), .init(pick("Điểm trừ", "Deductions")),
                .init(pick("Tổng điểm", "Total")), .init(pick("Điểm tối đa", "Max points")),
            ]
            let rows: [[ReportDocument.Cell]] = standings.map { standing in
                let provisional = standing["provisional"] == .bool(true)
                anyProvisional = anyProvisional || provisional
                let byCode = Dictionary(
                    array(standing["domains"]).compactMap { domain in domain["domain"]?.stringValue.map { ($0, domain) }
                    },
                    uniquingKeysWith: { first, _ in first }
                )
                var row: [ReportDocument.Cell] = [
                    standing["rank"]?.intValue.map { .integer(Int($0)) } ?? .empty, text(standing["unit"]),
                    .text((standing["name"]?.stringValue ?? "") + (provisional ? " *" : "")), figure(standing["index"]),
                    // A unit not yet fully appraised has no band: a band on a draft reads as a verdict.
                    text(standing["band"]),
                ]
                row += domains.map { figure(byCode[$0]?["index"]) }
                row += [
                    figure(standing["appraisedTotal"]), figure(standing["surveyTotal"]), figure(standing["bonus"]),
                    figure(standing["deductions"]), figure(standing["total"]), figure(standing["effectiveMax"]),
                ]
                return row
            }
            let name = group["name"]?.stringValue ?? groupName(group["group"]?.stringValue ?? "")
            sections.append(.init(heading: name, table: .init(columns: columns, rows: rows)))
        }
        if sections.isEmpty {
            sections.append(
                .init(heading: nil, paragraphs: [pick("Chưa có đơn vị nào được xếp hạng.", "No unit is ranked yet.")])
            )
        }
        var footnotes = [
            pick(
                "Chỉ số (%) = Tổng điểm / Điểm tối đa × 100; Tổng điểm = Điểm thẩm định + Điểm điều tra XHH + Điểm thưởng − Điểm trừ. LV: chỉ số thành phần của từng lĩnh vực (%).",
                "Index (%) = Total / Max points × 100; Total = Appraised points + Survey points + Bonus − Deductions. D: each domain's component index (%)."
            ),
            pick("Lĩnh vực: ", "Domains: ")
                + domainNames.keys.sorted { (Int($0) ?? 0, $0) < (Int($1) ?? 0, $1) }.map {
                    pick("LV", "D") + "\($0): \(domainNames[$0] ?? "")"
                }.joined(separator: "; "),
        ]
        if anyProvisional {
            footnotes.append(
                pick(
                    "* Tạm tính: đơn vị còn tiêu chí chưa được thẩm định, điểm tính theo điểm tự đánh giá; chưa xếp loại.",
                    "* Provisional: some of the unit's criteria are not appraised yet and count at the self-score; no band yet."
                )
            )
        }
        let title = pick("KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", "PAR INDEX RESULTS")
        return (title, sections, footnotes)
    }
}
