import Appraisal
import HTTPTypes
import Hummingbird
import LedgerCore
import Projections

/// The as-of parameters every read takes: `asOf` (a date, the end of that day in Vietnam, or a
/// time) or `atSeq` (the first N entries), as `parledger`'s `--as-of` and `--at-seq`.
struct ReadQuery {
    let limit: LedgerFold.Limit
    let asOf: Timestamp?

    init(_ request: Request) throws(APIError) {
        let asOfText = request.uri.queryParameters["asOf"].map(String.init)
        let atSeqText = request.uri.queryParameters["atSeq"].map(String.init)
        if asOfText != nil, atSeqText != nil {
            throw .badRequest("bad-parameter", field: "asOf", "give asOf or atSeq, not both")
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
        } else if let atSeqText {
            guard let size = Int(atSeqText), size >= 0 else {
                throw .badRequest("bad-parameter", field: "atSeq", "atSeq must be a tree size, 0 or more")
            }
            limit = .size(size)
            asOf = nil
        } else {
            limit = .everything
            asOf = nil
        }
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

    /// A unit enrolled in the campaign, from the path.
    static func unit(_ context: some RequestContext, in state: AppraisalState) throws(APIError) -> UnitCode {
        let text = context.parameters.get("unit") ?? ""
        guard let code = UnitCode(text), state.units[code] != nil else {
            throw APIError(.notFound, "unit-unknown", detail: "unit \(text) is not enrolled in the campaign")
        }
        return code
    }
}
