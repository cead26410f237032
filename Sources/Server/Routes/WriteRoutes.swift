import Application
import Appraisal
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore

/// The writes: every act of the appraisal (events/CATALOG.md), and key registrations, go through
/// one endpoint that appends statements the actor signed in their browser; evidence files are
/// uploaded first and referred to by hash. The store checks each statement's signature against
/// the actor's registered key, the actor's role, and the appraisal rules, and appends the batch
/// atomically or refuses it with the rule's reason.
struct WriteRoutes {
    let server: ParledgerServer

    func add(to api: RouteTable) {
        api.post("statements") { request, _ in
            try requireWritable()
            let session = try await SessionRoutes.session(of: request, in: server)
            let body = try await JSONBody.object(request, limit: server.settings.jsonLimit)
            guard let items = body["statements"]?.arrayValue, !items.isEmpty, body.count == 1 else {
                throw APIError.badRequest(
                    "bad-request",
                    field: "statements",
                    "the body must be {\"statements\": [{\"statement\": …, \"signature\": …}, …]}"
                )
            }
            var batch: [SignedStatement] = []
            for (index, item) in items.enumerated() {
                let signed = try Self.signedStatement(item, index: index)
                guard signed.statement.actor == session.key.keyID else {
                    throw APIError(
                        .forbidden,
                        "session-actor",
                        detail: "statement \(index + 1) is not signed by \(session.key.keyID.short)…",
                        index: index
                    )
                }
                batch.append(signed)
            }
            let now = server.clock()
            let entries = try await storeCall { () async throws(StoreError) in
                try await server.ledger.append(batch, recordedAt: now)
            }
            return JSONBody.response(
                [
                    "entries": .array(
                        entries.map { entry in
                            [
                                "seq": .int(Int64(entry.seq)), "statementId": .string(entry.statement.statementID.text),
                                "type": .string(entry.statement.type.text),
                                "recordedAt": .string(entry.recordedAt.text),
                                "hash": .string(entry.hash.hex),
                            ]
                        }
                    )
                ],
                status: .created
            )
        }
        api.post("blobs") { request, _ in
            try requireWritable()
            let session = try await SessionRoutes.session(of: request, in: server)
            // Only the roles that attach evidence (the policy's emitters of the acts that carry
            // files) may upload: no one else could ever refer to the file.
            let state = try await storeCall { () async throws(StoreError) in try await server.store.state() }
            let uploaders = AppraisalEvent.Kind.carryingEvidence.reduce(into: Set<Role>()) {
                $0.formUnion(state.policy[$1.type] ?? [])
            }
            guard uploaders.contains(session.key.role) else {
                throw APIError(
                    .forbidden,
                    "role",
                    detail: "a \(session.key.role.rawValue) attaches no evidence; uploads are for "
                        + uploaders.map(\.rawValue).sorted().joined(separator: ", ")
                )
            }
            let file = try await server.uploads.spool(request, limit: server.settings.uploadLimit)
            let reference = try await server.uploads.store(file, in: server.store)
            let ledger = server.ledger
            let grace = server.settings.unreferencedUploadSeconds
            _ = try await storeCall { () async throws(StoreError) in
                try await server.pruning.pruneIfDue(ledger, graceSeconds: grace)
            }
            return JSONBody.response(
                ["sha256": .string(reference.sha256.hex), "size": .int(reference.size)],
                status: .created
            )
        }
    }

    private func requireWritable() throws(APIError) {
        guard !server.settings.readOnly else {
            throw APIError(.forbidden, "read-only-ledger", detail: "this server serves a ledger it may not write")
        }
    }

    /// `{"statement": {…}, "signature": base64}` read as FORMAT.md §4 and §3 say.
    static func signedStatement(_ item: JSONValue, index: Int) throws(APIError) -> SignedStatement {
        guard let object = item.objectValue, object.count == 2, let json = object["statement"],
            let signatureText = object["signature"]?.stringValue
        else {
            throw APIError(
                .badRequest,
                "bad-request",
                field: "statements",
                detail: "each item is {statement, signature}",
                index: index
            )
        }
        let statement: Statement
        do {
            statement = try Statement(json: json)
        } catch {
            throw APIError(
                .badRequest,
                "encoding",
                field: error.path.split(separator: ".").last.map(String.init),
                detail: error.description,
                index: index
            )
        }
        guard let signature = Base64.decode(signatureText), signature.count == 64 else {
            throw APIError(
                .badRequest,
                "encoding",
                field: "signature",
                detail: "the signature must be base64 of 64 bytes",
                index: index
            )
        }
        return SignedStatement(statement: statement, signature: signature)
    }
}
