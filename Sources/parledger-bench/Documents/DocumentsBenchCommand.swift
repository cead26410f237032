import Application
import ArgumentParser
import Documents
import Foundation
import LedgerCore
import LedgerStore
import Presentation
import Projections

/// The documents benchmark (tools/PERFORMANCE.md §9): on a ledger (the demo's, by default a new
/// one from `parledger demo`), each document kind in each format, timed from the folded prefix to
/// the file's bytes, as a ratio to the sealed JSON report of the same kind, which is what a read
/// costs; and `report verify` of each file as a ratio to making it.
struct DocumentsBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "Measure making and verifying each document in each format against its JSON report.",
        discussion: "Run it in release mode: swift run -c release parledger-bench documents --store LEDGER"
    )

    @Option(help: "The ledger (a SQLite file), e.g. the one `parledger demo --dir D` writes.") var store: String
    @Option(help: "The unit of the scorecard.") var unit = "SNV"
    @Option(help: "Runs per measurement; the median is reported.") var runs = 5
    @Option(help: "Formats to measure, comma-separated (pdf needs Chromium).") var formats = "html,xlsx,csv,pdf"

    func run() async throws {
        guard runs > 0 else { throw BenchError.usage("--runs must be 1 or more") }
        let chosen = try formats.split(separator: ",").map(String.init).map { text in
            guard let format = DocumentFormat(rawValue: text) else {
                throw BenchError.usage("--formats \(text) is not a format")
            }
            return format
        }
        let ledger = try OpenLedger.open(store, .reading)
        let fold = try await ledger.folds.fold(.everything)
        print("# parledger-bench documents — \(System.coreCount) cores, \(fold.size) entries")
        print("")
        print(
            "| Document | JSON report | "
                + chosen.map { "\($0.rawValue.uppercased()) (× JSON)" }.joined(separator: " | ")
                + " | verify (× making) |"
        )
        print("|---|---|" + chosen.map { _ in "---|" }.joined() + "---|")
        for kind in DocumentKind.allCases {
            let request = ReportDocuments.Request(
                kind: kind,
                unit: kind.needsUnit ? UnitCode(unit) : nil,
                limit: .everything,
                asOf: nil,
                language: .vi,
                letterhead: .council
            )
            let json = Measures.median(
                try await repeated {
                    let source = try await ReportDocuments.source(request, fold: fold, in: ledger)
                    _ = CanonicalJSON.encode(source.report)
                }
            )
            var cells: [String] = []
            var verifyRatio = "n/a"
            for format in chosen {
                var bytes: [UInt8] = []
                let made = Measures.median(
                    try await repeated {
                        let fresh = try await ReportDocuments.source(request, fold: fold, in: ledger)
                        bytes = try ReportDocuments.render(fresh, format: format, dated: fold.lastRecordedAt)
                    }
                )
                cells.append("\(Measures.milliseconds(made)) (\(Measures.ratio(made / json)))")
                if format == .xlsx {
                    let verified = Measures.median(
                        try await repeated {
                            _ = try await DocumentVerification.check(bytes, format: format, in: ledger, language: .vi)
                        }
                    )
                    verifyRatio = "\(Measures.milliseconds(verified)) (\(Measures.ratio(verified / made)), XLSX)"
                }
            }
            print(
                "| \(kind.rawValue) | \(Measures.milliseconds(json)) | " + cells.joined(separator: " | ")
                    + " | \(verifyRatio) |"
            )
        }
        print("")
        print(
            "Each figure is the median of \(runs) runs from a folded prefix (the fold itself is a read's, not a document's)."
        )
    }

    private func repeated(_ work: () async throws -> Void) async throws -> [Double] {
        var times: [Double] = []
        for _ in 0..<runs { times.append(try await Measures.timed(work)) }
        return times
    }
}
