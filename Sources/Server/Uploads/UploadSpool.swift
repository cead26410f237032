import Foundation
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore
import NIOCore

/// Evidence uploads, streamed to a file as they arrive (within the limit) instead of being held
/// whole in memory, and handed to the store one at a time: however many people upload at once,
/// the server holds at most one file's bytes in memory.
struct UploadSpool: Sendable {
    private let folder: URL
    /// The store takes a blob's bytes whole; one upload at a time is read into memory.
    private let storing = Turns(atOnce: 1)

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("parledger-uploads-\(UUID().uuidString)")
    }

    /// Streams the request's body to a spool file, refusing it past `limit` bytes.
    func spool(_ request: Request, limit: Int) async throws(APIError) -> URL {
        let file = folder.appendingPathComponent(UUID().uuidString)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw APIError(HTTPResponse.Status(code: 507), "upload-spool", detail: "the upload cannot be spooled")
            }
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            var received = 0
            for try await buffer in request.body {
                received += buffer.readableBytes
                guard received <= limit else {
                    try? FileManager.default.removeItem(at: file)
                    throw APIError(.contentTooLarge, "too-large", detail: "the body is larger than \(limit) bytes")
                }
                try handle.write(contentsOf: buffer.readableBytesView)
            }
        } catch let error as APIError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw APIError.badRequest("bad-request", "the body could not be read")
        }
        return file
    }

    /// Stores a spooled file as a blob and removes the spool file; one file at a time.
    func store(_ file: URL, in store: any EventStore) async throws(APIError) -> BlobReference {
        defer { try? FileManager.default.removeItem(at: file) }
        return try await storing.run { () async throws(APIError) -> BlobReference in
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw APIError(.internalServerError, "internal", detail: "the spooled upload vanished")
            }
            return try await storeCall { () async throws(StoreError) in try await store.putBlob([UInt8](data)) }
        }
    }
}
