import Application
import ArgumentParser
import LedgerCore
import LedgerStore
import Presentation
import Projections

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "List the ledger's entries.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The first position to list.") var from = 0
    @Option(help: "How many entries at most.") var limit = 1000
    @Option(help: "table or json.") var format: OutputFormat = .table
    @Option(help: "vi or en: the table's labels and times. (default: vi, or PARLEDGER_LANG)") var lang: String =
        Confirmation.language.rawValue
    @Option(
        help:
            "Only entries about this unit: naming it, deciding its claims, objections or forms, or signed by its officers and leader."
    ) var unit: String?
    @Option(help: "Only this event type, with or without its version (selfScore.recorded).") var type: String?
    @Option(help: "Only entries signed by this key (its id, or the first characters of it).") var actor: String?
    @Option(help: "Only entries recorded on or after this date, DD/MM/YYYY or YYYY-MM-DD (Vietnam).") var since: String?
    @Option(help: "Only entries recorded on or before this date, DD/MM/YYYY or YYYY-MM-DD (Vietnam).") var until:
        String?

    func run() async throws {
        guard from >= 0, limit > 0 else { throw CLIError.usage("--from must be ≥ 0 and --limit > 0") }
        guard let language = Language(code: lang) else { throw CLIError.usage("--lang \(lang) must be vi or en") }
        let ledger = try storeOptions.ledger(.reading)
        let store = ledger.log
        // A date is a whole day in Vietnam: from its first millisecond to its last.
        func day(_ text: String?, _ option: String, end: Bool) throws(CLIError) -> Timestamp? {
            guard let text else { return nil }
            guard let iso = LocalTime.isoDate(typed: text), let last = AsOf.moment(iso) else {
                throw .usage("\(option) \(text) is not a date DD/MM/YYYY or YYYY-MM-DD")
            }
            return end ? last : last.adding(milliseconds: -86_400_000 + 1)
        }
        let first = try day(since, "--since", end: false)
        let last = try day(until, "--until", end: true)
        let filtered = unit != nil || type != nil || actor != nil || first != nil || last != nil
        let state = try await storeCall { () async throws(StoreError) in try await store.state() }
        // What an entry is about needs the fold (a decision names a claim, not its unit).
        let fold: LedgerFold? =
            unit == nil
            ? nil : try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(.everything) }
        func matches(_ entry: Entry) -> Bool {
            let statement = entry.statement
            if let type, statement.type.text != type, !statement.type.text.hasPrefix(type + "/") { return false }
            if let actor, !statement.actor.hex.hasPrefix(actor.lowercased()) { return false }
            if let first, entry.recordedAt < first { return false }
            if let last, entry.recordedAt > last { return false }
            if let unit, let fold {
                guard fold.units(concernedBy: statement).contains(where: { $0.text == unit }) else { return false }
            }
            return true
        }
        var stored: [StoredEntry] = []
        var position = from
        // Unfiltered, one page; filtered, pages until `limit` entries match or the ledger ends.
        while stored.count < limit {
            let page = try await storeCall { () async throws(StoreError) in
                try await store.entries(from: position, limit: filtered ? 5_000 : limit)
            }
            for item in page where stored.count < limit {
                if !filtered || (try? Entry(bytes: item.bytes)).map(matches) ?? false { stored.append(item) }
            }
            guard filtered, let end = page.last?.seq else { break }
            position = end + 1
        }
        if format == .json {
            let lines = stored.map { String(decoding: $0.bytes, as: UTF8.self) }
            print("[" + lines.joined(separator: ",\n") + "]")
            return
        }
        // Positions stay plain integers: they are what --from takes.
        var table = TextTable(
            language == .vi
                ? ["số thứ tự", "thời điểm ghi", "sự kiện", "người ký", "vai trò", "mã"]
                : ["seq", "recorded at", "event", "signer", "role", "statement"]
        )
        for item in stored {
            guard let entry = try? Entry(bytes: item.bytes) else {
                table.add([
                    String(item.seq), "?",
                    language.pick("(hỏng: chạy parledger verify)", "(damaged: run parledger verify)"), "", "", "",
                ])
                continue
            }
            let key = state.keys[entry.statement.actor]
            table.add([
                String(entry.seq), LocalTime.vietnam.dateTime(entry.recordedAt),
                Vocabulary.event(entry.statement.type.text, language),
                key?.name ?? entry.statement.actor.short,
                key.map { Vocabulary.role($0.role.rawValue, language) + ($0.unit.map { " \($0)" } ?? "") } ?? "?",
                entry.statement.statementID.text,
            ])
        }
        print(table.rendered)
    }
}
