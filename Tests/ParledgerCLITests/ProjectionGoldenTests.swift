import Foundation
import Testing

/// The read models of the demo ledger at four dates, against the golden files in projections/.
/// Re-record with PARLEDGER_RECORD_GOLDENS=1: the recording run writes them and fails, so a
/// recording never passes unnoticed.
@Suite("Projection goldens (projections/*/golden)")
struct ProjectionGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("projections")

    /// After self-assessment, after round 1, after the objections, after publication and correction.
    static let dates = ["2023-12-10", "2024-01-31", "2024-02-28", "2024-05-03"]

    static let reads: [(model: String, arguments: [String])] = [
        ("standings", ["standings"]), ("differences", ["differences"]), ("survey", ["survey", "coverage"]),
        ("disputes", ["disputes"]), ("scores", ["scores", "--unit", "STP"]),
        ("history", ["history", "--unit", "STP", "--leaf", "1.2"]),
    ]

    @Test func theDemoLedgersReadModelsMatchTheirGoldens() throws {
        let demo = CLI.temporaryFolder().appendingPathComponent("demo")
        let built = try CLI.parledger("demo", "--dir", demo.path)
        try #require(built.status == 0, "\(built.stderr)")
        let store = demo.appendingPathComponent("ledger.sqlite").path
        let record = ProcessInfo.processInfo.environment["PARLEDGER_RECORD_GOLDENS"] == "1"
        for (model, arguments) in Self.reads {
            for date in Self.dates {
                let result = try CLI.parledger(arguments + ["--store", store, "--as-of", date, "--format", "json"])
                #expect(result.status == 0, "\(model) as of \(date): \(result.stderr)")
                let golden = Self.folder.appendingPathComponent("\(model)/golden/\(date).json")
                let produced = Data(result.stdout.utf8)
                if record {
                    try FileManager.default.createDirectory(
                        at: golden.deletingLastPathComponent(),
                        withIntermediateDirectories: true
                    )
                    try produced.write(to: golden)
                    Issue.record("re-recorded \(golden.path); run again without PARLEDGER_RECORD_GOLDENS")
                } else {
                    let expected = FileManager.default.contents(atPath: golden.path)
                    #expect(expected != nil, "missing golden \(golden.path)")
                    #expect(expected == produced, "\(model) as of \(date) differs from \(golden.path)")
                }
            }
        }
    }
}
