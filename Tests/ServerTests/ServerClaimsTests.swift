import Appraisal
import Foundation
import HTTPTypes
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Projections
import Testing

/// `GET /api/claims`: the bonus, deduction and N/A claims a reader may list, as the projection
/// computes them, and nothing of the units the reader may not see.
@Suite struct ServerClaimsTests {
    /// Given SNV's N/A claim on 1.2 and its bonus claim B1 (decided), and the secretariat's
    /// deduction D1 proposed for STP (pending).
    func claimed(_ harness: APIHarness) async throws -> (bonus: Entry, deduction: Entry) {
        let fixture = harness.fixture
        try await fixture.opened()
        try await fixture.act(
            .notApplicableClaimed,
            ["unit": "SNV", "leaf": "1.2", "reason": "Không có nhiệm vụ này trong năm"],
            by: fixture.officer,
            at: fixture.day(2)
        )
        let bonus = try await fixture.act(
            .bonusPenaltyClaimed,
            ["unit": "SNV", "item": "B1", "points": "1", "reason": "Sáng kiến cấp tỉnh", "evidence": []],
            by: fixture.officer,
            at: fixture.day(2)
        )
        let deduction = try await fixture.act(
            .bonusPenaltyClaimed,
            ["unit": "STP", "item": "D1", "points": "0.5", "reason": "Báo cáo quý trễ hạn", "evidence": []],
            by: fixture.secretariat,
            at: fixture.day(4)
        )
        try await fixture.act(
            .bonusPenaltyDecided,
            [
                "claim": .string(bonus.statement.statementID.text), "decision": "accepted", "points": "0.5",
                "reason": "Chỉ công nhận cấp sở",
            ],
            by: fixture.chair,
            at: fixture.day(6)
        )
        harness.clock.set(fixture.day(7))
        return (bonus, deduction)
    }

    @Test func listsEveryClaimWithItsDecisionAsTheProjectionDoes() async throws {
        let harness = APIHarness()
        let (bonus, _) = try await claimed(harness)
        let fold = try await LedgerFold.load(harness.fixture.store)
        try await harness.run(readingAs: harness.fixture.secretariat) { api in
            let all = try await api.get("/api/claims")
            #expect(all.status == .ok)
            #expect(
                all.bytes == CanonicalJSON.encode(Reports.sealed(Reports.claims(fold.state), fold: fold, asOf: nil))
            )
            let decided = all.json["adjustments"]?.arrayValue?.first {
                $0["claim"]?.stringValue == bonus.statement.statementID.text
            }
            #expect(decided?["status"] == "accepted")
            #expect(decided?["claimedPoints"] == "1")
            #expect(decided?["points"] == "0.5")
            #expect(decided?["reason"] == "Sáng kiến cấp tỉnh")
            #expect(decided?["decisionReason"] == "Chỉ công nhận cấp sở")
            #expect(decided?["decidedAt"]?.stringValue == harness.fixture.day(6).text)
            #expect(all.json["notApplicable"]?.arrayValue?.first?["reason"] == "Không có nhiệm vụ này trong năm")
            #expect(all.json["notApplicable"]?.arrayValue?.first?["leafName"] == "Tiêu chí 1.2")

            let pending = try await api.get("/api/claims?status=pending")
            #expect(pending.json["adjustments"]?.arrayValue?.compactMap { $0["item"]?.stringValue } == ["D1"])
            #expect(pending.json["pending"]?["adjustments"] == 1)
            #expect(pending.json["pending"]?["notApplicable"] == 1)
            let stp = try await api.get("/api/claims?unit=STP")
            #expect(stp.json["notApplicable"]?.arrayValue?.isEmpty == true)
            #expect(stp.json["adjustments"]?.arrayValue?.count == 1)
        }
    }

    @Test func aUnitListsItsOwnClaimsAndAnAppraiserThoseOfTheUnitsAndDomainsTheyAppraise() async throws {
        let harness = APIHarness()
        _ = try await claimed(harness)
        let fixture = harness.fixture
        try await fixture.act(
            .notApplicableClaimed,
            ["unit": "SNV", "leaf": "2.1", "reason": "Không có văn bản quy phạm phải ban hành"],
            by: fixture.officer,
            at: fixture.day(6)
        )
        try await harness.run { api in
            func units(_ key: SigningKey, _ uri: String = "/api/claims") async throws -> Set<String> {
                let answer = try await api.get(uri, token: try await api.signIn(key))
                #expect(answer.status == .ok, "\(uri): \(answer.text)")
                let lines =
                    (answer.json["adjustments"]?.arrayValue ?? []) + (answer.json["notApplicable"]?.arrayValue ?? [])
                return Set(lines.compactMap { $0["unit"]?.stringValue })
            }
            #expect(try await units(fixture.officer) == ["SNV"])
            #expect(try await units(fixture.otherOfficer) == ["STP"])
            // This appraiser's own unit is STP: they appraise SNV only.
            #expect(try await units(fixture.appraiser) == ["SNV"])
            #expect(try await units(fixture.chair) == ["SNV", "STP"])

            // An appraiser lists the N/A claims of their domains' leaves only.
            func notApplicable(_ key: SigningKey) async throws -> [String] {
                let answer = try await api.get("/api/claims", token: try await api.signIn(key))
                return (answer.json["notApplicable"]?.arrayValue ?? []).compactMap { $0["leaf"]?.stringValue }
            }
            #expect(try await notApplicable(fixture.appraiser) == ["1.2"])
            #expect(try await notApplicable(fixture.reviewer) == ["1.2", "2.1"])
            #expect(try await notApplicable(fixture.officer) == ["1.2", "2.1"])
            // What is left out is named, never silently dropped.
            func withheld(_ key: SigningKey) async throws -> String? {
                try await api.get("/api/claims", token: try await api.signIn(key)).json["withheld"]?.stringValue
            }
            #expect(try await withheld(fixture.officer)?.contains("units other than SNV") == true)
            let appraisers = try await withheld(fixture.appraiser)
            #expect(appraisers?.contains("unit STP") == true && appraisers?.contains("outside domains 1") == true)
            #expect(try await withheld(fixture.chair) == nil)

            let otherUnit = try await api.get("/api/claims?unit=SNV", token: try await api.signIn(fixture.otherOfficer))
            #expect(otherUnit.status == .forbidden)
            #expect(otherUnit.code == "withheld")
            #expect(!otherUnit.text.contains("Sáng kiến"))
            let nobody = try await api.get("/api/claims")
            #expect(nobody.status == .unauthorized)
            let clerk = try await api.get("/api/claims", token: try await api.signIn(fixture.clerk))
            #expect(clerk.status == .forbidden)
        }
    }

    /// A claim's file is for whoever decides the unit's claims: every appraiser of the unit, whatever
    /// their domains. Another unit naming the same file in its own claim gains nothing by it.
    @Test func aClaimsFileIsReadByEveryAppraiserOfItsUnit() async throws {
        let harness = APIHarness()
        let fixture = harness.fixture
        try await fixture.opened()
        let bytes = Array("Bằng khen sáng kiến cấp tỉnh".utf8)
        let file = try await fixture.store.putBlob(bytes)
        func claim(_ unit: String) -> [String: JSONValue] {
            [
                "unit": .string(unit), "item": "B1", "points": "1", "reason": "Sáng kiến cấp tỉnh",
                "evidence": [
                    [
                        "blob": [
                            "sha256": .string(file.sha256.hex), "size": .int(file.size), "name": "bang-khen.pdf",
                            "mediaType": "application/pdf",
                        ],
                        "document": ["number": "15/QĐ-UBND", "issuer": "UBND tỉnh", "issuedOn": "2023-06-01"],
                    ]
                ],
            ]
        }
        try await fixture.act(
            .bonusPenaltyClaimed,
            claim("SNV"),
            by: fixture.officer,
            at: fixture.day(2)
        )
        try await fixture.act(
            .bonusPenaltyClaimed,
            claim("STP"),
            by: fixture.otherOfficer,
            at: fixture.day(3)
        )
        harness.clock.set(fixture.day(4))
        try await harness.run { api in
            // `appraiser` appraises domain 1 of SNV's two: the claim is theirs to decide all the same.
            let appraiser = try await api.signIn(fixture.appraiser)
            #expect(try await api.get("/api/blobs/\(file.sha256.hex)", token: appraiser).bytes == bytes)
            let other = try await api.signIn(fixture.otherOfficer)
            #expect(try await api.get("/api/blobs/\(file.sha256.hex)", token: other).status == .forbidden)
        }
    }

    @Test func refusesAnUnknownUnitOrStatusByName() async throws {
        let harness = APIHarness()
        _ = try await claimed(harness)
        try await harness.run(readingAs: harness.fixture.secretariat) { api in
            let unit = try await api.get("/api/claims?unit=KHONGCO")
            #expect(unit.status == .badRequest)
            #expect(unit.code == "unit-unknown")
            #expect(unit.json["field"] == "unit")
            let status = try await api.get("/api/claims?status=maybe")
            #expect(status.status == .badRequest)
            #expect(status.json["field"] == "status")
        }
    }
}
