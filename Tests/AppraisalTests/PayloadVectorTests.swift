import Appraisal
import Foundation
import LedgerCore
import Testing

/// events/vectors/payloads.json: the same verdicts from the Swift decoder as from the JSON
/// Schemas of events/schemas (checked by tools/test_catalog.py), case by case.
@Suite("Payload vectors (events/vectors/payloads.json)")
struct PayloadVectorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let type: String
        let payload: JSONValue
        let valid: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("events/vectors/payloads.json")
        guard let data = FileManager.default.contents(atPath: url.path),
            let file = try? CanonicalJSON.parse([UInt8](data)), case .array(let cases) = file["cases"]
        else { return [] }
        return cases.compactMap { value in
            guard let name = value["name"]?.stringValue, let type = value["type"]?.stringValue,
                let payload = value["payload"], case .bool(let valid) = value["valid"]
            else { return nil }
            return Case(name: name, type: type, payload: payload, valid: valid)
        }
    }()

    @Test func theFileHoldsCasesForEveryEventType() {
        #expect(Self.cases.count > 300)
        let types = Set(Self.cases.map(\.type))
        #expect(types == Set(AppraisalEvent.Kind.allCases.map(\.rawValue)))
    }

    @Test(arguments: cases)
    func theDecoderGivesTheVectorsVerdict(_ vector: Case) throws {
        let type = try #require(EventType(vector.type))
        var verdict: Result<Void, LedgerFormatError>
        do {
            _ = try AppraisalEvent.decode(type: type, payload: vector.payload)
            verdict = .success(())
        } catch {
            verdict = .failure(error)
        }
        switch verdict {
        case .success: #expect(vector.valid, "accepted an invalid payload")
        case .failure(let error): #expect(!vector.valid, "refused a valid payload: \(error)")
        }
    }
}

/// The flat decoding of self-scores, evidence and appraisals (`AppraisalEvent.decodeFlat`), which
/// folds use for nearly every entry: whenever it gives an event, the general decoder gives the same one
/// for the same bytes; it gives one for every plain payload; and it leaves everything else to the
/// general decoder, valid or not.
@Suite("Flat decoding of the commonest payloads")
struct FlatDecodingTests {
    static func general(_ kind: AppraisalEvent.Kind, _ bytes: [UInt8]) -> AppraisalEvent? {
        guard let value = try? CanonicalJSON.parse(bytes) else { return nil }
        return try? AppraisalEvent.decode(type: kind.type, payload: value)
    }

    static func check(_ kind: AppraisalEvent.Kind, _ text: String, plain: Bool) {
        let bytes = Array(text.utf8)
        let flat = AppraisalEvent.decodeFlat(kind, bytes[...])
        let general = general(kind, bytes)
        if let flat { #expect(general == flat, "\(text)") }
        if plain { #expect(flat != nil && general != nil, "\(text)") }
    }

    @Test func theVectorsOfBothTypesDecodeAlike() {
        for vector in PayloadVectorTests.cases {
            guard let kind = AppraisalEvent.Kind(rawValue: vector.type),
                [.selfScoreRecorded, .appraisalRecorded, .evidenceAttached, .surveyBatchRecorded].contains(kind)
            else { continue }
            let text = String(decoding: CanonicalJSON.encode(vector.payload), as: UTF8.self)
            Self.check(kind, text, plain: false)
            if vector.valid, !text.contains("\\") { Self.check(kind, text, plain: true) }
        }
    }

    @Test func selfScoresDecodeAlikeOrFallBack() {
        let long = String(repeating: "ắ", count: 2001)
        let cases: [(String, Bool)] = [
            (#"{"leaf":"1.2","points":"1.5","unit":"SNV"}"#, true),
            (#"{"leaf":"3.3.1","note":"Theo báo cáo tổng hợp","points":"0","unit":"P01-X012"}"#, true),
            (#"{"leaf":"1.2","note":"\#(String(repeating: "ắ", count: 2000))","points":"2","unit":"SNV"}"#, true),
            (#"{"leaf":"1.2","note":"\#(long)","points":"2","unit":"SNV"}"#, false),
            (#"{"leaf":"1.2","note":"","points":"1.5","unit":"SNV"}"#, false),
            (#"{"leaf":"1.2","note":"dòng\nhai","points":"1.5","unit":"SNV"}"#, false),
            (#"{"leaf":"1.2","note":"a\u0301","points":"1.5","unit":"SNV"}"#, false),
            ("{\"leaf\":\"1.2\",\"note\":\"a\u{0301}\",\"points\":\"1.5\",\"unit\":\"SNV\"}", false),
            (#"{"leaf":"1.2","points":"-1","unit":"SNV"}"#, false),
            (#"{"leaf":"1.2","points":"1.50","unit":"SNV"}"#, false),
            (#"{"leaf":"1.2","points":1,"unit":"SNV"}"#, false),
            (#"{"leaf":"1..2","points":"1","unit":"SNV"}"#, false),
            (#"{"leaf":"1.2","points":"1","unit":"s n v"}"#, false),
            (#"{"extra":1,"leaf":"1.2","points":"1","unit":"SNV"}"#, false),
            (#"{"points":"1","leaf":"1.2","unit":"SNV"}"#, false),
            (#"{"leaf":"1.2","points":"1"}"#, false),
            (#"{"leaf":"1.2","points":"1","unit":"SNV"} "#, false),
            (#"{"leaf":"1.2","points":"1","unit":"SNV","unit":"SNV"}"#, false),
            ("{}", false), ("", false), ("{", false),
        ]
        for (text, plain) in cases { Self.check(.selfScoreRecorded, text, plain: plain) }
    }

    @Test func appraisalsDecodeAlikeOrFallBack() {
        let cases: [(String, Bool)] = [
            (#"{"explanationRequested":false,"leaf":"1.1","points":"0.5","round":1,"unit":"SNV"}"#, true),
            (
                #"{"explanationRequested":true,"leaf":"1.1","points":"0","reason":"Trễ hạn","round":2,"unit":"SNV"}"#,
                true
            ),
            (#"{"explanationRequested":false,"leaf":"1.1","points":"0.5","round":3,"unit":"SNV"}"#, false),
            (#"{"explanationRequested":false,"leaf":"1.1","points":"0.5","round":01,"unit":"SNV"}"#, false),
            (#"{"explanationRequested":false,"leaf":"1.1","points":"0.5","round":-0,"unit":"SNV"}"#, false),
            (#"{"explanationRequested":"no","leaf":"1.1","points":"0.5","round":1,"unit":"SNV"}"#, false),
            (
                #"{"explanationRequested":false,"leaf":"1.1","points":"0.5","reason":null,"round":1,"unit":"SNV"}"#,
                false
            ),
            (#"{"explanationRequested":false,"leaf":"1.1","points":"0.5","reason":"","round":1,"unit":"SNV"}"#, false),
            (
                #"{"explanationRequested":false,"leaf":"1.1","points":"0.5","reason":"\"x\"","round":1,"unit":"SNV"}"#,
                false
            ),
            (#"{"explanationRequested":false,"leaf":"1.1","points":"0.5","round":1}"#, false),
            (#"{"explanationRequested":false,"leaf":"1.1","points":"0.5","round":1,"unit":"SNV","x":[]}"#, false),
        ]
        for (text, plain) in cases { Self.check(.appraisalRecorded, text, plain: plain) }
    }

    @Test func evidenceDecodesAlikeOrFallsBack() {
        let hash = String(repeating: "ab", count: 32)
        func payload(blob: String, document: String, rest: String = #""leaf":"1.1","unit":"SNV""#) -> String {
            #"{"blob":\#(blob),"document":\#(document),\#(rest)}"#
        }
        let blob = #"{"mediaType":"application/pdf","name":"Quyết định 12.pdf","sha256":"\#(hash)","size":1024}"#
        let document = #"{"issuedOn":"2023-03-15","issuer":"UBND tỉnh","number":"12/QĐ-UBND"}"#
        let cases: [(String, Bool)] = [
            (payload(blob: blob, document: document), true),
            (payload(blob: blob, document: #"{"issuedOn":"2023-03-15","issuer":"UBND","number":"12","page":3}"#), true),
            (
                payload(blob: blob, document: #"{"issuedOn":"2023-03-15","issuer":"UBND","number":"12","page":0}"#),
                false
            ),
            (payload(blob: blob, document: #"{"issuedOn":"2023-02-30","issuer":"UBND","number":"12"}"#), false),
            (payload(blob: blob, document: #"{"issuedOn":"2023-03-15","issuer":"","number":"12"}"#), false),
            (payload(blob: blob, document: #"{"issuedOn":"2023-03-15","issuer":"UBND","number":"12","x":[]}"#), false),
            (
                payload(blob: blob.replacingOccurrences(of: hash, with: "AB" + hash.dropFirst(2)), document: document),
                false
            ),
            (payload(blob: blob.replacingOccurrences(of: "1024", with: "-1"), document: document), false),
            (
                payload(
                    blob: blob.replacingOccurrences(of: "Quyết định 12.pdf", with: "a\\u0062.pdf"),
                    document: document
                ), false
            ),
            (payload(blob: blob, document: document, rest: #""leaf":"1.1","note":"x","unit":"SNV""#), false),
            (payload(blob: #"{"inner":{"x":1}}"#, document: document), false),
            (payload(blob: "1", document: document), false),
        ]
        for (text, plain) in cases { Self.check(.evidenceAttached, text, plain: plain) }
    }

    @Test func surveyBatchesDecodeAlikeOrFallBack() {
        let template = #""template":{"template":"ks-xa","version":2}"#
        func batch(_ forms: String..., template: String = template) -> String {
            #"{"forms":[\#(forms.joined(separator: ","))],\#(template)}"#
        }
        func form(
            answers: String = #"{"Q1":"A","Q10":"K","Q2":"B"}"#,
            demographics: String? = nil,
            group: String = "citizens",
            serial: String = "X-001",
            unit: String = "P01-X012"
        ) -> String {
            let extra = demographics.map { #""demographics":\#($0),"# } ?? ""
            return
                #"{"answers":\#(answers),\#(extra)"respondentGroup":"\#(group)","serial":"\#(serial)","unit":"\#(unit)"}"#
        }
        let cases: [(String, Bool)] = [
            (batch(form()), true),
            (batch(form(), form(serial: "X-002", unit: "SNV")), true),
            (batch(form(answers: "{}")), true),
            (batch(form(demographics: #"{"age":"30–45","gender":"Nữ"}"#)), true),
            (batch(form(demographics: "{}")), true),
            (batch(form(demographics: #"{"age":""}"#)), false),
            (batch(form(demographics: #"{"age":"\#(String(repeating: "a", count: 101))"}"#)), false),
            (batch(form(demographics: #"{"age":30}"#)), false),
            (batch(form(demographics: #"{"age":"a","age":"b"}"#)), false),
            (batch(form(answers: #"{"Q1":"A","Q1":"B"}"#)), false),
            (batch(form(answers: #"{"Q2":"A","Q1":"B"}"#)), false),
            (batch(form(answers: #"{"Q1":"a b"}"#)), false),
            (batch(form(answers: #"{"Q 1":"A"}"#)), false),
            (batch(form(answers: #"{"Q1":1}"#)), false),
            (batch(form(answers: #"{"Q1":{"x":"A"}}"#)), false),
            (batch(form(group: "Citizens")), false),
            (batch(form(serial: "X 001")), false),
            (batch(form(serial: String(repeating: "9", count: 41))), false),
            (batch(form(unit: "p01")), false),
            (batch(form().replacingOccurrences(of: #","unit":"P01-X012""#, with: "")), false),
            (batch(form().replacingOccurrences(of: "}", with: #","x":1}"#)), false),
            (batch(), false),
            (batch(form(), template: #""template":{"template":"ks-xa","version":0}"#), false),
            (batch(form(), template: #""template":{"template":"KS","version":1}"#), false),
            (batch(form(), template: #""template":{"template":"ks-xa"}"#), false),
            (batch(form(), template: #""template":"ks-xa""#), false),
            (#"{"forms":[1],\#(template)}"#, false),
            (#"{"forms":[[]],\#(template)}"#, false),
            (#"{"forms":{},\#(template)}"#, false),
            (#"{\#(template),"forms":[\#(form())]}"#, false),
        ]
        for (text, plain) in cases { Self.check(.surveyBatchRecorded, text, plain: plain) }
    }

    @Test func everyKindIsFoundByItsTypesBytes() {
        for kind in AppraisalEvent.Kind.allCases {
            #expect(AppraisalEvent.Kind(typeUTF8: Array(kind.rawValue.utf8)[...]) == kind)
        }
        for other in ["key.registered/v1", "selfScore.recorded/v2", "", String(repeating: "a", count: 200)] {
            #expect(AppraisalEvent.Kind(typeUTF8: Array(other.utf8)[...]) == nil, "\(other.prefix(30))")
        }
    }
}
