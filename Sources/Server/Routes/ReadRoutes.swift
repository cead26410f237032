import Application
import Appraisal
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore
import Projections

/// The reads of the projections (Projections' `Reports`, `CampaignProgress` and `LeafHistory`, as
/// the CLI prints them), each as of now, a date or a tree size, sealed with the prefix it came from
/// and its digest; plus the facts the web pages need beside them (a unit's criteria tree, a key).
struct ReadRoutes {
    let server: ParledgerServer

    func add(to api: RouteTable) {
        api.get("standings") { request, _ in
            if let kept = try await keptStandings(request) {
                return JSONBody.bytes(kept, contentType: JSONBody.contentType)
            }
            return try await report(request) { fold in
                Reports.standings(fold.state, group: try ReadQuery.group(request, in: fold.state))
            }
        }
        api.get("units/:unit/scores") { request, context in
            try await report(request) { fold in
                let unit = try ReadQuery.unit(context, in: fold.state)
                guard let body = Reports.scores(fold.state, unit: unit) else {
                    throw APIError.notFound("unit \(unit) has no criteria set in the campaign")
                }
                return body
            }
        }
        api.get("differences") { request, _ in
            try await report(request) { fold in
                let unit = try ReadQuery.parameter(request, "unit").map { text throws(APIError) -> UnitCode in
                    guard let code = UnitCode(text), fold.state.units[code] != nil else {
                        throw .badRequest("unit-unknown", field: "unit", "unit \(text) is not enrolled")
                    }
                    return code
                }
                return Reports.differences(fold.state, unit: unit)
            }
        }
        api.get("disputes") { request, _ in
            let open: Bool?
            switch ReadQuery.parameter(request, "status") {
            case nil: open = nil
            case "open": open = true
            case "resolved": open = false
            case let other?:
                throw APIError.badRequest("bad-parameter", field: "status", "status \(other) must be open or resolved")
            }
            return try await report(request) { fold in Reports.disputes(fold.state, open: open) }
        }
        api.get("survey/coverage") { request, _ in
            try await report(request) { fold in Reports.surveyCoverage(fold.state) }
        }
        api.get("units/:unit/leaves/:leaf/history") { request, context in
            let query = try ReadQuery(request)
            let unitText = context.parameters.get("unit") ?? ""
            let leafText = context.parameters.get("leaf") ?? ""
            guard let unit = UnitCode(unitText) else { throw APIError(.notFound, "unit-unknown", detail: unitText) }
            guard let leaf = CriterionCode(leafText) else {
                throw APIError(.notFound, "leaf-unknown", detail: leafText)
            }
            // A history scans the ledger: kept, like the reports, by request and ledger size.
            let store = server.store
            let size = try await storeCall { () async throws(StoreError) in try await store.size() }
            let key = request.uri.description
            if let bytes = await server.answers.answer(key, ledgerSize: size) {
                return JSONBody.bytes(bytes, contentType: JSONBody.contentType)
            }
            let (history, fold) = try await storeCall { () async throws(StoreError) in
                try await LeafHistory.load(store, unit: unit, leaf: leaf, upTo: query.limit)
            }
            _ = try ReadQuery.unit(context, in: fold.state)
            guard fold.state.criteria(of: unit)?.leaves[leaf] != nil else {
                throw APIError(
                    .notFound,
                    "leaf-unknown",
                    detail: "\(leaf) is not a leaf of unit \(unit)'s criteria set"
                )
            }
            let bytes = CanonicalJSON.encode(Reports.sealed(history.json, fold: fold, asOf: query.asOf))
            await server.answers.keep(bytes, for: key, ledgerSize: size)
            return JSONBody.bytes(bytes, contentType: JSONBody.contentType)
        }
        api.get("diff") { request, _ in
            guard let fromText = ReadQuery.parameter(request, "from"), let from = AsOf.moment(fromText) else {
                throw APIError.badRequest("bad-parameter", field: "from", "from must be a date or a time")
            }
            guard let toText = ReadQuery.parameter(request, "to"), let to = AsOf.moment(toText) else {
                throw APIError.badRequest("bad-parameter", field: "to", "to must be a date or a time")
            }
            let before = try await fold(.asOf(from))
            let after = try await fold(.asOf(to))
            return JSONBody.response(
                Reports.sealed(Reports.diff(from: before, fromText: from.text, to: after), fold: after, asOf: to)
            )
        }
        api.get("campaign") { request, _ in
            try await report(request) { fold in
                let group = try ReadQuery.group(request, in: fold.state)
                guard let progress = CampaignProgress(fold.state, keys: fold.ledger.keys, group: group) else {
                    throw APIError(.notFound, "no-campaign")
                }
                return progress.json
            }
        }
        api.get("units/:unit/criteria") { request, context in
            try await report(request) { fold in
                let unit = try ReadQuery.unit(context, in: fold.state)
                guard let set = fold.state.criteria(of: unit) else {
                    throw APIError.notFound("unit \(unit) has no criteria set in the campaign")
                }
                return CampaignFacts.criteria(set, unit: unit, state: fold.state)
            }
        }
        api.get("keys/:keyId") { _, context in
            let text = context.parameters.get("keyId") ?? ""
            guard let keyID = KeyID(text), let key = try await server.ledgerState().keys[keyID] else {
                throw APIError.notFound("key \(text) is not registered")
            }
            return JSONBody.response(CampaignFacts.key(key))
        }
    }

    private func fold(_ limit: LedgerFold.Limit) async throws(APIError) -> LedgerFold {
        let fold = try await storeCall { () async throws(StoreError) in try await server.ledger.folds.fold(limit) }
        guard fold.state.campaign != nil else { throw APIError(.notFound, "no-campaign") }
        return fold
    }

    /// A report as of the request's `asOf` or `atSeq`, sealed with its prefix. Answers are kept
    /// by request and ledger size: while the ledger has not grown, the same request has the same
    /// answer (entries are only appended, and never recorded earlier than the last), so repeated
    /// reads, the public standings above all, cost one lookup.
    /// The standings of every group as of a moment, when the store keeps them for exactly that
    /// prefix (the end of a day: `DayEndStandings`); the same bytes the fold would give.
    private func keptStandings(_ request: Request) async throws -> [UInt8]? {
        guard case .asOf(let moment) = try ReadQuery(request).limit, request.uri.queryParameters["group"] == nil
        else { return nil }
        let ledger = server.ledger
        return try await storeCall { () async throws(StoreError) in
            try await DayEndStandings.sealed(ledger.log, derived: ledger.derived, asOf: moment)
        }
    }

    private func report(
        _ request: Request,
        _ body: (LedgerFold) throws -> [String: JSONValue]
    ) async throws -> Response {
        let query = try ReadQuery(request)
        let now = try await storeCall { () async throws(StoreError) in try await server.ledger.folds.fold(.everything) }
        let key = request.uri.description
        if let bytes = await server.answers.answer(key, ledgerSize: now.size) {
            return JSONBody.bytes(bytes, contentType: JSONBody.contentType)
        }
        let fold: LedgerFold
        if case .everything = query.limit {
            guard now.state.campaign != nil else { throw APIError(.notFound, "no-campaign") }
            fold = now
        } else {
            fold = try await self.fold(query.limit)
        }
        let bytes = CanonicalJSON.encode(Reports.sealed(try body(fold), fold: fold, asOf: query.asOf))
        await server.answers.keep(bytes, for: key, ledgerSize: now.size)
        return JSONBody.bytes(bytes, contentType: JSONBody.contentType)
    }

}
