import Appraisal
import LedgerCore
import Synchronization

/// The scorecards of the latest fold, kept so that the next fold of a grown ledger computes again
/// only those of the units its new entries touched (`LedgerFold.Touches`): a server whose writers
/// append hundreds of statements a second would otherwise compute every unit's scorecard for each
/// read of the standings. Only for the latest campaign; a fold of another year computes afresh.
public final class ScorecardMemo: Sendable {
    private struct Kept {
        var size = 0
        var cards: [UnitCode: Scorecard] = [:]
        var recomputed = 0
    }

    private let kept = Mutex(Kept())

    public init() {}

    /// How many scorecards the last call computed (the others were kept).
    public var lastRecomputed: Int { kept.withLock { $0.recomputed } }

    /// The scorecards of every unit still appraised in `fold`, as `Scorecard.all` gives them.
    public func scorecards(_ fold: LedgerFold) -> [Scorecard] {
        guard fold.viewedCampaign == nil, let touches = fold.touches else { return Scorecard.all(fold.state) }
        let (size, cards) = kept.withLock { ($0.size, $0.cards) }
        let state = fold.state
        let units = state.activeUnits
        var stale: [UnitCode] = []
        var result: [UnitCode: Scorecard] = [:]
        for unit in units {
            if size <= fold.size, touches.untouched(unit, since: size), let card = cards[unit] {
                result[unit] = card
            } else {
                stale.append(unit)
            }
        }
        if stale.count * 2 > units.count {
            for card in Scorecard.all(state) { result[card.unit] = card }
        } else {
            for unit in stale { result[unit] = Scorecard.of(unit, in: state) }
        }
        let all = units.compactMap { result[$0] }
        kept.withLock { kept in
            kept.recomputed = stale.count
            guard fold.size >= kept.size else { return }
            kept = Kept(size: fold.size, cards: result, recomputed: stale.count)
        }
        return all
    }
}
