import Application
import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import Presentation
import Projections

/// `--store PATH [--as-of DATE|TIME | --at-seq N] [--format table|json|csv]`, shared by the reads
/// of the projections. "As of" means the entries recorded at or before that moment (projections/RULES.md §10).
struct ReadOptions: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .customLong("as-of"), help: ReadOptions.asOfHelp) var asOf: String?
    @Option(name: .customLong("at-seq"), help: "The first N entries only (a tree size).") var atSeq: Int?
    @Option(help: "The campaign's year (default: the latest the ledger prefix holds).") var campaign: Int?
    @Option(help: "table, json or csv.") var format: ReportFormat = .table
    @Option(help: "vi or en: the table's labels, figures and dates. (default: vi, or PARLEDGER_LANG)") var lang:
        String = Confirmation.language.rawValue

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    /// The moment `--as-of` names.
    func moment() throws(CLIError) -> Timestamp? { try asOf.map(Self.moment(asOf:)) }

    /// What `--as-of` takes, for every command that has it.
    static let asOfHelp = ArgumentHelp(
        "What the ledger knew then: DD/MM/YYYY or YYYY-MM-DD (the end of that day in Vietnam, UTC+7), or a time "
            + "\"17:00 04/12/2023\" (Vietnam's) or YYYY-MM-DDTHH:MM:SS.mmmZ."
    )

    /// The moment an `--as-of` text names (`AsOf`), or a usage error that shows the forms it takes.
    static func moment(asOf text: String) throws(CLIError) -> Timestamp {
        if let moment = AsOf.moment(text) { return moment }
        throw .usage(
            "--as-of \(text) is not a date DD/MM/YYYY or YYYY-MM-DD, nor a time \"17:00 04/12/2023\" (Vietnam's time) "
                + "or YYYY-MM-DDTHH:MM:SS.mmmZ"
        )
    }

    /// The ledger, opened for reading: nothing is written to it, and derived data goes to its
    /// read side (a cache file beside it, or memory).
    func ledger() throws(CLIError) -> OpenLedger { try storeOptions.ledger(.reading) }

    /// The ledger prefix the options name, folded.
    func fold() async throws(CLIError) -> (fold: LedgerFold, asOf: Timestamp?) {
        try await fold(in: try ledger())
    }

    /// The ledger prefix the options name, folded from a ledger already open.
    func fold(in ledger: OpenLedger) async throws(CLIError) -> (fold: LedgerFold, asOf: Timestamp?) {
        try checkLanguage()
        if asOf != nil, atSeq != nil { throw .usage("give --as-of or --at-seq, not both") }
        if let atSeq, atSeq < 0 { throw .usage("--at-seq must be 0 or more") }
        let moment = try moment()
        let limit: LedgerFold.Limit = moment.map { .asOf($0) } ?? atSeq.map { .size($0) } ?? .everything
        let fold = try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(limit) }
        guard fold.state.campaign != nil else {
            throw .usage("no campaign is opened in this ledger\(moment.map { " as of \($0)" } ?? "")")
        }
        guard let campaign else { return (fold, moment) }
        guard let view = fold.campaign(year: campaign) else {
            throw .usage(
                "--campaign \(campaign): the ledger\(moment.map { " as of \($0)" } ?? "") holds the campaigns of "
                    + fold.campaignYears.map(String.init).joined(separator: ", ")
            )
        }
        return (view, moment)
    }

    /// The sealed standings of every group as of `--as-of`, when the store keeps them for exactly
    /// that prefix (the end of a day: `DayEndStandings`); nil when the read must fold.
    func keptStandings(in ledger: OpenLedger) async throws(CLIError) -> (bytes: [UInt8], asOf: Timestamp)? {
        // Kept standings are the latest campaign's of their day.
        guard atSeq == nil, campaign == nil, let moment = try moment() else { return nil }
        let kept = try await storeCall { () async throws(StoreError) in
            try await DayEndStandings.sealed(ledger.log, derived: ledger.derived, asOf: moment)
        }
        return kept.map { ($0, moment) }
    }

    /// The reader's language: `--lang`, Vietnamese unless English is asked for.
    var language: Language { Language(code: lang) ?? .vi }

    /// One label in the reader's language.
    func pick(_ vietnamese: String, _ english: String) -> String { language.pick(vietnamese, english) }

    /// A figure of a report: as the reader writes it in a table ("82,66"), as data in CSV ("82.66").
    func figure(_ decimal: String) -> String { format == .table ? Figures.text(decimal, language) : decimal }

    /// A whole number, the same way.
    func figure(_ value: Int) -> String { figure(String(value)) }

    /// A moment of a report: "17:00 04/12/2023" in a table, the timestamp itself in CSV.
    func moment(_ text: String) -> String {
        guard format == .table, let moment = Timestamp(text: text) else { return text }
        return LocalTime.vietnam.dateTime(moment)
    }

    /// Refuses a `--lang` that is neither vi nor en.
    func checkLanguage() throws(CLIError) {
        guard Language(code: lang) != nil else { throw .usage("--lang \(lang) must be vi or en") }
    }

    /// Prints a report: its JSON, or a table or CSV of its rows, then the prefix and digest. The
    /// CSV is a data file (RFC 4180, UTF-8 with a byte-order mark): its first row names the prefix
    /// and digest, then a header for every column.
    /// Prints a report as JSON, CSV or a table. `notice` (the standings' "provisional" before
    /// publication) goes beside the prefix in a CSV's first row, which readers skip.
    func output(_ report: JSONValue, header: [String], rows: [[String]], title: String? = nil, notice: String? = nil) {
        let size = report["ledger"]?["size"]?.intValue.map(String.init) ?? "?"
        let root = report["ledger"]?["root"]?.stringValue ?? "?"
        let digest = report["digest"]?.stringValue ?? "?"
        switch format {
        case .json:
            print(String(decoding: CanonicalJSON.encode(report), as: UTF8.self))
        case .csv:
            let prefix = "parledger-prefix/1;size=\(size);root=\(root);digest=\(digest)"
            let first = [prefix] + (notice.map { [$0] } ?? [])
            FileHandle.standardOutput.write(Data(CSVTable.encoded(header: first, rows: [header] + rows)))
        case .table:
            if let title { print(title) }
            var table = TextTable(header)
            for row in rows { table.add(row) }
            print(table.rendered)
            print("")
            print(
                pick(
                    "Sổ cái: \(figure(size)) bản ghi đầu, gốc \(root); mã băm báo cáo \(digest)",
                    "Ledger prefix: \(figure(size)) entries, root \(root); report digest \(digest)"
                )
            )
        }
    }

    /// The unit `--unit` names, which must be enrolled.
    static func enrolledUnit(_ text: String, in state: AppraisalState) throws(CLIError) -> UnitCode {
        guard let code = UnitCode(text), state.units[code] != nil else {
            throw .usage("--unit \(text) is not enrolled in the campaign")
        }
        return code
    }

    /// The group `--group` names, which must be one of the campaign's.
    static func campaignGroup(_ text: String?, in state: AppraisalState) throws(CLIError) -> ConfigCode? {
        try text.map { text throws(CLIError) -> ConfigCode in
            guard let code = ConfigCode(text), state.campaign?.group(code) != nil else {
                let groups = (state.campaign?.groups ?? []).map(\.code.text).joined(separator: ", ")
                throw .usage("--group \(text) is not one of the campaign's groups (\(groups))")
            }
            return code
        }
    }

}
