import Appraisal
import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// One clock per ledger (events/CATALOG.md, "Time"): the vectors of events/vectors/clock.json, and
/// the rules through a store: every event type's claimed time is checked, control events
/// included, and a clock behind the last entry is refused by name, never clamped.
@Suite("The ledger's clock")
struct LedgerClockTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        struct Expect: Decodable, Sendable {
            let recordedAt: String?
            let refused: String?
        }
        let name: String
        let skewSeconds: Int64
        let lastRecordedAt: String?
        let clock: String
        let claimedAt: String
        let expect: Expect
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        struct File: Decodable { let cases: [Case] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("events/vectors/clock.json")
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        return (try? JSONDecoder().decode(File.self, from: data))?.cases ?? []
    }()

    @Test func theFileHoldsEveryKindOfCase() {
        #expect(Self.cases.count >= 12)
        #expect(Set(Self.cases.compactMap(\.expect.refused)) == ["clock-behind", "clock-skew"])
        #expect(Self.cases.contains { $0.expect.recordedAt != nil && $0.expect.recordedAt == $0.lastRecordedAt })
    }

    @Test(arguments: cases)
    func theClockAndTheRulesGiveTheVectorsVerdict(_ vector: Case) throws {
        let skew = vector.skewSeconds * 1000
        let clock = try #require(Timestamp(text: vector.clock))
        let claimed = try #require(Timestamp(text: vector.claimedAt))
        let last = vector.lastRecordedAt.flatMap(Timestamp.init(text:))
        let recorded: Timestamp
        do {
            recorded = try LedgerClock.recordedAt(now: clock, last: last, allowedSkew: skew)
        } catch {
            #expect(error.code == .clockBehind && vector.expect.refused == "clock-behind", "\(error)")
            // The message says what to fix and how far apart the clocks are.
            #expect(error.message.contains(vector.clock) && error.message.contains("behind"))
            return
        }
        do throws(AppraisalRefusal) {
            try AppraisalRules.requireClaimedTime(claimed, near: recorded, allowedSkew: skew)
        } catch {
            #expect(error.reason == .clockSkew && vector.expect.refused == "clock-skew", "\(error.message)")
            return
        }
        #expect(vector.expect.refused == nil)
        #expect(recorded.text == vector.expect.recordedAt)
    }

    @Test func aControlEventClaimingAYearAheadIsRefused() async throws {
        let given = CampaignFixture()
        try await given.opened()
        let yearAhead = given.day(365)
        let newcomer = try #require(SigningKey(seed: Array(repeating: 42, count: 32), name: "Kiểm toán viên"))
        let size = try await given.store.size()
        let registration = given.sign(
            ControlEvent.keyRegisteredType,
            [
                "keyId": .string(newcomer.keyID.hex), "name": "Kiểm toán viên",
                "publicKey": .string(newcomer.publicKey.text), "role": "auditor",
            ],
            by: given.authority,
            at: yearAhead
        )
        await #expect {
            _ = try await given.store.append([registration], recordedAt: given.day(1))
        } throws: { error in
            (error as? StoreError)?.violation?.reason == AppraisalRefusal.Reason.clockSkew.rawValue
        }
        #expect(try await given.store.size() == size)
    }

    @Test func aClockFarBehindTheLastEntryIsRefusedAndNothingIsWritten() async throws {
        let given = CampaignFixture()
        try await given.opened()
        try await given.act(
            .selfScoreRecorded,
            given.score("1.1", "0.5", note: "ghi chú"),
            by: given.officer,
            at: given.day(2)
        )
        let size = try await given.store.size()
        do {
            try await given.act(
                .selfScoreRecorded,
                given.score("1.2", "1", note: "ghi chú"),
                by: given.officer,
                at: given.day(1)
            )
            Issue.record("a clock a day behind the last entry was accepted")
        } catch {
            #expect(error.code == .clockBehind)
            #expect(error.isTransient)
            #expect(error.message.contains("1 day"), "\(error.message)")
        }
        #expect(try await given.store.size() == size)
        // A clock a minute behind records at the last entry's time: the ledger's time never runs back.
        let entry = try await given.act(
            .selfScoreRecorded,
            given.score("1.2", "1", note: "ghi chú"),
            by: given.officer,
            at: given.day(2).adding(milliseconds: -60_000)
        )
        #expect(entry.recordedAt == given.day(2))
    }
}
