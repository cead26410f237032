import Application
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import PostgresStore

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

    /// Opens the ledger with its read side, for acts (`.writing`) or reads of the projections.
    func ledger(_ access: OpenLedger.Access) throws(CLIError) -> OpenLedger { try openLedger(store, access) }

    /// Opens the ledger's log alone, to append to it. Reading commands pass `create: false` so a
    /// mistyped path is an error, not a new empty ledger.
    func open(create: Bool = false) throws(CLIError) -> any EventStore {
        try openStore(store, create: create)
    }

    /// Opens the ledger's log alone for a command that only reads it; see `openStoreForReading`.
    func openForReading() throws(CLIError) -> any EventStore {
        try openStoreForReading(store)
    }
}

/// Opens a ledger and its read side at a `--store` location (`OpenLedger.open`). A PostgreSQL
/// store connects as the URL's role (the application role, without UPDATE or DELETE rights on the
/// ledger's tables); when the database's schema is behind this build, it is migrated as the role
/// of `PARLEDGER_POSTGRES_OWNER_URL` if that is set, else as the URL's own role.
func openLedger(_ store: String, _ access: OpenLedger.Access) throws(CLIError) -> OpenLedger {
    do {
        var ledger = try OpenLedger.open(
            store,
            access,
            ownerURL: ProcessInfo.processInfo.environment["PARLEDGER_POSTGRES_OWNER_URL"]
        )
        // A command acts once and ends: it loads what its act reads, not the whole fold.
        if case .writing = access { ledger.actsLoadSections = true }
        return ledger
    } catch {
        throw .store(error)
    }
}

/// Opens the log at a `--store` location for appending, with the appraisal rules checked on
/// every append; nothing derived is opened (the commands that need it use `openLedger`).
func openStore(_ store: String, create: Bool) throws(CLIError) -> any EventStore {
    do {
        return try OpenLedger.openLog(
            store,
            .writing(create: create),
            ownerURL: ProcessInfo.processInfo.environment["PARLEDGER_POSTGRES_OWNER_URL"]
        )
    } catch {
        throw .store(error)
    }
}

/// Opens (creating) the log at a `--store` location for a simulation that appends at the times it
/// gives, on PostgreSQL too (`OpenLedger.Access.simulating`): the demo, and `migrate`, which copies
/// each entry at the time its source recorded.
func openSimulated(_ store: String) throws(CLIError) -> any EventStore {
    do {
        return try OpenLedger.openLog(
            store,
            .simulating,
            ownerURL: ProcessInfo.processInfo.environment["PARLEDGER_POSTGRES_OWNER_URL"]
        )
    } catch {
        throw .store(error)
    }
}

/// Opens the log at a `--store` location for reading only. A SQLite file is opened read-only, so
/// that an auditor can verify a copy they may not write and nothing about the file changes; a
/// PostgreSQL ledger is opened as for writing (its role's rights are what limit it).
func openStoreForReading(_ store: String) throws(CLIError) -> any EventStore {
    do {
        return try OpenLedger.openLog(
            store,
            .reading,
            ownerURL: ProcessInfo.processInfo.environment["PARLEDGER_POSTGRES_OWNER_URL"]
        )
    } catch {
        throw .store(error)
    }
}

/// A `--store` location fit for messages: a PostgreSQL URL without its password.
func displayName(ofStore store: String) -> String {
    guard PostgresLocation.isPostgresURL(store), let location = try? PostgresLocation(url: store) else { return store }
    return location.description
}
