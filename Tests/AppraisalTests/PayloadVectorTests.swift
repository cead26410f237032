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
