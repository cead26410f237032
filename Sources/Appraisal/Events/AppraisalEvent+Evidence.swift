public import LedgerCore

extension AppraisalEvent {
    /// A piece of evidence as payloads give it (events/CATALOG.md): the file, kept in the store as a
    /// blob (FORMAT.md §10), and the document it is.
    public struct Evidence: Sendable, Hashable, Codable {
        /// A payload's `blob`: the file's hash and size, its name and media type.
        public struct Blob: Sendable, Hashable, Codable {
            public let sha256: SHA256Hash
            public let size: Int64
            public let name: String
            public let mediaType: String

            public init(sha256: SHA256Hash, size: Int64, name: String, mediaType: String) {
                self.sha256 = sha256
                self.size = size
                self.name = name
                self.mediaType = mediaType
            }

            /// The blob a store keeps (its hash and size), named.
            public init(_ reference: BlobReference, name: String, mediaType: String) {
                self.init(sha256: reference.sha256, size: reference.size, name: name, mediaType: mediaType)
            }
        }

        /// A payload's `document`: its number, issuer, date and the page that matters, if any.
        public struct Document: Sendable, Hashable, Codable {
            public let number: String
            public let issuer: String
            public let issuedOn: CalendarDate
            public let page: Int?

            public init(number: String, issuer: String, issuedOn: CalendarDate, page: Int? = nil) {
                self.number = number
                self.issuer = issuer
                self.issuedOn = issuedOn
                self.page = page
            }
        }

        public let blob: Blob
        public let document: Document

        public init(blob: Blob, document: Document) {
            self.blob = blob
            self.document = document
        }
    }
}

// Each object is read and written side by side: the members a reader requires are the ones its
// writer gives, and the payload tests hold the two to the same bytes.

extension AppraisalEvent.Evidence {
    /// An `evidence` array's elements, `{blob, document}`.
    /// The list in the member `name` (`evidence`; `documents`, when present, must not be empty).
    static func list(_ reader: ObjectReader, _ name: String = "evidence") throws(LedgerFormatError) -> [Self] {
        var list: [Self] = []
        for element in try reader.array(name, nonEmpty: name != "evidence") {
            let evidence = try elementReader(element)
            try evidence.requireOnly(["blob", "document"])
            list.append(
                Self(
                    blob: try Blob(try evidence.reader("blob")),
                    document: try Document(try evidence.reader("document"))
                )
            )
        }
        return list
    }

    /// The optional `documents` member: the process documents an act records (the unit's report,
    /// the council's report, a decision), each a file and its particulars; empty when absent.
    static func documents(_ reader: ObjectReader) throws(LedgerFormatError) -> [Self] {
        reader.members["documents"] == nil ? [] : try list(reader, "documents")
    }

    var json: JSONValue { ["blob": blob.json, "document": document.json] }
}

extension AppraisalEvent.Evidence.Blob {
    init(_ reader: ObjectReader) throws(LedgerFormatError) {
        try reader.requireOnly(["sha256", "size", "name", "mediaType"])
        let size = try reader.int("size", in: 0...JSONValue.maxSafeInteger)
        let mediaType = try reader.text("mediaType", .shortText)
        self.init(
            sha256: try reader.parsed("sha256", as: "SHA-256 hash", { SHA256Hash(hex: $0) }),
            size: size,
            name: try reader.text("name", .name),
            mediaType: mediaType
        )
    }

    var json: JSONValue {
        ["sha256": .string(sha256.hex), "size": .int(size), "name": .string(name), "mediaType": .string(mediaType)]
    }
}

extension AppraisalEvent.Evidence.Document {
    init(_ reader: ObjectReader) throws(LedgerFormatError) {
        try reader.requireOnly(["number", "issuer", "issuedOn"], optional: ["page"])
        self.init(
            number: try reader.text("number", .shortText),
            issuer: try reader.text("issuer", .name),
            issuedOn: try reader.parsed("issuedOn", as: "date (YYYY-MM-DD)", CalendarDate.init),
            page: reader.members["page"] == nil ? nil : Int(try reader.int("page", in: 1...100_000))
        )
    }

    var json: JSONValue {
        .object(
            present([
                "number": .string(number), "issuer": .string(issuer), "issuedOn": issuedOn.json,
                "page": page.map { .int(Int64($0)) },
            ])
        )
    }
}
