import Appraisal
import ArgumentParser
import LedgerCore
import Presentation
import Projections

/// `parledger progress [--as-of DATE | --at-seq N] [--group G]`.
struct ProgressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "The campaign's progress: deadlines, each unit's self-assessment and submission, group totals."
    )
    @OptionGroup var read: ReadOptions
    @Option(help: "Only this group, e.g. department or district.") var group: String?

    func run() async throws {
        try read.checkLanguage()
        let (fold, asOf) = try await read.fold()
        let groupCode = try ReadOptions.campaignGroup(group, in: fold.state)
        guard let progress = CampaignProgress(fold.state, keys: fold.ledger.keys, group: groupCode) else {
            throw CLIError.usage("no campaign is opened in this ledger")
        }
        var rows: [[String]] = []
        for group in progress.groups {
            for unit in progress.units where unit.group == group.group {
                let status = [
                    unit.submittedAt == nil ? read.pick("chưa chốt", "not submitted") : "",
                    unit.late ? read.pick("trễ hạn", "late") : "",
                    unit.reopenedUntil.map {
                        read.pick("mở lại đến \(read.moment($0.text))", "reopened until \(read.moment($0.text))")
                    }
                        ?? "",
                ]
                rows.append(
                    [group.name, unit.unit.text, unit.name] + cells(unit.leaves)
                        + [
                            unit.submittedAt.map { read.moment($0.text) } ?? "",
                            status.filter { !$0.isEmpty }.joined(separator: ", "),
                        ]
                )
            }
            rows.append(
                [group.name, "", read.pick("Cộng \(group.name)", "Total \(group.name)")] + cells(group.leaves)
                    + [
                        read.pick(
                            "\(group.submitted)/\(group.units) đã chốt",
                            "\(group.submitted)/\(group.units) submitted"
                        ),
                        group.late > 0 ? read.pick("\(group.late) trễ hạn", "\(group.late) late") : "",
                    ]
            )
        }
        let deadlines = progress.deadlines
        let at = { (moment: Timestamp) in read.moment(moment.text) }
        let stage = read.pick(
            "tự đánh giá từ \(at(deadlines.selfScoringOpens)) đến \(at(deadlines.selfScoringCloses)); thẩm định vòng 1 đến \(at(deadlines.round1Closes)); giải trình đến \(at(deadlines.explanationCloses)); vòng 2 đến \(at(deadlines.round2Closes))",
            "self-scoring \(at(deadlines.selfScoringOpens)) to \(at(deadlines.selfScoringCloses)); round 1 closes \(at(deadlines.round1Closes)); explanations close \(at(deadlines.explanationCloses)); round 2 closes \(at(deadlines.round2Closes))"
        )
        var done: [String] = []
        if let issued = progress.preliminaryIssuedAt {
            done.append(
                read.pick("đã thông báo kết quả sơ bộ lúc \(at(issued))", "preliminary results issued \(at(issued))")
            )
        }
        if progress.councilReportApproved {
            done.append(read.pick("Hội đồng đã thông qua báo cáo", "council report approved"))
        }
        if !progress.decisions.isEmpty {
            done.append(
                read.pick(
                    "công bố theo quyết định \(progress.decisions.joined(separator: ", sau đó "))",
                    "published by decision \(progress.decisions.joined(separator: ", then "))"
                )
            )
        }
        let when = asOf.map { read.pick(" đến \(at($0))", " as of \(at($0))") } ?? ""
        read.output(
            Reports.sealed(progress.json, fold: fold, asOf: asOf),
            header: [
                read.pick("nhóm", "group"), read.pick("mã", "code"), read.pick("đơn vị", "unit"),
                read.pick("tiến độ", "answered"), read.pick("tự chấm", "self-scored"),
                read.pick("không phát sinh", "N/A"), read.pick("có tài liệu", "with evidence"),
                read.pick("số tệp", "evidence files"), read.pick("chốt lúc", "submitted"), read.pick("ghi chú", "note"),
            ],
            rows: rows,
            title: read.pick(
                "Đợt đánh giá năm \(progress.year) (kế hoạch \(progress.plan.number))\(when): \(stage)\n\(done.isEmpty ? "đang tự đánh giá và thẩm định" : done.joined(separator: "; "))\n",
                "Campaign \(progress.year) (plan \(progress.plan.number))\(when): \(stage)\n\(done.isEmpty ? "self-assessment and appraisal under way" : done.joined(separator: "; "))\n"
            )
        )
    }

    /// Leaves answered of the TĐG leaves, self-scored, claimed N/A, with evidence; evidence files.
    private func cells(_ leaves: CampaignProgress.Leaves) -> [String] {
        [
            "\(leaves.answered)/\(leaves.selfAssessed)", read.figure(leaves.selfScored),
            read.figure(leaves.notApplicableClaims), read.figure(leaves.withEvidence),
            read.figure(leaves.evidenceFiles),
        ]
    }
}
