import Appraisal
import HTTPTypes
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Synchronization
import Testing

/// A reader who does not see everything is judged on the prefix a read names before any answer
/// is given. The judgement about a prefix of the past is kept, like the answer: asking again,
/// allowed or refused, folds nothing, and a first answer folds its prefix once, not once for the
/// judgement and again for the answer.
@Suite struct ServerJudgementTests {
    @Test func aReaderOfThePastIsJudgedOnceAndTheAnswerFoldsItsPrefixOnce() async throws {
        let counted = EntryCountingStore(InMemoryStore(rules: AppraisalLedgerRules()))
        let harness = APIHarness(store: counted)
        try await harness.fixture.submitted()
        let size = try await harness.fixture.store.size()
        let past = "/api/units/SNV/scores?atSeq=\(size - 2)"
        try await harness.run { api in
            let officer = try await api.reading(as: harness.fixture.officer)
            let other = try await api.reading(as: harness.fixture.otherOfficer)
            _ = try await officer.get("/api/units/SNV/scores")  // the fold of now, loaded once
            let before = counted.entriesRead

            let first = try await officer.get(past)
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.json["ledger"]?["size"]?.intValue == Int64(size - 2))
            let firstCost = counted.entriesRead - before
            // One fold of the prefix (its entries and a look past its end), not one for the
            // judgement and another for the answer.
            #expect(
                firstCost >= size - 2 && firstCost < 2 * (size - 2),
                "read \(firstCost) entries for a prefix of \(size - 2)"
            )

            let again = try await officer.get(past)
            #expect(again.status == .ok)
            #expect(again.bytes == first.bytes)
            #expect(counted.entriesRead - before == firstCost, "the second read of the past folded it again")

            let refused = try await other.get(past)
            #expect(refused.status == .forbidden)
            #expect(refused.code == "withheld")
            let afterRefusal = counted.entriesRead
            let refusedAgain = try await other.get(past)
            #expect(refusedAgain.status == .forbidden)
            #expect(refusedAgain.bytes == refused.bytes)
            #expect(counted.entriesRead == afterRefusal, "a refusal about the past was judged again")

            let anyone = try await api.get(past)
            #expect(anyone.status == .unauthorized)
        }
    }
}

/// A store that counts the entries read through it by position (how every fold reads the log).
final class EntryCountingStore: EventStore {
    private let inner: any EventStore
    private let read = Mutex(0)

    init(_ inner: any EventStore) { self.inner = inner }

    var entriesRead: Int { read.withLock { $0 } }

    func entries(from: Int, limit: Int) async throws(StoreError) -> [StoredEntry] {
        let found = try await inner.entries(from: from, limit: limit)
        read.withLock { $0 += found.count }
        return found
    }

    func append(_ batch: [SignedStatement], recordedAt now: Timestamp) async throws(StoreError) -> [Entry] {
        try await inner.append(batch, recordedAt: now)
    }
    func state() async throws(StoreError) -> LedgerState { try await inner.state() }
    func entries(at positions: [Int]) async throws(StoreError) -> [StoredEntry] {
        try await inner.entries(at: positions)
    }
    func scan(chunkSize: Int, _ body: ([[UInt8]]) throws -> Bool) async throws(StoreError) {
        try await inner.scan(chunkSize: chunkSize, body)
    }
    func treeNodes(_ work: (MerkleTree.NodeSource) throws -> Void) async throws(StoreError) {
        try await inner.treeNodes(work)
    }
    func putBlob(_ bytes: [UInt8]) async throws(StoreError) -> BlobReference { try await inner.putBlob(bytes) }
    func blob(_ sha256: SHA256Hash) async throws(StoreError) -> [UInt8]? { try await inner.blob(sha256) }
    func blobHashes() async throws(StoreError) -> [SHA256Hash] { try await inner.blobHashes() }
    func eraseBlob(_ sha256: SHA256Hash) async throws(StoreError) { try await inner.eraseBlob(sha256) }
    func removeUnreferencedBlobs(
        keeping referenced: Set<SHA256Hash>,
        storedBefore cutoff: Timestamp
    )
        async throws(StoreError) -> Int
    {
        try await inner.removeUnreferencedBlobs(keeping: referenced, storedBefore: cutoff)
    }
    func saveCheckpoint(_ note: SignedNote) async throws(StoreError) { try await inner.saveCheckpoint(note) }
    func latestCheckpoint() async throws(StoreError) -> SignedNote? { try await inner.latestCheckpoint() }
    func checkpoint(size: Int) async throws(StoreError) -> SignedNote? { try await inner.checkpoint(size: size) }
    func prime(with head: StoreHead) { inner.prime(with: head) }
    func checkpoints() async throws(StoreError) -> [SignedNote] { try await inner.checkpoints() }
}
