import Foundation
public import LedgerCore
public import Presentation

/// What ties a printed document to the ledger: which report it is (kind, unit, moment, language),
/// the ledger prefix it came from (ledger id, tree size, root) and the report's digest, and when
/// the authority signs it, the key and its Ed25519 signature. Printed as one line of text and as
/// a QR code of the same line, so it survives printing, scanning and PDF text extraction:
///
///     parledger-report/1;kind=results;unit=;asOf=;lang=vi;ledger=…;size=3413;root=…;digest=…;end
///
/// A signed seal has `key=<key id>;sig=<base64>` before `end`; the signature is over
/// "parledger-report-signature/1\n" followed by the line up to and including `digest=…;`.
public struct DocumentSeal: Sendable, Equatable {
    public let kind: DocumentKind
    public let unit: String?
    /// The moment the figures are as of, when one was asked for.
    public let asOf: Timestamp?
    public let language: Language
    public let ledgerID: String
    public let size: Int
    /// The root, base64, as the report's `ledger.root` writes it.
    public let root: String
    /// The report's digest, hex.
    public let digest: String
    public private(set) var signature: Signature?

    public struct Signature: Sendable, Equatable {
        public let key: KeyID
        public let bytes: [UInt8]
    }

    public static let prefix = "parledger-report/1;"
    static let signatureContext = "parledger-report-signature/1\n"

    public init(
        kind: DocumentKind,
        unit: String?,
        asOf: Timestamp?,
        language: Language,
        ledgerID: String,
        size: Int,
        root: String,
        digest: String
    ) {
        self.kind = kind
        self.unit = unit
        self.asOf = asOf
        self.language = language
        self.ledgerID = ledgerID
        self.size = size
        self.root = root
        self.digest = digest
    }

    /// The line without a signature: what a signature signs.
    public var unsignedText: String {
        let members = [
            ("kind", kind.rawValue), ("unit", unit ?? ""), ("asOf", asOf?.text ?? ""), ("lang", language.rawValue),
            ("ledger", Self.escape(ledgerID)), ("size", String(size)), ("root", root), ("digest", digest),
        ]
        return Self.prefix + members.map { "\($0)=\($1);" }.joined()
    }

    /// The whole line.
    public var text: String {
        guard let signature else { return unsignedText + "end" }
        return unsignedText + "key=\(signature.key.hex);sig=\(Base64.encode(signature.bytes));end"
    }

    /// The bytes a signature is over.
    public var signedMessage: [UInt8] { Array((Self.signatureContext + unsignedText).utf8) }

    /// Signed by `key`.
    public func signed(by key: SigningKey) -> DocumentSeal {
        var copy = self
        copy.signature = Signature(key: key.keyID, bytes: key.sign(signedMessage))
        return copy
    }

    /// Whether the signature is `key`'s over this seal.
    public func isSigned(by key: PublicSigningKey) -> Bool {
        guard let signature, signature.key == key.keyID else { return false }
        return key.isValidSignature(signature.bytes, for: signedMessage)
    }

    /// The seal found in a document's text: the first line that starts with the prefix, with any
    /// white space a renderer or a PDF's text extraction put inside it removed. Nil when there is
    /// none, or it does not read as a seal.
    public static func find(in text: String) -> DocumentSeal? {
        guard let start = text.range(of: prefix) else { return nil }
        let rest = text[start.lowerBound...]
        guard let end = rest.range(of: ";end") else { return nil }
        let line = rest[..<end.upperBound].filter { !$0.isWhitespace }
        return parse(String(line))
    }

    /// A seal line, exactly.
    public static func parse(_ line: String) -> DocumentSeal? {
        guard line.hasPrefix(prefix), line.hasSuffix(";end") else { return nil }
        let body = line.dropFirst(prefix.count).dropLast(4)
        var members: [(String, String)] = []
        for member in body.split(separator: ";", omittingEmptySubsequences: false) {
            guard let equals = member.firstIndex(of: "=") else { return nil }
            members.append((String(member[..<equals]), String(member[member.index(after: equals)...])))
        }
        let names = members.map(\.0)
        let unsigned = ["kind", "unit", "asOf", "lang", "ledger", "size", "root", "digest"]
        guard names == unsigned || names == unsigned + ["key", "sig"] else { return nil }
        let value = Dictionary(members, uniquingKeysWith: { first, _ in first })
        guard let kindText = value["kind"], let kind = DocumentKind(rawValue: kindText),
            let languageText = value["lang"], let language = Language(rawValue: languageText),
            let sizeText = value["size"], let size = Int(sizeText), size >= 0,
            let ledger = value["ledger"].flatMap(unescape), !ledger.isEmpty,
            let root = value["root"], let digest = value["digest"], digest.count == 64
        else { return nil }
        let asOfText = value["asOf"] ?? ""
        let asOf = Timestamp(text: asOfText)
        guard asOfText.isEmpty || asOf != nil else { return nil }
        let unit = value["unit"] ?? ""
        var seal = DocumentSeal(
            kind: kind,
            unit: unit.isEmpty ? nil : unit,
            asOf: asOf,
            language: language,
            ledgerID: ledger,
            size: size,
            root: root,
            digest: digest
        )
        if let keyText = value["key"], let signatureText = value["sig"] {
            guard let key = KeyID(keyText), let bytes = Base64.decode(signatureText), bytes.count == 64 else {
                return nil
            }
            seal.signature = Signature(key: key, bytes: bytes)
        }
        return seal
    }

    /// A ledger id with `%`, `;` and `=` written as `%XX`, so the line splits one way only.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for byte in text.utf8 {
            if byte == UInt8(ascii: "%") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "=") {
                escaped += "%" + Hex.encode([byte]).uppercased()
            } else {
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return escaped
    }

    static func unescape(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "%") {
                let hexStart = utf8.index(after: index)
                guard let hexEnd = utf8.index(hexStart, offsetBy: 2, limitedBy: utf8.endIndex),
                    let byte = Hex.decode(String(decoding: utf8[hexStart..<hexEnd], as: UTF8.self).lowercased())?.first
                else { return nil }
                bytes.append(byte)
                index = hexEnd
            } else {
                bytes.append(utf8[index])
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
