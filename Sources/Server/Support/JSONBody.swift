import Foundation
import HTTPTypes
import Hummingbird
import LedgerCore
import NIOCore

/// JSON in and out: responses are canonical JSON (so a report's bytes match the CLI's), request
/// bodies are read up to the server's limit and parsed by the ledger's own strict parser.
enum JSONBody {
    static let contentType = "application/json; charset=utf-8"

    static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        bytes(CanonicalJSON.encode(value), contentType: contentType, status: status)
    }

    static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    static func text(_ text: String, contentType: String = "text/plain; charset=utf-8") -> Response {
        bytes(Array(text.utf8), contentType: contentType)
    }

    /// The raw body, refusing more than `limit` bytes (413 `too-large`).
    static func raw(_ request: Request, limit: Int) async throws(APIError) -> [UInt8] {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "too-large", detail: "the body is larger than \(limit) bytes")
        } catch {
            throw .badRequest("bad-request", "the body could not be read")
        }
    }

    /// The body as a JSON object, parsed as strictly as the ledger parses: text that is not NFC is
    /// refused, not normalised, since a signed statement's bytes must stay exactly as signed.
    static func object(_ request: Request, limit: Int) async throws(APIError) -> [String: JSONValue] {
        let body = try await raw(request, limit: limit)
        guard let text = String(validating: body, as: UTF8.self) else {
            throw .badRequest("bad-json", "the body is not UTF-8")
        }
        let value: JSONValue
        do {
            value = try CanonicalJSON.parse(text)
        } catch {
            throw .badRequest("bad-json", error.description)
        }
        guard let object = value.objectValue else { throw .badRequest("bad-json", "the body must be a JSON object") }
        return object
    }

    static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }
}
