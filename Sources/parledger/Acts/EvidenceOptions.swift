import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// Evidence files given to an act: uploaded to the store as blobs, described by document facts.
struct EvidenceOptions: ParsableArguments {
    @Option(name: .customLong("evidence"), help: "An evidence file (repeat for several).") var files: [String] = []
    @Option(name: .customLong("doc-number"), help: "The evidence document's number, e.g. 12/KH-SNV.") var number:
        String?
    @Option(help: "Who issued the evidence document.") var issuer: String?
    @Option(name: .customLong("issued-on"), help: "When it was issued, DD/MM/YYYY or YYYY-MM-DD.") var issuedOn: String?
    @Option(help: "The page that matters, if any.") var page: Int?

    /// The evidence of each file, after uploading it.
    func upload(to store: any EventStore) async throws -> [AppraisalEvent.Evidence] {
        guard !files.isEmpty else { return [] }
        var evidence: [AppraisalEvent.Evidence] = []
        for file in files {
            let blob = try await Self.upload(file, to: store)
            evidence.append(
                AppraisalEvent.Evidence(
                    blob: blob,
                    document: try Self.document(number: number, issuer: issuer, issuedOn: issuedOn, page: page)
                )
            )
        }
        return evidence
    }

    /// The document of an evidence reference.
    static func document(
        number: String?,
        issuer: String?,
        issuedOn: String?,
        page: Int?
    ) throws(CLIError) -> AppraisalEvent.Evidence.Document {
        guard let number, let issuer, let issuedOn else {
            throw .usage("evidence needs --doc-number, --issuer and --issued-on")
        }
        let document = AppraisalEvent.Evidence.Document(
            number: try ActInput.text(number, "--doc-number"),
            issuer: try ActInput.text(issuer, "--issuer"),
            issuedOn: try ActInput.date(issuedOn, "--issued-on"),
            page: page
        )
        if let page, page < 1 { throw .usage("--page must be 1 or more") }
        return document
    }

    /// Uploads a file and returns its blob, named.
    static func upload(_ path: String, to store: any EventStore) async throws -> AppraisalEvent.Evidence.Blob {
        let data = try InputFile.contents(path)
        let reference = try await storeCall { () async throws(StoreError) in try await store.putBlob([UInt8](data)) }
        let name = InputText.nfc(URL(fileURLWithPath: path).lastPathComponent)
        return AppraisalEvent.Evidence.Blob(reference, name: name, mediaType: mediaType(of: name))
    }

    static func mediaType(of name: String) -> String {
        switch URL(fileURLWithPath: name).pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "doc": "application/msword"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xls": "application/vnd.ms-excel"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "txt": "text/plain"
        default: "application/octet-stream"
        }
    }
}

/// The process documents an act records (`--document FILE …`): the unit's self-assessment report
/// on a submission, the council's report, a publication's or a correction's decision.
struct RecordedDocumentOptions: ParsableArguments {
    @Option(
        name: .customLong("document"),
        help: "A document the act records, e.g. the signed report (repeat for several)."
    )
    var files: [String] = []
    @Option(name: .customLong("doc-number"), help: "The document's number, e.g. 05/BC-HĐTĐ.") var number: String?
    @Option(help: "Who issued the document.") var issuer: String?
    @Option(name: .customLong("issued-on"), help: "When it was issued, DD/MM/YYYY or YYYY-MM-DD.") var issuedOn: String?

    /// The documents, each file uploaded; none when no `--document` is given.
    func upload(to store: @autoclosure () throws(CLIError) -> any EventStore) async throws -> [AppraisalEvent.Evidence]
    {
        guard !files.isEmpty else { return [] }
        let store = try store()
        var documents: [AppraisalEvent.Evidence] = []
        for file in files {
            documents.append(
                AppraisalEvent.Evidence(
                    blob: try await EvidenceOptions.upload(file, to: store),
                    document: try EvidenceOptions.document(
                        number: number,
                        issuer: issuer,
                        issuedOn: issuedOn,
                        page: nil
                    )
                )
            )
        }
        return documents
    }
}
