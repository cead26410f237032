import Foundation
import LedgerCore
import Testing

/// `ControlEvent.payload`: the control payloads of the ledger vectors are written back byte for
/// byte, and a control event built in Swift reads back from its payload.
@Suite("Control event payloads")
struct ControlPayloadTests {
    /// The type and payload of every control statement in events/vectors/ledgers whose payload
    /// decodes (some cases hold deliberately bad ones).
    static let vectors: [(type: EventType, payload: [String: JSONValue])] = {
        let folders =
            (try? FileManager.default.contentsOfDirectory(
                at: Vectors.folder.appendingPathComponent("ledgers"),
                includingPropertiesForKeys: nil
            )) ?? []
        var found: [(EventType, [String: JSONValue])] = []
        for folder in folders.sorted(by: { $0.path < $1.path }) {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent("entries.jsonl")) else { continue }
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard let entry = try? CanonicalJSON.parse(Array(line)), let statement = entry["statement"],
                    let type = statement["type"]?.stringValue.flatMap(EventType.init), ControlEvent.isControlType(type),
                    let payload = statement["payload"]?.objectValue,
                    (try? ControlEvent.decode(type: type, payload: payload)) != nil
                else { continue }
                found.append((type, payload))
            }
        }
        return found
    }()

    @Test func theVectorsHoldEveryControlType() {
        let types = Set(Self.vectors.map(\.type))
        #expect(
            types == [
                ControlEvent.genesisType, ControlEvent.keyRegisteredType, ControlEvent.keyRevokedType,
                ControlEvent.policyAmendedType, ControlEvent.evidenceErasedType,
            ]
        )
    }

    @Test func aDecodedControlPayloadIsWrittenBackToItsBytes() throws {
        for (type, payload) in Self.vectors {
            let event = try #require(try ControlEvent.decode(type: type, payload: payload))
            #expect(event.type == type)
            #expect(CanonicalJSON.encode(.object(event.payload)) == CanonicalJSON.encode(.object(payload)), "\(type)")
            #expect(try ControlEvent.decode(type: type, payload: event.payload) == event)
        }
    }

    @Test func aControlEventBuiltInSwiftReadsBackFromItsPayload() throws {
        let authority = SigningKey.generate(name: "UBND tỉnh Trà Vinh")
        let officer = SigningKey.generate(name: "Nguyễn Văn A").publicKey
        let type = try #require(EventType("selfScore.recorded/v1"))
        let events: [ControlEvent] = [
            .genesis(
                authority: .init(name: authority.name, publicKey: authority.publicKey, role: .authority),
                policy: [type: [.unitOfficer, .secretariat]]
            ),
            .keyRegistered(.init(name: "Nguyễn Văn A", publicKey: officer, role: .unitOfficer, unit: UnitCode("SNV"))),
            .keyRegistered(.init(name: "Sở Nội vụ", publicKey: officer, role: .secretariat)),
            .keyRevoked(keyID: officer.keyID, reason: "Chuyển công tác"),
            .policyAmended(grants: [type: [], try #require(EventType("note.recorded/v1")): [.auditor]]),
            .evidenceErased(sha256: SHA256Hash.of(Array("evidence".utf8)), reason: "Dữ liệu cá nhân"),
        ]
        for event in events {
            let bytes = CanonicalJSON.encode(.object(event.payload))
            let payload = try #require(try CanonicalJSON.parse(bytes).objectValue)
            #expect(try ControlEvent.decode(type: event.type, payload: payload) == event, "\(event.type)")
        }
        // The genesis names its authority by id, name and key alone: the role is the format's.
        let genesis = events[0].payload["authority"]?.objectValue
        #expect(genesis?.keys.sorted() == ["keyId", "name", "publicKey"])
        #expect(events[2].payload["unit"] == nil)
    }
}
