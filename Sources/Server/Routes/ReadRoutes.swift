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
            let query = try ReadQuery(request, options: ["group"])
            if let kept = try await keptStandings(request, query) {
                return JSONBody.bytes(kept, contentType: JSONBody.contentType)
            }
            return try await report(query) { fold in
                Reports.standings(fold.state, group: try ReadQuery.group(request, in: fold.state))
            }
        }
        api.get("units/:unit/scores") { request, context in
            try await report(try ReadQuery(request)) { fold in
                let unit = try ReadQuery.unit(context, in: fold.state)
                guard let body = Reports.scores(fold.state, unit: unit) else {
                    throw APIError.notFound("unit \(unit) has no criteria set in the campaign")
                }
                return body
            }
        }
        api.get("differences") { request, _ in
            try await report(try ReadQuery(request, options: ["unit"])) { fold in
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
            let query = try ReadQuery(request, options: ["status"])
            let open: Bool?
            switch ReadQuery.parameter(request, "status") {
            case nil: open = nil
            case "open": open = true
            case "resolved": open = false
            case let other?:
                throw APIError.badRequest("bad-parameter", field: "status", "status \(other) must be open or resolved")
            }
            return try await report(query) { fold in Reports.disputes(fold.state, open: open) }
        }
        api.get("survey/coverage") { request, _ in
            try await report(try ReadQuery(request)) { fold in Reports.surveyCoverage(fold.state) }
        }
        api.get("units/:unit/leaves/:leaf/history") { request, context in
            let leafText = context.parameters.get("leaf") ?? ""
            guard let leaf = CriterionCode(leafText) else {
                throw APIError(.notFound, "leaf-unknown", detail: leafText)
            }
            return try await histories(try ReadQuery(request), context, leaves: [leaf]) { $0[0].json }
        }
        api.get("units/:unit/history") { request, context in
            try await histories(try ReadQuery(request), context, leaves: nil) { histories in
                ["leaves": .array(histories.map { .object($0.json) })]
            }
        }
        api.get("diff") { request, _ in
            let query = try ReadQuery(request, options: ["from", "to"], asOf: false)
            guard let fromText = ReadQuery.parameter(request, "from"), let from = AsOf.moment(fromText) else {
                throw APIError.badRequest("bad-parameter", field: "from", "from must be a date or a time")
            }
            guard let toText = ReadQuery.parameter(request, "to"), let to = AsOf.moment(toText) else {
                throw APIError.badRequest("bad-parameter", field: "to", "to must be a date or a time")
            }
            return try await answer(query, limits: [.asOf(from), .asOf(to)]) {
                let before = try await fold(.asOf(from))
                let after = try await fold(.asOf(to))
                return Reports.sealed(Reports.diff(from: before, fromText: from.text, to: after), fold: after, asOf: to)
            }
        }
        api.get("campaign") { request, _ in
            try await report(try ReadQuery(request, options: ["group"])) { fold in
                let group = try ReadQuery.group(request, in: fold.state)
                guard let progress = CampaignProgress(fold.state, keys: fold.ledger.keys, group: group) else {
                    throw APIError(.notFound, "no-campaign")
                }
                return progress.json
            }
        }
        api.get("units/:unit/criteria") { request, context in
            try await report(try ReadQuery(request)) { fold in
                let unit = try ReadQuery.unit(context, in: fold.state)
                guard let set = fold.state.criteria(of: unit) else {
                    throw APIError.notFound("unit \(unit) has no criteria set in the campaign")
                }
                return CampaignFacts.criteria(set, unit: unit, state: fold.state)
            }
        }
        api.get("keys/:keyId") { request, context in
            _ = try ReadQuery(request, asOf: false)
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

    /// The standings of every group as of a moment, when the read side keeps them for exactly
    /// that prefix (the end of a day: `DayEndStandings`); the same bytes the fold would give.
    private func keptStandings(_ request: Request, _ query: ReadQuery) async throws -> [UInt8]? {
        guard case .asOf(let moment) = query.limit, request.uri.queryParameters["group"] == nil else { return nil }
        let ledger = server.ledger
        return try await storeCall { () async throws(StoreError) in
            try await DayEndStandings.sealed(ledger.log, derived: ledger.derived, asOf: moment)
        }
    }

    /// A report as of the query's `asOf` or `atSeq`, sealed with its prefix, and kept (see `answer`).
    private func report(
        _ query: ReadQuery,
        _ body: @escaping (LedgerFold) throws -> [String: JSONValue]
    ) async throws -> Response {
        try await answer(query, limits: [query.limit]) {
            let prefix = try await fold(query.limit)
            return Reports.sealed(try body(prefix), fold: prefix, asOf: query.asOf)
        }
    }

    /// Histories of a unit's leaves (all, or `leaves`), from the history index.
    private func histories(
        _ query: ReadQuery,
        _ context: some RequestContext,
        leaves: [CriterionCode]?,
        _ body: @escaping ([LeafHistory]) -> [String: JSONValue]
    ) async throws -> Response {
        try await answer(query, limits: [query.limit]) {
            let prefix = try await fold(query.limit)
            let unit = try ReadQuery.unit(context, in: prefix.state)
            for leaf in leaves ?? [] where prefix.state.criteria(of: unit)?.leaves[leaf] == nil {
                throw APIError(
                    .notFound,
                    "leaf-unknown",
                    detail: "\(leaf) is not a leaf of unit \(unit)'s criteria set"
                )
            }
            let ledger = server.ledger
            let (histories, fold) = try await storeCall { () async throws(StoreError) in
                try await ledger.histories(unit: unit, leaves: leaves, upTo: query.limit)
            }
            return Reports.sealed(body(histories), fold: fold, asOf: query.asOf)
        }
    }

    /// An answer, kept by the query's canonical key. While the ledger has not grown the same query
    /// has the same answer; an answer about prefixes that can no longer change (the first N
    /// entries of a longer ledger, or moments before its last entry: entries are only appended,
    /// never recorded earlier than the last) is kept whatever the ledger's size, so writes never
    /// cost a reader of the past anything.
    private func answer(
        _ query: ReadQuery,
        limits: [LedgerFold.Limit],
        _ compute: () async throws -> JSONValue
    ) async throws -> Response {
        let now = try await storeCall { () async throws(StoreError) in try await server.ledger.folds.fold(.everything) }
        if let bytes = await server.answers.answer(query.key, ledgerSize: now.size) {
            return JSONBody.bytes(bytes, contentType: JSONBody.contentType)
        }
        let bytes = CanonicalJSON.encode(try await compute())
        let settled = limits.allSatisfy { limit in
            switch limit {
            case .everything: false
            case .size(let size): size <= now.size
            case .asOf(let moment): now.lastRecordedAt.map { moment < $0 } ?? false
            }
        }
        await server.answers.keep(bytes, for: query.key, ledgerSize: settled ? nil : now.size)
        return JSONBody.bytes(bytes, contentType: JSONBody.contentType)
    }
}
