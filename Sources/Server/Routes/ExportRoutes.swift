import Application
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore
import NIOCore
import Projections

/// What an auditor needs to rebuild the export of FORMAT.md §14 without access to the store:
/// `entries.jsonl` (every entry's stored bytes, one per line, streamed) and the list of stored
/// blobs (each then fetched from `/api/blobs/{sha256}`); the checkpoint is `/api/checkpoint/note`.
struct ExportRoutes {
    let server: ParledgerServer

    func add(to api: RouteTable) {
        let store = server.store
        api.get("export/entries.jsonl") { request, _ in
            _ = try ReadQuery(request, asOf: false)
            try await Self.requireEveryEntry(request, server)
            // The entries of the ledger as it is now; entries appended meanwhile wait for the next export.
            let size = try await storeCall { () async throws(StoreError) in try await store.size() }
            let body = ResponseBody { writer in
                var next = 0
                while next < size {
                    let chunk = try await store.entries(from: next, limit: min(4096, size - next))
                    guard !chunk.isEmpty else { break }
                    var buffer = ByteBuffer()
                    for entry in chunk {
                        buffer.writeBytes(entry.bytes)
                        buffer.writeInteger(UInt8(ascii: "\n"))
                    }
                    try await writer.write(buffer)
                    next += chunk.count
                }
                try await writer.finish(nil)
            }
            return Response(
                status: .ok,
                headers: [.contentType: "application/x-ndjson", .cacheControl: "no-store"],
                body: body
            )
        }
        api.get("export/blobs") { request, _ in
            _ = try ReadQuery(request, asOf: false)
            try await Self.requireEveryEntry(request, server)
            // The stored files an entry refers to: an upload no entry names is never exported.
            let ledger = server.ledger
            let (stored, referenced) = try await storeCall { () async throws(StoreError) in
                (Set(try await store.blobHashes()), try await ledger.history.index().referencedBlobs)
            }
            return JSONBody.response(["blobs": .array(referenced.filter(stored.contains).map { .string($0.hex) })])
        }
    }

    /// The whole export is for those who see everything; the rest are told who may have it.
    static func requireEveryEntry(_ request: Request, _ server: ParledgerServer) async throws(APIError) {
        let reader = try await SessionRoutes.reader(of: request, in: server)
        do throws(Withheld) {
            try ReadAccess.allEntries(reader)
        } catch {
            throw APIError(reader.key == nil ? .unauthorized : .forbidden, "withheld", detail: error.description)
        }
    }
}
