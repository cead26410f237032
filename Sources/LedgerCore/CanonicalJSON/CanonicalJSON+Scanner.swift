extension CanonicalJSON {
    /// A member of an object found by `scanCanonical`: where its value lies in the bytes.
    package struct ScannedMember {
        /// The index, in the scanned list, of the member whose object value holds this member; nil
        /// for the members of the top-level object.
        let parent: Int?
        /// The raw content of the member's name, between its quotes.
        let nameRange: Range<Int>
        /// True when the name contains an escape, so its raw bytes are not its text.
        let nameEscaped: Bool
        var valueRange: Range<Int>
    }

    /// Checks that bytes are *exactly* canonical, without building a value tree: no whitespace,
    /// canonical escapes and integers, keys in strictly increasing UTF-16 order (so no
    /// duplicates), NFC text. Returns the members of the top-level object and of the objects
    /// directly inside it, or nil when the bytes are not canonical (the full parser then says why).
    ///
    /// This is the verifier's hot path: one pass over an entry instead of parse-and-re-encode.
    package static func scanCanonical(_ bytes: [UInt8]) -> [ScannedMember]? {
        guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
        var scanner = Scanner(bytes: bytes)
        guard scanner.value(depth: 0, parent: nil), scanner.index == bytes.count else { return nil }
        return scanner.members
    }

    /// The text of a scanned member name (its raw content between quotes).
    static func decodedName(_ bytes: [UInt8], _ range: Range<Int>, escaped: Bool) -> String {
        guard escaped else { return String(decoding: bytes[range], as: UTF8.self) }
        let quoted = Array(bytes[(range.lowerBound - 1)..<(range.upperBound + 1)])
        return (try? CanonicalJSON.parse(quoted))?.stringValue ?? ""
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var members: [ScannedMember] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
            // An entry has 11 members at these depths (FORMAT.md §6): one allocation, not five
            // as the list doubles, for every entry a verify reads.
            members.reserveCapacity(16)
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func value(depth: Int, parent: Int?) -> Bool {
            guard let byte = current else { return false }
            switch byte {
            case UInt8(ascii: "{"): return object(depth: depth + 1, parent: parent)
            case UInt8(ascii: "["): return array(depth: depth + 1)
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
            default: return false
            }
        }

        mutating func literal(_ text: StaticString) -> Bool {
            guard bytes.hasLiteral(text, at: index) else { return false }
            index += text.utf8CodeUnitCount
            return true
        }

        mutating func integer() -> Bool {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            let digitsStart = index
            guard let first = current, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return false }
            index += 1
            if first != UInt8(ascii: "0") {
                while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
            } else if index - start == 2 {
                return false  // -0
            }
            let digits = index - digitsStart
            guard digits <= 16 else { return false }
            if digits == 16 {
                var magnitude: Int64 = 0
                for byte in bytes[digitsStart..<index] { magnitude = magnitude * 10 + Int64(byte - UInt8(ascii: "0")) }
                guard magnitude <= JSONValue.maxSafeInteger else { return false }
            }
            return true
        }

        /// Scans a canonical string; returns the range of its raw content, or nil.
        mutating func string() -> Range<Int>? {
            index += 1
            let start = index
            var nonASCII = false
            var escaped = false
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""):
                    let range = start..<index
                    index += 1
                    if nonASCII, !CanonicalJSON.isNFC(rawString: bytes[range], escaped: escaped) { return nil }
                    return range
                case UInt8(ascii: "\\"):
                    escaped = true
                    guard canonicalEscape() else { return nil }
                case 0x00..<0x20:
                    return nil
                default:
                    if byte >= 0x80 { nonASCII = true }
                    index += 1
                }
            }
            return nil
        }

        /// Only the escapes §2.2 writes: \" \\ \b \t \n \f \r, and \u00xx (lowercase) for other controls.
        mutating func canonicalEscape() -> Bool {
            guard index + 1 < bytes.count else { return false }
            switch bytes[index + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"),
                UInt8(ascii: "f"), UInt8(ascii: "r"):
                index += 2
                return true
            case UInt8(ascii: "u"):
                guard index + 5 < bytes.count, bytes[index + 2] == UInt8(ascii: "0"),
                    bytes[index + 3] == UInt8(ascii: "0")
                else { return false }
                let high = bytes[index + 4]
                let low = bytes[index + 5]
                let lowIsHex =
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(low)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(low)
                guard high == UInt8(ascii: "0") || high == UInt8(ascii: "1"), lowIsHex else { return false }
                let value =
                    (high - UInt8(ascii: "0")) * 16
                    + (low <= UInt8(ascii: "9") ? low - UInt8(ascii: "0") : low - UInt8(ascii: "a") + 10)
                // Controls with a short form must use it.
                guard ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(value) else { return false }
                index += 6
                return true
            default:
                return false
            }
        }

        mutating func array(depth: Int) -> Bool {
            guard depth <= CanonicalJSON.maxDepth else { return false }
            index += 1
            if current == UInt8(ascii: "]") {
                index += 1
                return true
            }
            while true {
                guard value(depth: depth, parent: nil) else { return false }
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return true
                default: return false
                }
            }
        }

        mutating func object(depth: Int, parent: Int?) -> Bool {
            guard depth <= CanonicalJSON.maxDepth else { return false }
            index += 1
            if current == UInt8(ascii: "}") {
                index += 1
                return true
            }
            var previous: Range<Int>?
            var previousEscaped = false
            while true {
                guard current == UInt8(ascii: "\""), let name = string() else { return false }
                let nameEscaped = bytes[name].contains(UInt8(ascii: "\\"))
                if let previous {
                    guard precedes(previous, previousEscaped, name, nameEscaped) else { return false }
                }
                previous = name
                previousEscaped = nameEscaped
                guard current == UInt8(ascii: ":") else { return false }
                index += 1
                let valueStart = index
                // Members are recorded for the top-level object and the objects directly inside it.
                var recorded: Int?
                if depth <= 2 {
                    recorded = members.count
                    members.append(
                        ScannedMember(
                            parent: parent,
                            nameRange: name,
                            nameEscaped: nameEscaped,
                            valueRange: valueStart..<valueStart
                        )
                    )
                }
                guard value(depth: depth, parent: depth < 2 ? recorded : nil) else { return false }
                if let recorded { members[recorded].valueRange = valueStart..<index }
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return true
                default: return false
                }
            }
        }

        func decodedName(_ range: Range<Int>, _ escaped: Bool) -> String {
            CanonicalJSON.decodedName(bytes, range, escaped: escaped)
        }

        /// Strictly increasing UTF-16 order; raw byte order is the same for ASCII names.
        func precedes(_ left: Range<Int>, _ leftEscaped: Bool, _ right: Range<Int>, _ rightEscaped: Bool) -> Bool {
            let leftBytes = bytes[left]
            let rightBytes = bytes[right]
            if !leftEscaped, !rightEscaped, leftBytes.allSatisfy({ $0 < 0x80 }), rightBytes.allSatisfy({ $0 < 0x80 }) {
                return leftBytes.lexicographicallyPrecedes(rightBytes)
            }
            let leftName = decodedName(left, leftEscaped)
            let rightName = decodedName(right, rightEscaped)
            return CanonicalJSON.precedes(leftName, rightName)
        }
    }
}
