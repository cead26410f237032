import HTTPTypes
import Hummingbird

/// What every answer carries and how the methods are served, whatever the route:
/// - security headers on every answer, errors included: `X-Content-Type-Options: nosniff`, a
///   Content-Security-Policy with `frame-ancestors 'none'` (and `X-Frame-Options: DENY` for older
///   browsers), so no page can be framed to trick a signer, and `Referrer-Policy: no-referrer`;
/// - `405 Method Not Allowed` with `Allow` for a path served under other methods, not a 404.
struct SecurityMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The methods each served path answers to (`RouteTable.methods(for:)`).
    let methods: @Sendable (String) -> [String]

    /// The policy of the JSON and text answers; the web pages' own (`WebRoutes`) is stricter about
    /// scripts and also forbids framing.
    static var apiPolicy: String { "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        let allowed = methods(request.uri.path)
        // HEAD is served wherever GET is (the router's generated HEAD endpoints).
        let method = request.method == .head ? "GET" : request.method.rawValue
        if !allowed.isEmpty, !allowed.contains(method) {
            let failure = APIError(
                .methodNotAllowed,
                "method-not-allowed",
                detail:
                    "\(request.method) is not served at \(request.uri.path); it answers \(allowed.joined(separator: ", "))"
            )
            response = JSONBody.response(failure.json, status: failure.status)
            response.headers[.allow] = (allowed + (allowed.contains("GET") ? ["HEAD"] : [])).joined(separator: ", ")
        } else {
            response = try await next(request, context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xFrameOptions] = "DENY"
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.apiPolicy }
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
}
