import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `parledger audit --store PATH`: the appraisal rules replayed over the whole ledger.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Replay the appraisal rules over the ledger: every act must have been allowed when it was recorded.",
        discussion:
            "Exit 0 when every entry passes, 1 at the first that the rules refuse (after `verify` for the format)."
    )
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let store = try storeOptions.openForReading()
        let box = AuditBox()
        try await storeCall { () async throws(StoreError) in
            try await store.scan(chunkSize: 4096) { chunk in
                for bytes in chunk {
                    guard let entry = try? Entry(bytes: bytes) else {
                        box.unreadable = box.audit.size
                        return false
                    }
                    box.audit.audit(entry)
                    if box.audit.failure != nil { return false }
                }
                return true
            }
        }
        if let seq = box.unreadable {
            throw CLIError.refused("seq \(seq): the entry cannot be read; run parledger verify")
        }
        if let failure = box.audit.failure {
            print("seq \(failure.seq): \(failure.violation.description)")
            throw ExitCode(1)
        }
        print("ok: \(box.audit.size) entries follow the appraisal rules")
    }

    private final class AuditBox: @unchecked Sendable {
        // `@unchecked Sendable`: the store calls the scan body on one thread, one chunk at a time.
        var audit = AppraisalAudit()
        var unreadable: Int?
    }
}
