import Appraisal
import Foundation
import LedgerCore
import LedgerStore
import Projections
import Testing

/// Standings from kept scorecards (`ScorecardMemo`) are the standings computed afresh, at every
/// point of the demo's two campaigns, across a fold reloaded from its snapshot too.
@Suite("Scorecard memo")
struct ScorecardMemoTests {
    @Test
    func standingsFromKeptScorecardsAreTheFreshOnes() async throws {
        let entries = try await ActSectionsTests.demoEntries()
        // Long and synchronous: on a thread of its own, not one of Swift concurrency's few.
        let (compared, reused, differing) = try await BlockingWork.run { () throws(StoreError) in
            Self.compare(entries)
        }
        #expect(differing == [])
        #expect(compared > 100 && reused > compared / 2)
    }

    /// Folds the entries one by one and, every few entries, compares the standings from the memo
    /// with those computed afresh. Returns how many were compared, how many reused at least one
    /// kept scorecard, and the sizes at which they differ.
    static func compare(_ entries: [Entry]) -> (Int, Int, [Int]) {
        let memo = ScorecardMemo()
        var fold = LedgerFold()
        var compared = 0
        var reused = 0
        var differing: [Int] = []
        for (index, entry) in entries.enumerated() {
            fold.fold(entry)
            if index == entries.count / 2, let bytes = try? JSONEncoder().encode(fold),
                let reloaded = try? JSONDecoder().decode(LedgerFold.self, from: bytes)
            {
                fold = reloaded  // as a server that loaded a snapshot: it tracks from here on
            }
            guard index % 29 == 0, fold.state.campaign != nil else { continue }
            let kept = memo.scorecards(fold)
            let fresh = Scorecard.all(fold.state)
            if kept.count == fresh.count, memo.lastRecomputed < fresh.count / 2 { reused += 1 }
            let fromMemo = CanonicalJSON.encode(.object(Reports.standings(fold.state, cards: kept)))
            let computed = CanonicalJSON.encode(.object(Reports.standings(fold.state)))
            if fromMemo != computed { differing.append(fold.size) }
            compared += 1
        }
        return (compared, reused, differing)
    }
}
