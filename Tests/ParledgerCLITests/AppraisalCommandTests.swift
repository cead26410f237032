import Foundation
import LedgerCore
import Testing

/// A small campaign driven through the built binary as a new user would: keys, init,
/// registration, criteria, campaign, scores, evidence, appraisal, an objection and its
/// resolution, a survey import, publication, and `verify` — with a refusal for every role.
@Suite("CLI: an appraisal campaign, role by role")
struct AppraisalCommandTests {
    /// A user's session in one folder: key files by name, one ledger.
    struct Session {
        let folder = CLI.temporaryFolder()
        var store: String { folder.appendingPathComponent("ledger.sqlite").path }

        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }

        /// Runs an act with `--store` and `--key KEY.key`.
        @discardableResult
        func act(_ key: String, _ arguments: String...) async throws -> CLI.Result {
            try await CLI.parledger(arguments + ["--store", store, "--key", path("\(key).key")])
        }

        func newKey(_ name: String, _ person: String) async throws -> (keyID: String, publicKey: String) {
            #expect(try await CLI.parledger("key", "new", "--out", path("\(name).key"), "--name", person).status == 0)
            let shown = try await CLI.parledger("key", "show", path("\(name).key"), "--format", "json")
            let object = try CanonicalJSON.parse(Array(shown.stdout.utf8))
            return (object["keyId"]?.stringValue ?? "", object["publicKey"]?.stringValue ?? "")
        }

        func register(
            _ name: String,
            _ person: String,
            _ role: String,
            unit: String? = nil,
            by signer: String = "authority"
        )
            async
            throws -> String
        {
            let key = try await newKey(name, person)
            var arguments = [
                "key", "register", "--store", store, "--as", path("\(signer).key"), "--public-key", key.publicKey,
                "--role",
                role, "--name", person,
            ]
            if let unit { arguments += ["--unit", unit] }
            let result = try await CLI.parledger(arguments)
            #expect(result.status == 0, "\(result.stderr)")
            return key.keyID
        }

        /// A new ledger with its authority and secretariat, the test criteria set published and
        /// the test plan opened with self-scoring from `opens` to `closes` (the later deadlines an
        /// hour apart after it).
        func openedCampaign(opens: Date, closes: Date) async throws {
            _ = try await newKey("authority", "UBND tỉnh")
            let initialized = try await CLI.parledger(
                "init",
                "--store",
                store,
                "--ledger-id",
                "test.travinh.gov.vn/par/2023",
                "--authority-key",
                path("authority.key")
            )
            #expect(initialized.status == 0, "\(initialized.stderr)")
            _ = try await register("secretariat", "Sở Nội vụ", "secretariat")
            try write("criteria.json", AppraisalCommandTests.criteria)
            #expect(try await act("secretariat", "criteria", "publish", path("criteria.json")).status == 0)
            try write("campaign.json", AppraisalCommandTests.campaign(opens: opens, closes: closes))
            #expect(try await act("authority", "campaign", "open", path("campaign.json")).status == 0)
        }

        /// The statement id an act printed ("(mã …)"; "(statement …)" with PARLEDGER_LANG=en).
        static func statementID(_ result: CLI.Result) -> String {
            guard let range = result.stdout.range(of: "(mã ") ?? result.stdout.range(of: "(statement ") else {
                return ""
            }
            return String(result.stdout[range.upperBound...].prefix(36))
        }
    }

    static func time(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        return Timestamp(millisecondsSinceEpoch: milliseconds)?.text ?? ""
    }

    func expectRefused(_ result: CLI.Result, _ words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        for word in words {
            #expect(result.stderr.contains(word), "\(result.stderr) lacks \(word)", sourceLocation: sourceLocation)
        }
    }

    /// The leader's key registered for a unit that is not enrolled (a typo) is refused and nothing
    /// is written, so the same key can then be registered for the right unit.
    func aTypoInAUnitCodeBindsNoKey(_ session: Session) async throws {
        let leader = try await session.newKey("leader", "Trần Thị Bình")
        func register(_ unit: String) async throws -> CLI.Result {
            try await CLI.parledger(
                "key",
                "register",
                "--store",
                session.store,
                "--as",
                session.path("secretariat.key"),
                "--public-key",
                leader.publicKey,
                "--role",
                "unitLeader",
                "--name",
                "Trần Thị Bình",
                "--unit",
                unit
            )
        }
        let before = try await CLI.parledger("verify", "--store", session.store)
        #expect(before.status == 0 && before.stdout.hasPrefix("ok: "), "\(before.stderr)")
        let typo = try await register("KHONGCO")
        expectRefused(typo, ["rule (key-unit-not-enrolled)", "unit KHONGCO is not enrolled", "enrol the unit first"])
        #expect(typo.stdout.isEmpty)
        let after = try await CLI.parledger("verify", "--store", session.store)
        #expect(after.stdout == before.stdout, "nothing is written: \(after.stdout)")
        let right = try await register("SNV")
        #expect(right.status == 0, "\(right.stderr)")
    }

    /// `parledger todo` once SNV has submitted late with an N/A claim on 2.1: the appraiser of
    /// domain 1 has SNV's leaves 1.1 and 1.2 to appraise; the chair the N/A claim and the
    /// late-submission deduction to decide, each with its id in the command that decides it; the
    /// unit's leader nothing; a key the ledger does not know is refused by name.
    func whatWaitsOnWhom(_ session: Session) async throws {
        func todo(_ key: String, _ more: String...) async throws -> CLI.Result {
            let result = try await CLI.parledger(
                ["todo", "--store", session.store, "--key", session.path("\(key).key")] + more
            )
            #expect(result.status == 0, "\(result.stderr)")
            return result
        }
        let appraiser = try CanonicalJSON.parse(Array(try await todo("appraiser", "--format", "json").stdout.utf8))
        let appraise = appraiser["items"]?.arrayValue?.first { $0["kind"] == "appraise" }
        #expect(appraise?["unit"] == "SNV" && appraise?["leaves"] == ["1.1", "1.2"], "\(appraiser)")
        let chair = try await todo("chair")
        #expect(chair.stdout.contains("việc cần làm"), "a Vietnamese table: \(chair.stdout)")
        #expect(chair.stdout.contains("parledger na decide --unit SNV --leaf 2.1 --confirm|--reject --reason …"))
        let claims = try CanonicalJSON.parse(Array(try await todo("chair", "--format", "json").stdout.utf8))
        let claim = claims["items"]?.arrayValue?.first { $0["kind"] == "decideClaim" }
        let id = try #require(claim?["reference"]?.stringValue, "the late-submission deduction: \(claims)")
        #expect(chair.stdout.contains("parledger bonus decide --claim \(id) --accept"))
        let leader = try CanonicalJSON.parse(Array(try await todo("leader", "--format", "json").stdout.utf8))
        #expect(leader["items"]?.arrayValue?.allSatisfy { $0["kind"] == "deadline" } == true, "\(leader)")
        _ = try await session.newKey("stranger", "Người lạ")
        let stranger = try await CLI.parledger("todo", "--store", session.store, "--key", session.path("stranger.key"))
        #expect(stranger.status == 2 && stranger.stderr.contains("is not registered in this ledger"))
    }

    @Test func aSmallCampaignFromKeysToPublication() async throws {
        let session = Session()
        _ = try await session.newKey("authority", "UBND tỉnh Trà Vinh")
        #expect(
            try await CLI.parledger(
                "init",
                "--store",
                session.store,
                "--ledger-id",
                "test.travinh.gov.vn/par/2023",
                "--authority-key",
                session.path("authority.key")
            ).status == 0
        )
        _ = try await session.register("secretariat", "Sở Nội vụ", "secretariat")
        let appraiser = try await session.register("appraiser", "Lê Phúc", "appraiser", unit: "STP")
        let appraiserOfSNV = try await session.register("appraiser2", "Võ Thanh Hà", "appraiser", unit: "SNV")
        _ = try await session.register("chair", "Phạm Minh Đức", "councilChair")
        _ = try await session.register("clerk", "Trần Thu", "surveyClerk", by: "secretariat")
        _ = try await session.register("auditor", "Kiểm toán viên", "auditor", by: "secretariat")

        try session.write("criteria.json", Self.criteria)
        await #expect(try session.act("secretariat", "criteria", "publish", session.path("criteria.json")).status == 0)
        // The ledger's clock is the system clock, so the plan's self-scoring window has just closed:
        // SNV works late, under a reopening, and the test never waits for a deadline.
        let now = Date()
        try session.write(
            "campaign.json",
            Self.campaign(opens: now.addingTimeInterval(-7200), closes: now.addingTimeInterval(-60))
        )
        await #expect(try session.act("authority", "campaign", "open", session.path("campaign.json")).status == 0)
        for (code, name) in [("SNV", "Sở Nội vụ"), ("STP", "Sở Tư pháp")] {
            await #expect(
                try session.act("secretariat", "unit", "enrol", "--code", code, "--name", name, "--group", "department")
                    .status == 0
            )
        }
        await expectRefused(
            try session.act(
                "secretariat",
                "unit",
                "enrol",
                "--code",
                "H-CL",
                "--name",
                "Huyện Càng Long",
                "--group",
                "commune"
            ),
            ["group-unknown", "commune"]
        )
        // A unit's keys once it is enrolled. Typed in decomposed form (NFD), as some editors produce
        // it: the ledger stores NFC.
        _ = try await session.register(
            "officer",
            "Nguye\u{302}\u{303}n Văn A",
            "unitOfficer",
            unit: "SNV",
            by: "secretariat"
        )
        try await aTypoInAUnitCodeBindsNoKey(session)
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
        await #expect(
            try session.act(
                "secretariat",
                "appraiser",
                "assign",
                "--key-id",
                appraiserOfSNV,
                "--domains",
                "1,2",
                "--own-unit",
                "SNV"
            )
            .status == 0
        )
        try session.write("template.json", Self.template)
        await #expect(try session.act("secretariat", "survey", "template", session.path("template.json")).status == 0)

        // Self-assessment by the unit officer and leader, reopened by the secretariat.
        await expectRefused(
            try session.act("officer", "score", "--unit", "SNV", "--leaf", "1.2", "--points", "1", "--note", "x"),
            ["self-scoring-closed", "only the secretariat can reopen"]
        )
        await #expect(
            try session.act(
                "secretariat",
                "reopen",
                "--unit",
                "SNV",
                "--reason",
                "Đơn vị đề nghị bổ sung",
                "--until",
                Self.time(now.addingTimeInterval(3600))
            ).status == 0
        )
        try session.write("ke-hoach.pdf", "Kế hoạch CCHC năm 2023")
        let attached = try await session.act(
            "officer",
            "evidence",
            "attach",
            "--unit",
            "SNV",
            "--leaf",
            "1.1",
            "--file",
            session.path("ke-hoach.pdf"),
            "--doc-number",
            "12/KH-SNV",
            "--issuer",
            "Sở Nội vụ",
            "--issued-on",
            "10/01/2023"
        )
        #expect(attached.status == 0, "\(attached.stderr)")
        let impossible = try await session.act(
            "officer",
            "evidence",
            "attach",
            "--unit",
            "SNV",
            "--leaf",
            "1.1",
            "--file",
            session.path("ke-hoach.pdf"),
            "--doc-number",
            "13/KH-SNV",
            "--issuer",
            "Sở Nội vụ",
            "--issued-on",
            "31/02/2023"
        )
        #expect(impossible.status == 2 && impossible.stderr.contains("31/02/2023 is not a date DD/MM/YYYY"))
        // The act's confirmation reads as Vietnamese: what, who, when in Vietnam's time, and its id.
        let scored = try await session.act("officer", "score", "--unit", "SNV", "--leaf", "1.1", "--points", "1")
        #expect(scored.status == 0, "\(scored.stderr)")
        let confirmed = try #require(scored.stdout.split(separator: "\n").first.map(String.init))
        #expect(confirmed.hasPrefix("Đã ghi bản ghi số ") && confirmed.contains(": tự chấm điểm, do "), "\(confirmed)")
        #expect(
            confirmed.range(of: #"ký lúc \d\d:\d\d \d\d/\d\d/\d{4} \(mã [0-9a-f-]{36}\)$"#, options: .regularExpression)
                != nil
        )
        await expectRefused(
            try session.act("officer", "score", "--unit", "STP", "--leaf", "1.1", "--points", "1", "--note", "x"),
            ["not-your-unit"]
        )
        await expectRefused(
            try session.act(
                "officer",
                "score",
                "--unit",
                "SNV",
                "--leaf",
                "1.2",
                "--points",
                "2,5",
                "--note",
                "Báo cáo quý"
            ),
            ["points-out-of-range", "0 to 2"]
        )
        await expectRefused(try session.act("leader", "submit", "--unit", "SNV"), ["incomplete", "1.2, 2.1"])
        await #expect(
            try session.act("officer", "na", "claim", "--unit", "SNV", "--leaf", "2.1", "--reason", "Không phát sinh")
                .status == 0
        )
        await #expect(
            try session.act(
                "officer",
                "score",
                "--unit",
                "SNV",
                "--leaf",
                "1.2",
                "--points",
                "1,5",
                "--note",
                "Báo cáo quý"
            )
            .status == 0
        )
        // Late, under the reopening: the ledger proposes the campaign's late-submission deduction.
        let submission = try await session.act("leader", "submit", "--unit", "SNV")
        #expect(submission.status == 0)
        try await whatWaitsOnWhom(session)
        await expectRefused(
            try session.act("auditor", "score", "--unit", "SNV", "--leaf", "1.2", "--points", "1"),
            ["role"]
        )

        // Survey forms keyed in by the clerk: a bad row refuses the whole file, by its line.
        try session.write(
            "forms.csv",
            "serial,unit,respondentGroup,Q1,demo:gender\n2023-SNV-001,SNV,citizens,A,Nữ\n2023-SNV-002,SNV,citizens,F,Nam\n"
        )
        await expectRefused(
            try session.act("clerk", "survey", "import", session.path("forms.csv"), "--template", "department-2023"),
            ["line 3", "F is not an option"]
        )
        try session.write(
            "forms.csv",
            "serial,unit,respondentGroup,Q1\n2023-SNV-001,SNV,citizens,A\n2023-SNV-002,SNV,citizens,\n"
        )
        await #expect(
            try session.act("clerk", "survey", "import", session.path("forms.csv"), "--template", "department-2023")
                .status == 0
        )

        // Appraisal waits for the deadline of the units that did not submit; SNV submitted.
        await expectRefused(
            try session.act("appraiser", "appraise", "--unit", "SNV", "--leaf", "2.1", "--round", "1", "--points", "3"),
            ["not-assigned"]
        )
        await #expect(
            try session.act(
                "appraiser",
                "appraise",
                "--unit",
                "SNV",
                "--leaf",
                "1.2",
                "--round",
                "1",
                "--points",
                "1",
                "--reason",
                "Thiếu báo cáo quý IV"
            ).status == 0
        )
        await #expect(
            try session.act(
                "chair",
                "na",
                "decide",
                "--unit",
                "SNV",
                "--leaf",
                "2.1",
                "--confirm",
                "--reason",
                "Đúng thực tế"
            )
            .status == 0
        )
        // Every other leaf is appraised before the council report: nothing published is provisional.
        await #expect(
            try session.act("appraiser", "appraise", "--unit", "SNV", "--leaf", "1.1", "--round", "1", "--points", "1")
                .status == 0
        )
        for leaf in ["1.1", "1.2", "2.1"] {
            let appraised = try await session.act(
                "appraiser2",
                "appraise",
                "--unit",
                "STP",
                "--leaf",
                leaf,
                "--round",
                "1",
                "--points",
                "0",
                "--reason",
                "Đơn vị không tự đánh giá"
            )
            #expect(appraised.status == 0, "\(appraised.stderr)")
        }
        await #expect(try session.act("secretariat", "results", "preliminary").status == 0)
        let objection = try await session.act(
            "officer",
            "object",
            "--unit",
            "SNV",
            "--leaf",
            "1.2",
            "--text",
            "Báo cáo quý IV đã gửi đúng hạn"
        )
        #expect(objection.status == 0, "\(objection.stderr)")
        await expectRefused(
            try session.act("chair", "report", "approve", "--number", "05/BC-HĐTĐ", "--date", "2024-03-15"),
            ["pending-matters", "1 objection", "1 bonus/deduction claim"]
        )
        let lateDeduction = try await session.act(
            "chair",
            "bonus",
            "decide",
            "--claim",
            Session.statementID(submission),
            "--accept",
            "--points",
            "1",
            "--reason",
            "Nộp báo cáo tự đánh giá trễ hạn"
        )
        #expect(lateDeduction.status == 0, "\(lateDeduction.stderr)")
        await expectRefused(
            try session.act("authority", "publish", "--decision", "812/QĐ-UBND", "--date", "2024-04-10"),
            ["council-report-missing"]
        )
        await #expect(
            try session.act(
                "chair",
                "resolve",
                "--objection",
                Session.statementID(objection),
                "--accept",
                "--points",
                "1.5",
                "--reasoning",
                "Có công văn gửi báo cáo"
            ).status == 0
        )
        await #expect(
            try session.act("chair", "report", "approve", "--number", "05/BC-HĐTĐ", "--date", "2024-03-15").status == 0
        )
        await #expect(
            try session.act("authority", "publish", "--decision", "812/QĐ-UBND", "--date", "2024-04-10").status == 0
        )
        await expectRefused(
            try session.act("officer", "score", "--unit", "SNV", "--leaf", "1.2", "--points", "2", "--note", "x"),
            ["results-published", "812/QĐ-UBND"]
        )
        let verify = try await CLI.parledger("verify", "--store", session.store)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        // The officer's name was stored in NFC whatever form it was typed in.
        let log = try await CLI.parledger("log", "--store", session.store, "--format", "json")
        // Bytes, not Strings: Swift compares strings by canonical equivalence, which would hide it.
        let bytes = Data(log.stdout.utf8)
        #expect(bytes.range(of: Data("Nguy\u{1EC5}n Văn A".utf8)) != nil)
        #expect(bytes.range(of: Data("Nguye\u{302}\u{303}n".utf8)) == nil)
    }

    @Test func theSampleInputsArePublishableAsTheyStand() async throws {
        let session = Session()
        _ = try await session.newKey("authority", "UBND tỉnh Trà Vinh")
        #expect(
            try await CLI.parledger(
                "init",
                "--store",
                session.store,
                "--ledger-id",
                "test.travinh.gov.vn/par/2023",
                "--authority-key",
                session.path("authority.key")
            ).status == 0
        )
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("events/samples")
        for file in ["criteria-department-2023.json", "criteria-district-2023.json"] {
            let result = try await session.act(
                "authority",
                "criteria",
                "publish",
                samples.appendingPathComponent(file).path
            )
            #expect(result.status == 0, "\(file): \(result.stderr)")
        }
        let campaign = try await session.act(
            "authority",
            "campaign",
            "open",
            samples.appendingPathComponent("campaign-2023.json").path
        )
        #expect(campaign.status == 0, "\(campaign.stderr)")
        await expectRefused(
            try session.act("authority", "campaign", "open", samples.appendingPathComponent("campaign-2023.json").path),
            ["campaign-exists"]
        )
    }

    static let criteria = """
        {"set": "department", "version": 1, "name": "Bộ tiêu chí cấp sở (thử nghiệm)", "totalPoints": "10",
         "decision": {"number": "534/QĐ-UBND", "date": "2023-04-17"},
         "domains": [
           {"code": "1", "name": "Chỉ đạo, điều hành", "children": [
             {"code": "1.1", "name": "Kế hoạch CCHC", "maxPoints": "1", "method": "TĐG", "rule": "Đúng hạn: 1",
              "evidence": ["Kế hoạch"], "notApplicable": "notAllowed", "allowedValues": ["0", "1"]},
             {"code": "1.2", "name": "Báo cáo định kỳ", "maxPoints": "2", "method": "TĐG", "rule": "Đủ 4 quý: 2",
              "evidence": [], "notApplicable": "notAllowed"},
             {"code": "1.3", "name": "Hiệu quả chỉ đạo", "maxPoints": "2", "method": "XHH", "rule": "Khảo sát",
              "evidence": [], "notApplicable": "notAllowed"}]},
           {"code": "2", "name": "Thể chế", "children": [
             {"code": "2.1", "name": "Rà soát văn bản", "maxPoints": "5", "method": "TĐG", "rule": "Đạt: 5",
              "evidence": [], "notApplicable": "allowed"}]}],
         "adjustments": {"bonusCap": "2", "deductionCap": "3", "items": []}}
        """

    static func campaign(opens: Date, closes: Date) -> String {
        """
        {"plan": {"number": "43/KH-UBND", "date": "2023-05-09"}, "year": 2023,
         "groups": [{"code": "department", "name": "Sở, ban, ngành", "criteria": {"set": "department", "version": 1}}],
         "deadlines": {"selfScoringOpens": "\(time(opens))", "selfScoringCloses": "\(time(closes))",
           "round1Closes": "\(time(closes.addingTimeInterval(3600)))",
           "explanationCloses": "\(time(closes.addingTimeInterval(7200)))",
           "round2Closes": "\(time(closes.addingTimeInterval(10800)))"},
         "respondentGroups": [{"code": "citizens", "name": "Người dân, tổ chức"}],
         "surveyQuotas": [{"group": "department", "respondentGroup": "citizens", "formsPerUnit": 20}],
         "scoring": {"publicationDecimals": 2, "bands": [{"name": "Tốt", "minimumIndex": "90"}, {"name": "Yếu", "minimumIndex": "0"}],
           "tieBreak": ["surveyTotal"], "minimumSampleShare": "0.5", "formValidShare": "0.7",
           "notApplicableDefault": "excludeFromMax", "lateSubmissionDeduction": "1", "clockSkewSeconds": 300}}
        """
    }

    static let template = """
        {"template": "department-2023", "version": 1, "group": "department", "name": "Phiếu khảo sát",
         "options": [{"code": "A", "label": "Rất tốt", "coefficient": "1"}, {"code": "E", "label": "Không biết", "coefficient": null}],
         "questions": [{"code": "Q1", "text": "Lãnh đạo sở quan tâm chỉ đạo CCHC?", "leaf": "1.3", "respondentGroups": ["citizens"]}]}
        """
}
