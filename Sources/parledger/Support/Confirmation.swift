import Foundation
import LedgerCore
import Presentation

/// What an act prints once its entries are recorded: in Vietnamese unless PARLEDGER_LANG=en (as
/// refusals are, and as every `--lang` defaults), with times in Vietnam's time and the ids later
/// acts name (an objection's, a claim's). JSON output (`--format json`) prints the entry itself.
enum Confirmation {
    /// The CLI's language when no `--lang` says otherwise.
    static var language: Language {
        ProcessInfo.processInfo.environment["PARLEDGER_LANG"] == "en" ? .en : .vi
    }

    /// "Đã ghi bản ghi số 18: …" (vi) or "seq 18: …" (en).
    static func entry(_ seq: Int, _ vietnamese: String, _ english: String) -> String {
        language.pick("Đã ghi bản ghi số \(seq): \(vietnamese)", "seq \(seq): \(english)")
    }

    /// One batch of entries, appended together.
    static func batch(_ entries: [Entry], _ vietnamese: String, _ english: String) -> String {
        let range = "\(entries.first?.seq ?? 0)–\(entries.last?.seq ?? 0)"
        return language.pick("Đã ghi các bản ghi số \(range): \(vietnamese)", "seq \(range): \(english)")
    }

    /// One signed act: what it is, who signed it and when, and its statement id.
    static func act(_ entry: Entry, signer: String) -> String {
        let time = LocalTime.vietnam.dateTime(entry.recordedAt)
        let id = entry.statement.statementID.text
        let type = entry.statement.type.text
        return Self.entry(
            entry.seq,
            "\(Vocabulary.event(type, .vi)), do \(signer) ký lúc \(time) (mã \(id))",
            "\(Vocabulary.event(type, .en)), signed by \(signer) at \(time) (statement \(id))"
        )
    }

    /// "3 đơn vị" / "3 units".
    static func count(_ count: Int, _ vietnamese: String, _ english: String) -> String {
        language.pick("\(count) \(vietnamese)", count.counting(english))
    }
}
