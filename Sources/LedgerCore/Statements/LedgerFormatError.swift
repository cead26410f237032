/// Why bytes or a JSON value are not a well-formed statement, entry or control payload.
public struct LedgerFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is, as a path such as `statement.payload.authority.keyId`.
    public var path: String
    /// What is wrong there.
    public var detail: String

    public init(_ path: String, _ detail: String) {
        self.path = path
        self.detail = detail
    }

    public var description: String { path.isEmpty ? detail : "\(path): \(detail)" }
}

/// Reads the members of one JSON object, refusing missing, extra or mistyped members.
struct ObjectReader {
    let members: [String: JSONValue]
    let path: String

    init(_ value: JSONValue, path: String) throws(LedgerFormatError) {
        guard case .object(let members) = value else { throw LedgerFormatError(path, "must be an object") }
        self.members = members
        self.path = path
    }

    func requireOnly(_ required: Set<String>, optional: Set<String> = []) throws(LedgerFormatError) {
        for name in required where members[name] == nil {
            throw LedgerFormatError(path, "member \"\(name)\" is missing")
        }
        for name in members.keys.sorted() where !required.contains(name) && !optional.contains(name) {
            throw LedgerFormatError(path, "unexpected member \"\(name)\"")
        }
    }

    private func location(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    func string(_ name: String) throws(LedgerFormatError) -> String {
        guard let text = members[name]?.stringValue else {
            throw LedgerFormatError(location(name), "must be a string")
        }
        return text
    }

    func object(_ name: String) throws(LedgerFormatError) -> JSONValue {
        guard let value = members[name], case .object = value else {
            throw LedgerFormatError(location(name), "must be an object")
        }
        return value
    }

    func parsed<T>(_ name: String, as what: String, _ parse: (String) -> T?) throws(LedgerFormatError) -> T {
        let text = try string(name)
        guard let value = parse(text) else { throw LedgerFormatError(location(name), "is not a valid \(what)") }
        return value
    }

    func text(_ name: String) throws(LedgerFormatError) -> String {
        let text = try string(name)
        guard !text.isEmpty, text.unicodeScalars.count <= 500 else {
            throw LedgerFormatError(location(name), "must be 1 to 500 characters")
        }
        return text
    }
}
