import Testing

@testable import LedgerCore

/// The byte search behind the verifier's quick look for blob mentions, at the edges a payload
/// never reaches: a needle at the very start or end, a haystack no longer than the needle, and
/// candidates that share the needle's first bytes.
@Suite("Byte search")
struct ByteSearchTests {
    static let cases: [(haystack: String, needle: String, found: Bool)] = [
        ("\"blob\":{}", "\"blob\":", true),
        ("{}\"blob\":", "\"blob\":", true),
        ("\"blob\":", "\"blob\":", true),
        ("\"blob\"", "\"blob\":", false),
        ("", "\"blob\":", false),
        ("abc", "", true),
        ("aaab", "aab", true),
        ("aabaab", "aaba", true),
        ("\"b\"bl\"blo\"blob\" \"blob\"", "\"blob\":", false),
        ("x\"blob\"\"blob\":", "\"blob\":", true),
        ("sổ \"blob\": ị", "\"blob\":", true),
    ]

    @Test(arguments: cases.indices)
    func findsTheNeedleExactlyWhenItIsThere(_ index: Int) {
        let (haystack, needle, found) = Self.cases[index]
        #expect(Array(haystack.utf8).containsBytes(Array(needle.utf8)) == found, "\(haystack) / \(needle)")
        // Through a slice that does not start at index 0 and ends before its base's end.
        let padded = Array(("#" + haystack + "#").utf8)
        #expect(padded[1..<(padded.count - 1)].containsBytes(Array(needle.utf8)) == found, "\(haystack) / \(needle)")
    }
}
