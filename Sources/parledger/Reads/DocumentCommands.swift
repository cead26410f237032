import Application
import Appraisal
import ArgumentParser
import Documents
import Foundation
import LedgerCore
import LedgerStore
import Presentation
import Projections

/// `--store … [--unit C] [--as-of DATE | --at-seq N] --format html|pdf|xlsx|csv|json --out FILE
/// [--lang vi|en] [--letterhead FILE] [--sign-key FILE]`: what every document command takes.
struct DocumentOptions: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The unit (required for a scorecard; narrows differences).") var unit: String?
    @Option(name: .customLong("as-of"), help: ReadOptions.asOfHelp) var asOf: String?
    @Option(name: .customLong("at-seq"), help: "The first N entries only (a tree size).") var atSeq: Int?
    @Option(help: "html, pdf, xlsx, csv or json (the sealed report). Default: the --out file's extension.")
    var format: String?
    @Option(help: "The file to write; never overwritten.") var out: String
    @Option(help: "vi or en. (default: vi, or PARLEDGER_LANG)") var lang: String = Confirmation.language.rawValue
    @Option(help: "A JSON file of the issuing body, office, number, place, signer and recipients.")
    var letterhead: String?
    @Option(name: .customLong("sign-key"), help: "A key file: the document's seal is signed with it.")
    var signKey: String?
    @OptionGroup var keyAccess: KeyAccess

    func write(_ kind: DocumentKind) async throws(CLIError) {
        // The sealed JSON report is no document format, but `--out kq.json` names it as plainly.
        let formatName =
            format ?? DocumentFormat(fileName: out)?.rawValue ?? (out.lowercased().hasSuffix(".json") ? "json" : "")
        let documentFormat = DocumentFormat(rawValue: formatName)
        guard documentFormat != nil || formatName == "json" else {
            throw .usage("--format \(formatName.isEmpty ? "(none)" : formatName) must be html, pdf, xlsx, csv or json")
        }
        guard let language = Language(code: lang) else { throw .usage("--lang \(lang) must be vi or en") }
        if asOf != nil, atSeq != nil { throw .usage("give --as-of or --at-seq, not both") }
        if let atSeq, atSeq < 0 { throw .usage("--at-seq must be 0 or more") }
        let moment = try asOf.map(ReadOptions.moment(asOf:))
        let unitCode = try unit.map { text throws(CLIError) -> UnitCode in
            guard let code = UnitCode(text) else { throw .usage("--unit \(text) is not a unit code") }
            return code
        }
        if kind.needsUnit, unitCode == nil { throw .usage("a \(kind.rawValue) is about one unit: give --unit") }
        if FileManager.default.fileExists(atPath: out) {
            throw .usage("\(out) already exists; a document is never overwritten")
        }
        let signer = try signKey.map { path throws(CLIError) in try KeyFile.read(path, keyAccess) }
        let ledger = try storeOptions.ledger(.reading)
        let limit: LedgerFold.Limit = moment.map { .asOf($0) } ?? atSeq.map { .size($0) } ?? .everything
        let fold = try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(limit) }
        let request = ReportDocuments.Request(
            kind: kind,
            unit: unitCode,
            limit: limit,
            asOf: moment,
            language: language,
            letterhead: try letterheadFile()
        )
        let bytes: [UInt8]
        do {
            let source = try await ReportDocuments.source(request, fold: fold, in: ledger)
            if let documentFormat {
                bytes = try ReportDocuments.render(
                    source,
                    format: documentFormat,
                    dated: ReportDocuments.dated(source, fold: fold),
                    signer: signer
                )
            } else {
                bytes = CanonicalJSON.encode(source.report) + [0x0A]
            }
        } catch {
            throw CLIError(documentFailure: error)
        }
        guard FileManager.default.createFile(atPath: out, contents: Data(bytes)) else {
            throw .usage("cannot write \(out)")
        }
        let provisional = fold.state.decisions.isEmpty
        print(
            language.pick("Đã ghi \(out)", "Wrote \(out)")
                + (provisional ? language.pick(" — tạm tính, chưa công bố", " — provisional, not published") : "")
        )
    }

    private func letterheadFile() throws(CLIError) -> Letterhead {
        try letterhead.map { path throws(CLIError) in try readLetterhead(path) } ?? .council
    }
}

/// The letterhead a `--letterhead` file gives: every member optional, the council's by default.
func readLetterhead(_ path: String) throws(CLIError) -> Letterhead {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw .usage("cannot read the letterhead file \(path)")
    }
    do { return try JSONDecoder().decode(Letterhead.self, from: data) } catch {
        throw .usage(
            "\(path) is not a letterhead: a JSON object of issuingBody, office, number, place, signerPosition, signerName and recipients (a list of lines)"
        )
    }
}

extension CLIError {
    /// A document that cannot be made or checked: bad requests and unreadable files are usage
    /// (2); a store or a browser that failed may pass (3).
    init(documentFailure failure: ReportDocuments.Failure) {
        switch failure.reason {
        case .badRequest, .unreadable: self = .usage(failure.description)
        case .store(let error): self = .store(error)
        case .rendering(let retryable):
            self =
                retryable ? CLIError(exitCode: .unavailable, message: failure.description) : .usage(failure.description)
        }
    }
}

/// A document command: its kind, its options, and one way to run.
protocol DocumentCommand: AsyncParsableCommand {
    static var kind: DocumentKind { get }
    var document: DocumentOptions { get }
}

extension DocumentCommand {
    func run() async throws { try await document.write(Self.kind) }
}

extension ReportCommand {
    struct Results: DocumentCommand {
        static let configuration = CommandConfiguration(
            commandName: "results",
            abstract: "The results table per group: rank, index, band, domains, points, bonus, deductions, total."
        )
        static let kind = DocumentKind.results
        @OptionGroup var document: DocumentOptions
    }

    struct Scorecard: DocumentCommand {
        static let configuration = CommandConfiguration(
            commandName: "scorecard",
            abstract:
                "One unit's scorecard: every criterion by name, reasons, evidence documents, bonus and deductions."
        )
        static let kind = DocumentKind.scorecard
        @OptionGroup var document: DocumentOptions
    }

    struct Differences: DocumentCommand {
        static let configuration = CommandConfiguration(
            commandName: "differences",
            abstract: "Self-scores against appraised points, per unit and criterion."
        )
        static let kind = DocumentKind.differences
        @OptionGroup var document: DocumentOptions
    }

    struct Disputes: DocumentCommand {
        static let configuration = CommandConfiguration(
            commandName: "disputes",
            abstract: "The register of explanations and objections, with texts, resolutions and points."
        )
        static let kind = DocumentKind.disputes
        @OptionGroup var document: DocumentOptions
    }

    struct Survey: DocumentCommand {
        static let configuration = CommandConfiguration(
            commandName: "survey",
            abstract: "Survey coverage against quota and the answers to each question."
        )
        static let kind = DocumentKind.survey
        @OptionGroup var document: DocumentOptions
    }

    struct Minutes: DocumentCommand {
        static let configuration = CommandConfiguration(
            commandName: "minutes",
            abstract: "The council's appendix of adjustments by round, objections and claims decided."
        )
        static let kind = DocumentKind.minutes
        @OptionGroup var document: DocumentOptions
    }

    /// `parledger report verify FILE`: exit 0 when the document is the ledger's, 1 when not.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check a document (HTML, PDF, XLSX, CSV) against the ledger prefix its seal names."
        )
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The document file.") var file: String
        @Option(help: "html, pdf, xlsx or csv. Default: the file's extension.") var format: String?
        @Option(help: "vi or en. (default: vi, or PARLEDGER_LANG)") var lang: String = Confirmation.language.rawValue

        func run() async throws {
            guard let language = Language(code: lang) else { throw CLIError.usage("--lang \(lang) must be vi or en") }
            guard let documentFormat = format.flatMap(DocumentFormat.init(rawValue:)) ?? DocumentFormat(fileName: file)
            else { throw CLIError.usage("say the file's format with --format html|pdf|xlsx|csv") }
            let data = try InputFile.contents(file)
            let ledger = try storeOptions.ledger(.reading)
            let verdict: DocumentVerification
            do {
                verdict = try await DocumentVerification.check(
                    [UInt8](data),
                    format: documentFormat,
                    in: ledger,
                    language: language
                )
            } catch { throw CLIError(documentFailure: error) }
            let pick = language.pick
            let seal = verdict.seal
            print(
                pick(
                    "\(file): \(seal.kind.name(.vi)), \(Figures.text(seal.size, .vi)) bản ghi đầu của sổ cái "
                        + "\(seal.ledgerID), mã băm \(seal.digest)",
                    "\(file): \(seal.kind.name(.en)), the first \(Figures.text(seal.size, .en)) entries of ledger "
                        + "\(seal.ledgerID), digest \(seal.digest)"
                )
            )
            if let signer = verdict.signer {
                print(
                    pick(
                        "ký bởi: \(signer.name) (\(Vocabulary.role(signer.role.rawValue, .vi))), chữ ký hợp lệ",
                        "signed by: \(signer.name) (\(Vocabulary.role(signer.role.rawValue, .en))), signature holds"
                    )
                )
            }
            guard verdict.holds else {
                for problem in verdict.problems { print(pick("KHÔNG KHỚP: ", "MISMATCH: ") + problem) }
                throw CLIError.refused(pick("văn bản không khớp với sổ cái", "the document does not match the ledger"))
            }
            print(
                pick(
                    "khớp: mọi số liệu của văn bản đúng như sổ cái",
                    "ok: every figure in the document is the ledger's"
                )
            )
        }
    }
}
