import Foundation
import LedgerCore
import Testing

@Suite("Ed25519 keys, statements and entries (events/vectors)")
struct SigningTests {
    @Test func rfc8032TestOneKeySignsAsTheRFCSays() throws {
        let vector = try #require(try Vectors.json("ed25519.json") as? [String: Any])
        let key = try #require(SigningKey(seed: Vectors.bytes(vector["seedHex"]), name: "RFC 8032 test 1"))
        #expect(Hex.encode(key.publicKey.rawBytes) == vector["publicKeyHex"] as? String)
        #expect(key.publicKey.text == vector["publicKey"] as? String)
        #expect(key.keyID.hex == vector["keyId"] as? String)
        let signature = key.sign(Vectors.bytes(vector["messageHex"]))
        #expect(Hex.encode(signature) == vector["signatureHex"] as? String)
        #expect(key.publicKey.isValidSignature(signature, for: Vectors.bytes(vector["messageHex"])))
        #expect(!key.publicKey.isValidSignature(signature, for: [0x00]))
    }

    /// The verifier remembers statement ids by their 128 bits: the bits are the UUID's, so two
    /// ids are told apart exactly when their texts differ.
    @Test func statementIDBitsAreTheUUIDsBits() throws {
        let id = try #require(StatementID("0123abcd-4567-489a-bcde-f0123456789a"))
        #expect(id.bits == UInt128(0x0123_abcd_4567_489a_bcde_f012_3456_789a))
        let neighbour = try #require(StatementID("0123abcd-4567-489a-bcde-f0123456789b"))
        #expect(neighbour.bits == id.bits + 1)
        let random = (0..<2000).map { _ in StatementID(randomBytes: (0..<16).map { _ in UInt8.random(in: 0...255) }) }
        #expect(Set(random.map(\.bits)).count == Set(random.map(\.text)).count)
        // The text is written back from the bits: the same id, version 4.
        #expect(id.text == "0123abcd-4567-489a-bcde-f0123456789a")
        for random in random {
            #expect(StatementID(random.text) == random)
            #expect(Array(random.text.utf8)[14] == UInt8(ascii: "4"))
        }
        for bad in [
            "0123ABCD-4567-489a-bcde-f0123456789a", "0123abcd-4567-489a-bcde-f0123456789",
            "0123abcd4567-489a-bcde-f0123456789ab",
        ] {
            #expect(StatementID(bad) == nil, "\(bad)")
        }
    }

    nonisolated(unsafe) static let statements = Vectors.objects(try? Vectors.json("statements.json"))

    /// A fold reads an entry's envelope by the canonical layout: the same position, time,
    /// statement id, type, payload bytes and hash as the full decoding; bytes out of that layout
    /// have no envelope.
    @Test(arguments: statements.indices)
    func anEntrysEnvelopeIsWhatTheFullDecodingReads(index: Int) throws {
        let bytes = Vectors.bytes(Self.statements[index]["entryCanonicalHex"])
        let entry = try Entry(bytes: bytes)
        let envelope = try #require(Entry.envelope(of: bytes))
        #expect(envelope.seq == entry.seq)
        #expect(envelope.recordedAt == entry.recordedAt)
        #expect(envelope.statementID == entry.statement.statementID)
        #expect(bytes[envelope.typeRange].elementsEqual(entry.statement.type.text.utf8))
        #expect(bytes[envelope.payloadRange].elementsEqual(entry.statement.payloadBytes))
        #expect(envelope.hash == entry.hash)
        let text = String(decoding: bytes, as: UTF8.self)
        for broken in [
            String(text.dropLast()), text.replacingOccurrences(of: #""seq":"#, with: #""seq": "#),
            text.replacingOccurrences(of: #","type":""#, with: #", "type":""#), "{}", "",
        ] {
            #expect(Entry.envelope(of: Array(broken.utf8)) == nil, "\(broken.prefix(80))")
        }
    }

    @Test(arguments: statements.indices)
    func statementAndEntryBytesHashesAndSignaturesMatch(index: Int) throws {
        let vector = Self.statements[index]
        let statement = try Statement(json: Vectors.jsonValue(vector["statement"] ?? [:]))
        #expect(Hex.encode(statement.canonicalBytes) == vector["statementCanonicalHex"] as? String)
        #expect(Hex.encode(statement.signingMessage) == vector["signingMessageHex"] as? String)
        let key = try #require(SigningKey(seed: Vectors.bytes(vector["signerSeedHex"]), name: "signer"))
        let signed = SignedStatement(statement: statement, signedBy: key)
        #expect(Base64.encode(signed.signature) == vector["signature"] as? String)
        let entry = try Entry(bytes: Vectors.bytes(vector["entryCanonicalHex"]))
        #expect(entry.hash.hex == vector["entryHash"] as? String)
        #expect(entry.signed.isSigned(by: key.publicKey))
        let rebuilt = Entry(seq: entry.seq, recordedAt: entry.recordedAt, prev: entry.prev, signed: signed)
        #expect(rebuilt.bytes == entry.bytes)
    }

    @Test func keyDescriptionNeverShowsTheSeed() throws {
        let key = try #require(SigningKey(seed: Array(repeating: 7, count: 32), name: "Nguyễn Văn A"))
        #expect(!key.description.contains(Base64.encode(key.seed)))
        #expect(!key.description.contains(Hex.encode(key.seed)))
        #expect(key.description.contains(key.keyID.short))
    }

    @Test func timestampsRoundTripAndRefuseImpossibleDates() throws {
        let stamp = try #require(Timestamp(text: "2024-02-29T23:59:59.999Z"))
        #expect(stamp.text == "2024-02-29T23:59:59.999Z")
        #expect(Timestamp(millisecondsSinceEpoch: stamp.millisecondsSinceEpoch) == stamp)
        #expect(Timestamp(text: "2023-02-29T00:00:00.000Z") == nil)
        #expect(Timestamp(text: "2023-01-01T24:00:00.000Z") == nil)
        #expect(Timestamp(text: "2023-01-01T00:00:00Z") == nil)
        #expect(Timestamp.epoch.text == "1970-01-01T00:00:00.000Z")
    }
}
