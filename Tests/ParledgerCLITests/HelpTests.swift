import Foundation
import LedgerTestSupport
import Testing

/// `parledger --help` as a user reads it: the commands grouped by what they are for, and no
/// benchmark among them (those are `parledger-bench`, tools/PERFORMANCE.md).
@Suite("CLI: help")
struct HelpTests {
    @Test func helpGroupsTheCommandsAndListsNoBenchmark() throws {
        let help = try CLI.parledger("--help")
        #expect(help.status == 0, "\(help.stderr)")
        let groups = [
            "SECRETARIAT AND AUTHORITY ACTS SUBCOMMANDS:", "UNIT ACTS SUBCOMMANDS:",
            "APPRAISER AND COUNCIL ACTS SUBCOMMANDS:", "READ SUBCOMMANDS:", "LEDGER SUBCOMMANDS:",
            "ADMINISTRATION SUBCOMMANDS:",
        ]
        let lines = help.stdout.split(separator: "\n").map(String.init)
        let positions = groups.map { group in lines.firstIndex(of: group) }
        #expect(positions.allSatisfy { $0 != nil }, "\(help.stdout)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(help.stdout)")
        // Each command under its group: an act by its role, a read, the ledger's, administration.
        func group(of command: String) -> String? {
            guard let line = lines.firstIndex(where: { $0.hasPrefix("  \(command) ") }) else { return nil }
            return lines[..<line].last { groups.contains($0) }
        }
        #expect(group(of: "publish") == groups[0])
        #expect(group(of: "score") == groups[1])
        #expect(group(of: "appraise") == groups[2])
        #expect(group(of: "standings") == groups[3])
        #expect(group(of: "verify") == groups[4])
        #expect(group(of: "serve") == groups[5])
        for gone in ["bench", "bench-projections", "bench-stores"] {
            #expect(group(of: gone) == nil, "\(help.stdout)")
            #expect(try CLI.parledger(gone).status == 2)
        }
    }
}
