import Appraisal
import HTTPTypes
import Hummingbird
import LedgerCore
import Projections

/// The query of a read: the as-of parameters every read of the projections takes, `asOf` (a
/// date, the end of that day in Vietnam, or a time) or `atSeq` (the first N entries), as
/// `parledger`'s `--as-of` and `--at-seq`, `campaign` (a year: an earlier campaign of the ledger,
/// as `--campaign`), and the route's own parameters. Any other parameter is
/// refused (400): a misspelt one is not silently ignored, and an answer's cache key — the path and
/// the parameters that matter, in one canonical spelling — cannot be multiplied by noise.
struct ReadQuery {
    let limit: LedgerFold.Limit
    let asOf: Timestamp?
    /// The campaign's year a read names (`campaign`), nil for the prefix's latest.
    let campaign: Int?
    /// The answer's key: the path, then the parameters in name order with canonical values.
    let key: String

    /// - Parameters:
    ///   - options: the route's own parameters besides `asOf` and `atSeq`.
    ///   - asOf: whether the route reads a prefix of the ledger (takes `asOf` and `atSeq`).
    init(_ request: Request, options: Set<String> = [], asOf takesPrefix: Bool = true) throws(APIError) {
        let allowed = options.union(takesPrefix ? ["asOf", "atSeq", "campaign"] : [])
        var seen: Set<String> = []
        for (name, _) in request.uri.queryParameters {
            let name = String(name)
            guard allowed.contains(name) else {
                let accepted = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
                throw .badRequest(
                    "bad-parameter",
                    field: name,
                    "unknown parameter \(name); this read takes: \(accepted)"
                )
            }
            guard seen.insert(name).inserted else {
                throw .badRequest("bad-parameter", field: name, "parameter \(name) is given more than once")
            }
        }
        let asOfText = request.uri.queryParameters["asOf"].map(String.init)
        let atSeqText = request.uri.queryParameters["atSeq"].map(String.init)
        if asOfText != nil, atSeqText != nil {
            throw .badRequest("bad-parameter", field: "asOf", "give asOf or atSeq, not both")
        }
        var canonical: [(String, String)] = options.sorted().compactMap { name in
            request.uri.queryParameters[Substring(name)].map { (name, String($0)) }
        }
        if let asOfText {
            guard let moment = AsOf.moment(asOfText) else {
                throw .badRequest(
                    "bad-parameter",
                    field: "asOf",
                    "asOf \(asOfText) is neither a date YYYY-MM-DD nor a time YYYY-MM-DDTHH:MM:SS.mmmZ"
                )
            }
            limit = .asOf(moment)
            asOf = moment
            canonical.append(("asOf", moment.text))
        } else if let atSeqText {
            guard let size = Int(atSeqText), size >= 0 else {
                throw .badRequest("bad-parameter", field: "atSeq", "atSeq must be a tree size, 0 or more")
            }
            limit = .size(size)
            asOf = nil
            canonical.append(("atSeq", String(size)))
        } else {
            limit = .everything
            asOf = nil
        }
        if let text = request.uri.queryParameters["campaign"].map(String.init) {
            guard let year = Int(text), (2000...2999).contains(year) else {
                throw .badRequest("bad-parameter", field: "campaign", "campaign \(text) must be a year such as 2024")
            }
            campaign = year
            canonical.append(("campaign", String(year)))
        } else {
            campaign = nil
        }
        key = request.uri.path + "?" + canonical.sorted { $0.0 < $1.0 }.map { "\($0)=\($1)" }.joined(separator: "&")
    }

    /// An optional query parameter.
    static func parameter(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init)
    }

    /// The campaign's group the optional `group` parameter names.
    static func group(_ request: Request, in state: AppraisalState) throws(APIError) -> ConfigCode? {
        try parameter(request, "group").map { text throws(APIError) -> ConfigCode in
            guard let code = ConfigCode(text), state.campaign?.group(code) != nil else {
                throw .badRequest("group-unknown", field: "group", "group \(text) is not one of the campaign's")
            }
            return code
        }
    }

    /// The unit code of the path, enrolled or not (judged later, against the prefix read).
    static func unitCode(_ context: some RequestContext) throws(APIError) -> UnitCode {
        let text = context.parameters.get("unit") ?? ""
        guard let code = UnitCode(text) else {
            throw APIError(.notFound, "unit-unknown", detail: "\(text) is not a unit code")
        }
        return code
    }

    /// A unit enrolled in the campaign, from the path.
    static func unit(_ context: some RequestContext, in state: AppraisalState) throws(APIError) -> UnitCode {
        let text = context.parameters.get("unit") ?? ""
        guard let code = UnitCode(text), state.units[code] != nil else {
            throw APIError(.notFound, "unit-unknown", detail: "unit \(text) is not enrolled in the campaign")
        }
        return code
    }
}
