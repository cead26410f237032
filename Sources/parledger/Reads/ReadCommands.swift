import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import Projections

extension JSONValue {
    /// A string member, or "" (the reports always write their members).
    fileprivate func text(_ name: String) -> String { self[name]?.stringValue ?? "" }
}

/// `parledger standings [--as-of DATE | --at-seq N] [--group G]`.
struct StandingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standings",
        abstract: "The ranking of each unit group, now or as of a date (projections/RULES.md §9)."
    )
    @OptionGroup var read: ReadOptions
    @Option(help: "Only this group, e.g. department or district.") var group: String?

    func run() async throws {
        let ledger = try read.ledger()
        if group == nil, let kept = try await read.keptStandings(in: ledger) {
            // The standings the store keeps for the end of that day: the bytes a fold would give.
            switch read.format {
            case .json: print(String(decoding: kept.bytes, as: UTF8.self))
            case .table, .csv: show(try CanonicalJSON.parse(kept.bytes), asOf: kept.asOf)
            }
            return
        }
        let (fold, asOf) = try await read.fold(in: ledger)
        let groupCode = try ReadOptions.campaignGroup(group, in: fold.state)
        show(Reports.sealed(Reports.standings(fold.state, group: groupCode), fold: fold, asOf: asOf), asOf: asOf)
    }

    /// Prints a sealed standings report in the chosen format.
    private func show(_ report: JSONValue, asOf: Timestamp?) {
        var rows: [[String]] = []
        for group in report["groups"]?.arrayValue ?? [] {
            for standing in group["standings"]?.arrayValue ?? [] {
                rows.append([
                    group.text("group"), standing["rank"]?.intValue.map(String.init) ?? "", standing.text("unit"),
                    standing.text("name"), standing.text("index"), standing.text("band"),
                    standing.text("appraisedTotal"),
                    standing.text("surveyTotal"), standing.text("bonus"), standing.text("deductions"),
                    standing.text("total"),
                    standing.text("effectiveMax"), standing["provisional"] == .bool(true) ? "tạm tính" : "",
                ])
            }
        }
        let decisions = report["decisions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let status =
            decisions.isEmpty ? "not published yet" : "published by decision \(decisions.joined(separator: ", then "))"
        read.output(
            report,
            header: [
                "nhóm", "hạng", "mã", "đơn vị", "chỉ số %", "xếp loại", "TĐG", "XHH", "thưởng", "trừ", "tổng", "tối đa",
                "",
            ],
            rows: rows,
            title: "Standings\(asOf.map { " as of \($0)" } ?? "") — \(status)\n"
        )
    }
}

/// `parledger scores --unit C [--as-of DATE]`.
struct ScoresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scores",
        abstract: "One unit's leaves: self-score, appraisals, survey, N/A, evidence, provisional."
    )
    @OptionGroup var read: ReadOptions
    @Option(help: "The unit.") var unit: String

    func run() async throws {
        let (fold, asOf) = try await read.fold()
        let code = try ReadOptions.enrolledUnit(unit, in: fold.state)
        guard let body = Reports.scores(fold.state, unit: code) else {
            throw CLIError.usage("unit \(unit) has no criteria set in the campaign")
        }
        let report = Reports.sealed(body, fold: fold, asOf: asOf)
        let rows = (report["leaves"]?.arrayValue ?? []).map { leaf in
            [
                leaf.text("leaf"), leaf.text("method"), leaf.text("maxPoints"), leaf.text("selfScore"),
                leaf.text("round1"),
                leaf.text("round2"), leaf.text("appraised"), leaf.text("points"),
                leaf["evidence"]?.intValue.map(String.init) ?? "", leaf.text("notApplicable"),
                [
                    leaf["provisional"] == .bool(true) ? "tạm tính" : "",
                    leaf["corrected"] == .bool(true) ? "đính chính" : "",
                    leaf["survey"]?["insufficient"] == .bool(true) ? "thiếu mẫu" : "",
                ].filter { !$0.isEmpty }.joined(separator: ", "),
            ]
        }
        let result = report["result"] ?? .null
        read.output(
            report,
            header: [
                "tiêu chí", "PP", "tối đa", "tự chấm", "vòng 1", "vòng 2", "thẩm định", "điểm", "minh chứng", "N/A", "",
            ],
            rows: rows,
            title: "\(result.text("unit")) \(result.text("name")): \(result.text("index"))% (\(result.text("band")))\n"
        )
    }
}

/// `parledger differences [--unit C]`.
struct DifferencesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "differences",
        abstract: "Self-assessed minus appraised, per unit, domain and leaf; the furthest off first."
    )
    @OptionGroup var read: ReadOptions
    @Option(help: "Only this unit.") var unit: String?

    func run() async throws {
        let (fold, asOf) = try await read.fold()
        let code = try unit.map { text throws(CLIError) in try ReadOptions.enrolledUnit(text, in: fold.state) }
        let report = Reports.sealed(Reports.differences(fold.state, unit: code), fold: fold, asOf: asOf)
        var rows: [[String]] = []
        for unit in report["units"]?.arrayValue ?? [] {
            rows.append([unit.text("unit"), unit.text("name"), "", unit.text("signed"), unit.text("absolute")])
            if code != nil {
                for leaf in unit["leaves"]?.arrayValue ?? [] {
                    rows.append(["", "", leaf.text("leaf"), leaf.text("difference"), ""])
                }
            }
        }
        read.output(report, header: ["mã", "đơn vị", "tiêu chí", "chênh lệch", "tuyệt đối"], rows: rows)
    }
}

/// `parledger disputes [--status open|resolved]`.
struct DisputesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disputes",
        abstract: "Every objection: leaf, status, contested appraisal, resolution and score change."
    )
    @OptionGroup var read: ReadOptions
    @Option(help: "open or resolved.") var status: String?

    func run() async throws {
        let open: Bool?
        switch status {
        case nil: open = nil
        case "open": open = true
        case "resolved": open = false
        case let other?: throw CLIError.usage("--status \(other) must be open or resolved")
        }
        let (fold, asOf) = try await read.fold()
        let report = Reports.sealed(Reports.disputes(fold.state, open: open), fold: fold, asOf: asOf)
        let rows = (report["disputes"]?.arrayValue ?? []).map { dispute in
            [
                dispute.text("unit"), dispute.text("leaf"), dispute.text("status"), dispute.text("contested"),
                dispute.text("outcome"), dispute.text("points"), dispute.text("change"), dispute.text("objection"),
            ]
        }
        read.output(
            report,
            header: [
                "mã", "tiêu chí", "trạng thái", "điểm bị kiến nghị", "kết quả", "điểm mới", "thay đổi", "kiến nghị",
            ],
            rows: rows
        )
    }
}

/// `parledger survey coverage`.
extension SurveyCommand {
    struct Coverage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "coverage",
            abstract: "Forms planned, received, valid, incomplete and invalidated, per unit and respondent group."
        )
        @OptionGroup var read: ReadOptions

        func run() async throws {
            let (fold, asOf) = try await read.fold()
            let report = Reports.sealed(Reports.surveyCoverage(fold.state), fold: fold, asOf: asOf)
            var rows: [[String]] = []
            for unit in report["units"]?.arrayValue ?? [] {
                for group in unit["groups"]?.arrayValue ?? [] {
                    rows.append([
                        unit.text("unit"), unit.text("name"), group.text("respondentGroup"),
                        group["planned"]?.intValue.map(String.init) ?? "",
                        group["received"]?.intValue.map(String.init) ?? "",
                        group["valid"]?.intValue.map(String.init) ?? "",
                        group["incomplete"]?.intValue.map(String.init) ?? "",
                        group["invalidated"]?.intValue.map(String.init) ?? "",
                    ])
                }
            }
            read.output(
                report,
                header: ["mã", "đơn vị", "đối tượng", "kế hoạch", "đã nhận", "hợp lệ", "chưa đủ", "bị loại"],
                rows: rows,
                title:
                    "Survey coverage: \(report["received"]?.intValue ?? 0) of \(report["planned"]?.intValue ?? 0) planned forms (\(report.text("coverage"))%)\n"
            )
        }
    }
}
