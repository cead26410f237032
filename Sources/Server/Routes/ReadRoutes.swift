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
            let reader = try await SessionRoutes.reader(of: request, in: server)
            if reader.seesEverything, let kept = try await keptStandings(request, query) {
                return JSONBody.bytes(kept, contentType: JSONBody.contentType)
            }
            return try await report(query, reader, gate: Self.standings) { fold, _ in
                Reports.standings(
                    fold.state,
                    group: try ReadQuery.group(request, in: fold.state),
                    cards: server.ledger.scorecards.scorecards(fold)
                )
            }
        }
        api.get("units/:unit/scores") { request, context in
            let reader = try await SessionRoutes.reader(of: request, in: server)
            let unit = try ReadQuery.unitCode(context)
            return try await report(try ReadQuery(request), reader, gate: Self.unit(unit)) { fold, view in
                _ = try ReadQuery.unit(context, in: fold.state)
                guard let body = view.scores(fold.state, unit: unit) else {
                    throw APIError.notFound("unit \(unit) has no criteria set in the campaign")
                }
                return body
            }
        }
        api.get("differences") { request, _ in
            let reader = try await SessionRoutes.reader(of: request, in: server)
            let gate: Gate
            if let named = ReadQuery.parameter(request, "unit").flatMap(UnitCode.init) {
                gate = Self.differences(named)
            } else {
                gate = Self.allDifferences
            }
            return try await report(try ReadQuery(request, options: ["unit"]), reader, gate: gate) { fold, _ in
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
            let reader = try await SessionRoutes.reader(of: request, in: server)
            return try await report(query, reader, gate: Self.everythingOnly(ReadAccess.disputes)) { fold, _ in
                Reports.disputes(fold.state, open: open)
            }
        }
        api.get("claims") { request, _ in
            let query = try ReadQuery(request, options: ["unit", "status"])
            let status = try ReadQuery.parameter(request, "status").map { text throws(APIError) in
                guard let status = Reports.ClaimStatus(rawValue: text) else {
                    throw APIError.badRequest(
                        "bad-parameter",
                        field: "status",
                        "status \(text) must be pending or decided"
                    )
                }
                return status
            }
            let reader = try await SessionRoutes.reader(of: request, in: server)
            // The answer depends on whose claims the reader may list: kept per reader unless they see everything.
            let audience = reader.seesEverything ? "" : reader.key?.keyID.hex ?? "anyone"
            return try await report(query, reader, gate: Self.claims, audience: audience) { fold, _ in
                // The gate has judged this prefix already; this asks the same policy which units it opens.
                var units: Set<UnitCode>?
                do throws(Withheld) {
                    units = try ReadAccess.claims(reader, fold.state)
                } catch {
                    throw APIError(.forbidden, "withheld", detail: error.description)
                }
                if let text = ReadQuery.parameter(request, "unit") {
                    guard let unit = UnitCode(text), fold.state.units[unit] != nil else {
                        throw APIError.badRequest("unit-unknown", field: "unit", "unit \(text) is not enrolled")
                    }
                    guard units?.contains(unit) ?? true else {
                        throw APIError(
                            .forbidden,
                            "withheld",
                            detail: "unit \(text)'s claims are withheld from this reader"
                        )
                    }
                    units = [unit]
                }
                var body = Reports.claims(
                    fold.state,
                    units: units,
                    domains: ReadAccess.claimDomains(reader, fold.state),
                    status: status
                )
                body["withheld"] = ReadAccess.claimsWithheld(reader, fold.state).map(JSONValue.string)
                return body
            }
        }
        api.get("survey/coverage") { request, _ in
            let reader = try await SessionRoutes.reader(of: request, in: server)
            return try await report(
                try ReadQuery(request),
                reader,
                gate: Self.everythingOnly(ReadAccess.surveyCoverage)
            ) {
                fold,
                _ in Reports.surveyCoverage(fold.state)
            }
        }
        // Each question's answers by respondent group, unit or demographic: read as coverage is.
        api.get("survey/answers") { request, _ in try await surveyAnswers(request) }
        api.get("units/:unit/leaves/:leaf/history") { request, context in
            let leafText = context.parameters.get("leaf") ?? ""
            guard let leaf = CriterionCode(leafText) else {
                throw APIError(.notFound, "leaf-unknown", detail: leafText)
            }
            return try await histories(request, context, leaves: [leaf]) { $0[0].json }
        }
        api.get("units/:unit/history") { request, context in
            try await histories(request, context, leaves: nil) { histories in
                ["leaves": .array(histories.map { .object($0.json) })]
            }
        }
        api.get("todo") { request, _ in
            _ = try ReadQuery(request, asOf: false)
            let reader = try await SessionRoutes.reader(of: request, in: server)
            guard let key = reader.key else { throw APIError(.unauthorized, "session-required") }
            // Never kept: what waits on a person changes with the time as well as with the ledger.
            let now = try await fold(.everything)
            let list = WorkList(for: key, in: now.state, at: server.clock())
            return JSONBody.response(Reports.sealed(list.json, fold: now, asOf: nil))
        }
        api.get("trend") { request, _ in
            let query = try ReadQuery(request, options: ["unit"])
            if query.campaign != nil {
                throw APIError.badRequest(
                    "bad-parameter",
                    field: "campaign",
                    "trend reads every campaign: leave out campaign"
                )
            }
            let reader = try await SessionRoutes.reader(of: request, in: server)
            return try await report(query, reader, gate: Self.standings) { fold, _ in
                let unit = try ReadQuery.parameter(request, "unit").map { text throws(APIError) -> UnitCode in
                    do throws(Reports.TrendUnitRefusal) {
                        return try Reports.trendUnit(text, in: fold.state)
                    } catch {
                        throw .badRequest("unit-unknown", field: "unit", error.message)
                    }
                }
                return Reports.trend(fold.campaigns, unit: unit)
            }
        }
        api.get("diff") { request, _ in
            let query = try ReadQuery(request, options: ["from", "to"], asOf: false)
            // Two years compare two campaigns' results as the ledger holds them now.
            if let from = ReadQuery.parameter(request, "from").flatMap(Int.init),
                let to = ReadQuery.parameter(request, "to").flatMap(Int.init)
            {
                let reader = try await SessionRoutes.reader(of: request, in: server)
                return try await answer(query, reader, limits: [.everything], gate: Self.standings) { _, prefixes in
                    let now = try Self.campaign(nil, of: prefixes.now)
                    let before = try Self.campaign(from, of: now)
                    let after = try Self.campaign(to, of: now)
                    return Reports.sealed(
                        Reports.diff(from: before, fromText: String(from), to: after),
                        fold: after,
                        asOf: nil
                    )
                }
            }
            guard let fromText = ReadQuery.parameter(request, "from"), let from = AsOf.moment(fromText) else {
                throw APIError.badRequest("bad-parameter", field: "from", "from must be a date or a time")
            }
            guard let toText = ReadQuery.parameter(request, "to"), let to = AsOf.moment(toText) else {
                throw APIError.badRequest("bad-parameter", field: "to", "to must be a date or a time")
            }
            let reader = try await SessionRoutes.reader(of: request, in: server)
            return try await answer(query, reader, limits: [.asOf(from), .asOf(to)], gate: Self.standings) {
                _,
                prefixes in
                let before = try await prefixes.fold(.asOf(from))
                let after = try await prefixes.fold(.asOf(to))
                return Reports.sealed(Reports.diff(from: before, fromText: from.text, to: after), fold: after, asOf: to)
            }
        }
        api.get("campaign") { request, _ in
            try await report(try ReadQuery(request, options: ["group"]), .anyone, gate: Self.anyone) { fold, _ in
                let group = try ReadQuery.group(request, in: fold.state)
                guard let progress = CampaignProgress(fold.state, keys: fold.ledger.keys, group: group) else {
                    throw APIError(.notFound, "no-campaign")
                }
                return progress.json
            }
        }
        api.get("units/:unit/criteria") { request, context in
            try await report(try ReadQuery(request), .anyone, gate: Self.anyone) { fold, _ in
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

    /// The prefix folded, read for the campaign of `year` when one is named (the latest otherwise).
    private func fold(_ limit: LedgerFold.Limit, campaign year: Int? = nil) async throws(APIError) -> LedgerFold {
        let fold = try await storeCall { () async throws(StoreError) in try await server.ledger.folds.fold(limit) }
        return try Self.campaign(year, of: fold)
    }

    static func campaign(_ year: Int?, of fold: LedgerFold) throws(APIError) -> LedgerFold {
        guard fold.state.campaign != nil else { throw APIError(.notFound, "no-campaign") }
        guard let year else { return fold }
        guard let view = fold.campaign(year: year) else {
            throw APIError(
                .notFound,
                "campaign-unknown",
                detail:
                    "the ledger holds the campaigns of \(fold.campaignYears.map(String.init).joined(separator: ", "))"
            )
        }
        return view
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

    /// What a read asks of its reader, judged on the state of each prefix it reads: how much the
    /// reader may see, or `Withheld` (ReadAccess).
    typealias Gate = @Sendable (Reader, AppraisalState) throws(Withheld) -> ReadAccess.UnitView

    static let anyone: Gate = { _, _ throws(Withheld) in .whole }

    static let standings: Gate = { reader, state throws(Withheld) in
        try ReadAccess.standings(reader, state)
        return .whole
    }

    static let allDifferences: Gate = { reader, state throws(Withheld) in
        try ReadAccess.allDifferences(reader, state)
        return .whole
    }

    static let claims: Gate = { reader, state throws(Withheld) in
        _ = try ReadAccess.claims(reader, state)
        return .whole
    }

    static func unit(_ unit: UnitCode) -> Gate {
        { reader, state throws(Withheld) in try ReadAccess.unit(unit, reader, state) }
    }

    /// A unit's differences compare its self-scores with its appraisals, leaf by leaf and in total:
    /// read only by those who see the unit whole.
    static func differences(_ unit: UnitCode) -> Gate {
        { reader, state throws(Withheld) in
            try ReadAccess.wholeUnit(unit, reader, state)
            return .whole
        }
    }

    static func everythingOnly(_ rule: @escaping @Sendable (Reader) throws(Withheld) -> Void) -> Gate {
        { reader, _ throws(Withheld) in
            try rule(reader)
            return .whole
        }
    }

    /// `GET /api/survey/answers?template=&version=&by=group|unit|demo:NAME&unit=`.
    private func surveyAnswers(_ request: Request) async throws -> Response {
        let reader = try await SessionRoutes.reader(of: request, in: server)
        let query = try ReadQuery(request, options: ["template", "version", "by", "unit"])
        let byText = ReadQuery.parameter(request, "by") ?? "group"
        guard let breakdown = SurveyAnswers.Breakdown(byText) else {
            throw APIError.badRequest("bad-parameter", field: "by", "by \(byText) must be group, unit or demo:NAME")
        }
        let versionText = ReadQuery.parameter(request, "version") ?? "1"
        guard let version = Int(versionText), version > 0 else {
            throw APIError.badRequest("bad-parameter", field: "version", "version must be 1 or more")
        }
        guard let templateText = ReadQuery.parameter(request, "template"), let code = ConfigCode(templateText) else {
            throw APIError.badRequest("bad-parameter", field: "template", "name the survey template")
        }
        var unit: UnitCode?
        if let text = ReadQuery.parameter(request, "unit") {
            guard let parsed = UnitCode(text) else {
                throw APIError.badRequest("unit-unknown", field: "unit", "unit \(text) is not a unit code")
            }
            unit = parsed
        }
        let key = AppraisalState.SetKey(set: code, version: version)
        let only = unit
        return try await report(query, reader, gate: Self.everythingOnly(ReadAccess.surveyCoverage)) { fold, _ in
            guard let body = SurveyAnswers.report(fold.state, template: key, by: breakdown, unit: only) else {
                throw APIError.notFound("survey template \(code.text) version \(version) is not published")
            }
            return body
        }
    }

    /// A report as of the query's `asOf` or `atSeq`, sealed with its prefix, and kept (see `answer`).
    private func report(
        _ query: ReadQuery,
        _ reader: Reader,
        gate: @escaping Gate,
        audience: String = "",
        _ body: @escaping (LedgerFold, ReadAccess.UnitView) throws -> [String: JSONValue]
    ) async throws -> Response {
        try await answer(query, reader, limits: [query.limit], gate: gate, audience: audience) { view, prefixes in
            let prefix = try await prefixes.fold(query.limit, campaign: query.campaign)
            return Reports.sealed(try body(prefix, view), fold: prefix, asOf: query.asOf)
        }
    }

    /// Histories of a unit's leaves (all, or `leaves`), from the history index, as the reader's view
    /// of the unit shows them (`ReadAccess.UnitView`): before preliminary results a unit's own people
    /// see them without the appraisals, and before publication an appraiser the leaves of their
    /// domains; what is left out is named as withheld.
    private func histories(
        _ request: Request,
        _ context: some RequestContext,
        leaves: [CriterionCode]?,
        _ body: @escaping ([LeafHistory]) -> [String: JSONValue]
    ) async throws -> Response {
        let query = try ReadQuery(request)
        let reader = try await SessionRoutes.reader(of: request, in: server)
        let unit = try ReadQuery.unitCode(context)
        return try await answer(query, reader, limits: [query.limit], gate: Self.unit(unit)) { view, prefixes in
            do throws(Withheld) {
                try view.requireShown(leaves ?? [], of: unit)
            } catch {
                throw APIError(.forbidden, "withheld", detail: error.description)
            }
            let prefix = try await prefixes.fold(query.limit, campaign: query.campaign)
            _ = try ReadQuery.unit(context, in: prefix.state)
            for leaf in leaves ?? [] where prefix.state.criteria(of: unit)?.leaves[leaf] == nil {
                throw APIError(
                    .notFound,
                    "leaf-unknown",
                    detail: "\(leaf) is not a leaf of unit \(unit)'s criteria set"
                )
            }
            let ledger = server.ledger
            let (histories, fold) = try await storeCall { () async throws(StoreError) in
                try await ledger.histories(unit: unit, leaves: leaves, upTo: query.limit, prefix: prefix)
            }
            var answer = body(view.histories(histories))
            answer["withheld"] = view.withheld.map(JSONValue.string)
            return Reports.sealed(answer, fold: fold, asOf: query.asOf)
        }
    }

    /// An answer, kept by the query's canonical key (and the view the reader is allowed). While
    /// the ledger has not grown the same query has the same answer; an answer about prefixes that
    /// can no longer change (the first N entries of a longer ledger, or moments before its last
    /// entry: entries are only appended, never recorded earlier than the last) is kept whatever the
    /// ledger's size, so writes never cost a reader of the past anything. The reader is judged
    /// (`gate`) before any answer, kept or not, is given; `compute` reads the prefixes the
    /// judgement folded rather than folding them again.
    private func answer(
        _ query: ReadQuery,
        _ reader: Reader,
        limits: [LedgerFold.Limit],
        gate: Gate,
        audience: String = "",
        _ compute: (ReadAccess.UnitView, RequestPrefixes) async throws -> JSONValue
    ) async throws -> Response {
        let now = try await storeCall { () async throws(StoreError) in try await server.ledger.folds.fold(.everything) }
        let prefixes = RequestPrefixes(now: now) { limit, year in
            // The ledger of now is the one the reader is judged on and the answer is kept for.
            if case .everything = limit { return try Self.campaign(year, of: now) }
            return try await fold(limit, campaign: year)
        }
        let settled = Self.settled(limits, now: now)
        let view =
            reader.seesEverything
            ? .whole
            : try await judged(query, reader, limits: limits, gate: gate, prefixes: prefixes, settled: settled)
        let key = query.key + (view == .whole ? "" : "#" + view.name) + (audience.isEmpty ? "" : "#for-" + audience)
        if let bytes = await server.answers.answer(key, ledgerSize: now.size) {
            return JSONBody.bytes(bytes, contentType: JSONBody.contentType)
        }
        let past = limits.contains { limit in
            if case .everything = limit { return false }
            return true
        }
        let bytes = CanonicalJSON.encode(
            past ? try await inTurn { try await compute(view, prefixes) } : try await compute(view, prefixes)
        )
        await server.answers.keep(bytes, for: key, ledgerSize: settled ? nil : now.size)
        return JSONBody.bytes(bytes, contentType: JSONBody.contentType)
    }

    /// Whether every prefix a read names can no longer change: the first N entries of a ledger of
    /// N or more, or a moment before its last entry.
    static func settled(_ limits: [LedgerFold.Limit], now: LedgerFold) -> Bool {
        limits.allSatisfy { limit in
            switch limit {
            case .everything: false
            case .size(let size): size <= now.size
            case .asOf(let moment): now.lastRecordedAt.map { moment < $0 } ?? false
            }
        }
    }

    /// How `gate` judges `reader` on each prefix the read names (the narrowest view wins, a refusal
    /// refuses). A judgement about prefixes that can no longer change is kept for good under the
    /// reader's key, so asking again about the past, allowed or refused, folds nothing.
    private func judged(
        _ query: ReadQuery,
        _ reader: Reader,
        limits: [LedgerFold.Limit],
        gate: Gate,
        prefixes: RequestPrefixes,
        settled: Bool
    ) async throws -> ReadAccess.UnitView {
        let key = query.key + "#judged-for-" + (reader.key?.keyID.hex ?? "anyone")
        let judgement: ReadJudgement
        if let kept = await server.judgements.answer(key, ledgerSize: prefixes.now.size) {
            judgement = kept
        } else {
            var view = ReadAccess.UnitView.whole
            var refusal: String?
            for limit in limits where refusal == nil {
                let prefix: LedgerFold
                if case .everything = limit {
                    prefix = try Self.campaign(query.campaign, of: prefixes.now)
                } else {
                    prefix = try await inTurn { try await prefixes.fold(limit, campaign: query.campaign) }
                }
                do throws(Withheld) {
                    view = view.narrowed(to: try gate(reader, prefix.state))
                } catch {
                    refusal = error.description
                }
            }
            judgement = refusal.map(ReadJudgement.withheld) ?? .allowed(view)
            await server.judgements.keep(judgement, for: key, ledgerSize: settled ? nil : prefixes.now.size)
        }
        switch judgement {
        case .allowed(let view): return view
        case .withheld(let detail):
            throw APIError(reader.key == nil ? .unauthorized : .forbidden, "withheld", detail: detail)
        }
    }

    /// `work` in one of the server's turns for heavy reads: a prefix of the past is folded anew from
    /// the nearest snapshot each time, and only so many such folds run at once (`HeavyReads`).
    private func inTurn<T>(_ work: () async throws -> T) async throws -> T {
        try await server.heavyReads.run(work)
    }
}
