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
    @Option(name: .customLong("issued-on"), help: "When it was issued, YYYY-MM-DD.") var issuedOn: String?
    @Option(help: "The page that matters, if any.") var page: Int?

    /// `{blob, document}` for each file, after uploading it.
    func upload(to store: any EventStore) async throws -> [JSONValue] {
        guard !files.isEmpty else { return [] }
        var evidence: [JSONValue] = []
        for file in files {
            let blob = try await Self.upload(file, to: store)
            evidence.append(
                .object([
                    "blob": blob,
                    "document": .object(
                        try Self.document(number: number, issuer: issuer, issuedOn: issuedOn, page: page)
                    ),
                ])
            )
        }
        return evidence
    }

    /// The `document` object of an evidence reference.
    static func document(
        number: String?,
        issuer: String?,
        issuedOn: String?,
        page: Int?
    ) throws(CLIError)
        -> [String: JSONValue]
    {
        guard let number, let issuer, let issuedOn else {
            throw .usage("evidence needs --doc-number, --issuer and --issued-on")
        }
        var document: [String: JSONValue] = [
            "number": try ActInput.text(number, "--doc-number"), "issuer": try ActInput.text(issuer, "--issuer"),
            "issuedOn": try ActInput.date(issuedOn, "--issued-on"),
        ]
        if let page {
            guard page >= 1 else { throw .usage("--page must be 1 or more") }
            document["page"] = .int(Int64(page))
        }
        return document
    }

    /// Uploads a file and returns its blob reference object.
    static func upload(_ path: String, to store: any EventStore) async throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.usage("cannot read \(path)") }
        let reference = try await storeCall { () async throws(StoreError) in try await store.putBlob([UInt8](data)) }
        let name = InputText.nfc(URL(fileURLWithPath: path).lastPathComponent)
        return [
            "sha256": .string(reference.sha256.hex), "size": .int(reference.size), "name": .string(name),
            "mediaType": .string(mediaType(of: name)),
        ]
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
