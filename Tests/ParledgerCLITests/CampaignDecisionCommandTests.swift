import Foundation
import LedgerCore
import Testing

/// The decisions that keep a campaign from getting stuck, through the built binary: a campaign
/// whose every deadline has passed is amended, a unit renamed, another withdrawn into it.
@Suite("CLI: decisions that unstick a campaign")
struct CampaignDecisionCommandTests {
    typealias Session = AppraisalCommandTests.Session

    /// A day from today as an official types it, in Vietnam's time: "dd/MM/yyyy", or "HH:mm dd/MM/yyyy".
    static func typed(daysFromNow days: Int, at time: String? = nil) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "dd/MM/yyyy"
        let day = formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
        return time.map { "\($0) \(day)" } ?? day
    }

    @Test func aCampaignPastEveryDeadlineIsAmendedAndItsUnitsChangedByDecision() async throws {
        let session = Session()
        // Every deadline of the plan is past: self-scoring closed four hours ago, round 2 an hour ago.
        let now = Date()
        try await session.openedCampaign(
            opens: now.addingTimeInterval(-5 * 3600),
            closes: now.addingTimeInterval(-4 * 3600)
        )
        let appraiser = try await session.register("appraiser", "Lê Phúc", "appraiser", unit: "STP")
        for (code, name) in [("SNV", "Sở Nội vụ"), ("STP", "Sở Tư pháp")] {
            await #expect(
                try session.act("secretariat", "unit", "enrol", "--code", code, "--name", name, "--group", "department")
                    .status == 0
            )
        }
        await #expect(
            try session.act(
                "secretariat",
                "appraiser",
                "assign",
                "--key-id",
                appraiser,
                "--domains",
                "1",
                "--own-unit",
                "STP"
            )
            .status == 0
        )
        let appraise = [
            "appraise", "--unit", "SNV", "--leaf", "1.1", "--round", "1", "--points", "0", "--reason",
            "Không tự đánh giá",
        ]
        let closed = try await CLI.parledger(
            appraise + ["--store", session.store, "--key", session.path("appraiser.key")]
        )
        #expect(closed.status == 1 && closed.stderr.contains("round-closed"), "\(closed.stderr)")
        // The rule in Vietnamese first, then the ledger's own words; English as a switch.
        #expect(closed.stderr.hasPrefix("parledger: bị từ chối: Vòng thẩm định đã đóng."), "\(closed.stderr)")
        let english = try await CLI.run(
            CLI.binary,
            appraise + ["--store", session.store, "--key", session.path("appraiser.key")],
            environment: ["PARLEDGER_LANG": "en"]
        )
        #expect(english.stderr.hasPrefix("parledger: The appraisal round is closed."), "\(english.stderr)")
        #expect(!english.stderr.contains("bị từ chối"))

        let badTime = try await session.act(
            "authority",
            "campaign",
            "amend",
            "--decision",
            "120/QĐ-UBND",
            "--date",
            Self.typed(daysFromNow: 0),
            "--reason",
            "Gia hạn",
            "--round2-closes",
            "31/02/2024"
        )
        #expect(
            badTime.status == 2 && badTime.stderr.contains("--round2-closes 31/02/2024 is not a time"),
            "\(badTime.stderr)"
        )
        let amended = try await session.act(
            "authority",
            "campaign",
            "amend",
            "--decision",
            "120/QĐ-UBND",
            "--date",
            Self.typed(daysFromNow: 0),
            "--reason",
            "Gia hạn thẩm định",
            "--round1-closes",
            Self.typed(daysFromNow: 1, at: "17:00"),
            "--explanation-closes",
            Self.typed(daysFromNow: 2),
            "--round2-closes",
            Self.typed(daysFromNow: 3)
        )
        #expect(amended.status == 0, "\(amended.stderr)")
        let appraised = try await CLI.parledger(
            appraise + ["--store", session.store, "--key", session.path("appraiser.key")]
        )
        #expect(appraised.status == 0, "\(appraised.stderr)")

        let renamed = try await session.act(
            "secretariat",
            "unit",
            "rename",
            "--unit",
            "SNV",
            "--name",
            "Sở Nội vụ tỉnh Trà Vinh",
            "--decision",
            "121/QĐ-UBND",
            "--date",
            Self.typed(daysFromNow: 0)
        )
        #expect(renamed.status == 0, "\(renamed.stderr)")
        let withdraw = [
            "unit", "withdraw", "--unit", "STP", "--decision", "122/QĐ-UBND", "--date", Self.typed(daysFromNow: 0),
            "--reason", "Sáp nhập vào Sở Nội vụ", "--successor", "SNV",
        ]
        let withdrawn = try await CLI.parledger(
            withdraw + ["--store", session.store, "--key", session.path("secretariat.key")]
        )
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        let again = try await CLI.parledger(
            withdraw + ["--store", session.store, "--key", session.path("secretariat.key")]
        )
        #expect(again.status == 1 && again.stderr.contains("unit-withdrawn"), "\(again.stderr)")
        let early = try await session.act(
            "secretariat",
            "round",
            "reopen",
            "--round",
            "2",
            "--unit",
            "SNV",
            "--until",
            Self.typed(daysFromNow: 4),
            "--reason",
            "Thẩm định bổ sung"
        )
        #expect(early.status == 1 && early.stderr.contains("too-early"), "\(early.stderr)")

        let progress = try await CLI.parledger("progress", "--store", session.store, "--format", "json")
        let report = try CanonicalJSON.parse(Array(progress.stdout.utf8))
        let units = report["units"]?.arrayValue ?? []
        #expect(units.first { $0["unit"] == "SNV" }?["name"] == "Sở Nội vụ tỉnh Trà Vinh")
        #expect(units.first { $0["unit"] == "SNV" }?["formerNames"] == ["Sở Nội vụ"])
        #expect(units.first { $0["unit"] == "STP" }?["withdrawn"]?["successor"] == "SNV")
        #expect(report["amendments"]?.arrayValue?.first?["number"] == "120/QĐ-UBND")
        let verified = try await CLI.parledger("verify", "--store", session.store)
        #expect(verified.status == 0, "\(verified.stderr)")
    }
}
