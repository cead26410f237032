import LedgerCore
import Testing

@Suite("Canonical JSON (events/vectors/canonical-json.json)")
struct CanonicalJSONTests {
    nonisolated(unsafe) static let vectors = (try? Vectors.json("canonical-json.json")) as? [String: Any] ?? [:]
    nonisolated(unsafe) static let valid = Vectors.objects(vectors["valid"])
    nonisolated(unsafe) static let invalid = Vectors.objects(vectors["invalid"])

    @Test func vectorsArePresent() {
        #expect(Self.valid.count >= 20)
        #expect(Self.invalid.count >= 20)
    }

    @Test(arguments: valid.indices)
    func canonicalizesValidInput(index: Int) throws {
        let vector = Self.valid[index]
        let canonical = try CanonicalJSON.canonicalize(Vectors.bytes(vector["inputHex"]))
        #expect(Hex.encode(canonical) == vector["canonicalHex"] as? String, "\(vector["name"] ?? index)")
        #expect(CanonicalJSON.isCanonical(canonical))
    }

    @Test(arguments: invalid.indices)
    func rejectsInvalidInputWithItsReason(index: Int) {
        let vector = Self.invalid[index]
        #expect(throws: CanonicalJSONError.self) { try CanonicalJSON.parse(Vectors.bytes(vector["inputHex"])) }
        do {
            _ = try CanonicalJSON.parse(Vectors.bytes(vector["inputHex"]))
        } catch {
            #expect(error.reason.rawValue == vector["reason"] as? String, "\(vector["name"] ?? index): \(error)")
        }
    }

    @Test func vietnameseNFDIsRefusedAndNFCAccepted() throws {
        let nfc = "{\"name\":\"Nguy\u{1EC5}n\"}"
        let nfd = "{\"name\":\"Nguye\u{0302}\u{0303}n\"}"
        #expect(try CanonicalJSON.canonicalize(Array(nfc.utf8)) == Array(nfc.utf8))
        #expect(throws: CanonicalJSONError(.nfc, at: 8, "text is not in Unicode NFC")) {
            try CanonicalJSON.parse(Array(nfd.utf8))
        }
    }

    @Test func sortsKeysByUTF16NotUTF8() throws {
        // U+1F600 (surrogates D83D DE00) sorts before U+FB01 in UTF-16, after it in UTF-8.
        let canonical = CanonicalJSON.encode(["\u{FB01}": 1, "\u{1F600}": 2])
        #expect(String(decoding: canonical, as: UTF8.self) == "{\"\u{1F600}\":2,\"\u{FB01}\":1}")
    }

    @Test func validateRefusesValuesBuiltInCodeThatCannotBeSigned() {
        #expect(throws: CanonicalJSONError.self) { try CanonicalJSON.validate(.int(JSONValue.maxSafeInteger + 1)) }
        #expect(throws: CanonicalJSONError.self) { try CanonicalJSON.validate(["e\u{0301}": 1]) }
        #expect(throws: Never.self) { try CanonicalJSON.validate(["é": [1, "x", nil, true]]) }
    }
}

extension CanonicalJSONTests {
    /// Inserting a member into canonical bytes gives the canonical bytes of the object with it,
    /// wherever UTF-16 order puts it (including names whose UTF-8 and UTF-16 orders disagree).
    @Test func insertingAMemberGivesTheCanonicalBytesOfTheLargerObject() throws {
        let objects: [[String: JSONValue]] = [
            [:], ["a": 1], ["b": .string("Sở Nội vụ"), "d": [1, 2]], ["€": "x", "\u{1F600}": "y", "z": .null],
            ["campaign": ["plan": "123"], "groups": [["name": "Sở"]], "published": false],
        ]
        for object in objects {
            for name in ["", "0", "a", "c", "ledger", "zz", "\u{FB01}", "\u{1F601}"] where object[name] == nil {
                let value: JSONValue = ["size": 3, "root": "AAA="]
                var larger = object
                larger[name] = value
                let inserted = CanonicalJSON.inserting(name, value, into: CanonicalJSON.encode(.object(object)))
                #expect(inserted == CanonicalJSON.encode(.object(larger)), "inserting \(name) into \(object)")
            }
        }
    }

    @Test func insertingRefusesAMemberThatIsThereOrBytesThatAreNotACanonicalObject() {
        let object = CanonicalJSON.encode(["a": 1, "b": 2])
        #expect(CanonicalJSON.inserting("a", 3, into: object) == nil)
        #expect(CanonicalJSON.inserting("c", 3, into: Array(#"{"b":2,"a":1}"#.utf8)) == nil)
        #expect(CanonicalJSON.inserting("c", 3, into: Array("[1,2]".utf8)) == nil)
        #expect(CanonicalJSON.inserting("c", 3, into: Array(#"{"a":1} "#.utf8)) == nil)
        #expect(CanonicalJSON.inserting("c", .int(1 << 60), into: object) == nil)
    }
}
