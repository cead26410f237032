import Application
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import Synchronization

/// `parledger pending [--retry --store PATH]`: the signed statements whose answer never arrived.
struct PendingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pending",
        abstract: "List the signed statements whose answer never arrived, or send them again (--retry).",
        discussion: """
            Every act is kept, signed, until the store answers for it; a statement sent again is \
            recorded at most once, whether or not the lost attempt landed. They are kept in \
            $PARLEDGER_STATE_DIR/pending (else $XDG_STATE_HOME/parledger/pending, else \
            ~/.local/state/parledger/pending).
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Send every kept statement for this store's ledger again, as it was signed.") var retry = false

    func run() async throws {
        let pending = PendingStatements.standard()
        guard retry else {
            let kept: [PendingStatements.Kept]
            do { kept = try pending.all() } catch { throw CLIError.usage(error.description) }
            if kept.isEmpty {
                print("no statement waits for an answer (\(pending.folder.path))")
                return
            }
            var table = TextTable(["claimedAt", "type", "statement", "ledger"])
            for item in kept {
                let statement = item.signed.statement
                table.add([
                    statement.claimedAt.text, statement.type.text, statement.statementID.text, statement.ledger.text,
                ])
            }
            print(table.rendered)
            return
        }
        let ledger = try storeOptions.ledger(.writing(create: false))
        let outcomes: [(PendingStatements.Kept, OpenLedger.Resent)]
        do {
            outcomes = try await ledger.resend(pending)
        } catch {
            switch error {
            case .store(let failure): throw CLIError.store(failure)
            default: throw CLIError.usage(error.description)
            }
        }
        var stillKept = 0
        for (item, outcome) in outcomes {
            let id = item.signed.statement.statementID
            switch outcome {
            case .recorded(let entry):
                print("\(id): recorded at position \(entry.seq)")
                Answered.entries.withLock { $0.append(entry) }
            case .refused(let failure): print("\(id): refused, forgotten: \(failure.description)")
            case .kept(let failure):
                stillKept += 1
                print("\(id): still kept, the store is unavailable: \(failure.description)")
            }
        }
        if outcomes.isEmpty { print("no statement for this ledger waits for an answer") }
        if stillKept > 0 {
            throw CLIError(exitCode: .unavailable, message: "\(stillKept) statement(s) still kept: try again later")
        }
    }
}
