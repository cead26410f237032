/// A statement as the log appended it (FORMAT.md §6).
public struct Entry: Sendable, Hashable {
    /// The 0-based position.
    public let seq: Int
    /// The log's clock when it appended the entry.
    public let recordedAt: Timestamp
    /// The hash of entry `seq − 1`, or zero for the genesis entry.
    public let prev: SHA256Hash
    /// The signed statement.
    public let signed: SignedStatement
    /// The canonical entry bytes.
    public let bytes: [UInt8]
    /// SHA-256(0x00 ‖ bytes): the chain link and the Merkle leaf.
    public let hash: SHA256Hash

    /// The statement inside.
    public var statement: Statement { signed.statement }

    /// Builds the entry the log appends. The canonical bytes are assembled around the statement's
    /// (members in canonical order: `prev, recordedAt, seq, signature, statement`), none of whose
    /// other values needs escaping.
    public init(seq: Int, recordedAt: Timestamp, prev: SHA256Hash, signed: SignedStatement) {
        self.seq = seq
        self.recordedAt = recordedAt
        self.prev = prev
        self.signed = signed
        var bytes: [UInt8] = []
        bytes.reserveCapacity(signed.statement.canonicalBytes.count + 260)
        bytes.append(contentsOf: "{\"prev\":\"\(prev.hex)\",\"recordedAt\":\"\(recordedAt.text)\",\"seq\":\(seq),".utf8)
        bytes.append(contentsOf: "\"signature\":\"\(Base64.encode(signed.signature))\",\"statement\":".utf8)
        bytes.append(contentsOf: signed.statement.canonicalBytes)
        bytes.append(UInt8(ascii: "}"))
        self.bytes = bytes
        self.hash = Self.hash(of: bytes)
    }

    /// The entry hash of given entry bytes.
    public static func hash(of bytes: [UInt8]) -> SHA256Hash { SHA256Hash.of(prefix: 0x00, bytes) }

    static let entryMembers = ["prev", "recordedAt", "seq", "signature", "statement"]
    static let statementMembers = ["actor", "claimedAt", "ledger", "payload", "statementId", "type"]

    /// Reads entry bytes, refusing anything that is not exactly canonical and well-formed
    /// (FORMAT.md §11, check 1). One scanning pass; no value tree is built.
    public init(bytes: [UInt8]) throws(LedgerFormatError) {
        guard let members = CanonicalJSON.scanCanonical(bytes), bytes.first == UInt8(ascii: "{") else {
            // Only bad bytes get here: the full parser says exactly what is wrong.
            do {
                let value = try CanonicalJSON.parse(bytes)
                guard case .object = value else { throw LedgerFormatError("", "an entry must be a JSON object") }
            } catch let error as CanonicalJSONError {
                throw LedgerFormatError("", "not canonical JSON: \(error.description)")
            } catch {
                throw LedgerFormatError("", "\(error)")
            }
            throw LedgerFormatError("", "bytes are not in canonical form")
        }
        let fields = try MemberRanges(bytes, members, parent: nil, expected: Self.entryMembers, path: "")
        let statementRange = fields["statement"]
        guard bytes[statementRange.lowerBound] == UInt8(ascii: "{") else {
            throw LedgerFormatError("statement", "must be an object")
        }
        let inner = try MemberRanges(
            bytes,
            members,
            parent: members.firstIndex { $0.parent == nil && bytes[$0.nameRange].elementsEqual("statement".utf8) },
            expected: Self.statementMembers,
            path: "statement"
        )
        let payloadRange = inner["payload"]
        guard bytes[payloadRange.lowerBound] == UInt8(ascii: "{") else {
            throw LedgerFormatError("statement.payload", "must be an object")
        }
        func field<T>(
            _ range: Range<Int>,
            _ path: String,
            _ what: String,
            _ parse: (String) -> T?
        ) throws(LedgerFormatError) -> T {
            guard let text = Self.string(bytes, range), let value = parse(text) else {
                throw LedgerFormatError(path, "is not a valid \(what)")
            }
            return value
        }
        guard let seq = Int(String(decoding: bytes[fields["seq"]], as: UTF8.self)) else {
            throw LedgerFormatError("seq", "must be an integer")
        }
        guard let signature = Self.plainString(bytes, fields["signature"], Base64.decode), signature.count == 64 else {
            throw LedgerFormatError("signature", "is not a valid base64 Ed25519 signature")
        }
        // The scanner proved the bytes canonical, so the statement's bytes are kept as they are.
        let ledger = try field(inner["ledger"], "statement.ledger", "ledger id", LedgerID.init)
        guard let statementID = Self.plainString(bytes, inner["statementId"], { StatementID(utf8: $0) }) else {
            throw LedgerFormatError("statement.statementId", "is not a valid statement id (lowercase UUID)")
        }
        let type = try field(inner["type"], "statement.type", "event type", EventType.init)
        let actor = try field(inner["actor"], "statement.actor", "key id", KeyID.init)
        let claimedAt = try field(inner["claimedAt"], "statement.claimedAt", "timestamp", Timestamp.init(text:))
        let start = statementRange.lowerBound
        let payloadInStatement: Range<Int> = (payloadRange.lowerBound - start)..<(payloadRange.upperBound - start)
        let statement = Statement(
            canonicalBytes: Array(bytes[statementRange]),
            payloadRange: payloadInStatement,
            ledger: ledger,
            statementID: statementID,
            type: type,
            actor: actor,
            claimedAt: claimedAt
        )
        self.seq = seq
        self.recordedAt = try field(fields["recordedAt"], "recordedAt", "timestamp", Timestamp.init(text:))
        guard let prev = Self.plainString(bytes, fields["prev"], SHA256Hash.init(hexDigits:)) else {
            throw LedgerFormatError("prev", "is not a valid hash")
        }
        self.prev = prev
        self.signed = SignedStatement(statement: statement, signature: signature)
        self.bytes = bytes
        self.hash = Self.hash(of: bytes)
    }

    /// The text of a canonical JSON string value at `range`, or nil when the value is not a string.
    private static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String? {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
        let content = bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]
        if !content.contains(UInt8(ascii: "\\")) { return String(decoding: content, as: UTF8.self) }
        return (try? CanonicalJSON.parse(Array(bytes[range])))?.stringValue
    }

    /// `parse` applied in place to the content of the JSON string value at `range`, for values
    /// that never need escapes (hex, base64, UUIDs): nil when the value is not such a string.
    private static func plainString<T>(
        _ bytes: [UInt8],
        _ range: Range<Int>,
        _ parse: (UnsafeBufferPointer<UInt8>) -> T?
    ) -> T? {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            let content = UnsafeBufferPointer(rebasing: buffer[(range.lowerBound + 1)..<(range.upperBound - 1)])
            return content.contains(UInt8(ascii: "\\")) ? nil : parse(content)
        }
    }

    /// The value ranges of one object's members, which must be exactly the expected names.
    private struct MemberRanges {
        private let expected: [String]
        private let ranges: [Range<Int>]

        /// - Parameter expected: the names in canonical order, which is the order the scanner
        ///   found them in when they are all there and nothing else is.
        init(
            _ bytes: [UInt8],
            _ members: [CanonicalJSON.ScannedMember],
            parent: Int?,
            expected: [String],
            path: String
        ) throws(LedgerFormatError) {
            // The members arrive in canonical order, which is `expected`'s when they are exactly
            // the expected ones: matched in one pass, without collecting the children first.
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(expected.count)
            var exact = true
            for member in members where member.parent == parent {
                guard ranges.count < expected.count, !member.nameEscaped,
                    bytes[member.nameRange].elementsEqual(expected[ranges.count].utf8)
                else {
                    exact = false
                    break
                }
                ranges.append(member.valueRange)
            }
            guard exact, ranges.count == expected.count else {
                let children = members.filter { $0.parent == parent }
                let names = children.map { CanonicalJSON.decodedName(bytes, $0.nameRange, escaped: $0.nameEscaped) }
                for name in expected where !names.contains(name) {
                    throw LedgerFormatError(path, "member \"\(name)\" is missing")
                }
                for name in names.sorted() where !expected.contains(name) {
                    throw LedgerFormatError(path, "unexpected member \"\(name)\"")
                }
                throw LedgerFormatError(path, "members are not the expected ones")
            }
            self.expected = expected
            self.ranges = ranges
        }

        subscript(name: String) -> Range<Int> { expected.firstIndex(of: name).map { ranges[$0] } ?? 0..<0 }
    }
}
