import Application
import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import Presentation
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
        try read.checkLanguage()
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
                let provisional = standing["provisional"] == .bool(true)
                rows.append([
                    group.text("name"), standing["rank"]?.intValue.map { read.figure(Int($0)) } ?? "",
                    standing.text("unit"), standing.text("name"), read.figure(standing.text("index")),
                    // A unit not fully appraised has no band yet (null in the data): a band on a draft reads as a verdict.
                    standing.text("band"),
                    read.figure(standing.text("appraisedTotal")), read.figure(standing.text("surveyTotal")),
                    read.figure(standing.text("bonus")), read.figure(standing.text("deductions")),
                    read.figure(standing.text("total")), read.figure(standing.text("effectiveMax")),
                    provisional ? read.pick("tạm tính", "provisional") : "",
                ])
            }
        }
        let decisions = report["decisions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let provisional = decisions.isEmpty ? read.pick("TẠM TÍNH — CHƯA CÔNG BỐ", "PROVISIONAL — NOT PUBLISHED") : nil
        let status =
            provisional
            ?? read.pick(
                "công bố theo quyết định \(decisions.joined(separator: ", sau đó "))",
                "published by decision \(decisions.joined(separator: ", then "))"
            )
        let when = asOf.map { read.pick(" đến \(read.moment($0.text))", " as of \(read.moment($0.text))") } ?? ""
        read.output(
            report,
            header: [
                read.pick("nhóm", "group"), read.pick("hạng", "rank"), read.pick("mã", "code"),
                read.pick("đơn vị", "unit"), read.pick("chỉ số (%)", "index (%)"), read.pick("xếp loại", "band"),
                read.pick("điểm thẩm định", "appraised"), read.pick("điểm XHH", "survey"),
                read.pick("thưởng", "bonus"), read.pick("trừ", "deductions"), read.pick("tổng điểm", "total"),
                read.pick("điểm tối đa", "max"), read.pick("ghi chú", "note"),
            ],
            rows: rows,
            title: read.pick("Xếp hạng Chỉ số CCHC\(when) — \(status)\n", "PAR Index standings\(when) — \(status)\n"),
            notice: provisional
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
                leaf.text("leaf"), leaf.text("name"), leaf.text("method"), read.figure(leaf.text("maxPoints")),
                read.figure(leaf.text("selfScore")), read.figure(leaf.text("round1")), read.figure(leaf.text("round2")),
                read.figure(leaf.text("appraised")), read.figure(leaf.text("points")),
                leaf["evidence"]?.intValue.map { read.figure(Int($0)) } ?? "",
                leaf["notApplicable"]?.stringValue.map {
                    $0 == "rejected" ? read.pick("bị bác", "rejected") : Vocabulary.state($0, read.language)
                } ?? "",
                [
                    leaf["provisional"] == .bool(true) ? read.pick("tạm tính", "provisional") : "",
                    leaf["corrected"] == .bool(true) ? read.pick("đính chính", "corrected") : "",
                    leaf["survey"]?["insufficient"] == .bool(true) ? read.pick("thiếu mẫu", "too few forms") : "",
                ].filter { !$0.isEmpty }.joined(separator: ", "),
            ]
        }
        let result = report["result"] ?? .null
        let band = result["provisional"] == .bool(true) ? read.pick("tạm tính", "provisional") : result.text("band")
        read.output(
            report,
            header: [
                read.pick("tiêu chí", "criterion"), read.pick("nội dung", "name"), read.pick("phương pháp", "method"),
                read.pick("điểm tối đa", "max"), read.pick("điểm tự đánh giá", "self-score"),
                read.pick("thẩm định vòng 1", "round 1"), read.pick("thẩm định vòng 2", "round 2"),
                read.pick("điểm thẩm định", "appraised"), read.pick("điểm tính", "counted"),
                read.pick("số tài liệu", "evidence"), read.pick("không phát sinh", "N/A"), read.pick("ghi chú", "note"),
            ],
            rows: rows,
            title: "\(result.text("unit")) \(result.text("name")): \(read.figure(result.text("index")))% (\(band))\n"
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
            rows.append([
                unit.text("unit"), unit.text("name"), "", read.figure(unit.text("signed")),
                read.figure(unit.text("absolute")),
            ])
            if code != nil {
                for leaf in unit["leaves"]?.arrayValue ?? [] {
                    rows.append(["", "", leaf.text("leaf"), read.figure(leaf.text("difference")), ""])
                }
            }
        }
        read.output(
            report,
            header: [
                read.pick("mã", "code"), read.pick("đơn vị", "unit"), read.pick("tiêu chí", "criterion"),
                read.pick("chênh lệch (tự đánh giá − thẩm định)", "difference (self − appraised)"),
                read.pick("chênh lệch tuyệt đối", "absolute"),
            ],
            rows: rows
        )
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
                dispute.text("unit"), dispute.text("leaf"), read.moment(dispute.text("filedAt")),
                Vocabulary.state(dispute.text("status"), read.language), read.figure(dispute.text("contested")),
                dispute["outcome"]?.stringValue.map { Vocabulary.state($0, read.language) } ?? "",
                read.figure(dispute.text("points")), read.figure(dispute.text("change")), dispute.text("objection"),
            ]
        }
        read.output(
            report,
            header: [
                read.pick("mã", "code"), read.pick("tiêu chí", "criterion"), read.pick("ngày kiến nghị", "filed"),
                read.pick("trạng thái", "status"), read.pick("điểm bị kiến nghị", "contested"),
                read.pick("kết quả", "outcome"), read.pick("điểm mới", "new points"), read.pick("thay đổi", "change"),
                read.pick("mã kiến nghị", "objection id"),
            ],
            rows: rows
        )
    }
}

/// `parledger claims [--unit C] [--status pending|decided]`: bonus, deduction and N/A claims, with
/// the ids that `bonus decide` and the council's other acts refer to.
struct ClaimsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Bonus, deduction and N/A claims: id, unit, item or criterion, points, status and decision."
    )
    @OptionGroup var read: ReadOptions
    @Option(help: "Only this unit's claims.") var unit: String?
    @Option(help: "pending or decided.") var status: String?

    func run() async throws {
        let status = try status.map { text throws(CLIError) in
            guard let status = Reports.ClaimStatus(rawValue: text) else {
                throw CLIError.usage("--status \(text) must be pending or decided")
            }
            return status
        }
        let (fold, asOf) = try await read.fold()
        let units = try unit.map { text throws(CLIError) -> Set<UnitCode> in
            guard let code = UnitCode(text), fold.state.units[code] != nil else {
                throw CLIError.usage("--unit \(text) is not an enrolled unit")
            }
            return [code]
        }
        let report = Reports.sealed(Reports.claims(fold.state, units: units, status: status), fold: fold, asOf: asOf)
        let adjustments = (report["adjustments"]?.arrayValue ?? []).map { claim in
            [
                claim.text("claim"), claim.text("unit"), Vocabulary.adjustmentKind(claim.text("kind"), read.language),
                claim.text("name"), read.figure(claim.text("claimedPoints")),
                Vocabulary.state(claim.text("status"), read.language), read.figure(claim.text("points")),
                read.moment(claim.text("claimedAt")), claim.text("reason"),
            ]
        }
        let notApplicable = (report["notApplicable"]?.arrayValue ?? []).map { claim in
            [
                claim.text("claim"), claim.text("unit"), read.pick("không phát sinh", "not applicable"),
                "\(claim.text("leaf")) \(claim.text("leafName"))", "",
                Vocabulary.state(claim.text("status"), read.language), "", read.moment(claim.text("claimedAt")),
                claim.text("reason"),
            ]
        }
        read.output(
            report,
            header: [
                read.pick("mã đề nghị", "claim id"), read.pick("đơn vị", "unit"), read.pick("loại", "kind"),
                read.pick("nội dung", "item or criterion"), read.pick("điểm đề nghị", "claimed"),
                read.pick("trạng thái", "status"), read.pick("điểm chấp nhận", "accepted"),
                read.pick("ngày đề nghị", "claimed on"), read.pick("lý do", "reason"),
            ],
            rows: adjustments + notApplicable
        )
    }
}

/// `parledger trend [--unit C]`: each unit's rank, index and band campaign after campaign, with the
/// units merged into it.
struct TrendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Each unit's rank, index and band in every campaign of the ledger, following mergers."
    )
    @OptionGroup var read: ReadOptions
    @Option(help: "Only this unit.") var unit: String?

    func run() async throws {
        if read.campaign != nil { throw CLIError.usage("trend reads every campaign: leave out --campaign") }
        let (fold, asOf) = try await read.fold()
        let only = try unit.map { text throws(CLIError) -> UnitCode in
            do throws(Reports.TrendUnitRefusal) {
                return try Reports.trendUnit(text, in: fold.state)
            } catch {
                throw CLIError.usage("--unit: \(error.message)")
            }
        }
        let report = Reports.sealed(Reports.trend(fold.campaigns, unit: only), fold: fold, asOf: asOf)
        var rows: [[String]] = []
        func add(_ unit: JSONValue, note: String) {
            for year in unit["years"]?.arrayValue ?? [] {
                rows.append([
                    unit.text("unit"), year.text("name"), year["year"]?.intValue.map { String($0) } ?? "",
                    read.figure(Int(year["rank"]?.intValue ?? 0)), read.figure(year.text("index")), year.text("band"),
                    (year["published"] == .bool(false) ? read.pick("chưa công bố", "not published") : "") + note,
                ])
            }
            for predecessor in unit["mergedFrom"]?.arrayValue ?? [] {
                add(
                    predecessor,
                    note: read.pick("sáp nhập vào \(unit.text("unit"))", "merged into \(unit.text("unit"))")
                )
            }
        }
        for unit in report["units"]?.arrayValue ?? [] { add(unit, note: "") }
        read.output(
            report,
            header: [
                read.pick("mã", "code"), read.pick("đơn vị", "unit"), read.pick("năm", "year"),
                read.pick("hạng", "rank"),
                read.pick("chỉ số", "index"), read.pick("xếp loại", "band"), read.pick("ghi chú", "note"),
            ],
            rows: rows
        )
    }
}

/// `parledger todo --key FILE`: what waits on the key's holder, each item with the command that
/// deals with it.
struct TodoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "todo",
        abstract: "What waits on you: leaves to score or appraise, claims and objections to decide, deadlines coming."
    )
    @OptionGroup var read: ReadOptions
    @Option(help: "Your key file.") var key: String

    func run() async throws {
        // Only the public key is needed: the list is read, not signed, so no passphrase is asked.
        let holder = try KeyFile.publicKey(key).publicKey
        let (fold, asOf) = try await read.fold()
        guard let record = fold.ledger.keys[holder.keyID] else {
            throw CLIError.usage("the key \(holder.keyID.short)… in \(key) is not registered in this ledger")
        }
        // With --as-of, what waited on the person then: the ledger and the clock of that moment.
        let list = WorkList(for: record, in: fold.state, at: asOf ?? SystemSources.now())
        let report = Reports.sealed(list.json, fold: fold, asOf: asOf)
        let rows = list.items.map { item in
            [
                Vocabulary.todo(item.kind.rawValue, read.language),
                [
                    item.unit?.text, leavesText(item.leaves),
                    item.forms.map {
                        read.pick("còn thiếu \(read.figure($0)) phiếu", "\(read.figure($0)) forms missing")
                    },
                ]
                .compactMap { $0 }.joined(separator: " — "),
                item.due.map { read.moment($0.text) } ?? "",
                Self.command(
                    for: item,
                    deadlineName: item.deadline.map {
                        read.pick(Self.deadlineNames[$0]?.0 ?? "", Self.deadlineNames[$0]?.1 ?? "")
                    }
                ),
            ]
        }
        if list.items.isEmpty, read.format == .table {
            print(read.pick("Không có việc nào đang chờ bạn.", "Nothing waits on you."))
            return
        }
        read.output(
            report,
            header: [
                read.pick("việc cần làm", "to do"), read.pick("đơn vị, tiêu chí", "unit, leaves"),
                read.pick("hạn", "due"), read.pick("lệnh", "command"),
            ],
            rows: rows
        )
    }

    /// The leaves of an item as a table cell: a long list (a unit that has scored nothing) shows
    /// its first few and how many in all; `--format json` lists them all.
    private func leavesText(_ leaves: [CriterionCode]) -> String? {
        guard !leaves.isEmpty else { return nil }
        let shown = leaves.prefix(6).map(\.text).joined(separator: ", ")
        guard leaves.count > 6 else { return shown }
        return shown + read.pick(" … (\(leaves.count) tiêu chí)", " … (\(leaves.count) leaves)")
    }

    static let deadlineNames: [CampaignPlan.Deadline: (String, String)] = [
        .selfScoringOpens: ("bắt đầu tự chấm", "self-scoring opens"),
        .selfScoringCloses: ("hạn tự chấm", "self-scoring closes"),
        .round1Closes: ("hết thẩm định vòng 1", "round 1 closes"),
        .explanationCloses: ("hạn giải trình, kiến nghị", "explanations close"),
        .round2Closes: ("hết thẩm định vòng 2", "round 2 closes"),
    ]

    /// The command that deals with an item (its parts the person fills in shown as …).
    static func command(for item: WorkList.Item, deadlineName: String?) -> String {
        let unit = item.unit?.text ?? "C"
        let leaf = item.leaves.first?.text ?? "L"
        switch item.kind {
        case .selfScore: return "parledger score --unit \(unit) --leaf \(leaf) --points …"
        case .submit: return "parledger submit --unit \(unit)"
        case .explain: return "parledger explain --unit \(unit) --leaf \(leaf) --text …"
        case .appraise: return "parledger appraise --unit \(unit) --leaf \(leaf) --round 1 --points …"
        case .decideNotApplicable:
            return "parledger na decide --unit \(unit) --leaf \(leaf) --confirm|--reject --reason …"
        case .decideClaim:
            return
                "parledger bonus decide --claim \(item.reference?.text ?? "ID") --accept --points … --reason …|--reject --reason …"
        case .resolveObjection:
            return
                "parledger resolve --objection \(item.reference?.text ?? "ID") --accept --points … --reasoning …|--reject --reasoning …"
        case .approveReport: return "parledger report approve --number … --date …"
        case .notSubmitted: return "parledger reopen --unit \(unit) --reason …"
        case .issuePreliminary: return "parledger results preliminary"
        case .publish: return "parledger publish --decision … --date …"
        case .keyForms:
            return "parledger survey blank --unit \(unit) --template … --out SHEET; parledger survey import SHEET …"
        case .deadline: return deadlineName ?? ""
        }
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
            let names = Dictionary(
                (fold.state.campaign?.respondentGroups ?? []).map { ($0.code.text, $0.name) },
                uniquingKeysWith: { first, _ in first }
            )
            for unit in report["units"]?.arrayValue ?? [] {
                for group in unit["groups"]?.arrayValue ?? [] {
                    let count = { (name: String) in group[name]?.intValue.map { read.figure(Int($0)) } ?? "" }
                    rows.append([
                        unit.text("unit"), unit.text("name"),
                        names[group.text("respondentGroup")] ?? group.text("respondentGroup"), count("planned"),
                        count("received"), count("valid"), count("incomplete"), count("invalidated"),
                    ])
                }
            }
            let received = read.figure(Int(report["received"]?.intValue ?? 0))
            let planned = read.figure(Int(report["planned"]?.intValue ?? 0))
            let coverage = read.figure(report.text("coverage"))
            read.output(
                report,
                header: [
                    read.pick("mã", "code"), read.pick("đơn vị", "unit"),
                    read.pick("đối tượng khảo sát", "respondent group"),
                    read.pick("kế hoạch", "planned"), read.pick("đã nhận", "received"), read.pick("hợp lệ", "valid"),
                    read.pick("chưa đủ câu trả lời", "incomplete"), read.pick("bị loại", "invalidated"),
                ],
                rows: rows,
                title: read.pick(
                    "Phiếu khảo sát: đã nhận \(received) / kế hoạch \(planned) (\(coverage)%)\n",
                    "Survey forms: \(received) received of \(planned) planned (\(coverage)%)\n"
                )
            )
        }
    }
}

/// `parledger survey answers --template CODE [--by group|unit|demo:NAME] [--unit C]`.
extension SurveyCommand {
    struct Answers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "answers",
            abstract:
                "Each question's answers option by option, and their mean coefficient, by respondent group, unit or demographic."
        )
        @OptionGroup var read: ReadOptions
        @Option(help: "The survey template's code.") var template: String
        @Option(help: "The template's version (1 when not given).") var version = 1
        @Option(help: "Rows by: group (respondent group), unit, or demo:NAME (a demographic the forms record).")
        var by = "group"
        @Option(help: "Only the forms about this unit.") var unit: String?

        func run() async throws {
            guard let breakdown = SurveyAnswers.Breakdown(by) else {
                throw CLIError.usage("--by \(by) must be group, unit or demo:NAME")
            }
            let only = try unit.map { text throws(CLIError) in
                guard let code = UnitCode(text) else { throw .usage("--unit \(text) is not a unit code") }
                return code
            }
            let (fold, asOf) = try await read.fold()
            guard let code = ConfigCode(template),
                let body = SurveyAnswers.report(
                    fold.state,
                    template: .init(set: code, version: version),
                    by: breakdown,
                    unit: only
                )
            else {
                throw CLIError.usage("survey template \(template) version \(version) is not published in this ledger")
            }
            let report = Reports.sealed(body, fold: fold, asOf: asOf)
            let options = (report["options"]?.arrayValue ?? []).map { $0.text("code") }
            var rows: [[String]] = []
            for question in report["questions"]?.arrayValue ?? [] {
                for line in (question["rows"]?.arrayValue ?? []) + [question["all"] ?? .null] {
                    // A respondent group by its name; a unit by its name and the code commands take; a
                    // demographic's value as recorded.
                    let value =
                        line["value"]?.stringValue.map { value in
                            line["name"]?.stringValue.map { breakdown == .unit ? "\($0) (\(value))" : $0 } ?? value
                        }
                        ?? (line == question["all"]
                            ? read.pick("tất cả", "all") : read.pick("(không ghi)", "(not given)"))
                    let count = { (name: String) in line[name]?.intValue.map { read.figure(Int($0)) } ?? "" }
                    rows.append(
                        [question.text("question"), value, count("forms")]
                            + options.map { option in
                                line["answers"]?[option]?.intValue.map { read.figure(Int($0)) } ?? ""
                            }
                            + [count("blank"), line["mean"]?.stringValue.map(read.figure) ?? "–"]
                    )
                }
            }
            let column =
                switch breakdown {
                case .respondentGroup: read.pick("đối tượng khảo sát", "respondent group")
                case .unit: read.pick("đơn vị", "unit")
                case .demographic(let name): name
                }
            read.output(
                report,
                header: [read.pick("câu", "question"), column, read.pick("số phiếu", "forms")] + options + [
                    read.pick("không trả lời", "blank"), read.pick("hệ số bình quân", "mean coefficient"),
                ],
                rows: rows,
                title: read.pick(
                    "Câu trả lời theo từng câu hỏi — \(report.text("name")) (\(read.figure(Int(report["forms"]?.intValue ?? 0))) phiếu, không tính phiếu bị loại)\n",
                    "Answers by question — \(report.text("name")) (\(read.figure(Int(report["forms"]?.intValue ?? 0))) forms, invalidated forms left out)\n"
                )
            )
        }
    }
}
