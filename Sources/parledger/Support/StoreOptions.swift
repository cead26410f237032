import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import PostgresStore
import SQLiteStore

/// `--store PATH|postgres://…`, shared by every command that reads or writes a ledger.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: """
            The ledger: a SQLite file path, or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE?ledger=NAME \
            (one database holds many ledgers).
            """
    )
    var store: String = "./parledger.sqlite"

    /// Opens the ledger. Reading commands pass `create: false` so a mistyped path is an error, not
    /// a new empty ledger.
    func open(create: Bool = false) throws(CLIError) -> any EventStore {
        try openStore(store, create: create)
    }

    /// Opens the ledger for a command that only reads it; see `openStoreForReading`.
    func openForReading() throws(CLIError) -> any EventStore {
        try openStoreForReading(store)
    }
}

/// Opens the ledger at a `--store` location, with the appraisal rules checked on every append.
///
/// A PostgreSQL store connects as the URL's role (the application role, without UPDATE or DELETE
/// rights on the ledger's tables). When the database's schema is behind this build, it is migrated
/// as the role of `PARLEDGER_POSTGRES_OWNER_URL` if that is set, else as the URL's own role.
func openStore(_ store: String, create: Bool) throws(CLIError) -> any EventStore {
    do {
        if PostgresLocation.isPostgresURL(store) {
            return try PostgresStore(
                url: store,
                create: create,
                rules: AppraisalLedgerRules(),
                ownerURL: ProcessInfo.processInfo.environment["PARLEDGER_POSTGRES_OWNER_URL"]
            )
        }
        return try SQLiteStore(path: store, create: create, rules: AppraisalLedgerRules())
    } catch {
        throw .store(error)
    }
}

/// Opens the ledger at a `--store` location for reading only. A SQLite file is opened read-only,
/// so that an auditor can verify a copy they may not write and nothing about the file changes; a
/// PostgreSQL ledger is opened as for writing (its role's rights are what limit it).
func openStoreForReading(_ store: String) throws(CLIError) -> any EventStore {
    guard !PostgresLocation.isPostgresURL(store) else { return try openStore(store, create: false) }
    do {
        return try SQLiteStore(readingOnly: store)
    } catch {
        throw .store(error)
    }
}

/// A `--store` location fit for messages: a PostgreSQL URL without its password.
func displayName(ofStore store: String) -> String {
    guard PostgresLocation.isPostgresURL(store), let location = try? PostgresLocation(url: store) else { return store }
    return location.description
}
