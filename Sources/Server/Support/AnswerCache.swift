/// Read answers kept by request and ledger size (see `ReadRoutes.report`). Bounded: when full it
/// starts over, which costs one recomputation per request kept.
actor AnswerCache {
    private var answers: [String: (ledgerSize: Int, bytes: [UInt8])] = [:]
    private let capacity: Int

    init(capacity: Int = 512) { self.capacity = capacity }

    func answer(_ key: String, ledgerSize: Int) -> [UInt8]? {
        guard let kept = answers[key], kept.ledgerSize == ledgerSize else { return nil }
        return kept.bytes
    }

    func keep(_ bytes: [UInt8], for key: String, ledgerSize: Int) {
        if answers.count >= capacity, answers[key] == nil { answers.removeAll(keepingCapacity: true) }
        answers[key] = (ledgerSize, bytes)
    }
}
