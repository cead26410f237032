/// The members of a canonical JSON object whose values are all plain: strings without escapes,
/// integers, booleans, null, or objects of such values (one level down). Read in one pass
/// without building a value tree, for the payloads a fold decodes by the hundred thousand (a
/// self-score, an appraisal, a piece of evidence); anything else — an array, deeper nesting, an
/// escape, text not in NFC, an integer out of range — gives no flat object, and the caller
/// decodes the general way.
package struct FlatObject {
    package enum Value {
        case string(String)
        case int(Int64)
        case bool(Bool)
        case null
        case object(FlatObject)
    }

    /// The members in the order they stand (canonical order, when the bytes are canonical).
    package private(set) var members: [(name: String, value: Value)] = []

    package init?(_ bytes: ArraySlice<UInt8>) {
        var index = bytes.startIndex
        guard let object = Self.object(bytes, at: &index, nested: false), index == bytes.endIndex else { return nil }
        self = object
    }

    private init(members: [(name: String, value: Value)]) { self.members = members }

    /// The object starting at `index`, which ends just past it; nil when it is not flat.
    private static func object(_ bytes: ArraySlice<UInt8>, at start: inout Int, nested: Bool) -> FlatObject? {
        var index = start
        var members: [(name: String, value: Value)] = []
        defer { start = index }
        func plainString() -> (text: String, ascii: Bool)? {
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let start = index + 1
            var ascii = true
            index = start
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let content = bytes[start..<index]
                    index += 1
                    if ascii { return (String(decoding: content, as: UTF8.self), true) }
                    guard let text = String(validating: content, as: UTF8.self), CanonicalJSON.isNFC(text) else {
                        return nil
                    }
                    return (text, false)
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                if byte >= 0x80 { ascii = false }
                index += 1
            }
            return nil
        }
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return FlatObject(members: members)
        }
        while true {
            guard let name = plainString(), index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") else {
                return nil
            }
            index += 1
            guard index < bytes.endIndex else { return nil }
            let value: Value
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard let text = plainString() else { return nil }
                value = .string(text.text)
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let rest = bytes[index...]
                if rest.starts(with: "true".utf8) {
                    value = .bool(true)
                    index += 4
                } else if rest.starts(with: "false".utf8) {
                    value = .bool(false)
                    index += 5
                } else if rest.starts(with: "null".utf8) {
                    value = .null
                    index += 4
                } else {
                    return nil
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                if bytes[index] == UInt8(ascii: "-") { index += 1 }
                while index < bytes.endIndex, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    index += 1
                }
                guard let number = Int64(String(decoding: bytes[start..<index], as: UTF8.self)),
                    number.magnitude <= JSONValue.maxSafeInteger.magnitude,
                    String(number).utf8.elementsEqual(bytes[start..<index])  // no leading zeros, no -0
                else { return nil }
                value = .int(number)
            case UInt8(ascii: "{") where !nested:
                guard let inner = object(bytes, at: &index, nested: true) else { return nil }
                value = .object(inner)
            default:
                return nil
            }
            members.append((name.text, value))
            guard index < bytes.endIndex else { return nil }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return FlatObject(members: members)
            }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
    }

    /// The members' names, in order.
    package var names: [String] { members.map(\.name) }
}
