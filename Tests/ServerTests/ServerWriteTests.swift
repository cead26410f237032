import Appraisal
import HTTPTypes
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Server
import Testing

/// Writes through the router: sign-in by challenge, signed statements, refusals, uploads.
@Suite struct ServerWriteTests {
    @Test func signsInOnlyWithTheSignatureOfARegisteredKey() async throws {
        let harness = APIHarness()
        try await harness.fixture.opened()
        let fixture = harness.fixture
        try await harness.run { api in
            let token = try await api.signIn(fixture.officer)
            #expect(token.count == 64)
            let session = try await api.get("/api/session", token: token)
            #expect(session.status == .ok)
            #expect(session.json["key"]?["role"] == "unitOfficer")
            #expect(session.json["key"]?["unit"] == "SNV")

            // A challenge signed by another key, a challenge used twice, an unknown key.
            let challenge = try await api.post("/api/session/challenge", ["keyId": .string(fixture.officer.keyID.hex)])
            let message = Array((challenge.json["message"]?.stringValue ?? "").utf8)
            #expect(challenge.json["message"]?.stringValue?.hasPrefix("parledger-session/v1\n") == true)
            let forged = try await api.post(
                "/api/session",
                [
                    "keyId": .string(fixture.officer.keyID.hex), "challenge": challenge.json["challenge"] ?? .null,
                    "signature": .string(Base64.encode(fixture.otherOfficer.sign(message))),
                ]
            )
            #expect(forged.status == .unauthorized)
            #expect(forged.code == "challenge-signature")
            let replayed = try await api.post(
                "/api/session",
                [
                    "keyId": .string(fixture.officer.keyID.hex), "challenge": challenge.json["challenge"] ?? .null,
                    "signature": .string(Base64.encode(fixture.officer.sign(message))),
                ]
            )
            #expect(replayed.code == "challenge-unknown")
            // Challenges are stateless: anyone asking for challenges of the officer's key (key ids
            // are public) cannot displace the officer's own, and each serves once.
            var issued: [(challenge: JSONValue, message: [UInt8])] = []
            for _ in 0..<40 {
                let answer = try await api.post("/api/session/challenge", ["keyId": .string(fixture.officer.keyID.hex)])
                issued.append(
                    (answer.json["challenge"] ?? .null, Array((answer.json["message"]?.stringValue ?? "").utf8))
                )
            }
            func signIn(with pending: (challenge: JSONValue, message: [UInt8])) async throws -> String? {
                try await api.post(
                    "/api/session",
                    [
                        "keyId": .string(fixture.officer.keyID.hex), "challenge": pending.challenge,
                        "signature": .string(Base64.encode(fixture.officer.sign(pending.message))),
                    ]
                ).code
            }
            #expect(try await signIn(with: issued[0]) == nil)
            #expect(try await signIn(with: issued[0]) == "challenge-unknown", "used once")
            #expect(try await signIn(with: issued[39]) == nil)
            // A challenge made for another key, or altered, is refused.
            let forOther = try await api.post("/api/session/challenge", ["keyId": .string(fixture.leader.keyID.hex)])
            let stolen = (
                forOther.json["challenge"] ?? .null, Array((forOther.json["message"]?.stringValue ?? "").utf8)
            )
            #expect(try await signIn(with: stolen) == "challenge-unknown")
            let stranger = SigningKey(seed: Array(repeating: 99, count: 32), name: "Người lạ")!
            let unknown = try await api.post("/api/session/challenge", ["keyId": .string(stranger.keyID.hex)])
            #expect(unknown.status == .unauthorized)
            #expect(unknown.code == "key-unknown")
            #expect(unknown.json["message"]?["vi"] == "Khóa ký chưa được đăng ký.")

            _ = try await api.request("/api/session", .delete, token: token)
            #expect(try await api.get("/api/session", token: token).code == "session-required")
        }
    }

    @Test func appendsAStatementTheSignedInOfficerSigned() async throws {
        let harness = try await APIHarness.selfScoring()
        let fixture = harness.fixture
        try await harness.run(readingAs: harness.fixture.secretariat) { api in
            let token = try await api.signIn(fixture.officer)
            // Read before the write: a kept answer must not outlive the ledger it came from.
            let before = try await api.get("/api/units/SNV/scores")
            #expect(before.json["leaves"]?.arrayValue?.first { $0["leaf"] == "1.2" }?["selfScore"] == .null)
            #expect(try await api.get("/api/units/SNV/scores").bytes == before.bytes)
            let historyBefore = try await api.get("/api/units/SNV/leaves/1.2/history")
            #expect(historyBefore.json["events"]?.arrayValue?.isEmpty == true)
            #expect(try await api.get("/api/units/SNV/leaves/1.2/history").bytes == historyBefore.bytes)
            let statement = harness.selfScore("1.2", "1.5", note: "Không có văn bản riêng")
            let answer = try await api.append([statement], token: token)
            #expect(answer.status == .created)
            let entry = answer.json["entries"]?.arrayValue?.first
            #expect(entry?["type"] == "selfScore.recorded/v1")
            #expect(entry?["statementId"]?.stringValue == statement.statement.statementID.text)
            #expect(entry?["recordedAt"]?.stringValue == fixture.day(2).text)

            // The same statement again is idempotent: the same entry.
            let again = try await api.append([statement], token: token)
            #expect(again.json["entries"]?.arrayValue?.first?["seq"] == entry?["seq"])

            let scores = try await api.get("/api/units/SNV/scores")
            let leaf = scores.json["leaves"]?.arrayValue?.first { $0["leaf"] == "1.2" }
            #expect(leaf?["selfScore"] == "1.5")
            let history = try await api.get("/api/units/SNV/leaves/1.2/history")
            #expect(history.json["events"]?.arrayValue?.map { $0["type"] } == ["selfScore.recorded/v1"])
        }
    }

    @Test func refusesARuleWithItsReasonInVietnameseAndTheField() async throws {
        let harness = try await APIHarness.selfScoring()
        let fixture = harness.fixture
        try await harness.run { api in
            let token = try await api.signIn(fixture.officer)
            let tooMany = harness.selfScore("1.2", "3", note: "Vượt điểm tối đa")
            let refused = try await api.append([tooMany], token: token)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.code == "points-out-of-range")
            #expect(refused.json["field"] == "points")
            #expect(refused.json["index"] == 0)
            #expect(refused.json["message"]?["vi"]?.stringValue?.contains("Điểm vượt quá") == true)
            #expect(refused.json["detail"]?.stringValue?.contains("1.2") == true)

            // Self-scoring after the deadline: the rule's own reason.
            harness.clock.set(fixture.day(11))
            let late = harness.selfScore("1.2", "1", note: "Muộn")
            let lateToken = try await api.signIn(fixture.officer)
            #expect(try await api.append([late], token: lateToken).code == "self-scoring-closed")
            #expect(try await fixture.store.size() == 18)
        }
    }

    @Test func refusesAStatementSignedByAnotherKeyThanItsActor() async throws {
        let harness = try await APIHarness.selfScoring()
        let fixture = harness.fixture
        try await harness.run { api in
            let token = try await api.signIn(fixture.officer)
            let honest = harness.selfScore("1.2", "1", note: "Ghi chú")
            // The officer's statement, signed with the other unit's officer's key.
            let forged = SignedStatement(
                statement: honest.statement,
                signature: fixture.otherOfficer.sign(honest.statement.signingMessage)
            )
            let refused = try await api.append([forged], token: token)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.code == "signature")
            #expect(refused.json["field"] == "signature")

            // A statement whose actor is not the signed-in key.
            let other = harness.selfScore("1.2", "1", note: "Ghi chú", unit: "STP", by: fixture.otherOfficer)
            let mismatch = try await api.append([other], token: token)
            #expect(mismatch.status == .forbidden)
            #expect(mismatch.code == "session-actor")
            #expect(try await fixture.store.size() == 18)
        }
    }

    @Test func refusesWritesWithoutASessionAndAfterItExpires() async throws {
        let harness = try await APIHarness.selfScoring()
        let fixture = harness.fixture
        try await harness.run { api in
            let statement = harness.selfScore("1.2", "1", note: "Ghi chú")
            let anonymous = try await api.append([statement], token: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.code == "session-required")
            #expect(try await api.append([statement], token: "not-a-token").code == "session-required")
            let token = try await api.signIn(fixture.officer)
            harness.clock.set(fixture.day(2, hours: 9))
            let expired = try await api.append([statement], token: token)
            #expect(expired.code == "session-expired")
            #expect(try await fixture.store.size() == 18)
        }
    }

    @Test func refusesBodiesThatAreNotAcceptableJSON() async throws {
        let harness = try await APIHarness.selfScoring()
        let fixture = harness.fixture
        try await harness.run { api in
            let token = try await api.signIn(fixture.officer)
            for body in [
                "{\"statements\": [", "{\"statements\": [],}", "[1, 2]", "{\"a\": \"Nguye\u{0302}\u{0303}n\"}",
            ] {
                let answer = try await api.request("/api/statements", .post, body: Array(body.utf8), token: token)
                #expect(answer.status == .badRequest, "\(body)")
                #expect(answer.code == "bad-json", "\(body)")
                #expect(answer.json["message"]?["vi"]?.stringValue?.isEmpty == false)
            }
            let empty = try await api.post("/api/statements", ["statements": []], token: token)
            #expect(empty.code == "bad-request")
            let statement = harness.selfScore("1.2", "1", note: "Ghi chú")
            var item = API.body([statement])["statements"]?.arrayValue?.first?.objectValue ?? [:]
            var json = item["statement"]?.objectValue ?? [:]
            json["statementId"] = "NOT-A-UUID"
            item["statement"] = .object(json)
            let badID = try await api.post("/api/statements", ["statements": [.object(item)]], token: token)
            #expect(badID.status == .badRequest)
            #expect(badID.code == "encoding")
            #expect(badID.json["field"] == "statementId")
            item["signature"] = "c2hvcnQ="
            let shortSignature = try await api.post("/api/statements", ["statements": [.object(item)]], token: token)
            #expect(shortSignature.code == "encoding")
        }
    }

    @Test func refusesOversizedUploadsAndServesBlobsByHash() async throws {
        var settings = ParledgerServer.Settings()
        settings.uploadLimit = 1024
        settings.jsonLimit = 2048
        let harness = APIHarness(settings: settings)
        let fixture = harness.fixture
        try await fixture.opened()
        harness.clock.set(fixture.day(2))
        try await harness.run { api in
            let token = try await api.signIn(fixture.officer)
            let big = try await api.request("/api/blobs", .post, body: [UInt8](repeating: 7, count: 4000), token: token)
            #expect(big.status == .contentTooLarge)
            #expect(big.code == "too-large")
            #expect(try await fixture.store.blobHashes().isEmpty)
            let bigJSON = try await api.request(
                "/api/statements",
                .post,
                body: Array("{\"statements\":[\"\(String(repeating: "x", count: 3000))\"]}".utf8),
                token: token
            )
            #expect(bigJSON.code == "too-large")

            let bytes = Array("Kế hoạch CCHC năm 2023".utf8)
            #expect(try await api.request("/api/blobs", .post, body: bytes, token: nil).code == "session-required")
            let auditor = try await api.signIn(fixture.clerk)
            let refused = try await api.request("/api/blobs", .post, body: bytes, token: auditor)
            #expect(refused.status == .forbidden, "a survey clerk attaches no evidence")
            let uploaded = try await api.request("/api/blobs", .post, body: bytes, token: token)
            #expect(uploaded.status == .created)
            let hash = SHA256Hash.of(bytes).hex
            #expect(uploaded.json["sha256"]?.stringValue == hash)
            #expect(uploaded.json["size"] == .int(Int64(bytes.count)))
            // A file no entry refers to is served to nobody, not even its uploader, who is refused
            // as for a file they may not read: whether a file is evidence is not for all to learn.
            let unreferenced = try await api.get("/api/blobs/\(hash)", token: token)
            #expect(unreferenced.status == .forbidden && unreferenced.code == "withheld")
            func attached(unit: String, by key: SigningKey) -> SignedStatement {
                fixture.statement(
                    .evidenceAttached,
                    [
                        "unit": .string(unit), "leaf": "1.1",
                        "blob": [
                            "sha256": .string(hash), "size": .int(Int64(bytes.count)), "name": "ke-hoach.pdf",
                            "mediaType": "application/pdf",
                        ],
                        "document": ["number": "12/KH-SNV", "issuer": "Sở Nội vụ", "issuedOn": "2023-01-10"],
                    ],
                    by: key,
                    at: harness.clock.now
                )
            }
            #expect(try await api.append([attached(unit: "SNV", by: fixture.officer)], token: token).status == .created)
            // Referred to by SNV's entry: served to SNV's officer, withheld from anyone and from
            // another unit's officer, before publication.
            let downloaded = try await api.get("/api/blobs/\(hash)", token: token)
            #expect(downloaded.bytes == bytes)
            #expect(try await api.get("/api/blobs/\(hash)").code == "withheld")
            let other = try await api.signIn(fixture.otherOfficer)
            #expect(try await api.get("/api/blobs/\(hash)", token: other).status == .forbidden)
            // Naming SNV's file as STP's own evidence opens nothing: a hash alone is no key.
            #expect(
                try await api.append([attached(unit: "STP", by: fixture.otherOfficer)], token: other).status == .created
            )
            #expect(try await api.get("/api/blobs/\(hash)", token: other).status == .forbidden)
            #expect(try await api.get("/api/blobs/\(SHA256Hash.of([1]).hex)").status == .unauthorized)
            let secretariat = try await api.signIn(fixture.secretariat)
            #expect(try await api.get("/api/blobs/\(SHA256Hash.of([1]).hex)", token: secretariat).status == .notFound)
            #expect(try await api.get("/api/blobs/xyz").code == "bad-parameter")
        }
    }

    /// An upload no entry refers to is removed once its grace has passed, when a later upload looks
    /// for such files; one an entry names stays.
    @Test func uploadsNoEntryRefersToAreRemovedAfterTheirGrace() async throws {
        var settings = ParledgerServer.Settings()
        settings.unreferencedUploadSeconds = 3
        settings.uploadPruningSeconds = 0
        let harness = APIHarness(settings: settings)
        let fixture = harness.fixture
        try await fixture.opened()
        harness.clock.set(fixture.day(2))
        try await harness.run { api in
            let token = try await api.signIn(fixture.officer)
            func upload(_ text: String) async throws -> String {
                let answer = try await api.request("/api/blobs", .post, body: Array(text.utf8), token: token)
                #expect(answer.status == .created, "\(answer.text)")
                return answer.json["sha256"]?.stringValue ?? ""
            }
            let plan = "Kế hoạch CCHC năm 2023"
            let named = try await upload(plan)
            let statement = fixture.statement(
                .evidenceAttached,
                [
                    "unit": "SNV", "leaf": "1.1",
                    "blob": [
                        "sha256": .string(named), "size": .int(Int64(plan.utf8.count)), "name": "ke-hoach.pdf",
                        "mediaType": "application/pdf",
                    ],
                    "document": ["number": "12/KH-SNV", "issuer": "Sở Nội vụ", "issuedOn": "2023-01-10"],
                ],
                by: fixture.officer,
                at: harness.clock.now
            )
            #expect(try await api.append([statement], token: token).status == .created)
            let forgotten = try await upload("Bản nháp không dùng")
            // This upload looks, and finds nothing past its grace yet.
            let early = try await upload("Tệp thứ ba")
            #expect(Set(try await fixture.store.blobHashes().map(\.hex)) == [named, forgotten, early])
            try await Task.sleep(for: .milliseconds(3500))
            let last = try await upload("Tệp mới")
            #expect(Set(try await fixture.store.blobHashes().map(\.hex)) == [named, last])
            #expect(try await api.get("/api/blobs/\(named)", token: token).status == .ok)
        }
    }
}
