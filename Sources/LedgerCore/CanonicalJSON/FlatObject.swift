/// The members of a canonical JSON object whose values are all plain: strings without escapes,
/// integers, booleans, null, and arrays and objects of such values, a few levels down. Read in
/// one pass without building a value tree or hashing a single key, for the payloads a fold decodes
/// by the hundred thousand (a self-score, an appraisal, a piece of evidence, a survey batch's
/// forms); anything else — deeper nesting, an escape, text not in NFC, an integer out of range —
/// gives no flat object, and the caller decodes the general way.
package struct FlatObject {
    package enum Value {
        case string(String)
        case int(Int64)
        case bool(Bool)
        case null
        case object(FlatObject)
        case array([Value])
    }

    /// The members in the order they stand (canonical order, when the bytes are canonical).
    package private(set) var members: [(name: String, value: Value)] = []

    /// How deep values may nest below the outer object: a survey batch's answers stand at 3
    /// (payload → forms → form → answers).
    static let maxDepth = 3

    package init?(_ bytes: ArraySlice<UInt8>) {
        var parser = Parser(bytes: bytes, index: bytes.startIndex)
        guard let object = parser.object(depth: 0), parser.index == bytes.endIndex else { return nil }
        self = object
    }

    private init(members: [(name: String, value: Value)]) { self.members = members }

    /// A single pass over the bytes; each reader returns nil as soon as they are not flat.
    private struct Parser {
        let bytes: ArraySlice<UInt8>
        var index: Int

        var current: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

        /// The object starting at `index`, which ends just past it.
        mutating func object(depth: Int) -> FlatObject? {
            guard current == UInt8(ascii: "{") else { return nil }
            index += 1
            var members: [(name: String, value: Value)] = []
            if current == UInt8(ascii: "}") {
                index += 1
                return FlatObject(members: members)
            }
            while true {
                guard let name = plainString(), current == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = value(depth: depth) else { return nil }
                members.append((name, value))
                switch current {
                case UInt8(ascii: "}"):
                    index += 1
                    return FlatObject(members: members)
                case UInt8(ascii: ","): index += 1
                default: return nil
                }
            }
        }

        /// The value starting at `index`, a member or element of a value at `depth`.
        mutating func value(depth: Int) -> Value? {
            guard let first = current else { return nil }
            switch first {
            case UInt8(ascii: "\""):
                return plainString().map(Value.string)
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                return literal()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return integer().map(Value.int)
            case UInt8(ascii: "{") where depth < FlatObject.maxDepth:
                return object(depth: depth + 1).map(Value.object)
            case UInt8(ascii: "[") where depth < FlatObject.maxDepth:
                return array(depth: depth + 1)
            default:
                return nil
            }
        }

        mutating func array(depth: Int) -> Value? {
            index += 1
            var elements: [Value] = []
            if current == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                guard let element = value(depth: depth) else { return nil }
                elements.append(element)
                switch current {
                case UInt8(ascii: "]"):
                    index += 1
                    return .array(elements)
                case UInt8(ascii: ","): index += 1
                default: return nil
                }
            }
        }

        /// A string without escapes or control characters; text beyond ASCII must be valid
        /// UTF-8 in NFC.
        mutating func plainString() -> String? {
            guard current == UInt8(ascii: "\"") else { return nil }
            let start = index + 1
            var ascii = true
            index = start
            while let byte = current {
                if byte == UInt8(ascii: "\"") {
                    let content = bytes[start..<index]
                    index += 1
                    if ascii { return String(decoding: content, as: UTF8.self) }
                    guard let text = String(validating: content, as: UTF8.self), CanonicalJSON.isNFC(text) else {
                        return nil
                    }
                    return text
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                if byte >= 0x80 { ascii = false }
                index += 1
            }
            return nil
        }

        mutating func literal() -> Value? {
            let rest = bytes[index...]
            if rest.starts(with: "true".utf8) {
                index += 4
                return .bool(true)
            }
            if rest.starts(with: "false".utf8) {
                index += 5
                return .bool(false)
            }
            if rest.starts(with: "null".utf8) {
                index += 4
                return .null
            }
            return nil
        }

        /// An integer in canonical form (no leading zeros, no -0) within JSON's safe range.
        mutating func integer() -> Int64? {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
            guard let number = Int64(String(decoding: bytes[start..<index], as: UTF8.self)),
                number.magnitude <= JSONValue.maxSafeInteger.magnitude,
                String(number).utf8.elementsEqual(bytes[start..<index])
            else { return nil }
            return number
        }
    }

    /// The members' names, in order.
    package var names: [String] { members.map(\.name) }
}
