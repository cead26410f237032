public import HTTPTypes
public import Hummingbird
public import LedgerCore
import NIOCore

/// What the API answers instead of a result: an HTTP status, a stable code, the message in
/// Vietnamese and English (from `ErrorCatalog`), the request field it concerns when there is one,
/// and the server's own detail (which names the unit, leaf or position, never key material).
///
/// Body: `{"code", "message": {"vi", "en"}, "field", "detail", "index"}`; `field`, `detail` and
/// `index` (the statement of a batch) are null when they do not apply.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    public let code: String
    public let field: String?
    public let detail: String?
    public let index: Int?
    /// Seconds after which trying again may succeed (`Retry-After`), for a refusal that passes.
    public let retryAfter: Int?

    public init(
        _ status: HTTPResponse.Status,
        _ code: String,
        field: String? = nil,
        detail: String? = nil,
        index: Int? = nil,
        retryAfter: Int? = nil
    ) {
        self.status = status
        self.code = code
        self.field = field ?? ErrorCatalog.entry(code).field
        self.detail = detail
        self.index = index
        self.retryAfter = retryAfter
    }

    /// The error as JSON.
    public var json: JSONValue {
        let message = ErrorCatalog.entry(code)
        return [
            "code": .string(code),
            "message": ["vi": .string(message.vi), "en": .string(message.en)],
            "field": field.map { .string($0) } ?? .null,
            "detail": detail.map { .string(JSONBody.nfc($0)) } ?? .null,
            "index": index.map { .int(Int64($0)) } ?? .null,
        ]
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response { response }

    /// The error as an answer: its JSON, its status, and `Retry-After` when it has one.
    var response: Response {
        var response = JSONBody.response(json, status: status)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }

    public var description: String { "\(status.code) \(code)\(detail.map { ": \($0)" } ?? "")" }

    static func badRequest(_ code: String, field: String? = nil, _ detail: String? = nil) -> APIError {
        APIError(.badRequest, code, field: field, detail: detail)
    }

    static func notFound(_ detail: String) -> APIError { APIError(.notFound, "not-found", detail: detail) }
}
