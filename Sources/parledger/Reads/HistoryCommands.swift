import Application
import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import Presentation
import Projections

/// `parledger history --unit C [--leaf L]`.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract:
            "Every event that touched a unit's leaves (or one leaf): who, role, when, what, why, evidence, position."
    )
    @OptionGroup var read: ReadOptions
    @Option(help: "The unit.") var unit: String
    @Option(help: "One leaf only; default: every leaf of the unit's criteria set.") var leaf: String?

    func run() async throws {
        try read.checkLanguage()
        guard let unitCode = UnitCode(unit) else { throw CLIError.usage("--unit \(unit) is not a unit code") }
        let leafCode = try leaf.map { text throws(CLIError) -> CriterionCode in
            guard let code = CriterionCode(text) else { throw .usage("--leaf \(text) is not a criterion code") }
            return code
        }
        let ledger = try read.ledger()
        let (prefix, moment) = try await read.fold(in: ledger)
        _ = try ReadOptions.enrolledUnit(unit, in: prefix.state)
        if let leafCode, prefix.state.criteria(of: unitCode)?.leaves[leafCode] == nil {
            throw CLIError.usage("--leaf \(leafCode.text) is not a leaf of unit \(unit)'s criteria set")
        }
        let limit: LedgerFold.Limit = moment.map { .asOf($0) } ?? read.atSeq.map { .size($0) } ?? .everything
        let (histories, fold) = try await storeCall { () async throws(StoreError) in
            try await ledger.histories(unit: unitCode, leaves: leafCode.map { [$0] }, upTo: limit, prefix: prefix)
        }
        let body: [String: JSONValue] =
            leafCode == nil ? ["leaves": .array(histories.map { .object($0.json) })] : histories[0].json
        let report = Reports.sealed(body, fold: fold, asOf: moment)
        let rows = histories.flatMap { history in
            history.events.map { event in
                [
                    // A position stays a plain integer: it is what `log --from` takes.
                    history.leaf.text, String(event.seq), read.moment(event.recordedAt.text),
                    Vocabulary.event(event.type.text, read.language),
                    "\(event.actorName) (\(event.role.map { Vocabulary.role($0.rawValue, read.language) } ?? "?"))",
                    EventDetails.text(event.details, read.language),
                    event.evidence.map(\.name).joined(separator: ", "),
                ]
            }
        }
        read.output(
            report,
            header: [
                read.pick("tiêu chí", "criterion"), read.pick("số thứ tự", "position"),
                read.pick("thời điểm", "recorded"),
                read.pick("sự kiện", "event"), read.pick("người thực hiện", "by"), read.pick("nội dung", "details"),
                read.pick("tệp kiểm chứng", "evidence files"),
            ],
            rows: rows,
            title: read.pick(
                "Lịch sử của \(unitCode)\(leafCode.map { ", tiêu chí \($0)" } ?? "")\n",
                "History of \(unitCode)\(leafCode.map { ", criterion \($0)" } ?? "")\n"
            )
        )
    }
}

/// `parledger diff --from DATE --to DATE`: rank moves and score changes between two dates.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Rank moves and index changes between two dates, or between two campaigns (years)."
    )
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The earlier date or time, or a campaign's year (2023).") var from: String
    @Option(help: "The later date or time, or a campaign's year (2024).") var to: String
    @Option(help: "table, json or csv.") var format: ReadOptions.ReportFormat = .table
    @Option(help: "vi or en. (default: vi, or PARLEDGER_LANG)") var lang: String = Confirmation.language.rawValue

    func run() async throws {
        var output = try ReadOptions.parse(["--store", storeOptions.store, "--lang", lang])
        output.format = format
        try output.checkLanguage()
        // A year names a campaign (its results as the ledger now holds them); anything else a moment.
        let byCampaign = Int(from).map { (2000...2999).contains($0) } == true && Int(to) != nil
        func load(_ text: String) async throws -> (LedgerFold, Timestamp?) {
            var options = try ReadOptions.parse(
                ["--store", storeOptions.store] + (byCampaign ? ["--campaign", text] : ["--as-of", text])
            )
            options.format = format
            return try await options.fold()
        }
        let (before, fromTime) = try await load(from)
        let (after, toTime) = try await load(to)
        let rows = Reports.rankMoves(from: before.state, to: after.state).map { move in
            [
                after.state.campaign?.group(move.group)?.name ?? move.group.text, move.unit.text,
                move.name
                    + (move.mergedFrom.isEmpty
                        ? ""
                        : " (" + output.pick("sáp nhập từ ", "merged from ")
                            + move.mergedFrom.map { "\($0.unit): \(output.figure($0.index))" }.joined(separator: ", ")
                            + ")"),
                move.rankBefore.map(output.figure) ?? "",
                output.figure(move.rankAfter), move.indexBefore.map(output.figure) ?? "",
                output.figure(move.indexAfter),
                move.change.map { change in
                    change.hasPrefix("+") ? "+" + output.figure(String(change.dropFirst())) : output.figure(change)
                } ?? "",
            ]
        }
        let report = Reports.sealed(
            Reports.diff(from: before, fromText: fromTime?.text ?? from, to: after),
            fold: after,
            asOf: toTime
        )
        let fromText = fromTime.map { output.moment($0.text) } ?? from
        let toText = toTime.map { output.moment($0.text) } ?? to
        output.output(
            report,
            header: [
                output.pick("nhóm", "group"), output.pick("mã", "code"), output.pick("đơn vị", "unit"),
                output.pick("hạng trước", "rank before"), output.pick("hạng sau", "rank after"),
                output.pick("chỉ số trước", "index before"), output.pick("chỉ số sau", "index after"),
                output.pick("thay đổi", "change"),
            ],
            rows: rows,
            title: byCampaign
                ? output.pick(
                    "Từ kết quả năm \(from) đến kết quả năm \(to) (\(output.figure(after.size)) bản ghi)\n",
                    "From the \(from) results to the \(to) results (\(output.figure(after.size)) entries)\n"
                )
                : output.pick(
                    "Từ \(fromText) (\(output.figure(before.size)) bản ghi) đến \(toText) (\(output.figure(after.size)) bản ghi)\n",
                    "From \(fromText) (\(output.figure(before.size)) entries) to \(toText) (\(output.figure(after.size)) entries)\n"
                )
        )
    }
}

/// `parledger rebuild [--out DIR]`: every read model from scratch, with its digest.
struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild every projection from the whole ledger; print their digests, optionally write them out."
    )
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "A folder to write each read model into, as canonical JSON.") var out: String?
    @Option(name: .customLong("snapshot-every"), help: "Keep a projection snapshot every N entries.")
    var snapshotEvery = FoldCache.snapshotInterval

    func run() async throws {
        guard snapshotEvery > 0 else { throw CLIError.usage("--snapshot-every must be 1 or more") }
        let ledger = try storeOptions.ledger(.reading)
        let started = Date()
        // From scratch, whatever snapshots exist; the snapshots and the standings at the end of
        // each day (and at the last entry) are written anew on the way.
        var fold = LedgerFold()
        try await storeCall { () async throws(StoreError) in
            try await fold.catchUp(
                ledger.log,
                keepingIn: ledger.derived,
                snapshotEvery: snapshotEvery,
                keepingDayEnds: .replacing
            )
            await DayEndStandings.keep(fold, in: ledger.derived, .replacing)
        }
        let folded = Date().timeIntervalSince(started)
        let state = fold.state
        var models: [(String, [String: JSONValue])] = [
            ("standings", Reports.standings(state)), ("differences", Reports.differences(state)),
            ("survey", Reports.surveyCoverage(state)), ("disputes", Reports.disputes(state)),
        ]
        if let progress = CampaignProgress(state, keys: fold.ledger.keys) { models.append(("progress", progress.json)) }
        if let plan = state.campaign {
            for card in Scorecard.all(state) { models.append(("scores/\(card.unit.text)", Reports.scores(card, plan))) }
        }
        if let out {
            try FileManager.default.createDirectory(atPath: out + "/scores", withIntermediateDirectories: true)
        }
        for (name, body) in models {
            let report = Reports.sealed(body, fold: fold, asOf: nil)
            if let out {
                try Data(CanonicalJSON.encode(report)).write(to: URL(fileURLWithPath: "\(out)/\(name).json"))
            }
            if !name.hasPrefix("scores/") {
                print(
                    "\(name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(report["digest"]?.stringValue ?? "")"
                )
            }
        }
        let rate = folded > 0 ? Double(fold.size) / folded : 0
        print(
            "rebuilt \(models.count) read models from \(fold.size) entries (root \(fold.root.base64)) in "
                + String(format: "%.2f s: %.0f entries/s", Date().timeIntervalSince(started), rate)
        )
    }
}
