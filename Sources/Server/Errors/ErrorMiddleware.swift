import HTTPTypes
import Hummingbird
import Logging

/// Every failure leaves as the API's JSON error: ours as they are, Hummingbird's (an unknown
/// route, a body too large) by their status, anything else as a 500 that says nothing inside.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response
        } catch let error as any HTTPResponseError {
            let apiError: APIError =
                switch error.status {
                case .notFound: .notFound("no such route: \(request.method) \(request.uri.path)")
                case .contentTooLarge: APIError(.contentTooLarge, "too-large")
                case .methodNotAllowed: APIError(.methodNotAllowed, "bad-request", detail: "method not allowed")
                default: APIError(error.status, "bad-request")
                }
            return JSONBody.response(apiError.json, status: apiError.status)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return JSONBody.response(APIError(.internalServerError, "internal").json, status: .internalServerError)
        }
    }
}
