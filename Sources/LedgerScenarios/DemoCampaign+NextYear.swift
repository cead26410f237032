import Appraisal
import Foundation
import LedgerCore
import LedgerStore

/// The seed province's 2024 campaign on the same ledger (events/PROCESS.md §1, "Year after year"):
/// no key registered or unit enrolled again; the transport department merged into construction
/// and the ethnic affairs board renamed by decision; every unit self-scores, the survey runs, one
/// appraisal round, the council's report and publication. Its own seed, so the 2023 campaign
/// writes the same statements whether or not the year after follows.
extension DemoCampaign {
    /// The units the 2024 campaign changes by decision: merged (withdrawn into a successor) and renamed.
    static let merged = (unit: "SGTVT", successor: "SXD", decision: "15/NQ-HĐND")
    static let renamed = (unit: "BDT", name: "Sở Dân tộc và Tôn giáo", decision: "16/NQ-HĐND")

    /// May 2024 – Apr 2025: the second campaign, after the 2023 one is published.
    package mutating func nextYear() async throws {
        var random = SplitMix64(seed: 2024)
        let authority = try key("authority")
        let secretariat = try key("secretariat")
        on("2024-05-20")
        try await act(.campaignOpened(try CampaignPlan(payload: try sample("campaign-2024.json"))), by: authority)
        on("2024-06-03")
        let successor = try Self.parsed(Self.merged.successor, UnitCode.init)
        let mergedUnit = try Self.parsed(Self.merged.unit, UnitCode.init)
        try await act(
            .unitWithdrawn(
                unit: mergedUnit,
                decision: DecisionReference(
                    number: Self.merged.decision,
                    date: try Self.parsed("2024-05-31", CalendarDate.init)
                ),
                reason: "Hợp nhất Sở Giao thông vận tải vào Sở Xây dựng",
                successor: successor
            ),
            by: authority
        )
        try await act(
            .unitRenamed(
                unit: try Self.parsed(Self.renamed.unit, UnitCode.init),
                name: Self.renamed.name,
                decision: DecisionReference(
                    number: Self.renamed.decision,
                    date: try Self.parsed("2024-05-31", CalendarDate.init)
                )
            ),
            by: authority
        )
        let active = units.filter { $0.code != mergedUnit }
        on("2024-10-07")
        try await assignAppraisers(by: secretariat)

        // Nov 2024: every unit self-scores every TĐG leaf near its 2023 appraisal, and submits.
        var scored: [AppraisalState.LeafKey: Points] = [:]
        for (day, unit) in active.enumerated() {
            guard let set = criteria[unit.group.text], let officer = keys["officer/\(unit.code)"],
                let leader = keys["leader/\(unit.code)"]
            else { continue }
            on(String(format: "2024-11-%02d", min(28, day + 1)))
            var acts: [(AppraisalEvent, SigningKey)] = []
            // The year's plan of reform, filed against the first leaf.
            if let first = set.orderedLeaves.first(where: { $0.method == .selfAssessed }) {
                let content = "\(unit.name)\nKế hoạch cải cách hành chính năm 2024\n"
                let blob = try await store.putBlob(Array(content.utf8))
                let evidence = AppraisalEvent.Evidence(
                    blob: .init(blob, name: "ke-hoach-cchc-2024.txt", mediaType: "text/plain"),
                    document: .init(
                        number: "\(10 + Int(random.next(below: 90)))/KH-\(unit.code)",
                        issuer: unit.name,
                        issuedOn: try Self.parsed("2024-09-30", CalendarDate.init),
                        page: 1
                    )
                )
                acts.append((.evidenceAttached(unit: unit.code, leaf: first.code, evidence: evidence), officer))
            }
            for leaf in set.orderedLeaves where leaf.method == .selfAssessed {
                let key = AppraisalState.LeafKey(unit: unit.code, leaf: leaf.code)
                let options = choices(leaf)
                let last = appraised[key] ?? options[0]
                // Most leaves as last year; some a step better, some a step worse.
                let roll = random.next(below: 100)
                let points =
                    roll < 20
                    ? (options.last { $0 > last } ?? last) : roll < 30 ? (options.first { $0 < last } ?? last) : last
                acts.append(
                    (
                        .selfScoreRecorded(
                            unit: unit.code,
                            leaf: leaf.code,
                            points: points,
                            note: "Kết quả thực hiện năm 2024 đã nêu trong báo cáo tự đánh giá"
                        ),
                        officer
                    )
                )
                scored[key] = points
            }
            try await append(acts)
            try await act(.selfAssessmentSubmitted(unit: unit.code), by: leader)
        }

        // Dec 2024: the survey, one batch per unit and respondent group.
        let plan = try CampaignPlan(payload: try sample("campaign-2024.json"))
        on("2024-12-10")
        for unit in active {
            guard let form = template[unit.group.text] else { continue }
            for quota in plan.quotas where quota.group == unit.group {
                let questions = form.questions.filter { $0.respondentGroups.contains(quota.respondentGroup) }
                let forms = (1...quota.formsPerUnit).map { number in
                    var answers: [String: String] = [:]
                    for question in questions {
                        let roll = random.next(below: 100)
                        answers[question.code.text] =
                            roll < 50 ? "A" : roll < 82 ? "B" : roll < 93 ? "C" : roll < 97 ? "D" : "E"
                    }
                    return AppraisalEvent.SurveyForm(
                        serial:
                            "2024-\(unit.code)-\(quota.respondentGroup.text.prefix(3).uppercased())-\(String(format: "%03d", number))",
                        unit: unit.code,
                        respondentGroup: quota.respondentGroup,
                        answers: answers
                    )
                }
                try await act(
                    .surveyBatchRecorded(template: form.template, version: form.version, forms: forms),
                    by: try key("clerk")
                )
            }
        }

        // Dec 2024 – Jan 2025: one round, a step down with a reason for some leaves.
        on("2024-12-12")
        for unit in active {
            guard let set = criteria[unit.group.text] else { continue }
            var acts: [(AppraisalEvent, SigningKey)] = []
            for leaf in set.orderedLeaves where leaf.method == .selfAssessed {
                let key = AppraisalState.LeafKey(unit: unit.code, leaf: leaf.code)
                guard let appraiser = appraiser(of: unit.code, leaf.code), let selfScore = scored[key] else { continue }
                var points = selfScore
                var reason: String?
                if random.next(below: 100) < 12, let lower = choices(leaf).first(where: { $0 < selfScore }) {
                    points = lower
                    reason = "Minh chứng chưa đầy đủ so với yêu cầu của tiêu chí"
                }
                acts.append(
                    (
                        .appraisalRecorded(
                            unit: unit.code,
                            leaf: leaf.code,
                            round: 1,
                            points: points,
                            reason: reason,
                            explanationRequested: false
                        ),
                        appraiser
                    )
                )
            }
            try await append(acts)
        }
        on("2025-02-03")
        try await act(.preliminaryResultsIssued(note: "Công văn 98/SNV-CCHC"), by: secretariat)
        on("2025-03-14")
        try await act(
            .councilReportApproved(
                number: "04/BC-HĐTĐ",
                date: try Self.parsed("2025-03-14", CalendarDate.init),
                summary: "Báo cáo kết quả thẩm định Chỉ số CCHC năm 2024"
            ),
            by: try key("chair")
        )
        on("2025-04-09")
        let checkpoint = try await currentCheckpoint(store)
        try await act(
            .resultsPublished(
                decision: DecisionReference(
                    number: "705/QĐ-UBND",
                    date: try Self.parsed("2025-04-09", CalendarDate.init)
                ),
                checkpointSize: checkpoint.size,
                checkpointRoot: checkpoint.root
            ),
            by: authority
        )
    }
}
