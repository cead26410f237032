import Appraisal
import ArgumentParser
import LedgerCore
import LedgerStore
import SQLiteStore

/// `--store PATH|postgres://…`, shared by every command that reads or writes a ledger.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger: a SQLite file path (PostgreSQL URLs come with the shared deployment).")
    var store: String = "./parledger.sqlite"

    /// Opens the ledger. Reading commands pass `create: false` so a mistyped path is an error, not
    /// a new empty ledger.
    func open(create: Bool = false) throws(CLIError) -> any EventStore {
        try openStore(store, create: create)
    }
}

/// Opens the ledger at a `--store` location, with the appraisal rules checked on every append.
func openStore(_ store: String, create: Bool) throws(CLIError) -> any EventStore {
    if store.hasPrefix("postgres://") || store.hasPrefix("postgresql://") {
        throw .usage("PostgreSQL stores are not available in this build yet; use a SQLite file path")
    }
    do {
        return try SQLiteStore(path: store, create: create, rules: AppraisalLedgerRules())
    } catch {
        throw .store(error)
    }
}
