import LedgerCore
public import LedgerStore

/// Copies a ledger into an empty store by appending its own signed statements again, position by
/// position, at their recorded times: the copy's entries are rebuilt, and each is checked to be
/// byte for byte the source's. `migrate` and `backup` of a PostgreSQL ledger copy this way.
public enum LedgerCopy {
    /// Blobs first (appends refuse statements whose evidence is missing), then the entries in
    /// batches of one recorded time each, then the latest checkpoint. The target must be opened
    /// to append at the times it is given (`OpenLedger.Access.simulating`).
    public static func copy(
        from source: any EventStore,
        to target: any EventStore,
        batch: Int = 1000
    ) async throws(StoreError) -> (entries: Int, blobs: Int) {
        let blobs = try await source.blobHashes()
        for hash in blobs {
            guard let bytes = try await source.blob(hash) else { continue }
            _ = try await target.putBlob(bytes)
        }
        let size = try await source.size()
        var next = 0
        while next < size {
            let stored = try await source.entries(from: next, limit: min(batch, size - next))
            guard !stored.isEmpty else { break }
            let entries = try decode(stored)
            var start = 0
            while start < entries.count {
                // One append per run of entries recorded at the same time, so each keeps its time.
                let time = entries[start].recordedAt
                var end = start
                while end < entries.count, entries[end].recordedAt == time { end += 1 }
                let written = try await target.append(entries[start..<end].map(\.signed), recordedAt: time)
                for (original, copy) in zip(entries[start..<end], written) where copy.bytes != original.bytes {
                    throw StoreError(
                        .io,
                        "entry \(original.seq) was rebuilt with different bytes (as seq \(copy.seq)); the copy stops here"
                    )
                }
                start = end
            }
            next += stored.count
        }
        if let checkpoint = try await source.latestCheckpoint() { try await target.saveCheckpoint(checkpoint) }
        return (size, blobs.count)
    }

    private static func decode(_ stored: [StoredEntry]) throws(StoreError) -> [Entry] {
        var entries: [Entry] = []
        for item in stored {
            do {
                entries.append(try Entry(bytes: item.bytes))
            } catch {
                throw StoreError(.io, "source entry \(item.seq) does not decode (\(error)); run parledger verify on it")
            }
        }
        return entries
    }
}
