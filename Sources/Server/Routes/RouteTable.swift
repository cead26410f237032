import HTTPTypes
import Hummingbird
import Synchronization

/// Registers routes on the router and remembers them, so the server can list what it serves and
/// a test can hold `/openapi.json` to describing every one of them.
final class RouteTable {
    struct Route: Hashable, Sendable {
        let method: String
        /// In OpenAPI's form: `/api/units/{unit}/scores`.
        let path: String
    }

    let router: Router<ParledgerRequestContext>
    /// Prepended to the paths registered next (`api`).
    var prefix = ""
    /// What is registered, shared with the middleware that answers 405 (it reads it per request).
    let served = ServedRoutes()
    var routes: [Route] { served.all }

    init(_ router: Router<ParledgerRequestContext>) { self.router = router }

    func get<R: ResponseGenerator>(
        _ path: String,
        use handler: @Sendable @escaping (Request, ParledgerRequestContext) async throws -> R
    ) {
        add(.get, path, handler)
    }

    func post<R: ResponseGenerator>(
        _ path: String,
        use handler: @Sendable @escaping (Request, ParledgerRequestContext) async throws -> R
    ) {
        add(.post, path, handler)
    }

    func delete<R: ResponseGenerator>(
        _ path: String,
        use handler: @Sendable @escaping (Request, ParledgerRequestContext) async throws -> R
    ) {
        add(.delete, path, handler)
    }

    private func add<R: ResponseGenerator>(
        _ method: HTTPRequest.Method,
        _ path: String,
        _ handler: @Sendable @escaping (Request, ParledgerRequestContext) async throws -> R
    ) {
        let full = "/" + [prefix, path].filter { !$0.isEmpty && $0 != "/" }.joined(separator: "/")
        router.on(RouterPath(full), method: method, use: handler)
        let openAPIPath = full.split(separator: "/", omittingEmptySubsequences: false).map { part in
            // `**` (the rest of the path, slashes included) is documented as one `{path}` parameter.
            part == "**" ? "{path}" : part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
        served.add(Route(method: method.rawValue.lowercased(), path: openAPIPath))
    }
}

/// The routes registered, readable from any request's task.
final class ServedRoutes: Sendable {
    private let routes = Mutex<[RouteTable.Route]>([])

    func add(_ route: RouteTable.Route) { routes.withLock { $0.append(route) } }

    var all: [RouteTable.Route] { routes.withLock { $0 } }

    /// The methods served at a request path (e.g. `["GET"]`), by matching it against the paths
    /// registered: what a `405` names in `Allow`. Empty when no route has that path.
    func methods(for path: String) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        var found: Set<String> = []
        for route in all {
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: false)
            var matches = pattern.count == parts.count
            for (index, segment) in pattern.enumerated() {
                if segment == "{path}" {
                    matches = parts.count > index
                    break
                }
                guard index < parts.count, segment.hasPrefix("{") || segment == parts[index] else {
                    matches = false
                    break
                }
            }
            if matches { found.insert(route.method.uppercased()) }
        }
        return found.sorted()
    }
}
