import Application
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore
import Projections

/// The ledger itself, for auditors and witnesses: its head, the latest signed checkpoint,
/// inclusion and consistency proofs (the files `parledger prove` writes), an entry's exact bytes
/// by position, and an evidence blob by its hash.
struct LedgerRoutes {
    let server: ParledgerServer

    func add(to api: RouteTable) {
        let store = server.store
        api.get("ledger") { _, _ in
            let state = try await server.ledgerState()
            let root = try await storeCall { () async throws(StoreError) in try await store.root(size: state.size) }
            return JSONBody.response([
                "ledgerId": state.ledgerID.map { .string($0.text) } ?? .null, "size": .int(Int64(state.size)),
                "root": .string(root.base64), "lastRecordedAt": state.lastRecordedAt.map { .string($0.text) } ?? .null,
            ])
        }
        api.get("checkpoint") { _, _ in
            let note = try await latestCheckpoint()
            let checkpoint = try? Checkpoint(noteText: note.text)
            // The log keys a reader checks its signature against (public keys are public): the
            // verify page checks it in the browser, and a witness anywhere can.
            let state = try await server.ledgerState()
            let logKeys = checkpoint.map { state.logKeys(forCheckpointOfSize: $0.size) } ?? []
            return JSONBody.response([
                "origin": checkpoint.map { .string($0.origin) } ?? .null,
                "size": checkpoint.map { .int(Int64($0.size)) } ?? .null,
                "root": checkpoint.map { .string($0.root.base64) } ?? .null,
                "signatures": .int(Int64(note.signatures.count)), "note": .string(note.serialized),
                "logKeys": .array(
                    logKeys.map { key in
                        [
                            "keyId": .string(key.keyID.hex), "publicKey": .string(key.publicKey.text),
                            "name": .string(key.name), "role": .string(key.role.rawValue),
                        ]
                    }
                ),
            ])
        }
        api.get("checkpoint/note") { _, _ in
            JSONBody.text(try await latestCheckpoint().serialized)
        }
        api.get("proofs/inclusion") { request, _ in
            _ = try ReadQuery(request, options: ["seq", "size"], asOf: false)
            guard let seq = ReadQuery.parameter(request, "seq").flatMap({ Int($0) }), seq >= 0, seq < Int.max else {
                throw APIError.badRequest("bad-parameter", field: "seq", "seq must be an entry position")
            }
            // The proof carries the entry's bytes: it is given to those who may read the entry.
            _ = try await readableEntry(seq, request)
            let size = try Self.optionalSize(request, "size")
            let (treeSize, note) = try await Self.signedCheckpoint(store, size: size, covering: seq + 1)
            let text = try await storeCall { () async throws(StoreError) in
                let path = try await store.inclusionProof(index: seq, size: treeSize)
                guard let entry = try await store.entries(from: seq, limit: 1).first else {
                    throw StoreError(.notFound, "no entry at seq \(seq)")
                }
                return ProofFile.Inclusion(entryBytes: entry.bytes, index: seq, path: path, checkpointNote: note)
                    .serialized
            }
            return JSONBody.text(text)
        }
        api.get("proofs/consistency") { request, _ in
            _ = try ReadQuery(request, options: ["from", "to"], asOf: false)
            guard let from = ReadQuery.parameter(request, "from").flatMap({ Int($0) }), from >= 0 else {
                throw APIError.badRequest("bad-parameter", field: "from", "from must be a tree size")
            }
            let to = try Self.optionalSize(request, "to")
            let (newSize, note) = try await Self.signedCheckpoint(store, size: to, covering: from)
            let text = try await storeCall { () async throws(StoreError) in
                let proof = try await store.consistencyProof(from: from, to: newSize)
                let oldRoot = try await store.root(size: from)
                return ProofFile.Consistency(oldSize: from, oldRoot: oldRoot, proof: proof, checkpointNote: note)
                    .serialized
            }
            return JSONBody.text(text)
        }
        api.get("entries/:seq") { request, context in
            guard let seq = context.parameters.get("seq", as: Int.self), seq >= 0 else {
                throw APIError.badRequest("bad-parameter", field: "seq", "seq must be an entry position")
            }
            _ = try ReadQuery(request, asOf: false)
            let entry = try await readableEntry(seq, request)
            return JSONBody.bytes(entry.bytes, contentType: "application/json; charset=utf-8")
        }
        api.get("blobs/:sha256") { request, context in
            let text = context.parameters.get("sha256") ?? ""
            guard let hash = SHA256Hash(hex: text) else {
                throw APIError.badRequest("bad-parameter", field: "sha256", "\(text) is not a SHA-256 in hex")
            }
            _ = try ReadQuery(request, asOf: false)
            // Only a file an entry refers to is served, and only to those who may see its units' leaves.
            let reader = try await SessionRoutes.reader(of: request, in: server)
            let ledger = server.ledger
            let (use, state) = try await storeCall { () async throws(StoreError) in
                (
                    try await ledger.history.index().use(of: hash),
                    try await ledger.folds.fold(.everything).state
                )
            }
            do throws(Withheld) {
                try ReadAccess.evidence(referencedBy: use, reader, state)
            } catch {
                if use == nil, reader.seesEverything {
                    throw APIError.notFound("no entry refers to a file \(hash.hex)")
                }
                // The same refusal whether an entry names the file or not: whether a document is
                // evidence somewhere is itself not for every reader to learn.
                throw APIError(
                    reader.key == nil ? .unauthorized : .forbidden,
                    "withheld",
                    detail: Withheld(what: "evidence files", readers: "those who may see their unit's evidence")
                        .description
                )
            }
            guard let bytes = try await storeCall({ () async throws(StoreError) in try await store.blob(hash) }) else {
                throw APIError.notFound("no blob \(hash.hex) (never uploaded, or erased)")
            }
            var response = JSONBody.bytes(bytes, contentType: "application/octet-stream")
            response.headers[.contentDisposition] = "attachment; filename=\"\(hash.hex)\""
            return response
        }
    }

    /// The entry at `seq`, when the request's reader may read it (ReadAccess.entry).
    private func readableEntry(_ seq: Int, _ request: Request) async throws(APIError) -> StoredEntry {
        let store = server.store
        let stored = try await storeCall { () async throws(StoreError) in try await store.entries(from: seq, limit: 1) }
        guard let entry = stored.first else { throw APIError.notFound("no entry at seq \(seq)") }
        let reader = try await SessionRoutes.reader(of: request, in: server)
        guard !reader.seesEverything else { return entry }
        let ledger = server.ledger
        let state = try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(.everything).state
        }
        do {
            try ReadAccess.entry(try Entry(bytes: entry.bytes), reader, state)
        } catch let withheld as Withheld {
            throw APIError(reader.key == nil ? .unauthorized : .forbidden, "withheld", detail: withheld.description)
        } catch {
            throw APIError(
                .internalServerError,
                "internal",
                detail: "entry \(seq) does not decode; run parledger verify"
            )
        }
        return entry
    }

    private func latestCheckpoint() async throws(APIError) -> SignedNote {
        let note = try await storeCall { () async throws(StoreError) in try await server.store.latestCheckpoint() }
        guard let note else { throw APIError.notFound("the ledger has no signed checkpoint yet") }
        return note
    }

    /// The signed checkpoint a proof is made against; the server never hands out a proof over an
    /// unsigned one (FORMAT.md §13).
    private static func signedCheckpoint(
        _ store: any EventStore,
        size: Int?,
        covering minimum: Int
    ) async throws(APIError) -> (Int, String) {
        let found = try await storeCall { () async throws(StoreError) in
            try await store.signedProofCheckpoint(size: size, covering: minimum)
        }
        switch found {
        case .signed(let treeSize, let note):
            return (treeSize, note.serialized)
        case .unsigned(let treeSize):
            throw APIError(.notFound, "no-signed-checkpoint", detail: "no signed checkpoint of \(treeSize) entries")
        }
    }

    private static func optionalSize(_ request: Request, _ name: String) throws(APIError) -> Int? {
        guard let text = ReadQuery.parameter(request, name) else { return nil }
        guard let size = Int(text), size >= 0 else {
            throw APIError.badRequest("bad-parameter", field: name, "\(name) must be a tree size")
        }
        return size
    }
}
