import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore
import NIOCore

/// What an auditor needs to rebuild the export of FORMAT.md §14 without access to the store:
/// `entries.jsonl` (every entry's stored bytes, one per line, streamed) and the list of stored
/// blobs (each then fetched from `/api/blobs/{sha256}`); the checkpoint is `/api/checkpoint/note`.
struct ExportRoutes {
    let server: ParledgerServer

    func add(to api: RouteTable) {
        let store = server.store
        api.get("export/entries.jsonl") { _, _ in
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
        api.get("export/blobs") { _, _ in
            let hashes = try await storeCall { () async throws(StoreError) in try await store.blobHashes() }
            return JSONBody.response(["blobs": .array(hashes.sorted().map { .string($0.hex) })])
        }
    }
}
