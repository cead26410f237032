import Application
import Appraisal
import Documents
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore
import Presentation
import Projections

/// `GET /api/reports/{kind}?format=html|pdf|xlsx|csv&unit=&asOf=|atSeq=&lang=vi|en`: the documents
/// of `parledger report`, made by the same application code, for whoever the read policy lets
/// read what the document shows. A PDF is printed by headless Chromium on a thread of its own, in
/// one of the heavy reads' turns.
struct DocumentRoutes {
    let server: ParledgerServer

    func add(to api: RouteTable) {
        addKeyReceipt(to: api)
        api.get("reports/:kind") { request, context in
            let kindText = context.parameters.get("kind") ?? ""
            guard let kind = DocumentKind(rawValue: kindText) else {
                throw APIError(
                    .notFound,
                    "report-unknown",
                    detail:
                        "\(kindText) is not a document; the documents are \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let query = try ReadQuery(request, options: ["format", "unit", "lang"])
            let formatText = ReadQuery.parameter(request, "format") ?? "html"
            guard let format = DocumentFormat(rawValue: formatText) else {
                throw APIError.badRequest(
                    "bad-parameter",
                    field: "format",
                    "format \(formatText) must be html, pdf, xlsx or csv"
                )
            }
            let languageText = ReadQuery.parameter(request, "lang") ?? "vi"
            guard let language = Language(code: languageText) else {
                throw APIError.badRequest("bad-parameter", field: "lang", "lang \(languageText) must be vi or en")
            }
            let unit = try ReadQuery.parameter(request, "unit").map { text throws(APIError) -> UnitCode in
                guard let code = UnitCode(text) else {
                    throw .badRequest("unit-unknown", field: "unit", "unit \(text) is not a unit code")
                }
                return code
            }
            // A document names its prefix, whose latest campaign it reports: an earlier campaign's
            // documents are read at a prefix of that campaign (asOf, atSeq).
            if query.campaign != nil {
                throw APIError.badRequest(
                    "bad-parameter",
                    field: "campaign",
                    "a document reports its prefix's latest campaign: name a prefix of that campaign with asOf or atSeq"
                )
            }
            let reader = try await SessionRoutes.reader(of: request, in: server)
            let ledger = server.ledger
            // A prefix of the past is a heavy read's fold: in a turn, at the heavy reads' priority.
            let limit = query.limit
            let fold = try await server.heavyReads.run { () async throws(APIError) in
                try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(limit) }
            }
            do throws(Withheld) {
                try Self.gate(kind, unit: unit, reader, fold.state)
            } catch {
                throw APIError(reader.key == nil ? .unauthorized : .forbidden, "withheld", detail: error.description)
            }
            let documentRequest = ReportDocuments.Request(
                kind: kind,
                unit: unit,
                limit: query.limit,
                asOf: query.asOf,
                language: language,
                letterhead: server.settings.letterhead
            )
            let outcome = await server.heavyReads.run { () async -> Result<[UInt8], ReportDocuments.Failure> in
                do throws(ReportDocuments.Failure) {
                    let source = try await ReportDocuments.source(documentRequest, fold: fold, in: ledger)
                    return await Self.render(source, format: format, dated: ReportDocuments.dated(source, fold: fold))
                } catch {
                    return .failure(error)
                }
            }
            let bytes: [UInt8]
            switch outcome {
            case .success(let made): bytes = made
            case .failure(let failure): throw APIError(documentFailure: failure)
            }
            var response = JSONBody.bytes(bytes, contentType: format.mediaType)
            let name = "\(kind.rawValue)\(unit.map { "-\($0.text)" } ?? "")-\(fold.size).\(format.rawValue)"
            let disposition = format == .html ? "inline" : "attachment"
            response.headers[.contentDisposition] = "\(disposition); filename=\"\(name)\""
            return response
        }
    }

    /// A registered key's receipt (`parledger key receipt`): public, as the key's facts are.
    private func addKeyReceipt(to api: RouteTable) {
        api.get("keys/:keyId/receipt") { request, context in
            _ = try ReadQuery(request, options: ["format", "lang"], asOf: false)
            let text = context.parameters.get("keyId") ?? ""
            guard let keyID = KeyID(text) else { throw APIError.notFound("key \(text) is not registered") }
            let formatText = ReadQuery.parameter(request, "format") ?? "html"
            guard let format = DocumentFormat(rawValue: formatText), format == .html || format == .pdf else {
                throw APIError.badRequest("bad-parameter", field: "format", "format \(formatText) must be html or pdf")
            }
            let languageText = ReadQuery.parameter(request, "lang") ?? "vi"
            guard let language = Language(code: languageText) else {
                throw APIError.badRequest("bad-parameter", field: "lang", "lang \(languageText) must be vi or en")
            }
            let ledger = server.ledger
            let fold = try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(.everything) }
            guard fold.ledger.keys[keyID] != nil else { throw APIError.notFound("key \(text) is not registered") }
            let receipt: KeyReceipt
            do throws(ReportDocuments.Failure) {
                receipt = try await KeyReceipts.receipt(for: keyID, in: fold, log: ledger.log)
            } catch {
                throw APIError(documentFailure: error)
            }
            let letterhead = KeyReceipts.letterhead(from: server.settings.letterhead)
            let outcome = await server.heavyReads.run { () async -> Result<[UInt8], ReportDocuments.Failure> in
                do throws(StoreError) {
                    return try await BlockingWork.run { () throws(StoreError) in
                        Result { () throws(ReportDocuments.Failure) in
                            try KeyReceipts.render(receipt, format: format, language: language, letterhead: letterhead)
                        }
                    }
                } catch {
                    return .failure(ReportDocuments.Failure(.store(error), error.description))
                }
            }
            let bytes: [UInt8]
            switch outcome {
            case .success(let made): bytes = made
            case .failure(let failure): throw APIError(documentFailure: failure)
            }
            var response = JSONBody.bytes(bytes, contentType: format.mediaType)
            let disposition = format == .html ? "inline" : "attachment"
            response.headers[.contentDisposition] = "\(disposition); filename=\"key-\(keyID.short).\(format.rawValue)\""
            return response
        }
    }

    /// The document's bytes, made on a thread of its own: rendering waits on files and, for a PDF,
    /// on a browser, never on a cooperative thread.
    static func render(
        _ source: DocumentSource,
        format: DocumentFormat,
        dated: Timestamp?
    ) async
        -> Result<[UInt8], ReportDocuments.Failure>
    {
        do {
            return try await BlockingWork.run { () throws(StoreError) in
                Result { () throws(ReportDocuments.Failure) in
                    try ReportDocuments.render(source, format: format, dated: dated)
                }
            }
        } catch {
            return .failure(ReportDocuments.Failure(.store(error), error.description))
        }
    }

    /// What the read policy asks of a document's reader: what the document shows.
    static func gate(_ kind: DocumentKind, unit: UnitCode?, _ reader: Reader, _ state: AppraisalState) throws(Withheld)
    {
        switch kind {
        case .results:
            try ReadAccess.standings(reader, state)
        case .scorecard, .differences:
            guard let unit else {
                if kind == .differences { try ReadAccess.allDifferences(reader, state) }
                return
            }
            try ReadAccess.wholeUnit(unit, reader, state)
        case .disputes:
            try ReadAccess.disputes(reader)
        case .survey:
            try ReadAccess.surveyCoverage(reader)
        case .minutes:
            try ReadAccess.minutes(reader)
        }
    }
}

extension APIError {
    /// A document that cannot be made: a bad request is 400, the store's failure its own answer,
    /// a renderer that may pass 503 with Retry-After, one that cannot (no browser) 501.
    init(documentFailure failure: ReportDocuments.Failure) {
        switch failure.reason {
        case .badRequest, .unreadable:
            self.init(.badRequest, "bad-parameter", detail: failure.description)
        case .store(let error):
            self.init(error)
        case .rendering(let retryable):
            if retryable {
                self.init(
                    .serviceUnavailable,
                    "document-unavailable",
                    detail: "the document could not be made now",
                    retryAfter: 10
                )
            } else {
                self.init(.notImplemented, "document-format-unavailable", detail: "this server cannot make that format")
            }
            cause = failure.description
        }
    }
}
