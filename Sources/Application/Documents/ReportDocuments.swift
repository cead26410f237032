import Appraisal
public import Documents
public import LedgerCore
public import LedgerStore
public import Presentation
public import Projections

/// The documents a council signs, for both front ends: the report each kind is made of, sealed
/// with the ledger prefix it came from; the document built from it; its rendering in a format;
/// and the check of a document file against the ledger.
public enum ReportDocuments {
    /// Why a document cannot be made or checked.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public enum Reason: Sendable, Equatable {
            /// The request names something that is not there (a unit not enrolled, no campaign).
            case badRequest
            /// The file is not a document parledger can read back.
            case unreadable
            /// The store failed.
            case store(StoreError)
            /// A renderer failed (the browser for PDF, libxlsxwriter).
            case rendering(retryable: Bool)
        }

        public let reason: Reason
        public let description: String

        public init(_ reason: Reason, _ description: String) {
            self.reason = reason
            self.description = description
        }
    }

    /// What a document is asked for.
    public struct Request: Sendable {
        public let kind: DocumentKind
        public let unit: UnitCode?
        public let limit: LedgerFold.Limit
        public let asOf: Timestamp?
        public let language: Language
        public let letterhead: Letterhead

        public init(
            kind: DocumentKind,
            unit: UnitCode?,
            limit: LedgerFold.Limit,
            asOf: Timestamp?,
            language: Language,
            letterhead: Letterhead
        ) {
            self.kind = kind
            self.unit = unit
            self.limit = limit
            self.asOf = asOf
            self.language = language
            self.letterhead = letterhead
        }
    }

    /// The report a document of this kind is made of, sealed, and the source it builds from.
    public static func source(_ request: Request, in ledger: OpenLedger) async throws(Failure) -> DocumentSource {
        let fold: LedgerFold
        do { fold = try await ledger.folds.fold(request.limit) } catch {
            throw Failure(.store(error), error.description)
        }
        return try await source(request, fold: fold, in: ledger)
    }

    /// The same, from a fold of the prefix already made.
    public static func source(
        _ request: Request,
        fold: LedgerFold,
        in ledger: OpenLedger
    ) async throws(Failure)
        -> DocumentSource
    {
        let state = fold.state
        guard state.campaign != nil else { throw Failure(.badRequest, "the ledger has no campaign yet") }
        if let unit = request.unit, state.units[unit] == nil {
            throw Failure(.badRequest, "unit \(unit.text) is not enrolled in the campaign")
        }
        let body: [String: JSONValue]
        switch request.kind {
        case .results:
            body = Reports.standings(state)
        case .scorecard:
            guard let unit = request.unit else { throw Failure(.badRequest, "a scorecard is about one unit: name it") }
            let histories = try await histories(of: [unit], fold: fold, in: ledger)
            guard let scorecard = Reports.scorecard(state, unit: unit, histories: histories) else {
                throw Failure(.badRequest, "unit \(unit.text) has no criteria set in the campaign")
            }
            body = scorecard
        case .differences:
            body = Reports.differences(state, unit: request.unit)
        case .disputes:
            let units = Set(state.objections.values.map(\.key.unit)).sorted()
            body = Reports.disputeRegister(state, histories: try await histories(of: units, fold: fold, in: ledger))
        case .survey:
            body = Reports.surveySummary(state)
        case .minutes:
            let units = state.units.keys.sorted()
            body = Reports.minutes(state, histories: try await histories(of: units, fold: fold, in: ledger))
        }
        return DocumentSource(
            kind: request.kind,
            report: Reports.sealed(body, fold: fold, asOf: request.asOf),
            state: state,
            ledgerID: fold.ledger.ledgerID?.text ?? "",
            unit: request.unit,
            asOf: request.asOf,
            language: request.language,
            letterhead: request.letterhead
        )
    }

    /// The date a document bears: the moment asked about, or the last entry of its prefix.
    public static func dated(_ source: DocumentSource, fold: LedgerFold) -> Timestamp? {
        source.asOf ?? fold.lastRecordedAt
    }

    /// The document in a format, signed by `signer` when one is given.
    public static func render(
        _ source: DocumentSource,
        format: DocumentFormat,
        dated: Timestamp?,
        signer: SigningKey? = nil
    ) throws(Failure) -> [UInt8] {
        var document = DocumentBuilder.build(source)
        if let signer { document = document.signed(by: signer) }
        switch format {
        case .html: return Array(HTMLRendering.render(document, dated: dated).utf8)
        case .csv: return CSVRendering.render(document)
        case .xlsx:
            do { return try XLSXRendering.render(document, dated: dated) } catch {
                throw Failure(.rendering(retryable: false), error.description)
            }
        case .pdf:
            do { return try PDFPrinting.print(html: HTMLRendering.render(document, dated: dated)) } catch {
                throw Failure(.rendering(retryable: error.retryable), error.description)
            }
        }
    }

    private static func histories(
        of units: [UnitCode],
        fold: LedgerFold,
        in ledger: OpenLedger
    ) async throws(Failure)
        -> [LeafHistory]
    {
        var all: [LeafHistory] = []
        for unit in units {
            do {
                all += try await ledger.histories(unit: unit, upTo: .size(fold.size), prefix: fold).histories
            } catch { throw Failure(.store(error), error.description) }
        }
        return all
    }
}
