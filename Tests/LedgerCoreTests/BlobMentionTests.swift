import LedgerCore
import Testing

/// The verifier reads a payload's blob references only when its bytes mention a `"blob":`
/// member, found by a vectorised byte search: a payload with a blob anywhere must be found, and
/// the near misses must not be.
@Suite("Blob mentions in payload bytes")
struct BlobMentionTests {
    func statement(_ payload: [String: JSONValue]) throws -> Statement {
        try Statement(
            ledger: #require(LedgerID("test.parledger/par/2026")),
            statementID: StatementID(randomBytes: Array(repeating: 7, count: 16)),
            type: #require(EventType("evidence.attached/v1")),
            actor: #require(KeyID(String(repeating: "ab", count: 32))),
            claimedAt: #require(Timestamp(text: "2026-10-15T08:00:00.000Z")),
            payload: payload
        )
    }

    static let blob: JSONValue = ["sha256": .string(String(repeating: "0f", count: 32)), "size": 12]

    @Test(
        arguments: [
            // First member: the needle starts right after the payload's opening brace.
            ["blob": blob],
            // Last member, after text with many quotes before it.
            ["a": "\"\"\"", "b": "b", "blob": blob, "bl": "blo"],
            // Nested in an array of objects.
            ["items": [["note": "một"], ["blob": blob]]],
        ] as [[String: JSONValue]]
    )
    func aPayloadWithABlobMemberIsFound(_ payload: [String: JSONValue]) throws {
        #expect(try statement(payload).mayReferenceBlobs)
        #expect(try BlobReference.find(in: statement(payload)).count == 1)
    }

    @Test(
        arguments: [
            [:],
            ["note": "blob"],
            ["blobs": 1],
            ["note": "\"blob\":"],
            ["blo": "b:", "lob": "\"blob"],
        ] as [[String: JSONValue]]
    )
    func nearMissesAreNotMentions(_ payload: [String: JSONValue]) throws {
        #expect(try !statement(payload).mayReferenceBlobs)
    }
}
