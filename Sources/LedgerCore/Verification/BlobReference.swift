/// A reference from a payload to an evidence blob (FORMAT.md §10).
public struct BlobReference: Sendable, Hashable {
    /// The blob's SHA-256.
    public let sha256: SHA256Hash
    /// Its length in bytes.
    public let size: Int64

    public init(sha256: SHA256Hash, size: Int64) {
        self.sha256 = sha256
        self.size = size
    }

    /// Every `blob` member of a statement's payload, decoding the payload only when its bytes
    /// mention one.
    public static func find(in statement: Statement) throws(LedgerFormatError) -> [BlobReference] {
        guard statement.mayReferenceBlobs else { return [] }
        return try find(in: statement.payload)
    }

    /// Every `blob` member of a payload, in the order they appear in its canonical bytes.
    public static func find(in payload: [String: JSONValue]) throws(LedgerFormatError) -> [BlobReference] {
        var found: [BlobReference] = []
        try collect(.object(payload), path: "payload", into: &found)
        return found
    }

    private static func collect(
        _ value: JSONValue,
        path: String,
        into found: inout [BlobReference]
    ) throws(LedgerFormatError) {
        switch value {
        case .object(let members):
            for name in members.keys.sorted(by: CanonicalJSON.precedes) {
                guard let member = members[name] else { continue }
                let location = "\(path).\(name)"
                if name == "blob" {
                    guard let sha256 = member["sha256"]?.stringValue.flatMap(SHA256Hash.init(hex:)),
                        let size = member["size"]?.intValue, size >= 0
                    else {
                        throw LedgerFormatError(
                            location,
                            "must be an object with \"sha256\" (64 hex) and \"size\" (≥ 0)"
                        )
                    }
                    found.append(BlobReference(sha256: sha256, size: size))
                }
                try collect(member, path: location, into: &found)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                try collect(element, path: "\(path)[\(index)]", into: &found)
            }
        case .null, .bool, .int, .string:
            return
        }
    }
}
