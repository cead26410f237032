extension Entry {
    /// What a fold needs of an entry, read from its canonical bytes by their fixed layout
    /// (FORMAT.md §6: `prev, recordedAt, seq, signature, statement`, and in the statement `actor,
    /// claimedAt, ledger, payload, statementId, type`), without scanning the payload or decoding
    /// the signature. A projection re-reads every entry on each rebuild; the bytes were checked
    /// when the store appended them, and `verify` is what checks them again.
    public struct Envelope: Sendable {
        public let seq: Int
        public let recordedAt: Timestamp
        public let statementID: StatementID
        /// Where the event type's text lies in the entry bytes.
        public let typeRange: Range<Int>
        /// Where the payload object lies in the entry bytes.
        public let payloadRange: Range<Int>
        /// SHA-256(0x00 ‖ bytes): the chain link and the Merkle leaf.
        public let hash: SHA256Hash
    }

    /// The envelope of canonical entry bytes; nil when they do not have the canonical layout
    /// (then `Entry(bytes:)` says what is wrong with them).
    public static func envelope(of bytes: [UInt8]) -> Envelope? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = LayoutReader(bytes: buffer)
            guard reader.literal(#"{"prev":""#), reader.skip(64), reader.literal(#"","recordedAt":""#),
                let recordedAtText = reader.text(count: 24), let recordedAt = Timestamp(text: recordedAtText),
                reader.literal(#"","seq":"#), let seq = reader.integer(), reader.literal(#","signature":""#),
                reader.skip(88), reader.literal(#"","statement":{"actor":""#), reader.skip(64),
                reader.literal(#"","claimedAt":""#), reader.skip(24), reader.literal(#"","ledger":""#),
                reader.skipString(), reader.literal(#","payload":{"#)
            else { return nil }
            let payloadStart = reader.index - 1
            // From the end: `,"statementId":"<36>","type":"<type>"}}`; a type has no quote.
            var typeStart = buffer.count - 3
            guard typeStart > payloadStart, buffer[typeStart] == UInt8(ascii: "\""),
                buffer[typeStart + 1] == UInt8(ascii: "}"), buffer[typeStart + 2] == UInt8(ascii: "}")
            else { return nil }
            let typeEnd = typeStart
            while typeStart > payloadStart, buffer[typeStart - 1] != UInt8(ascii: "\"") { typeStart -= 1 }
            let idStart = typeStart - 10 - 36
            let payloadEnd = idStart - 16
            var idMember = LayoutReader(bytes: buffer, index: payloadEnd)
            var typeMember = LayoutReader(bytes: buffer, index: idStart + 36)
            guard payloadEnd > payloadStart, buffer[payloadEnd - 1] == UInt8(ascii: "}"),
                idMember.literal(#","statementId":""#), typeMember.literal(#"","type":""#),
                let statementID = StatementID(utf8: buffer[idStart..<(idStart + 36)])
            else { return nil }
            return Envelope(
                seq: seq,
                recordedAt: recordedAt,
                statementID: statementID,
                typeRange: typeStart..<typeEnd,
                payloadRange: payloadStart..<payloadEnd,
                hash: hash(of: bytes)
            )
        }
    }

    /// Reads fixed tokens from the front of entry bytes.
    private struct LayoutReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, index: Int = 0) {
            self.bytes = bytes
            self.index = index
        }

        mutating func literal(_ text: StaticString) -> Bool {
            guard bytes.hasLiteral(text, at: index) else { return false }
            index += text.utf8CodeUnitCount
            return true
        }

        mutating func skip(_ count: Int) -> Bool {
            guard bytes.count - index >= count else { return false }
            index += count
            return true
        }

        mutating func text(count: Int) -> String? {
            guard bytes.count - index >= count else { return nil }
            defer { index += count }
            return String(decoding: bytes[index..<(index + count)], as: UTF8.self)
        }

        /// A non-negative integer.
        mutating func integer() -> Int? {
            var value = 0
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9"),
                index - start < 16
            {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            return index > start ? value : nil
        }

        /// The rest of a string whose opening quote was read, up to and including its closing one
        /// (a ledger id has no escapes).
        mutating func skipString() -> Bool {
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") { return true }
                if byte == UInt8(ascii: "\\") { return false }
            }
            return false
        }
    }
}
