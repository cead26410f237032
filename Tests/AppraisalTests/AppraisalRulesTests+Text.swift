import Appraisal
import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// events/CATALOG.md, "Refused code points": texts that would read otherwise than they were signed.
extension AppraisalRulesTests {
    /// One code point of each refused kind, and how a refusal names it.
    static let refusedInTexts: [(Unicode.Scalar, String)] = [
        ("\u{0}", "U+0000 (null)"), ("\u{9}", "U+0009 (character tabulation)"),
        ("\r", "U+000D (carriage return)"), ("\u{1B}", "U+001B (escape)"),
        ("\u{1F}", "U+001F (information separator one)"), ("\u{7F}", "U+007F (delete)"),
        ("\u{80}", "U+0080 (a C1 control character)"), ("\u{85}", "U+0085 (next line, a C1 control character)"),
        ("\u{9B}", "U+009B (a C1 control character)"), ("\u{2028}", "U+2028 (line separator)"),
        ("\u{2029}", "U+2029 (paragraph separator)"), ("\u{202A}", "U+202A (left-to-right embedding)"),
        ("\u{202B}", "U+202B (right-to-left embedding)"), ("\u{202C}", "U+202C (pop directional formatting)"),
        ("\u{202D}", "U+202D (left-to-right override)"), ("\u{202E}", "U+202E (right-to-left override)"),
        ("\u{2066}", "U+2066 (left-to-right isolate)"), ("\u{2067}", "U+2067 (right-to-left isolate)"),
        ("\u{2068}", "U+2068 (first strong isolate)"), ("\u{2069}", "U+2069 (pop directional isolate)"),
        ("\u{61C}", "U+061C (arabic letter mark)"), ("\u{200E}", "U+200E (left-to-right mark)"),
        ("\u{200F}", "U+200F (right-to-left mark)"),
        ("\u{FEFF}", "U+FEFF (zero width no-break space, or byte order mark)"),
    ]

    @Test(arguments: 0..<refusedInTexts.count)
    func aReasonRefusesControlAndBidirectionalCharacters(_ index: Int) async throws {
        let (scalar, named) = Self.refusedInTexts[index]
        let given = CampaignFixture()
        try await given.opened()
        let reason = "Năm 2023 sở không được giao vốn\(Character(scalar))đầu tư công"
        expectRefusal(
            await given.refusal(
                .notApplicableClaimed,
                ["unit": "SNV", "leaf": "1.2", "reason": .string(reason)],
                by: given.officer,
                at: given.day(2)
            ),
            .textControlCharacter,
            mentioning: ["payload.reason: contains \(named)"]
        )
    }

    @Test func aTextKeepsItsLinesAndItsVietnamese() async throws {
        let given = CampaignFixture()
        try await given.opened()
        let reason = "Năm 2023 sở không được giao vốn đầu tư công:\n– Quyết định 534/QĐ-UBND;\n\n– Công văn 2150…\n"
        let entry = try await given.act(
            .notApplicableClaimed,
            ["unit": "SNV", "leaf": "1.2", "reason": .string(reason)],
            by: given.officer,
            at: given.day(2)
        )
        #expect(entry.statement.payload["reason"] == .string(reason))
    }

    @Test func aNameOrANumberIsOneLine() async throws {
        let given = CampaignFixture()
        try await given.opened()
        expectRefusal(
            await given.refusal(
                .unitEnrolled,
                ["code": "SYT", "name": "Sở Y tế\n(tỉnh Trà Vinh)", "group": "department"],
                by: given.secretariat,
                at: given.day(1)
            ),
            .textControlCharacter,
            mentioning: ["payload.name: contains U+000A (line feed): a name is one line"]
        )
        expectRefusal(
            await given.refusal(
                .unitEnrolled,
                ["code": "SYT", "name": "\u{202E}tế Y Sở", "group": "department"],
                by: given.secretariat,
                at: given.day(1)
            ),
            .textControlCharacter,
            mentioning: ["payload.name: contains U+202E (right-to-left override)"]
        )
        let blob = try await given.store.putBlob(Array("Kế hoạch".utf8))
        expectRefusal(
            await given.refusal(
                .evidenceAttached,
                [
                    "unit": "SNV", "leaf": "1.1",
                    "blob": [
                        "sha256": .string(blob.sha256.hex), "size": .int(blob.size), "name": "ke-hoach.pdf",
                        "mediaType": "application/pdf",
                    ],
                    "document": ["number": "12/KH-SNV\r", "issuer": "Sở Nội vụ", "issuedOn": "2023-01-10"],
                ],
                by: given.officer,
                at: given.day(2)
            ),
            .textControlCharacter,
            mentioning: ["payload.document.number: contains U+000D (carriage return): a short text is one line"]
        )
        #expect(
            await given.refusal(
                .unitEnrolled,
                ["code": "SYT", "name": "Sở Y tế – tỉnh Trà Vinh", "group": "department"],
                by: given.secretariat,
                at: given.day(1)
            ) == nil
        )
    }

    /// The schemas' `$defs/text`, `name` and `shortText` refuse exactly what `CatalogText` refuses,
    /// for every scalar of the BMP (tools/test_catalog.py holds the schemas to CATALOG.md's table).
    @Test func theSchemasRefuseWhatTheRulesRefuse() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("events/schemas/evidence.withdrawn-v1.schema.json")
        let other = url.deletingLastPathComponent().appendingPathComponent("evidence.attached-v1.schema.json")
        let withdrawn = try CanonicalJSON.parse([UInt8](try Data(contentsOf: url)))
        let attached = try CanonicalJSON.parse([UInt8](try Data(contentsOf: other)))
        let kinds: [(CatalogText, JSONValue?)] = [
            (.text, withdrawn["$defs"]?["text"]), (.name, attached["$defs"]?["name"]),
            (.shortText, attached["$defs"]?["shortText"]),
        ]
        for (kind, definition) in kinds {
            let pattern = try #require(definition?["not"]?["pattern"]?.stringValue)
            let ranges = try #require(Self.characterClass(pattern), "\(pattern)")
            #expect(definition?["maxLength"] == .int(Int64(kind.maxLength)))
            var disagreements: [String] = []
            for value in UInt32(0)...0xFFFF {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let refusedBySchema = ranges.contains { $0.contains(value) }
                if refusedBySchema == kind.allows(scalar) { disagreements.append(CatalogText.describe(scalar)) }
            }
            #expect(disagreements.isEmpty, "\(kind): \(disagreements.prefix(10))")
        }
    }

    /// The ranges of a regular-expression class written `[\uXXXX-\uXXXX\uXXXX…]`.
    static func characterClass(_ pattern: String) -> [ClosedRange<UInt32>]? {
        guard pattern.hasPrefix("["), pattern.hasSuffix("]") else { return nil }
        var scalars: [UInt32] = []
        var ranges: [ClosedRange<UInt32>] = []
        var pendingRange = false
        var rest = Substring(pattern.dropFirst().dropLast())
        while !rest.isEmpty {
            if rest.hasPrefix("-") {
                pendingRange = true
                rest = rest.dropFirst()
                continue
            }
            guard rest.hasPrefix("\\u"), let value = UInt32(rest.dropFirst(2).prefix(4), radix: 16) else { return nil }
            rest = rest.dropFirst(6)
            if pendingRange, let first = scalars.popLast() {
                ranges.append(first...value)
                pendingRange = false
            } else {
                if let single = scalars.popLast() { ranges.append(single...single) }
                scalars.append(value)
            }
        }
        ranges += scalars.map { $0...$0 }
        return ranges
    }
}
