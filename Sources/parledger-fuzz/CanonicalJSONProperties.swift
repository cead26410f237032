import LedgerCore

/// The canonical JSON of FORMAT.md §2, read four ways that must agree.
enum CanonicalJSONProperties {
    static func check(_ bytes: [UInt8]) {
        let parsed = try? CanonicalJSON.parse(bytes)
        let scanned = CanonicalJSON.scanCanonical(bytes) != nil
        guard let parsed else {
            FuzzFinding.require(!scanned, "the canonical scanner accepts what the parser refuses")
            FuzzFinding.require(!CanonicalJSON.isCanonical(bytes), "isCanonical accepts what the parser refuses")
            return
        }
        // Encoding is a fixed point: the canonical bytes parse back to the same value and encode alike.
        let canonical = CanonicalJSON.encode(parsed)
        guard let reparsed = try? CanonicalJSON.parse(canonical) else {
            FuzzFinding.fail("the canonical form of a parsed value does not parse")
        }
        FuzzFinding.require(reparsed == parsed, "the canonical form parses to another value")
        FuzzFinding.require(CanonicalJSON.encode(reparsed) == canonical, "encoding is not idempotent")
        FuzzFinding.require((try? CanonicalJSON.validate(parsed)) != nil, "a parsed value does not validate")
        FuzzFinding.require(CanonicalJSON.scanCanonical(canonical) != nil, "the scanner refuses canonical bytes")
        FuzzFinding.require(CanonicalJSON.isCanonical(canonical), "isCanonical refuses canonical bytes")
        // The scanner says "canonical" exactly when the bytes are their own canonical form.
        FuzzFinding.require(scanned == (bytes == canonical), "the scanner and parse-and-encode disagree")
        checkFlat(bytes, parsed)
        checkInserting(canonical, parsed)
    }

    /// Where `FlatObject` reads the bytes, it reads the parser's value.
    private static func checkFlat(_ bytes: [UInt8], _ parsed: JSONValue) {
        guard let flat = FlatObject(bytes[...]) else { return }
        guard let value = json(flat) else { return }  // a repeated name: the parser refused it or kept one
        FuzzFinding.require(value == parsed, "FlatObject and the parser read different values")
    }

    /// A member inserted into a canonical object leaves canonical bytes holding the member.
    private static func checkInserting(_ canonical: [UInt8], _ parsed: JSONValue) {
        guard case .object(let members) = parsed else { return }
        for name in ["", "a", "payload", "zz", "\u{1EA1}", "\u{1F600}"] {
            let inserted = CanonicalJSON.inserting(name, .int(7), into: canonical)
            guard members[name] == nil else {
                FuzzFinding.require(inserted == nil, "inserting replaced an existing member")
                continue
            }
            guard let inserted else { FuzzFinding.fail("inserting refused a canonical object") }
            var expected = members
            expected[name] = .int(7)
            FuzzFinding.require(
                inserted == CanonicalJSON.encode(.object(expected)),
                "inserting did not give the canonical bytes of the object with the member"
            )
        }
    }

    /// The flat value as a `JSONValue`; nil when an object repeats a name.
    static func json(_ flat: FlatObject) -> JSONValue? {
        var members: [String: JSONValue] = [:]
        for (name, value) in flat.members {
            guard members[name] == nil, let converted = json(value) else { return nil }
            members[name] = converted
        }
        return .object(members)
    }

    private static func json(_ value: FlatObject.Value) -> JSONValue? {
        switch value {
        case .string(let text): return .string(text)
        case .int(let number): return .int(number)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .object(let object): return json(object)
        case .array(let elements):
            var converted: [JSONValue] = []
            for element in elements {
                guard let value = json(element) else { return nil }
                converted.append(value)
            }
            return .array(converted)
        }
    }
}
