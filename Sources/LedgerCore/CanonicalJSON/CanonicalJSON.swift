import Foundation

/// The canonical JSON of events/FORMAT.md §2: RFC 8785 restricted to integers and NFC text.
///
/// Foundation's `JSONEncoder` is not used anywhere in signed data: its key order, its escaping
/// of `/` and its number formatting are not canonical.
public enum CanonicalJSON: Sendable {
    /// The deepest nesting of arrays and objects accepted.
    public static let maxDepth = 64

    /// Parses a JSON text, rejecting everything §2.1 rejects.
    public static func parse(_ bytes: [UInt8]) throws(CanonicalJSONError) -> JSONValue {
        var parser = Parser(bytes: bytes)
        return try parser.parseDocument()
    }

    /// Parses a JSON text given as a Swift string.
    public static func parse(_ text: String) throws(CanonicalJSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// The canonical bytes of a value (§2.2).
    ///
    /// The value must already satisfy §2.1 (NFC strings, safe integers); values built by `parse`
    /// always do, and `validate` checks values built in code.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        write(value, into: &output)
        return output
    }

    /// The canonical form of any acceptable JSON text.
    public static func canonicalize(_ bytes: [UInt8]) throws(CanonicalJSONError) -> [UInt8] {
        encode(try parse(bytes))
    }

    /// Whether the bytes are exactly the canonical form of what they encode.
    public static func isCanonical(_ bytes: [UInt8]) -> Bool {
        guard let canonical = try? canonicalize(bytes) else { return false }
        return canonical == bytes
    }

    /// Checks that a value built in code is encodable: NFC text and integers within 2^53 − 1.
    public static func validate(_ value: JSONValue) throws(CanonicalJSONError) {
        switch value {
        case .null, .bool: return
        case .int(let number):
            guard number.magnitude <= JSONValue.maxSafeInteger.magnitude else {
                throw CanonicalJSONError(.range, at: 0, "integer \(number) exceeds 2^53 − 1")
            }
        case .string(let text):
            try requireNFC(text, at: 0)
        case .array(let elements):
            for element in elements { try validate(element) }
        case .object(let members):
            for (name, member) in members {
                try requireNFC(name, at: 0)
                try validate(member)
            }
        }
    }

    static func requireNFC(_ text: String, at offset: Int) throws(CanonicalJSONError) {
        guard !isNFC(text) else { return }
        throw CanonicalJSONError(.nfc, at: offset, "text is not in Unicode NFC")
    }

    /// Whether text is in NFC. ASCII is, and so is text made only of scalars that are NFC
    /// whatever surrounds them (below U+0300, Latin Extended Additional U+1E00–U+1EFF, which
    /// holds Vietnamese's precomposed letters, and general punctuation U+2002–U+206F): none of
    /// these decomposes or combines. Anything else is compared with its NFC form byte for byte
    /// (Swift's `==` on strings is canonical equivalence, which would hide exactly the difference).
    static func isNFC(_ text: String) -> Bool {
        if text.unicodeScalars.allSatisfy(isAlwaysNFC) { return true }
        return text.precomposedStringWithCanonicalMapping.utf8.elementsEqual(text.utf8)
    }

    /// `isNFC` for the raw content of a canonical string (escapes are ASCII and never combine).
    /// The bytes must be well-formed UTF-8, as the scanner has checked.
    static func isNFC(rawString bytes: ArraySlice<UInt8>, escaped: Bool) -> Bool {
        if isAlwaysNFC(utf8: bytes) { return true }
        let text = String(decoding: bytes, as: UTF8.self)
        if !escaped { return isNFC(text) }
        let quoted = [UInt8(ascii: "\"")] + Array(bytes) + [UInt8(ascii: "\"")]
        guard let decoded = try? parse(quoted).stringValue else { return false }
        return isNFC(decoded)
    }

    /// `isAlwaysNFC` for every scalar of well-formed UTF-8, read from the bytes without building
    /// a string (the verifier's hot path). Lead byte below 0xCC: a scalar below U+0300;
    /// E1 B8–BB: U+1E00–U+1EFF; E2 80 82 … E2 81 AF: U+2002–U+206F.
    private static func isAlwaysNFC(utf8 bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            if lead < 0xCC {
                index += lead < 0x80 ? 1 : 2
                continue
            }
            guard lead == 0xE1 || lead == 0xE2, index + 2 < bytes.endIndex else { return false }
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            let always =
                lead == 0xE1
                ? (0xB8...0xBB).contains(second)
                : (second == 0x80 && third >= 0x82) || second == 0x81 && third <= 0xAF
            guard always else { return false }
            index += 3
        }
        return true
    }

    private static func isAlwaysNFC(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x300, 0x1E00...0x1EFF, 0x2002...0x206F: return true
        default: return false
        }
    }

    /// Orders member names by UTF-16 code units, as RFC 8785 §3.2.3 requires.
    static func precedes(_ left: String, _ right: String) -> Bool {
        left.utf16.lexicographicallyPrecedes(right.utf16)
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, name) in members.keys.sorted(by: precedes).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(name, into: &output)
                output.append(UInt8(ascii: ":"))
                if let member = members[name] { write(member, into: &output) }
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x00..<0x20:
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
