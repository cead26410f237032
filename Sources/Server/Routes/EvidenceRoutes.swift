import Application
import Appraisal
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore
import Projections

/// A unit's evidence as it was signed: each `evidence.attached/v1` with its statement id (what a
/// withdrawal names), leaf, file and document (number, issuer, date), and whether it was
/// withdrawn. The history names files only; an appraiser needs the document's particulars, and
/// may not read the unit's entries. Read by whoever may read the unit's evidence files.
struct EvidenceRoutes {
    let server: ParledgerServer

    func add(to api: RouteTable) {
        api.get("units/:unit/evidence") { request, context in
            _ = try ReadQuery(request, asOf: false)
            let unit = try ReadQuery.unitCode(context)
            let reader = try await SessionRoutes.reader(of: request, in: server)
            let ledger = server.ledger
            let store = server.store
            let (state, positions) = try await storeCall { () async throws(StoreError) in
                (try await ledger.folds.fold(.everything).state, try await ledger.history.index().positions(unit: unit))
            }
            guard state.units[unit] != nil else { throw APIError.notFound("unit \(unit.text) is not enrolled") }
            do throws(Withheld) {
                _ = try ReadAccess.evidenceView(unit, reader, state)
            } catch {
                throw APIError(reader.key == nil ? .unauthorized : .forbidden, "withheld", detail: error.description)
            }
            let stored = try await storeCall { () async throws(StoreError) in try await store.entries(at: positions) }
            let listed = try Self.evidence(stored)
            // An appraiser lists the evidence of their domains' leaves; anyone, once a published
            // campaign opened its evidence, that campaign's.
            let evidence = listed.filter { item in
                guard let recordedAt = item["recordedAt"]?.stringValue.flatMap(Timestamp.init(text:)) else {
                    return false
                }
                let leaf = item["leaf"]?.stringValue.flatMap(CriterionCode.init)
                return ReadAccess.showsEvidence(of: unit, leaf: leaf, recordedAt: recordedAt, reader, state)
            }
            var body: [String: JSONValue] = ["unit": .string(unit.text), "evidence": .array(evidence)]
            if evidence.count < listed.count {
                body["withheld"] = .string(
                    "evidence of leaves outside this reader's domains, or of campaigns whose plans did not open it: "
                        + "readable by the unit's own people, its appraisers (of their domains' leaves), the council "
                        + "chair, the secretariat, the authority and auditors"
                )
            }
            return JSONBody.response(.object(body))
        }
    }

    /// The attached evidence among the entries, in ledger order, each marked withdrawn or not.
    static func evidence(_ stored: [StoredEntry]) throws(APIError) -> [JSONValue] {
        var attached: [(id: String, json: [String: JSONValue])] = []
        var withdrawn: Set<String> = []
        for item in stored {
            let entry: Entry
            do {
                entry = try Entry(bytes: item.bytes)
            } catch {
                throw APIError(.internalServerError, "internal", detail: "entry \(item.seq) does not decode")
            }
            let statement = entry.statement
            let payload = statement.payload
            switch statement.type {
            case AppraisalEvent.Kind.evidenceAttached.type:
                attached.append(
                    (
                        statement.statementID.text,
                        [
                            "evidence": .string(statement.statementID.text), "seq": .int(Int64(item.seq)),
                            "recordedAt": .string(entry.recordedAt.text), "leaf": payload["leaf"] ?? .null,
                            "blob": payload["blob"] ?? .null, "document": payload["document"] ?? .null,
                        ]
                    )
                )
            case AppraisalEvent.Kind.evidenceWithdrawn.type:
                if let id = payload["evidence"]?.stringValue { withdrawn.insert(id) }
            default:
                continue
            }
        }
        return attached.map { id, json in
            var object = json
            object["withdrawn"] = .bool(withdrawn.contains(id))
            return .object(object)
        }
    }
}
