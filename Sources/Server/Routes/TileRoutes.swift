import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore

/// The log in the C2SP tlog-tiles layout (c2sp.org/tlog-tiles) under `/api/tlog`: `checkpoint`
/// (the latest signed note), `tile/<L>/<N>[.p/<W>]` (the hashes of tree level 8·L, 256 to a tile)
/// and `tile/entries/<N>[.p/<W>]` (entry bundles: each entry's bytes after a big-endian uint16
/// length). Full tiles never change; a partial tile of width W is served while the tree has W
/// nodes there, so every answer is immutable and cacheable.
struct TileRoutes {
    let server: ParledgerServer

    func add(to api: RouteTable) {
        api.get("tlog/checkpoint") { _, _ in
            let note = try await storeCall { () async throws(StoreError) in try await server.store.latestCheckpoint() }
            guard let note else { throw APIError.notFound("the ledger has no signed checkpoint yet") }
            return JSONBody.text(note.serialized)
        }
        api.get("tlog/tile/**") { request, context in
            let tile = try TilePath(context.parameters.getCatchAll().map(String.init))
            // The tree's hashes are public; entry bundles carry the entries, like the export.
            if tile.level == nil { try await ExportRoutes.requireEveryEntry(request, server) }
            let bytes = try await self.bytes(of: tile)
            var response = JSONBody.bytes(bytes, contentType: "application/octet-stream")
            // A full tile never changes; an entry bundle is for its reader alone, so no shared cache
            // (a proxy in front of the server) may keep it for others.
            response.headers[.cacheControl] =
                tile.level == nil ? "private, max-age=31536000, immutable" : "public, max-age=31536000, immutable"
            return response
        }
    }

    private func bytes(of tile: TilePath) async throws(APIError) -> [UInt8] {
        let store = server.store
        let size = try await storeCall { () async throws(StoreError) in try await store.size() }
        let nodes = tile.level.map { size >> (8 * $0) } ?? size
        let start = tile.index * TilePath.width
        let width = tile.partialWidth ?? TilePath.width
        guard start + width <= nodes else {
            throw APIError.notFound("the tree of \(size) entries has no such tile yet")
        }
        if let level = tile.level {
            var hashes: [UInt8] = []
            try await storeCall { () async throws(StoreError) in
                try await store.treeNodes { node in
                    // A store may run this more than once (PostgreSQL reruns it after fetching a
                    // node it lacked), so each run starts from an empty tile.
                    hashes = []
                    for index in start..<(start + width) { hashes += try node(8 * level, index).bytes }
                }
            }
            return hashes
        }
        let entries = try await storeCall { () async throws(StoreError) in
            try await store.entries(from: start, limit: width)
        }
        var bundle: [UInt8] = []
        for entry in entries {
            guard entry.bytes.count <= Int(UInt16.max) else {
                throw APIError(.internalServerError, "internal", detail: "entry \(entry.seq) is too long for a bundle")
            }
            bundle += [UInt8(entry.bytes.count >> 8), UInt8(entry.bytes.count & 0xFF)] + entry.bytes
        }
        return bundle
    }
}
