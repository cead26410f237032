import Foundation
import Testing

/// The fuzz corpus kept in the repository (tools/fuzz-corpus/) and the seeds tools/fuzz starts from
/// (tools/fuzz-seed.py), replayed through the fuzz target's properties by its plain build: what
/// libFuzzer once found stays checked on every test run, without the sanitizer build (tools/FUZZING.md).
@Suite("The fuzz corpus replays with every property holding")
struct FuzzCorpusTests {
    /// `parledger-fuzz` beside `parledger`, as swift build puts products.
    static let binary = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent(
        "parledger-fuzz"
    ).path

    @Test func corpusAndSeedsReplay() async throws {
        let seeds = CLI.temporaryFolder().appendingPathComponent("seeds").path
        let seeded = try await CLI.run(
            "/usr/bin/env",
            ["python3", CLI.repository.appendingPathComponent("tools/fuzz-seed.py").path, seeds]
        )
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let corpus = CLI.repository.appendingPathComponent("tools/fuzz-corpus").path
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus)
        #expect(files.count > 100, "the committed corpus is missing")
        let replay = try await CLI.run(Self.binary, [corpus, seeds])
        #expect(replay.status == 0, "a fuzz input breaks a property:\n\(replay.stderr)")
        #expect(replay.stdout.contains("every property holds"), "\(replay.stdout)")
    }
}
