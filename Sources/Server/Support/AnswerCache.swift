/// Read answers kept by canonical query (`ReadQuery.key`). An answer about a prefix that can no
/// longer change (the first N entries of a longer ledger, or a moment before its last entry) is
/// kept for good; an answer about "now" stands for the ledger size it was computed at and is
/// recomputed, from the fold caught up with the new entries, once the ledger has grown. Bounded:
/// when full, the answer used least recently goes. The answers are bytes; the server also keeps
/// its judgements of readers (`ReadJudgement`) the same way.
actor AnswerCache<Answer: Sendable> {
    private struct Kept {
        /// The ledger size the answer stands for; nil when it holds whatever the ledger's size.
        let ledgerSize: Int?
        let answer: Answer
        var lastUse: UInt64
    }

    private var answers: [String: Kept] = [:]
    private var uses: UInt64 = 0
    private let capacity: Int

    init(capacity: Int = 1024) { self.capacity = capacity }

    /// The answer kept for `key` that stands for a ledger of `ledgerSize` entries.
    func answer(_ key: String, ledgerSize: Int) -> Answer? {
        guard var kept = answers[key], kept.ledgerSize.map({ $0 == ledgerSize }) ?? true else { return nil }
        uses += 1
        kept.lastUse = uses
        answers[key] = kept
        return kept.answer
    }

    /// Keeps an answer; `ledgerSize` nil for an answer whatever the ledger's size.
    func keep(_ answer: Answer, for key: String, ledgerSize: Int?) {
        if answers.count >= capacity, answers[key] == nil,
            let oldest = answers.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
        {
            answers[oldest] = nil
        }
        uses += 1
        answers[key] = Kept(ledgerSize: ledgerSize, answer: answer, lastUse: uses)
    }

    var count: Int { answers.count }
}
