import Foundation
import LedgerCore
import Testing

@Suite("CLI: keys, init, register, revoke, append")
struct KeyAndWriteCommandTests {
    @Test func keyNewWritesA0600FileRefusesToOverwriteAndNeverPrintsTheSeed() async throws {
        let folder = CLI.temporaryFolder()
        let file = folder.appendingPathComponent("a.key").path
        let created = try await CLI.parledger("key", "new", "--out", file, "--name", "Nguye\u{0302}\u{0303}n Văn A")
        #expect(created.status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let contents = try #require(FileManager.default.contents(atPath: file))
        let stored = try CanonicalJSON.parse([UInt8](contents.dropLast()))
        #expect(stored["format"]?.stringValue == "parledger-key/v2", "a new key file is protected")
        #expect(stored["seed"] == nil)
        let seed = try CLI.seed(ofKeyFile: file)
        #expect(!contents.base64EncodedString().isEmpty && !String(decoding: contents, as: UTF8.self).contains(seed))
        #expect(!created.stdout.contains(seed) && !created.stderr.contains(seed))
        #expect(created.stdout.contains("ed25519:"))

        let again = try await CLI.parledger("key", "new", "--out", file, "--name", "B")
        #expect(again.status == 2)
        #expect(again.stderr.contains("never overwritten"))
        #expect(FileManager.default.contents(atPath: file) == contents)

        let shown = try await CLI.parledger("key", "show", file, "--format", "json")
        #expect(shown.status == 0)
        let object = try CanonicalJSON.parse(shown.stdout.trimmingCharacters(in: .newlines))
        #expect(object.objectValue?.keys.sorted() == ["keyId", "name", "publicKey"])
        #expect(object["name"]?.stringValue == "Nguy\u{1EC5}n Văn A", "names are stored in NFC")
        let publicKey = try #require(object["publicKey"]?.stringValue.flatMap(PublicSigningKey.init(text:)))
        #expect(publicKey.keyID.hex == object["keyId"]?.stringValue)
        #expect(!shown.stdout.contains(seed))
    }

    @Test func aWholeWritingSessionAndItsRefusals() async throws {
        let folder = CLI.temporaryFolder()
        let store = folder.appendingPathComponent("ledger.sqlite").path
        func key(_ name: String) async throws -> (file: String, publicKey: String, keyID: String) {
            let file = folder.appendingPathComponent("\(name).key").path
            _ = try await CLI.parledger("key", "new", "--out", file, "--name", name)
            let shown = try CanonicalJSON.parse(
                try await CLI.parledger("key", "show", file, "--format", "json").stdout.trimmingCharacters(
                    in: .newlines
                )
            )
            return (file, shown["publicKey"]?.stringValue ?? "", shown["keyId"]?.stringValue ?? "")
        }
        let authority = try await key("authority")
        let secretariat = try await key("secretariat")
        let appraiser = try await key("appraiser")

        // A policy of its own: notes outside the appraisal catalog, and two of its acts.
        let policy = folder.appendingPathComponent("policy.json").path
        try Data(
            #"{"note.recorded/v1":["appraiser"],"results.published/v1":["authority"],"selfScore.recorded/v1":["appraiser"]}"#
                .utf8
        ).write(to: URL(fileURLWithPath: policy))
        func initLedger() async throws -> CLI.Result {
            try await CLI.parledger([
                "init", "--store", store, "--ledger-id", "travinh.gov.vn/par/2023", "--authority-key", authority.file,
                "--policy", policy,
            ])
        }
        let created = try await initLedger()
        #expect(created.status == 0, "\(created.stderr)")
        let twice = try await initLedger()
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("already holds a ledger"))

        func register(
            _ signer: String,
            _ publicKey: String,
            _ role: String,
            _ extra: [String] = []
        ) async throws -> CLI.Result {
            try await CLI.parledger(
                [
                    "key", "register", "--store", store, "--as", signer, "--public-key", publicKey, "--role", role,
                    "--name", "Nguyễn Văn A",
                ]
                    + extra
            )
        }
        await #expect(try register(authority.file, secretariat.publicKey, "secretariat").status == 0)
        let noUnit = try await register(secretariat.file, appraiser.publicKey, "unitOfficer")
        #expect(noUnit.status == 1)
        #expect(noUnit.stderr.contains("must name its unit"))
        // No unit is enrolled in this ledger, so no unit's key can be registered; the key is not
        // spent by the refusal.
        let notEnrolled = try await register(secretariat.file, appraiser.publicKey, "unitOfficer", ["--unit", "STP"])
        #expect(notEnrolled.status == 1)
        #expect(notEnrolled.stderr.contains("rule (key-unit-not-enrolled): unit STP is not enrolled"))
        await #expect(try register(secretariat.file, appraiser.publicKey, "appraiser", ["--unit", "STP"]).status == 0)
        await #expect(try register(authority.file, appraiser.publicKey, "king").status == 2)

        func append(_ type: String, _ payload: String, _ extra: [String] = []) async throws -> CLI.Result {
            try await CLI.parledger(
                ["append", "--store", store, "--key", appraiser.file, "--type", type, "--payload", payload] + extra
            )
        }
        // The low-level append applies the appraisal rules too: no campaign, no self-score.
        let premature = try await append(
            "selfScore.recorded/v1",
            #"{"unit":"STP","leaf":"1.1.1","points":"0.5","note":"Đúng hạn"}"#
        )
        #expect(premature.status == 1)
        #expect(premature.stderr.contains("rule (unit-unknown): unit STP is not enrolled"))
        let appended = try await append(
            "note.recorded/v1",
            #"{"text":"Ghi chú của Nguyễn Văn A"}"#,
            ["--format", "json"]
        )
        #expect(appended.status == 0, "\(appended.stderr)")
        let entry = try Entry(bytes: Array(appended.stdout.trimmingCharacters(in: .newlines).utf8))
        #expect(entry.seq == 3)

        let wrongRole = try await append("results.published/v1", "{}")
        #expect(wrongRole.status == 1)
        #expect(wrongRole.stderr.contains("role appraiser may not emit results.published/v1"))
        let float = try await append("selfScore.recorded/v1", #"{"points":0.5}"#)
        #expect(float.status == 2)
        #expect(float.stderr.contains("float"))

        #expect(
            try await CLI.parledger(
                "key",
                "revoke",
                "--store",
                store,
                "--as",
                secretariat.file,
                "--key-id",
                appraiser.keyID,
                "--reason",
                "Chuyển công tác"
            ).status == 0
        )
        let revoked = try await append("selfScore.recorded/v1", "{}")
        #expect(revoked.status == 1)
        #expect(revoked.stderr.contains("key-revoked"))

        let log = try await CLI.parledger("log", "--store", store)
        #expect(log.status == 0)
        #expect(log.stdout.contains("Nguyễn Văn A"))
        // A Vietnamese table: its labels, the events' names, Vietnam's time; English on request.
        #expect(log.stdout.contains("thời điểm ghi") && log.stdout.contains("đăng ký khóa"), "\(log.stdout)")
        #expect(log.stdout.range(of: #"\d\d:\d\d \d\d/\d\d/\d{4}"#, options: .regularExpression) != nil)
        #expect(!log.stdout.contains("key.registered") && !log.stdout.contains("recordedAt"))
        let english = try await CLI.parledger("log", "--store", store, "--lang", "en")
        #expect(english.stdout.contains("recorded at") && english.stdout.contains("key registered"))
        let french = try await CLI.parledger("log", "--store", store, "--lang", "fr")
        #expect(french.status == 2 && french.stderr.contains("--lang fr must be vi or en"), "\(french.stderr)")
        let verified = try await CLI.parledger("verify", "--store", store)
        #expect(verified.status == 0)
        #expect(verified.stdout.hasPrefix("ok: 5 entries"))
        for output in [created, appended, log, verified] {
            let seed = try CLI.seed(ofKeyFile: appraiser.file)
            #expect(!output.stdout.contains(seed))
        }
    }

    @Test func badUsageAndUnreadableLedgersExitTwo() async throws {
        let missing = try await CLI.parledger("verify", "--store", "/nonexistent/ledger.sqlite")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no ledger at"))
        #expect(try await CLI.parledger("verify", "--no-such-flag").status == 2)
        #expect(
            try await CLI.parledger("prove", "inclusion", "--store", "/nonexistent.sqlite", "--seq", "x").status == 2
        )
        // serve opens the ledger before it listens: a mistyped path is an error, not a new ledger.
        let serveMissing = try await CLI.parledger("serve", "--store", "/nonexistent/ledger.sqlite", "--port", "18080")
        #expect(serveMissing.status == 2)
        #expect(serveMissing.stderr.contains("no ledger at"))
        #expect(try await CLI.parledger("serve", "--store", "/nonexistent.sqlite", "--port", "70000").status == 2)

        let folder = CLI.temporaryFolder()
        let keyFile = folder.appendingPathComponent("a.key").path
        _ = try await CLI.parledger("key", "new", "--out", keyFile, "--name", "A")
        let store = folder.appendingPathComponent("l.sqlite").path
        let badID = try await CLI.parledger(
            "init",
            "--store",
            store,
            "--ledger-id",
            "có dấu cách",
            "--authority-key",
            keyFile
        )
        #expect(badID.status == 2)
        #expect(badID.stderr.contains("--ledger-id"))
        #expect(!FileManager.default.fileExists(atPath: store), "a refused init leaves no file behind")
        #expect(
            try await CLI.parledger("init", "--store", store, "--ledger-id", "a/b", "--authority-key", keyFile).status
                == 0
        )
        let noCheckpoint = try await CLI.parledger(
            "verify",
            "--store",
            store,
            "--checkpoint",
            "/nonexistent.checkpoint"
        )
        #expect(noCheckpoint.status == 2)
        let garbage = folder.appendingPathComponent("garbage.checkpoint")
        try Data("not a note".utf8).write(to: garbage)
        let unparsable = try await CLI.parledger("verify", "--store", store, "--checkpoint", garbage.path)
        #expect(unparsable.status == 1)
        #expect(unparsable.stdout.hasPrefix("checkpoint: checkpoint-format:"))
        let notAKey = try await CLI.parledger(
            "append",
            "--store",
            store,
            "--key",
            garbage.path,
            "--type",
            "a.b/v1",
            "--payload",
            "{}"
        )
        #expect(notAKey.status == 2)
        #expect(notAKey.stderr.contains("is not a parledger key file"))
        let exportFolder = folder.appendingPathComponent("export")
        #expect(try await CLI.parledger("export", "--store", store, "--out", exportFolder.path).status == 0)
        let again = try await CLI.parledger("export", "--store", store, "--out", exportFolder.path)
        #expect(again.status == 2)
        #expect(again.stderr.contains("is not empty"))
    }

    @Test func demoActsOutTheWholeCampaignAndVerifiesIt() async throws {
        let folder = CLI.temporaryFolder().appendingPathComponent("demo")
        let demo = try await CLI.parledger("demo", "--dir", folder.path)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("verify     ok:"))
        #expect(demo.stdout.contains("27 units self-scored"))
        #expect(demo.stdout.contains(" 1278 × survey forms"))
        #expect(demo.stdout.contains("rule (not-your-unit)"))
        #expect(demo.stdout.contains("rule (self-scoring-closed)"))
        #expect(demo.stdout.contains("rule (own-unit)"))
        #expect(demo.stdout.contains("rule (explanation-window-closed)"))
        #expect(demo.stdout.contains("20 × objection.filed/v1"))
        let audit = try await CLI.parledger("audit", "--store", folder.appendingPathComponent("ledger.sqlite").path)
        #expect(audit.status == 0)
        #expect(audit.stdout.contains("entries follow the appraisal rules"))
        // Deterministic: a second run writes the same ledger, so the same checkpoint.
        let again = CLI.temporaryFolder().appendingPathComponent("demo-again")
        #expect(try await CLI.parledger("demo", "--dir", again.path).status == 0)
        #expect(
            FileManager.default.contents(atPath: folder.appendingPathComponent("checkpoint").path)
                == FileManager.default.contents(atPath: again.appendingPathComponent("checkpoint").path)
        )
        let store = folder.appendingPathComponent("ledger.sqlite").path
        let checkpoint = folder.appendingPathComponent("checkpoint").path
        #expect(try await CLI.parledger("verify", "--store", store, "--checkpoint", checkpoint).status == 0)
        let proof = try await CLI.parledger(
            "verify-proof",
            folder.appendingPathComponent("self-score.tlog-proof").path,
            "--store",
            store
        )
        #expect(proof.status == 0)
        #expect(proof.stdout.contains("of travinh.gov.vn/par/2023\nok: checkpoint signed by"), "\(proof.stdout)")
        let python = try await CLI.python([folder.appendingPathComponent("export").path, "--checkpoint", checkpoint])
        #expect(python.status == 0, "\(python.stdout)\(python.stderr)")
    }
}
