import Application
import Appraisal
import Foundation
import Hummingbird
import LedgerCore
import LedgerStore
import Projections

/// `POST /api/keys/{keyId}/handover {publicKey, name, reason}`: the statements of a key's
/// handover (`KeyHandover`, as `parledger key handover` builds them): the successor registered
/// with the old key's role, unit and assignment, then the old key revoked. Nothing is written:
/// the page signs them with the registrar's key and appends them as one batch.
struct KeyRoutes {
    let server: ParledgerServer

    func add(to api: RouteTable) {
        api.post("keys/:keyId/handover") { request, context in
            let session = try await SessionRoutes.session(of: request, in: server)
            guard [.secretariat, .authority].contains(session.key.role) else {
                throw APIError(.forbidden, "role", detail: "only the secretariat and the authority hand keys over")
            }
            let text = context.parameters.get("keyId") ?? ""
            guard let old = KeyID(text) else { throw APIError.notFound("key \(text) is not registered") }
            let body = try await JSONBody.object(request, limit: 8192)
            guard let publicText = body["publicKey"]?.stringValue else {
                throw APIError.badRequest("bad-request", field: "publicKey", "the successor's public key is missing")
            }
            let successor: PublicSigningKey
            do throws(PublicSigningKey.Problem) {
                successor = try PublicSigningKey(validatingText: publicText)
            } catch {
                throw APIError.badRequest("bad-request", field: "publicKey", "the public key \(error.description)")
            }
            let name = JSONBody.nfc(body["name"]?.stringValue ?? "").trimmingCharacters(in: .whitespaces)
            let reason = JSONBody.nfc(body["reason"]?.stringValue ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw APIError.badRequest("bad-request", field: "name", "name the successor") }
            guard !reason.isEmpty else { throw APIError.badRequest("bad-request", field: "reason", "say why") }
            let ledger = server.ledger
            let fold = try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(.everything) }
            let events: [(type: EventType, payload: [String: JSONValue])]
            do throws(KeyHandover.Refused) {
                events = try KeyHandover.events(
                    handingOver: old,
                    to: successor,
                    name: name,
                    reason: reason,
                    keys: fold.ledger.keys,
                    state: fold.state,
                    by: session.key.role
                )
            } catch {
                throw APIError(.unprocessableContent, "handover", field: "keyId", detail: error.description)
            }
            return JSONBody.response([
                "statements": .array(events.map { ["type": .string($0.type.text), "payload": .object($0.payload)] }),
                "successor": .string(successor.keyID.hex),
            ])
        }
    }
}
