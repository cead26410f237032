/// Standard padded base64 (RFC 4648 §4), decoded strictly: only the one canonical spelling of
/// given bytes is accepted (padding present, unused bits zero), so two different texts never
/// stand for the same signature or key. Written out because every entry carries a signature and
/// Foundation's `Data` round trip costs more than the rest of decoding the entry.
public enum Base64: Sendable {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = UInt8(index) }
        return table
    }()

    /// Encodes bytes as standard padded base64.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index < input.count {
            let remaining = input.count - index
            let first = input[index]
            let second = remaining > 1 ? input[index + 1] : 0
            let third = remaining > 2 ? input[index + 2] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
            output.append(remaining > 1 ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : UInt8(ascii: "="))
            output.append(remaining > 2 ? alphabet[Int(third & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes canonical standard base64; nil for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode($0) }
    }

    /// Decodes canonical standard base64 from its UTF-8 bytes. Every entry's signature goes
    /// through here, so it writes straight into the output, with no array per group of four.
    static func decode(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard input.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 * 3)
        var index = 0
        while index < input.count {
            let isLast = index + 4 == input.count
            let padding =
                isLast
                ? (input[index + 3] == UInt8(ascii: "=") ? (input[index + 2] == UInt8(ascii: "=") ? 2 : 1) : 0) : 0
            var quad: UInt32 = 0
            for offset in 0..<(4 - padding) {
                let value = values[Int(input[index + offset])]
                guard value != 0xFF else { return nil }
                quad = quad << 6 | UInt32(value)
            }
            quad <<= 6 * UInt32(padding)
            let first = UInt8(truncatingIfNeeded: quad >> 16)
            let second = UInt8(truncatingIfNeeded: quad >> 8)
            let third = UInt8(truncatingIfNeeded: quad)
            // Unused bits of the last symbol must be zero: otherwise two texts decode alike.
            if padding == 2, second != 0 || third != 0 { return nil }
            if padding == 1, third != 0 { return nil }
            output.append(first)
            if padding < 2 { output.append(second) }
            if padding < 1 { output.append(third) }
            index += 4
        }
        return output
    }
}
