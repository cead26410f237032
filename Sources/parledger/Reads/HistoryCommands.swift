import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import Projections

/// `parledger history --unit C --leaf L`.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every event that touched one unit's leaf: who, role, when, what, why, evidence, position."
    )
    @OptionGroup var read: ReadOptions
    @Option(help: "The unit.") var unit: String
    @Option(help: "The leaf.") var leaf: String

    func run() async throws {
        guard let unitCode = UnitCode(unit) else { throw CLIError.usage("--unit \(unit) is not a unit code") }
        guard let leafCode = CriterionCode(leaf) else { throw CLIError.usage("--leaf \(leaf) is not a criterion code") }
        let moment = try read.moment()
        let store = try read.storeOptions.open()
        let box = HistoryBox(unit: unitCode, leaf: leafCode)
        try await storeCall { () async throws(StoreError) in
            try await store.scan(chunkSize: 4096) { chunk in
                for bytes in chunk {
                    guard let entry = try? Entry(bytes: bytes) else { return false }
                    if let moment, entry.recordedAt > moment { return false }
                    if let limit = read.atSeq, entry.seq >= limit { return false }
                    box.history.fold(entry, keys: box.fold.ledger.keys)
                    box.fold.fold(entry)
                }
                return true
            }
        }
        _ = try ReadOptions.enrolledUnit(unit, in: box.fold.state)
        guard box.fold.state.criteria(of: unitCode)?.leaves[leafCode] != nil else {
            throw CLIError.usage("--leaf \(leaf) is not a leaf of unit \(unit)'s criteria set")
        }
        let report = Reports.sealed(box.history.json, fold: box.fold, asOf: moment)
        let rows = box.history.events.map { event in
            [
                String(event.seq), event.recordedAt.text, event.type.text,
                "\(event.actorName) (\(event.role?.rawValue ?? "?"))",
                event.details.keys.sorted().map { name in
                    let value = event.details[name].map {
                        $0.stringValue ?? String(decoding: CanonicalJSON.encode($0), as: UTF8.self)
                    }
                    return "\(name)=\(value ?? "")"
                }.joined(separator: "; "),
                event.evidence.map(\.name).joined(separator: ", "),
            ]
        }
        read.output(
            report,
            header: ["seq", "thời điểm", "sự kiện", "người thực hiện", "nội dung", "minh chứng"],
            rows: rows,
            title: "History of \(unitCode), leaf \(leafCode)\n"
        )
    }

    private final class HistoryBox: @unchecked Sendable {
        // `@unchecked Sendable`: the store calls the scan body on one thread, one chunk at a time.
        var history: LeafHistory
        var fold = LedgerFold()

        init(unit: UnitCode, leaf: CriterionCode) { history = LeafHistory(unit: unit, leaf: leaf) }
    }
}

/// `parledger diff --from DATE --to DATE`: rank moves and score changes between two dates.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Rank moves and index changes between two dates."
    )
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The earlier date or time.") var from: String
    @Option(help: "The later date or time.") var to: String
    @Option(help: "table, json or csv.") var format: ReadOptions.ReportFormat = .table

    func run() async throws {
        func load(_ text: String) async throws -> (LedgerFold, Timestamp?) {
            var options = try ReadOptions.parse(["--store", storeOptions.store, "--as-of", text])
            options.format = format
            return try await options.fold()
        }
        let (before, fromTime) = try await load(from)
        let (after, toTime) = try await load(to)
        guard let plan = after.state.campaign else { throw CLIError.usage("no campaign in this ledger") }
        var previous: [UnitCode: Standing] = [:]
        for (_, standings) in Standing.all(before.state) {
            for standing in standings { previous[standing.scorecard.unit] = standing }
        }
        var rows: [[String]] = []
        var changes: [JSONValue] = []
        for (group, standings) in Standing.all(after.state) {
            for standing in standings {
                let old = previous[standing.scorecard.unit]
                let decimals = plan.scoring.publicationDecimals
                let change = old.map { standing.index - $0.index }
                rows.append([
                    group.code.text, standing.scorecard.unit.text, standing.scorecard.name,
                    old.map { String($0.rank) } ?? "",
                    String(standing.rank), old?.index.text(decimals) ?? "", standing.index.text(decimals),
                    change.map { ($0 > .zero ? "+" : "") + $0.text(decimals) } ?? "",
                ])
                changes.append(
                    [
                        "group": .string(group.code.text), "unit": .string(standing.scorecard.unit.text),
                        "rankBefore": old.map { .int(Int64($0.rank)) } ?? .null,
                        "rankAfter": .int(Int64(standing.rank)),
                        "indexBefore": old.map { .string($0.index.text(decimals)) } ?? .null,
                        "indexAfter": .string(standing.index.text(decimals)),
                    ]
                )
            }
        }
        let report = Reports.sealed(
            [
                "from": .string(fromTime?.text ?? from), "fromLedgerSize": .int(Int64(before.size)),
                "changes": .array(changes),
            ],
            fold: after,
            asOf: toTime
        )
        var output = try ReadOptions.parse(["--store", storeOptions.store])
        output.format = format
        output.output(
            report,
            header: ["nhóm", "mã", "đơn vị", "hạng trước", "hạng sau", "chỉ số trước", "chỉ số sau", "thay đổi"],
            rows: rows,
            title:
                "From \(fromTime?.text ?? from) (\(before.size) entries) to \(toTime?.text ?? to) (\(after.size) entries)\n"
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
    var snapshotEvery = ReadOptions.snapshotInterval

    func run() async throws {
        guard snapshotEvery > 0 else { throw CLIError.usage("--snapshot-every must be 1 or more") }
        let store = try storeOptions.open()
        let started = Date()
        // From scratch, whatever snapshots exist; the snapshots are written anew on the way.
        var fold = LedgerFold()
        try await storeCall { () async throws(StoreError) in try await fold.catchUp(store, snapshotEvery: snapshotEvery)
        }
        let folded = Date().timeIntervalSince(started)
        let state = fold.state
        var models: [(String, [String: JSONValue])] = [
            ("standings", Reports.standings(state)), ("differences", Reports.differences(state)),
            ("survey", Reports.surveyCoverage(state)), ("disputes", Reports.disputes(state)),
        ]
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
