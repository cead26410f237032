import Appraisal
import ArgumentParser
import LedgerCore
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
        let (fold, asOf) = try await read.fold()
        let groupCode = try ReadOptions.campaignGroup(group, in: fold.state)
        guard let progress = CampaignProgress(fold.state, keys: fold.ledger.keys, group: groupCode) else {
            throw CLIError.usage("no campaign is opened in this ledger")
        }
        var rows: [[String]] = []
        for group in progress.groups {
            for unit in progress.units where unit.group == group.group {
                let status = [
                    unit.submittedAt == nil ? "chưa chốt" : "",
                    unit.late ? "trễ hạn" : "",
                    unit.reopenedUntil.map { "mở lại đến \($0)" } ?? "",
                ]
                rows.append(
                    [group.group.text, unit.unit.text, unit.name] + Self.cells(unit.leaves)
                        + [unit.submittedAt?.text ?? "", status.filter { !$0.isEmpty }.joined(separator: ", ")]
                )
            }
            rows.append(
                [group.group.text, "", "Cộng \(group.name)"] + Self.cells(group.leaves)
                    + ["\(group.submitted)/\(group.units) đã chốt", group.late > 0 ? "\(group.late) trễ hạn" : ""]
            )
        }
        let deadlines = progress.deadlines
        var stage = "self-scoring \(deadlines.selfScoringOpens) to \(deadlines.selfScoringCloses)"
        stage += "; round 1 closes \(deadlines.round1Closes); explanations close \(deadlines.explanationCloses)"
        stage += "; round 2 closes \(deadlines.round2Closes)"
        var done: [String] = []
        if let issued = progress.preliminaryIssuedAt { done.append("preliminary results issued \(issued)") }
        if progress.councilReportApproved { done.append("council report approved") }
        if !progress.decisions.isEmpty {
            done.append("published by decision \(progress.decisions.joined(separator: ", then "))")
        }
        read.output(
            Reports.sealed(progress.json, fold: fold, asOf: asOf),
            header: [
                "nhóm", "mã", "đơn vị", "tiến độ", "tự chấm", "N/A", "có minh chứng", "tệp minh chứng", "chốt lúc", "",
            ],
            rows: rows,
            title: """
                Campaign \(progress.year) (plan \(progress.plan.number))\(asOf.map { " as of \($0)" } ?? ""): \(stage)
                \(done.isEmpty ? "self-assessment and appraisal under way" : done.joined(separator: "; "))

                """
        )
    }

    /// Leaves answered of the TĐG leaves, self-scored, claimed N/A, with evidence; evidence files.
    private static func cells(_ leaves: CampaignProgress.Leaves) -> [String] {
        [
            "\(leaves.answered)/\(leaves.selfAssessed)", String(leaves.selfScored), String(leaves.notApplicableClaims),
            String(leaves.withEvidence), String(leaves.evidenceFiles),
        ]
    }
}
