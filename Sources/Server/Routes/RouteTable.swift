import HTTPTypes
import Hummingbird

/// Registers routes on the router and remembers them, so the server can list what it serves and
/// a test can hold `/openapi.json` to describing every one of them.
final class RouteTable {
    struct Route: Hashable, Sendable {
        let method: String
        /// In OpenAPI's form: `/api/units/{unit}/scores`.
        let path: String
    }

    let router: Router<BasicRequestContext>
    /// Prepended to the paths registered next (`api`).
    var prefix = ""
    private(set) var routes: [Route] = []

    init(_ router: Router<BasicRequestContext>) { self.router = router }

    func get<R: ResponseGenerator>(
        _ path: String,
        use handler: @Sendable @escaping (Request, BasicRequestContext) async throws -> R
    ) {
        add(.get, path, handler)
    }

    func post<R: ResponseGenerator>(
        _ path: String,
        use handler: @Sendable @escaping (Request, BasicRequestContext) async throws -> R
    ) {
        add(.post, path, handler)
    }

    func delete<R: ResponseGenerator>(
        _ path: String,
        use handler: @Sendable @escaping (Request, BasicRequestContext) async throws -> R
    ) {
        add(.delete, path, handler)
    }

    private func add<R: ResponseGenerator>(
        _ method: HTTPRequest.Method,
        _ path: String,
        _ handler: @Sendable @escaping (Request, BasicRequestContext) async throws -> R
    ) {
        let full = "/" + [prefix, path].filter { !$0.isEmpty && $0 != "/" }.joined(separator: "/")
        router.on(RouterPath(full), method: method, use: handler)
        let openAPIPath = full.split(separator: "/", omittingEmptySubsequences: false).map { part in
            // `**` (the rest of the path, slashes included) is documented as one `{path}` parameter.
            part == "**" ? "{path}" : part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
        routes.append(Route(method: method.rawValue.lowercased(), path: openAPIPath))
    }
}
