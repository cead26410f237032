import Foundation
import LedgerCore
import Testing

@Suite("Checkpoints and cosignatures (events/vectors/checkpoints.json)")
struct CheckpointTests {
    /// One vector. Decoded with JSONDecoder: JSONSerialization drops a leading U+FEFF from strings,
    /// and one vector is about exactly that.
    struct Vector: Decodable, Sendable, CustomStringConvertible {
        struct Key: Decodable, Sendable {
            let publicKey: String
            let keyId: String?
        }
        let name: String
        let note: String
        let logKey: Key?
        let witnesses: [Key]?
        let size: Int?
        let rootHex: String?
        let noteKeyIdHex: String?
        let cosignatures: Int?
        let expect: String?

        var description: String { name }
    }

    struct File: Decodable {
        let valid: [Vector]
        let invalid: [Vector]
    }

    static let file: File? = try? JSONDecoder().decode(
        File.self,
        from: Data(contentsOf: Vectors.folder.appendingPathComponent("checkpoints.json"))
    )
    static let valid = file?.valid ?? []
    static let invalid = file?.invalid ?? []

    static func verify(_ vector: Vector) throws(LedgerViolation) -> (Checkpoint, Int) {
        let logKey = vector.logKey.flatMap { PublicSigningKey(text: $0.publicKey) }
        var witnesses: [KeyID: PublicSigningKey] = [:]
        for witness in vector.witnesses ?? [] {
            if let id = witness.keyId.flatMap(KeyID.init), let key = PublicSigningKey(text: witness.publicKey) {
                witnesses[id] = key
            }
        }
        let note = try SignedNote(parsing: vector.note)
        let checkpoint = try Checkpoint(noteText: note.text)
        _ = try Checkpoint.verifyLogSignature(note, keys: logKey.map { [$0] } ?? [])
        return (checkpoint, try Checkpoint.verifyCosignatures(note, witnesses: witnesses))
    }

    @Test func theVectorsArePresent() {
        #expect(Self.valid.count >= 10)
        #expect(Self.invalid.count >= 30)
    }

    @Test(arguments: valid)
    func validCheckpointsVerifyWithTheirCosignatures(vector: Vector) throws {
        let (checkpoint, cosignatures) = try Self.verify(vector)
        #expect(checkpoint.size == vector.size)
        #expect(checkpoint.root.hex == vector.rootHex)
        #expect(cosignatures == vector.cosignatures ?? vector.witnesses?.count ?? 0)
        let note = try SignedNote(parsing: vector.note)
        #expect(note.serialized == vector.note)
        #expect(Hex.encode(note.signatures[0].keyHash) == vector.noteKeyIdHex)
    }

    @Test(arguments: invalid)
    func invalidCheckpointsFailWithTheExpectedCode(vector: Vector) {
        do {
            _ = try Self.verify(vector)
            Issue.record("\(vector.name) verified but should fail")
        } catch {
            #expect(error.code.rawValue == vector.expect, "\(vector.name): \(error)")
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
