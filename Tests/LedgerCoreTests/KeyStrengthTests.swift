import Foundation
import LedgerCore
import Testing

/// FORMAT.md §5.1: only strong keys are accepted, and signatures pass one rule, the same in Swift,
/// Python and the browser (events/vectors/ed25519-edges.json).
@Suite("Strong keys and the signature rule (events/vectors/ed25519-edges.json)")
struct KeyStrengthTests {
    nonisolated(unsafe) static let vectors = (try? Vectors.json("ed25519-edges.json")) as? [String: Any] ?? [:]
    nonisolated(unsafe) static let keys = Vectors.objects(vectors["keys"])
    nonisolated(unsafe) static let signatures = Vectors.objects(vectors["signatures"])

    @Test func theVectorsCoverEveryEdge() {
        #expect(Self.keys.count >= 15)
        #expect(Self.signatures.count >= 8)
        #expect(Self.keys.contains { $0["strong"] as? Bool == true })
        #expect(Self.signatures.contains { $0["valid"] as? Bool == true })
    }

    @Test(arguments: keys.indices)
    func aKeyIsAcceptedExactlyWhenTheVectorSaysItIsStrong(index: Int) {
        let vector = Self.keys[index]
        let bytes = Vectors.bytes(vector["publicKeyHex"])
        let strong = vector["strong"] as? Bool
        #expect((PublicSigningKey(rawBytes: bytes) != nil) == strong, "\(vector["name"] ?? index)")
        if let text = vector["publicKey"] as? String {
            #expect((PublicSigningKey(text: text) != nil) == strong, "\(vector["name"] ?? index) as text")
        }
    }

    @Test(arguments: signatures.indices)
    func aSignatureVerifiesExactlyWhenTheVectorSaysSo(index: Int) {
        let vector = Self.signatures[index]
        let valid =
            PublicSigningKey(rawBytes: Vectors.bytes(vector["publicKeyHex"]))?.isValidSignature(
                Vectors.bytes(vector["signatureHex"]),
                for: Vectors.bytes(vector["messageHex"])
            ) ?? false
        #expect(valid == vector["valid"] as? Bool, "\(vector["name"] ?? index)")
    }

    @Test func everyGeneratedKeyIsStrongAndSignsUnderTheRule() throws {
        for index in 0..<64 {
            let key = SigningKey.generate(name: "khóa \(index)")
            let message = Array("thông điệp \(index)".utf8)
            let again = try #require(PublicSigningKey(rawBytes: key.publicKey.rawBytes))
            #expect(again.isValidSignature(key.sign(message), for: message))
        }
    }

    @Test func weakKeysAreRefusedWithTheirReason() {
        let identity = [1] + [UInt8](repeating: 0, count: 31)
        #expect(throws: PublicSigningKey.Problem.smallOrder) { try PublicSigningKey(validating: identity) }
        var nonCanonical = [UInt8](repeating: 0xFF, count: 32)
        nonCanonical[0] = 0xED
        nonCanonical[31] = 0x7F
        #expect(throws: PublicSigningKey.Problem.nonCanonical) { try PublicSigningKey(validating: nonCanonical) }
        #expect(throws: PublicSigningKey.Problem.format) { try PublicSigningKey(validatingText: "ed25519:AAAA") }
        #expect(throws: PublicSigningKey.Problem.format) { try PublicSigningKey(validating: [1, 2, 3]) }
    }
}
