import ArgumentParser
import LedgerCore
import LedgerStore

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "List the ledger's entries.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The first position to list.") var from = 0
    @Option(help: "How many entries at most.") var limit = 1000
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        guard from >= 0, limit > 0 else { throw CLIError.usage("--from must be ≥ 0 and --limit > 0") }
        let store = try storeOptions.openForReading()
        let (stored, state) = try await storeCall { () async throws(StoreError) in
            (try await store.entries(from: from, limit: limit), try await store.state())
        }
        if format == .json {
            let lines = stored.map { String(decoding: $0.bytes, as: UTF8.self) }
            print("[" + lines.joined(separator: ",\n") + "]")
            return
        }
        var table = TextTable(["seq", "recordedAt", "type", "actor", "role", "statement"])
        for item in stored {
            guard let entry = try? Entry(bytes: item.bytes) else {
                table.add([String(item.seq), "?", "(damaged: run parledger verify)", "", "", ""])
                continue
            }
            let key = state.keys[entry.statement.actor]
            table.add([
                String(entry.seq), entry.recordedAt.text, entry.statement.type.text,
                key?.name ?? entry.statement.actor.short,
                key.map { $0.role.rawValue + ($0.unit.map { " \($0)" } ?? "") } ?? "?",
                entry.statement.statementID.text,
            ])
        }
        print(table.rendered)
    }
}
