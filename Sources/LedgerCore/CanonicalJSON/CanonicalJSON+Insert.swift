extension CanonicalJSON {
    /// The canonical bytes of a canonical object with one more member, put where canonical order
    /// (UTF-16 code units of the names) puts it, without decoding the object into values: how a
    /// kept answer of hundreds of kilobytes is sealed for the moment it is asked about. Nil when
    /// `object` is not a canonical JSON object, already has that member, or the value is not
    /// encodable.
    public static func inserting(_ name: String, _ value: JSONValue, into object: [UInt8]) -> [UInt8]? {
        guard object.first == UInt8(ascii: "{"), let members = scanCanonical(object),
            (try? validate(.object([name: value]))) != nil
        else { return nil }
        // `{"name":value}` without its braces: the member as it will stand.
        let member = encode(.object([name: value])).dropFirst().dropLast()
        var position = object.count - 1
        var isLast = true
        for scanned in members where scanned.parent == nil {
            let existing = decodedName(object, scanned.nameRange, escaped: scanned.nameEscaped)
            if existing == name { return nil }
            if name.utf16.lexicographicallyPrecedes(existing.utf16) {
                position = scanned.nameRange.lowerBound - 1  // its opening quote
                isLast = false
                break
            }
        }
        let isEmpty = !members.contains { $0.parent == nil }
        var output: [UInt8] = []
        output.reserveCapacity(object.count + member.count + 1)
        output.append(contentsOf: object[..<position])
        if isLast, !isEmpty { output.append(UInt8(ascii: ",")) }
        output.append(contentsOf: member)
        if !isLast { output.append(UInt8(ascii: ",")) }
        output.append(contentsOf: object[position...])
        return output
    }
}
