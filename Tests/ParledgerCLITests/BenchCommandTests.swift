import Foundation
import LedgerTestSupport
import Testing

/// The benchmark as a user runs it, at a toy size (its ceilings still take most of a minute in a
/// debug build): every figure of the row is measured (no "nan" where the verify child did not
/// report), and the ledger it wrote verifies.
@Suite("CLI: the ledger benchmark")
struct BenchCommandTests {
    @Test func theRowReportsEveryFigure() async throws {
        let folder = Scratch.path("bench", "d")
        let result = try await CLI.parledger("bench", "--sizes", "200", "--batch", "50", "--dir", folder)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("| 200 |") }
        #expect(rows.count == 1, "\(result.stdout)")
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells.count == 11, "\(row)")
            #expect(!row.lowercased().contains("nan") && !row.contains("inf"), "\(row)")
            // The ratios: append, against raw insert, verify, and verify without start-up.
            for index in [2, 3, 5] { #expect(Double(cells[index]).map { $0 > 0 } == true, "\(row)") }
            #expect(cells[6].hasSuffix(")"), "\(row)")
        }
        let verified = try await CLI.parledger("verify", "--store", folder + "/ledger-200.sqlite")
        #expect(verified.status == 0, "\(verified.stdout)")
    }
}
