package import LedgerCore

/// The free-text kinds of events/CATALOG.md ("Common values"): how long each may be, and the code
/// points none of them may hold. Every text member of every payload is read through `check`, by
/// the general decoder and the flat one alike, and the JSON Schemas of events/schemas refuse the
/// same code points (`$defs/text`, `$defs/name`, `$defs/shortText`).
///
/// A text is shown to people: in the appraiser's history, reports, the web pages and the CLI. A
/// code point that changes how the characters around it are shown, or that a terminal obeys,
/// lets a text read differently from what was signed, so those are refused with their own reason
/// (`text-control-character`):
/// - every C0 control (U+0000–U+001F) but LF in a multi-line text: CR too, so that a line break is
///   always one LF, and TAB, whose width is up to the program showing it;
/// - DEL and the C1 controls (U+007F–U+009F), NEL (U+0085) among them;
/// - the line and paragraph separators (U+2028, U+2029), which some programs break lines at and
///   others do not;
/// - every bidirectional formatting character of Unicode (UAX #9; the `Bidi_Control` property):
///   the embeddings, overrides and pops (U+202A–U+202E), the isolates (U+2066–U+2069) and the
///   implicit marks (U+061C, U+200E, U+200F). Vietnamese needs none of them; the marks are
///   invisible and still move neutral characters (digits, punctuation) in what is shown;
/// - U+FEFF (zero width no-break space), an invisible byte order mark left over from files.
package enum CatalogText: Sendable {
    /// 1–2000 characters, several lines: explanations, objections, reasons, notes, rules.
    case text
    /// 1–300 characters, one line: names of units, nodes, items, templates, groups, bands, options, files.
    case name
    /// 1–100 characters, one line: decision and document numbers, `supersedes`, `mediaType`, demographics.
    case shortText

    /// The most characters (Unicode scalar values) it may have.
    package var maxLength: Int {
        switch self {
        case .text: 2000
        case .name: 300
        case .shortText: 100
        }
    }

    /// Whether it may span several lines (LF, and only LF, separates them).
    package var isMultiline: Bool { self == .text }

    /// The text, when it has 1 to `maxLength` characters and none it may not hold; otherwise the
    /// refusal of the member at `path`. A refused code point is reported with the reason
    /// `text-control-character`, so the store refuses it under that name rather than `payload`.
    package func check(_ text: String, at path: String) throws(LedgerFormatError) -> String {
        switch fault(in: text) {
        case nil:
            return text
        case .length:
            throw LedgerFormatError(path, "must be 1 to \(maxLength) characters")
        case .refused(let scalar):
            let why =
                if !isMultiline, [0x0A, 0x0D, 0x2028, 0x2029].contains(scalar.value) {
                    "\(self == .name ? "a name" : "a short text") is one line"
                } else if scalar == "\r" {
                    "lines are separated by U+000A (line feed) alone"
                } else {
                    "a text may not hold control characters or bidirectional formatting characters"
                }
            throw LedgerFormatError(
                path,
                "contains \(Self.describe(scalar)): \(why)",
                reason: AppraisalRefusal.Reason.textControlCharacter.rawValue
            )
        }
    }

    /// Whether `check` accepts the text (for the flat decoder, which gives up rather than explains).
    package func accepts(_ text: String) -> Bool { fault(in: text) == nil }

    private enum Fault: Equatable {
        case length
        case refused(Unicode.Scalar)
    }

    /// What `check` refuses in the text, if anything: its length first, then its first refused
    /// code point.
    private func fault(in text: String) -> Fault? {
        guard !text.isEmpty, text.unicodeScalars.count <= maxLength else { return .length }
        // Most texts are plain ASCII or Vietnamese: one pass over the UTF-8 bytes finds nothing
        // without decoding a scalar; only the lead byte of a code point that may be refused makes
        // it look closer.
        guard
            text.utf8.contains(where: { byte in
                byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2 || byte == 0xEF
            })
        else { return nil }
        return text.unicodeScalars.first { !allows($0) }.map(Fault.refused)
    }

    /// Whether this kind may hold the code point.
    package func allows(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\n" { return isMultiline }
        return Self.refusedScalars[scalar.value] == nil && !(0x00...0x1F).contains(scalar.value)
            && !(0x7F...0x9F).contains(scalar.value)
    }

    /// `U+202E (right-to-left override)`: how a refusal names a code point.
    package static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let name: String
        switch scalar.value {
        case 0x00...0x1F: name = c0Names[Int(scalar.value)]
        case 0x7F: name = "delete"
        case 0x85: name = "next line, a C1 control character"
        case 0x80...0x9F: name = "a C1 control character"
        default: name = refusedScalars[scalar.value] ?? "a refused character"
        }
        return "\(code) (\(name))"
    }

    /// The refused code points beyond the C0 and C1 controls, by name.
    private static let refusedScalars: [UInt32: String] = [
        0x061C: "arabic letter mark",
        0x200E: "left-to-right mark",
        0x200F: "right-to-left mark",
        0x2028: "line separator",
        0x2029: "paragraph separator",
        0x202A: "left-to-right embedding",
        0x202B: "right-to-left embedding",
        0x202C: "pop directional formatting",
        0x202D: "left-to-right override",
        0x202E: "right-to-left override",
        0x2066: "left-to-right isolate",
        0x2067: "right-to-left isolate",
        0x2068: "first strong isolate",
        0x2069: "pop directional isolate",
        0xFEFF: "zero width no-break space, or byte order mark",
    ]

    /// The names of the C0 controls (ISO/IEC 6429), by code point.
    private static let c0Names = [
        "null", "start of heading", "start of text", "end of text", "end of transmission", "enquiry", "acknowledge",
        "bell", "backspace", "character tabulation", "line feed", "line tabulation", "form feed", "carriage return",
        "shift out", "shift in", "data link escape", "device control one", "device control two",
        "device control three", "device control four", "negative acknowledge", "synchronous idle",
        "end of transmission block", "cancel", "end of medium", "substitute", "escape", "information separator four",
        "information separator three", "information separator two", "information separator one",
    ]
}

extension ObjectReader {
    /// A text member of the catalog's kind `kind` (`CatalogText.check`).
    package func text(_ name: String, _ kind: CatalogText) throws(LedgerFormatError) -> String {
        try kind.check(try string(name), at: location(name))
    }

    /// A text member of the catalog's kind `kind` when present.
    package func optionalText(_ name: String, _ kind: CatalogText) throws(LedgerFormatError) -> String? {
        members[name] == nil ? nil : try text(name, kind)
    }
}

extension CatalogText {
    /// An array element that must be a text of this kind (`element` as `ObjectReader.array` gives it).
    package func element(_ element: (JSONValue, String)) throws(LedgerFormatError) -> String {
        guard let text = element.0.stringValue else { throw LedgerFormatError(element.1, "must be a string") }
        return try check(text, at: element.1)
    }
}
