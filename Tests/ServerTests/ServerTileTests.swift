import Appraisal
import HTTPTypes
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Server
import Testing

/// The C2SP tlog-tiles layout: hash tiles are the tree's own nodes, entry bundles its bytes.
@Suite struct ServerTileTests {
    /// On every store: PostgreSQL computes nodes differently (it may rerun the work after fetching).
    @Test(arguments: Stores.kinds)
    func servesHashTilesAndEntryBundlesOfTheTree(kind: String) async throws {
        let harness = APIHarness(store: try Stores.make(kind, rules: AppraisalLedgerRules()))
        let fixture = harness.fixture
        try await fixture.opened()
        // Past one full tile: 300 more keys registered in one batch.
        let keys = (0..<300).map { n in
            SigningKey(seed: [UInt8(n & 0xFF), UInt8(n >> 8), 77] + Array(repeating: 1, count: 29), name: "Khóa \(n)")!
        }
        _ = try await fixture.store.append(keys.map { fixture.register($0, .auditor) }, recordedAt: fixture.start)
        let size = try await fixture.store.size()
        let stored = try await fixture.store.entries(from: 0, limit: size)
        try await harness.run(readingAs: harness.fixture.secretariat) { api in
            let full = try await api.get("/api/tlog/tile/0/000")
            #expect(full.status == .ok)
            #expect(full.bytes == stored.prefix(256).flatMap { Entry.hash(of: $0.bytes).bytes })
            let partial = try await api.get("/api/tlog/tile/0/001.p/\(size - 256)")
            #expect(partial.bytes == stored.dropFirst(256).flatMap { Entry.hash(of: $0.bytes).bytes })
            // Level 1 holds the roots of each 256 entries.
            let levelOne = try await api.get("/api/tlog/tile/1/000.p/1")
            #expect(levelOne.bytes == (try await fixture.store.root(size: 256)).bytes)

            let bundle = try await api.get("/api/tlog/tile/entries/000.p/3")
            var expected: [UInt8] = []
            for entry in stored.prefix(3) {
                expected += [UInt8(entry.bytes.count >> 8), UInt8(entry.bytes.count & 0xFF)] + entry.bytes
            }
            #expect(bundle.bytes == expected)
            // Hashes are public and never change; an entry bundle is for its reader alone.
            #expect(full.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(bundle.headers[.cacheControl] == "private, max-age=31536000, immutable")

            #expect(try await api.get("/api/tlog/tile/0/001").status == .notFound)
            #expect(try await api.get("/api/tlog/tile/0/001.p/\(size - 255)").status == .notFound)
            #expect(try await api.get("/api/tlog/tile/1/000").status == .notFound)
            let overflowing = "0/x100/x000/x000/x000/x000/000"  // an index whose position overflows
            for bad in [
                "0", "64/000", "00/000", "0/1", "0/x1/000", "0/000.p/0", "0/000.p/256", "sideways/000", overflowing,
            ] {
                #expect(try await api.get("/api/tlog/tile/\(bad)").code == "bad-parameter", "\(bad)")
            }
            #expect(try await api.get("/api/tlog/checkpoint").status == .notFound)
        }
    }
}
