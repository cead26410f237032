import Foundation
import Hummingbird

/// The web UI and the API description, from the target's resources: `/` is the single page,
/// `/assets/NAME` its scripts and styles, `/openapi.json` the OpenAPI 3.1 document. Everything is
/// served from here; the pages load nothing from elsewhere, so they work offline.
struct WebRoutes {
    /// The files of `Web/`, read once.
    static let assets: [String: [UInt8]] = {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Web"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [:] }
        var files: [String: [UInt8]] = [:]
        for name in names {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) {
                files[name] = [UInt8](data)
            }
        }
        return files
    }()

    static let openAPI: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = FileManager.default.contents(atPath: url.path)
        else { return Array("{}".utf8) }
        return [UInt8](data)
    }()

    func add(to router: RouteTable) {
        router.get("/") { _, _ in try Self.asset("index.html") }
        router.get("assets/:name") { _, context in try Self.asset(context.parameters.get("name") ?? "") }
        router.get("openapi.json") { _, _ in
            JSONBody.bytes(Self.openAPI, contentType: "application/json; charset=utf-8")
        }
    }

    /// Only this server's scripts, styles and API (and the blob a generated key file is saved from).
    static let contentSecurityPolicy =
        "default-src 'self'; connect-src 'self' blob:; img-src 'self' data:; style-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"

    static func asset(_ name: String) throws(APIError) -> Response {
        guard let bytes = assets[name] else { throw APIError.notFound("no asset \(name)") }
        let type: String =
            switch (name as NSString).pathExtension {
            case "html": "text/html; charset=utf-8"
            case "js": "text/javascript; charset=utf-8"
            case "css": "text/css; charset=utf-8"
            case "svg": "image/svg+xml"
            default: "application/octet-stream"
            }
        var response = JSONBody.bytes(bytes, contentType: type)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        return response
    }
}
