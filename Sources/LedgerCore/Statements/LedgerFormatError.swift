/// Why bytes or a JSON value are not a well-formed statement, entry or control payload.
public struct LedgerFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is, as a path such as `statement.payload.authority.keyId`.
    public var path: String
    /// What is wrong there.
    public var detail: String
    /// The stable code of a refusal that rules beyond the format give a name of their own (the
    /// appraisal's `text-control-character`); nil for a malformed payload as such.
    public var reason: String?

    public init(_ path: String, _ detail: String, reason: String? = nil) {
        self.path = path
        self.detail = detail
        self.reason = reason
    }

    public var description: String { path.isEmpty ? detail : "\(path): \(detail)" }
}

/// Reads the members of one JSON object, refusing missing, extra or mistyped members. Shared with
/// the appraisal rules, which read domain payloads the same way.
package struct ObjectReader {
    package let members: [String: JSONValue]
    package let path: String

    package init(_ value: JSONValue, path: String) throws(LedgerFormatError) {
        guard case .object(let members) = value else { throw LedgerFormatError(path, "must be an object") }
        self.members = members
        self.path = path
    }

    /// Refuses a missing required member, or a member that is neither required nor optional.
    /// The names are few, so arrays serve: every payload a fold decodes passes through here.
    package func requireOnly(_ required: [String], optional: [String] = []) throws(LedgerFormatError) {
        for name in required where members[name] == nil {
            throw LedgerFormatError(path, "member \"\(name)\" is missing")
        }
        // Every required member is there; when the optional ones present make up the rest, there
        // is nothing extra (names are unique in both lists and in the object).
        let optionalPresent = optional.reduce(0) { $0 + (members[$1] == nil ? 0 : 1) }
        guard members.count != required.count + optionalPresent else { return }
        for name in members.keys.sorted() where !required.contains(name) && !optional.contains(name) {
            throw LedgerFormatError(path, "unexpected member \"\(name)\"")
        }
    }

    package func location(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    package func string(_ name: String) throws(LedgerFormatError) -> String {
        guard let text = members[name]?.stringValue else {
            throw LedgerFormatError(location(name), "must be a string")
        }
        return text
    }

    package func object(_ name: String) throws(LedgerFormatError) -> JSONValue {
        guard let value = members[name], case .object = value else {
            throw LedgerFormatError(location(name), "must be an object")
        }
        return value
    }

    package func parsed<T>(_ name: String, as what: String, _ parse: (String) -> T?) throws(LedgerFormatError) -> T {
        let text = try string(name)
        guard let value = parse(text) else { throw LedgerFormatError(location(name), "is not a valid \(what)") }
        return value
    }

    package func text(_ name: String, maxLength: Int = 500) throws(LedgerFormatError) -> String {
        let text = try string(name)
        guard !text.isEmpty, text.unicodeScalars.count <= maxLength else {
            throw LedgerFormatError(location(name), "must be 1 to \(maxLength) characters")
        }
        return text
    }
}

extension ObjectReader {
    /// The member's value, which must be present.
    package func value(_ name: String) throws(LedgerFormatError) -> JSONValue {
        guard let value = members[name] else { throw LedgerFormatError(location(name), "is missing") }
        return value
    }

    /// A reader for the object member `name`.
    package func reader(_ name: String) throws(LedgerFormatError) -> ObjectReader {
        try ObjectReader(try object(name), path: location(name))
    }

    /// An integer within `range`.
    package func int(_ name: String, in range: ClosedRange<Int64>) throws(LedgerFormatError) -> Int64 {
        guard case .int(let number) = members[name] else {
            throw LedgerFormatError(location(name), "must be an integer")
        }
        guard range.contains(number) else {
            throw LedgerFormatError(location(name), "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// A boolean.
    package func bool(_ name: String) throws(LedgerFormatError) -> Bool {
        guard case .bool(let flag) = members[name] else {
            throw LedgerFormatError(location(name), "must be true or false")
        }
        return flag
    }

    /// The elements of an array member, each with its path (`name[i]`).
    package func array(_ name: String, nonEmpty: Bool = false) throws(LedgerFormatError) -> [(JSONValue, String)] {
        guard case .array(let elements) = members[name] else {
            throw LedgerFormatError(location(name), "must be an array")
        }
        if nonEmpty, elements.isEmpty { throw LedgerFormatError(location(name), "must not be empty") }
        return elements.enumerated().map { ($1, "\(location(name))[\($0)]") }
    }

    /// A text member when present.
    package func optionalText(_ name: String, maxLength: Int = 500) throws(LedgerFormatError) -> String? {
        members[name] == nil ? nil : try text(name, maxLength: maxLength)
    }

    /// A string member parsed when present.
    package func optionalParsed<T>(
        _ name: String,
        as what: String,
        _ parse: (String) -> T?
    ) throws(LedgerFormatError) -> T? {
        members[name] == nil ? nil : try parsed(name, as: what, parse)
    }
}
