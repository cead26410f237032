import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// Property: flip any single byte of any entry of any ledger, and verification against the
/// ledger's checkpoint fails. (Without a checkpoint, a flip in the last entry's `recordedAt` would
/// go unseen: only the next entry's `prev`, or a checkpoint, commits to it. That is why
/// checkpoints are handed out.)
@Suite("Random single-byte flips")
struct ByteFlipPropertyTests {
    /// A small deterministic generator, so a failing case can be replayed from its seed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: 1...8)
    func everyFlipIsDetected(seed: UInt64) async throws {
        var random = SplitMix64(state: seed)
        let fixture = Fixture()
        let store: any EventStore = InMemoryStore()
        try await fixture.seeded(store)
        let count = Int.random(in: 3...40, using: &random)
        _ = try await store.append(
            (0..<count).map {
                fixture.note("ghi chú \($0) – Nguyễn", by: $0 % 2 == 0 ? fixture.officer : fixture.secretariat)
            },
            recordedAt: fixture.at(1)
        )
        let entries = try await store.entries(from: 0, limit: 100).map(\.bytes)
        let size = entries.count
        let note = Checkpoint(origin: fixture.ledger, size: size, root: try await store.root(size: size)).signed(
            by: fixture.authority
        )
        for _ in 0..<60 {
            var tampered = entries
            let seq = Int.random(in: 0..<size, using: &random)
            let offset = Int.random(in: 0..<tampered[seq].count, using: &random)
            tampered[seq][offset] ^= UInt8.random(in: 1...255, using: &random)
            var verifier = LedgerVerifier(checkpointSize: size)
            verifier.consume(tampered)
            let report = verifier.finish(blob: { _ in .absent }, checkpoint: .success(note))
            #expect(!report.isValid, "seed \(seed): flip at seq \(seq), byte \(offset) went unseen")
            if let failed = report.failure?.seq {
                #expect(failed <= seq + 1, "seed \(seed): found at \(failed), flipped \(seq)")
            }
        }
    }
}
