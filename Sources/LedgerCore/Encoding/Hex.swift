/// Lowercase hexadecimal, the form every hash takes in the ledger.
public enum Hex: Sendable {
    /// The lowercase digits, by value.
    static let digits = Array("0123456789abcdef".utf8)

    /// Encodes bytes as lowercase hex.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes lowercase hex; nil for odd length, uppercase or any other character.
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { characters -> [UInt8]? in
            guard characters.count % 2 == 0 else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(characters.count / 2)
            var index = 0
            while index < characters.count {
                guard let high = value(characters[index]), let low = value(characters[index + 1]) else { return nil }
                output.append(high << 4 | low)
                index += 2
            }
            return output
        }
    }

    /// The value of one lowercase hex digit.
    static func value(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
