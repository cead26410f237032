import LedgerCore
import Testing

@Suite("Checkpoints and cosignatures (events/vectors/checkpoints.json)")
struct CheckpointTests {
    nonisolated(unsafe) static let vectors = (try? Vectors.json("checkpoints.json")) as? [String: Any] ?? [:]
    nonisolated(unsafe) static let valid = Vectors.objects(vectors["valid"])
    nonisolated(unsafe) static let invalid = Vectors.objects(vectors["invalid"])

    static func verify(_ vector: [String: Any]) throws(LedgerViolation) -> (Checkpoint, Int) {
        let logKey = ((vector["logKey"] as? [String: Any])?["publicKey"] as? String).flatMap(
            PublicSigningKey.init(text:)
        )
        var witnesses: [KeyID: PublicSigningKey] = [:]
        for witness in Vectors.objects(vector["witnesses"]) {
            if let id = (witness["keyId"] as? String).flatMap(KeyID.init),
                let key = (witness["publicKey"] as? String).flatMap(PublicSigningKey.init(text:))
            {
                witnesses[id] = key
            }
        }
        let note = try SignedNote(parsing: vector["note"] as? String ?? "")
        let checkpoint = try Checkpoint(noteText: note.text)
        _ = try Checkpoint.verifyLogSignature(note, keys: logKey.map { [$0] } ?? [])
        return (checkpoint, try Checkpoint.verifyCosignatures(note, witnesses: witnesses))
    }

    @Test(arguments: valid.indices)
    func validCheckpointsVerifyWithTheirCosignatures(index: Int) throws {
        let vector = Self.valid[index]
        let (checkpoint, cosignatures) = try Self.verify(vector)
        #expect(checkpoint.size == vector["size"] as? Int)
        #expect(checkpoint.root.hex == vector["rootHex"] as? String)
        #expect(cosignatures == Vectors.objects(vector["witnesses"]).count)
        let note = try SignedNote(parsing: vector["note"] as? String ?? "")
        #expect(note.serialized == vector["note"] as? String)
        #expect(Hex.encode(note.signatures[0].keyHash) == vector["noteKeyIdHex"] as? String)
    }

    @Test(arguments: invalid.indices)
    func invalidCheckpointsFailWithTheExpectedCode(index: Int) {
        let vector = Self.invalid[index]
        do {
            _ = try Self.verify(vector)
            Issue.record("\(vector["name"] ?? index) verified but should fail")
        } catch {
            #expect(error.code.rawValue == vector["expect"] as? String, "\(vector["name"] ?? index): \(error)")
        }
    }

    @Test func ourSignedCheckpointsVerifyAndRefuseAnotherKey() throws {
        let log = try #require(SigningKey(seed: Array(repeating: 3, count: 32), name: "log"))
        let witness = try #require(SigningKey(seed: Array(repeating: 4, count: 32), name: "witness"))
        let checkpoint = Checkpoint(origin: LedgerID("example.gov.vn/par")!, size: 5, root: MerkleTree.emptyRoot)
        var note = checkpoint.signed(by: log)
        note.append(Checkpoint.cosignature(noteText: note.text, by: witness, timestamp: 1_700_000_000))
        let parsed = try SignedNote(parsing: note.serialized)
        #expect(try Checkpoint.verifyLogSignature(parsed, keys: [log.publicKey]) == [log.keyID])
        #expect(try Checkpoint.verifyCosignatures(parsed, witnesses: [witness.keyID: witness.publicKey]) == 1)
        #expect(throws: LedgerViolation.self) { try Checkpoint.verifyLogSignature(parsed, keys: [witness.publicKey]) }
    }
}
