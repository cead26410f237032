import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `--store PATH --key FILE [--format text|json]`, shared by every act of the appraisal: the act is
/// signed with the acting person's key file and appended, or refused with the rule's reason.
struct ActOptions: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The acting person's key file.") var key: String
    @Option(help: "text or json.") var format: OutputFormat = .text

    /// Signs and appends one act, then reports its entry.
    @discardableResult
    func perform(_ kind: AppraisalEvent.Kind, _ payload: [String: JSONValue]) async throws -> Entry {
        let key = try KeyFile.read(key)
        let store = try storeOptions.open()
        let entry = try await Ledger.append(type: kind.type, payload: payload, by: key, store: store)
        report(entry)
        return entry
    }

    /// Opens the store for an act that needs it before signing (uploads, checkpoints).
    func openStore() throws(CLIError) -> any EventStore { try storeOptions.open() }

    func report(_ entry: Entry) {
        switch format {
        case .json: print(String(decoding: entry.bytes, as: UTF8.self))
        case .text, .table:
            print(
                "seq \(entry.seq): \(entry.statement.type) by \(entry.statement.actor.short)… at \(entry.recordedAt)"
                    + " (statement \(entry.statement.statementID))"
            )
        }
    }
}

/// Payload values from command-line arguments: NFC text, checked codes and points.
enum ActInput {
    static func text(_ value: String, _ option: String) throws(CLIError) -> JSONValue {
        let text = InputText.nfc(value).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .usage("\(option) must not be empty") }
        return .string(text)
    }

    static func points(_ value: String, _ option: String) throws(CLIError) -> JSONValue {
        guard let points = Points(typed: value) else {
            throw .usage("\(option) \(value) is not a number of points such as 1.5 or 0,25")
        }
        return .string(points.text)
    }

    static func unit(_ value: String) throws(CLIError) -> JSONValue {
        guard let unit = UnitCode(value) else {
            throw .usage("--unit \(value) is not a unit code (such as SNV or H-CL)")
        }
        return .string(unit.text)
    }

    static func leaf(_ value: String) throws(CLIError) -> JSONValue {
        guard let leaf = CriterionCode(value) else {
            throw .usage("--leaf \(value) is not a criterion code such as 3.3.1")
        }
        return .string(leaf.text)
    }

    static func statement(_ value: String, _ option: String) throws(CLIError) -> JSONValue {
        guard let id = StatementID(value.lowercased()) else {
            throw .usage("\(option) \(value) is not a statement id (as printed when the act was recorded)")
        }
        return .string(id.text)
    }

    static func date(_ value: String, _ option: String) throws(CLIError) -> JSONValue {
        guard let date = CalendarDate(value) else { throw .usage("\(option) \(value) is not a date YYYY-MM-DD") }
        return .string(date.text)
    }

    /// A JSON object from a file (a criteria set, a campaign plan, a survey template), in NFC.
    static func jsonFile(_ path: String) throws(CLIError) -> [String: JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .usage("cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw .usage("\(path) is not UTF-8 text") }
        return try InputText.jsonObject(text, what: path)
    }
}

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
