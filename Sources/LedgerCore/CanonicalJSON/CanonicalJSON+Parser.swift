extension CanonicalJSON {
    /// A strict RFC 8259 parser that applies the restrictions of FORMAT.md §2.1 as it reads.
    struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func parseDocument() throws(CanonicalJSONError) -> JSONValue {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                throw CanonicalJSONError(.utf8, at: 0, "a byte order mark is not allowed")
            }
            if String(validating: bytes, as: UTF8.self) == nil {
                throw CanonicalJSONError(.utf8, at: firstInvalidUTF8Offset(), "bytes are not well-formed UTF-8")
            }
            skipWhitespace()
            let value = try parseValue(depth: 0)
            skipWhitespace()
            guard index == bytes.count else { throw fault(.syntax, "text after the JSON value") }
            return value
        }

        private func fault(_ reason: CanonicalJSONError.Reason, _ detail: String) -> CanonicalJSONError {
            CanonicalJSONError(reason, at: index, detail)
        }

        private func firstInvalidUTF8Offset() -> Int {
            var parser = Unicode.UTF8.ForwardParser()
            var iterator = bytes.makeIterator()
            var offset = 0
            while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid(let encoded): offset += encoded.count
                case .emptyInput, .error: return offset
                }
            }
        }

        private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            }
        }

        private mutating func expect(_ literal: String, _ value: JSONValue) throws(CanonicalJSONError) -> JSONValue {
            let expected = Array(literal.utf8)
            guard bytes.count - index >= expected.count,
                bytes[index..<(index + expected.count)].elementsEqual(expected)
            else { throw fault(.syntax, "unexpected token") }
            index += expected.count
            return value
        }

        private mutating func parseValue(depth: Int) throws(CanonicalJSONError) -> JSONValue {
            guard let byte = current else { throw fault(.syntax, "unexpected end of input") }
            switch byte {
            case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
            case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): return try expect("true", .bool(true))
            case UInt8(ascii: "f"): return try expect("false", .bool(false))
            case UInt8(ascii: "n"): return try expect("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default: throw fault(.syntax, "unexpected character")
            }
        }

        private mutating func parseObject(depth: Int) throws(CanonicalJSONError) -> JSONValue {
            guard depth <= CanonicalJSON.maxDepth else {
                throw fault(.syntax, "nesting deeper than \(CanonicalJSON.maxDepth)")
            }
            index += 1
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw fault(.syntax, "expected a member name") }
                let nameOffset = index
                let name = try parseString()
                if members[name] != nil {
                    throw CanonicalJSONError(.duplicate, at: nameOffset, "duplicate member \"\(name)\"")
                }
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw fault(.syntax, "expected ':'") }
                index += 1
                skipWhitespace()
                members[name] = try parseValue(depth: depth)
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return .object(members)
                default: throw fault(.syntax, "expected ',' or '}'")
                }
            }
        }

        private mutating func parseArray(depth: Int) throws(CanonicalJSONError) -> JSONValue {
            guard depth <= CanonicalJSON.maxDepth else {
                throw fault(.syntax, "nesting deeper than \(CanonicalJSON.maxDepth)")
            }
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return .array(elements)
                default: throw fault(.syntax, "expected ',' or ']'")
                }
            }
        }

        private mutating func parseString() throws(CanonicalJSONError) -> String {
            let start = index
            // Most strings hold no escape: their text is their bytes, taken as they stand rather
            // than gathered byte by byte (every payload a fold decodes comes through here).
            var end = start + 1
            var plainNonASCII = false
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"),
                bytes[end] >= 0x20
            {
                if bytes[end] >= 0x80 { plainNonASCII = true }
                end += 1
            }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
                if plainNonASCII, !CanonicalJSON.isNFC(text) {
                    throw CanonicalJSONError(.nfc, at: start, "text is not in Unicode NFC")
                }
                index = end + 1
                return text
            }
            index += 1
            var scalars: [UInt8] = []
            var sawNonASCII = false
            while true {
                guard let byte = current else { throw fault(.syntax, "unterminated string") }
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    let text = String(decoding: scalars, as: UTF8.self)
                    if sawNonASCII, !CanonicalJSON.isNFC(text) {
                        throw CanonicalJSONError(.nfc, at: start, "text is not in Unicode NFC")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    index += 1
                    let scalar = try parseEscape()
                    if scalar.value >= 0x80 { sawNonASCII = true }
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                case 0x00..<0x20:
                    throw fault(.syntax, "a control character must be escaped in a string")
                default:
                    if byte >= 0x80 { sawNonASCII = true }
                    scalars.append(byte)
                    index += 1
                }
            }
        }

        private mutating func parseEscape() throws(CanonicalJSONError) -> Unicode.Scalar {
            guard let byte = current else { throw fault(.syntax, "unterminated escape") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                let escapeStart = index - 2
                let unit = try parseHex4()
                switch unit {
                case 0xD800...0xDBFF:
                    guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                    else { throw CanonicalJSONError(.surrogate, at: escapeStart, "lone high surrogate") }
                    index += 2
                    let low = try parseHex4()
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw CanonicalJSONError(.surrogate, at: escapeStart, "high surrogate without a low one")
                    }
                    let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    guard let scalar = Unicode.Scalar(value) else {
                        throw CanonicalJSONError(.surrogate, at: escapeStart, "invalid surrogate pair")
                    }
                    return scalar
                case 0xDC00...0xDFFF:
                    throw CanonicalJSONError(.surrogate, at: escapeStart, "lone low surrogate")
                default:
                    guard let scalar = Unicode.Scalar(UInt32(unit)) else {
                        throw CanonicalJSONError(.surrogate, at: escapeStart, "invalid escape")
                    }
                    return scalar
                }
            default:
                throw fault(.syntax, "invalid escape")
            }
        }

        private mutating func parseHex4() throws(CanonicalJSONError) -> UInt16 {
            guard bytes.count - index >= 4 else { throw fault(.syntax, "truncated \\u escape") }
            var value: UInt16 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw fault(.syntax, "invalid hex digit in \\u escape")
                }
                value = value << 4 | UInt16(digit)
                index += 1
            }
            return value
        }

        private static func isDigit(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }

        private mutating func parseNumber() throws(CanonicalJSONError) -> JSONValue {
            let start = index
            var negative = false
            if current == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            let digitsStart = index
            guard Self.isDigit(current) else { throw fault(.syntax, "expected a digit") }
            if current == UInt8(ascii: "0") {
                index += 1
                if Self.isDigit(current) { throw fault(.syntax, "leading zeros are not allowed") }
            } else {
                while Self.isDigit(current) { index += 1 }
            }
            let digitsEnd = index
            var isFloat = false
            if current == UInt8(ascii: ".") {
                index += 1
                guard Self.isDigit(current) else { throw fault(.syntax, "expected a digit after '.'") }
                while Self.isDigit(current) { index += 1 }
                isFloat = true
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard Self.isDigit(current) else { throw fault(.syntax, "expected a digit in the exponent") }
                while Self.isDigit(current) { index += 1 }
                isFloat = true
            }
            if isFloat {
                throw CanonicalJSONError(.float, at: start, "only integers are allowed, not fractions or exponents")
            }
            let digits = bytes[digitsStart..<digitsEnd]
            if negative, digits.elementsEqual([UInt8(ascii: "0")]) {
                throw CanonicalJSONError(.float, at: start, "-0 is not an integer")
            }
            guard digits.count <= 16 else {
                throw CanonicalJSONError(.range, at: start, "integer exceeds 2^53 − 1")
            }
            var magnitude: Int64 = 0
            for digit in digits { magnitude = magnitude * 10 + Int64(digit - UInt8(ascii: "0")) }
            guard magnitude <= JSONValue.maxSafeInteger else {
                throw CanonicalJSONError(.range, at: start, "integer exceeds 2^53 − 1")
            }
            return .int(negative ? -magnitude : magnitude)
        }
    }
}
