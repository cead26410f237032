import Application
import LedgerCore
import Projections

/// The prefixes of the ledger one request reads, each folded once: the reader's judgement and the
/// answer read the same ones, and folding a prefix of the past is a read's dearest step.
final class RequestPrefixes {
    /// The ledger as it stood when the request began; every answer of the request stands for it.
    let now: LedgerFold
    private let folder: (LedgerFold.Limit, Int?) async throws -> LedgerFold
    private var folded: [String: LedgerFold] = [:]

    /// - Parameter folder: folds a prefix, as a campaign's view when a year is given.
    init(now: LedgerFold, folder: @escaping (LedgerFold.Limit, Int?) async throws -> LedgerFold) {
        self.now = now
        self.folder = folder
    }

    /// The prefix `limit` names, as campaign `year`'s view when given; folded on first use.
    func fold(_ limit: LedgerFold.Limit, campaign year: Int? = nil) async throws -> LedgerFold {
        let key: String
        switch limit {
        case .everything: key = "now"
        case .size(let size): key = "size \(size)"
        case .asOf(let moment): key = "as of \(moment.text)"
        }
        let named = key + (year.map { " campaign \($0)" } ?? "")
        if let known = folded[named] { return known }
        let prefix = try await folder(limit, year)
        folded[named] = prefix
        return prefix
    }
}

/// How a read's gate judged a reader on the prefixes the read names.
enum ReadJudgement: Sendable {
    /// The reader may read, seeing this much.
    case allowed(ReadAccess.UnitView)
    /// The reader may not; what is withheld and who may read it.
    case withheld(String)
}
