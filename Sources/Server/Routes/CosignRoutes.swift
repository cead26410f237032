import Application
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore

/// `POST /api/checkpoint/cosignatures {"note": …}`: a signed-in key (a unit's officer, an
/// auditor) hands in the latest checkpoint with its own `cosignature/v1` line added, signed in its
/// browser; the server keeps it once the cosignature verifies and the checkpoint extends the last
/// one that key cosigned (`Checkpointing.acceptCosigned`), so each unit witnesses the ledger's
/// growth and a later rollback or fork is caught.
struct CosignRoutes {
    let server: ParledgerServer

    func add(to api: RouteTable) {
        api.post("checkpoint/cosignatures") { request, _ in
            guard !server.settings.readOnly else {
                throw APIError(.forbidden, "read-only-ledger", detail: "this server serves a ledger it may not write")
            }
            let session = try await SessionRoutes.session(of: request, in: server)
            let body = try await JSONBody.object(request, limit: server.settings.jsonLimit)
            guard body.count == 1, let text = body["note"]?.stringValue else {
                throw APIError.badRequest(
                    "bad-request",
                    field: "note",
                    "the body must be {\"note\": the cosigned checkpoint}"
                )
            }
            let note: SignedNote
            do throws(LedgerViolation) { note = try SignedNote(parsing: text) } catch {
                throw APIError(.badRequest, "checkpoint-format", field: "note", detail: error.message)
            }
            let checkpoint: Checkpoint
            do throws(Checkpointing.Failure) {
                checkpoint = try await Checkpointing.acceptCosigned(
                    note,
                    log: server.store,
                    witness: session.key.publicKey
                )
            } catch {
                switch error {
                case .refused(let message):
                    throw APIError(.unprocessableContent, "checkpoint-cosignature", field: "note", detail: message)
                case .usage(let message): throw APIError.badRequest("checkpoint-format", field: "note", message)
                case .store(let failure): throw APIError(failure)
                }
            }
            return JSONBody.response(
                [
                    "size": .int(Int64(checkpoint.size)), "root": .string(checkpoint.root.base64),
                    "cosignedBy": .string(session.key.keyID.hex),
                ],
                status: .created
            )
        }
    }
}
