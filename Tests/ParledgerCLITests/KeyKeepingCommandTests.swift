import Foundation
import LedgerCore
import Testing

/// Keys people can keep, through the built binary: files protected by a passphrase, unprotected
/// files refused unless the user says so, changing a passphrase, a handover as one act, and the
/// receipt the secretariat prints.
@Suite("CLI: keeping keys")
struct KeyKeepingCommandTests {
    typealias Session = AppraisalCommandTests.Session

    /// No passphrase from the environment and no unprotected keys: as a user's own shell has it.
    static let plainShell = [
        "PARLEDGER_PASSPHRASE_FILE": "", "PARLEDGER_NEW_PASSPHRASE_FILE": "", "PARLEDGER_UNPROTECTED": "",
    ]

    /// A person at a terminal: `key new` asks a passphrase twice and `init` asks it to open the
    /// key, on the terminal (a pseudo-terminal Python's pty module gives), with nothing echoed;
    /// a wrong one is refused by name.
    @Test func thePassphraseIsAskedOnTheTerminalWithoutEcho() async throws {
        let session = AppraisalCommandTests.Session()
        let key = session.path("typed.key")
        // Runs the arguments after the script's under a pseudo-terminal, typing each line of
        // answers after the prompt it waits for; prints the exit code, whether a typed secret
        // came back, and what the terminal showed.
        let terminal = """
            import json, os, pty, select, sys
            arguments, answers = json.loads(sys.argv[1]), json.loads(sys.argv[2])
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(arguments[0], arguments)
            shown = b""
            def read():
                global shown
                # A prompt that never comes ends the run (the test then fails) instead of hanging it.
                if not select.select([fd], [], [], 120)[0]:
                    os.kill(pid, 9)
                    return False
                try:
                    chunk = os.read(fd, 1024)
                except OSError:
                    return False
                shown += chunk
                return bool(chunk)
            start = 0
            for prompt, line in answers:
                # Each answer after its own prompt: the terminal drops what is typed before it asks.
                while shown.find(prompt.encode(), start) < 0 and read():
                    pass
                start = shown.find(prompt.encode(), start) + 1
                os.write(fd, (line + "\\n").encode())
            while read():
                pass
            _, status = os.waitpid(pid, 0)
            secrets = [line for _, line in answers]
            print(json.dumps({"status": os.waitstatus_to_exitcode(status), "echoed": any(s.encode() in shown for s in secrets),
                              "shown": shown.decode(errors="replace")}, ensure_ascii=False))
            """
        func typed(_ arguments: [String], _ answers: [(String, String)]) async throws -> JSONValue {
            let command = String(
                decoding: CanonicalJSON.encode(.array(([CLI.binary] + arguments).map(JSONValue.string))),
                as: UTF8.self
            )
            let lines = String(
                decoding: CanonicalJSON.encode(.array(answers.map { [.string($0.0), .string($0.1)] })),
                as: UTF8.self
            )
            let result = try await CLI.run(
                "/usr/bin/env",
                ["python3", "-c", terminal, command, lines],
                environment: Self.plainShell
            )
            #expect(result.status == 0, "\(result.stderr)")
            return (try? CanonicalJSON.parse(Array(result.stdout.trimmingCharacters(in: .newlines).utf8))) ?? .null
        }
        let secret = "Mật khẩu riêng 2023"
        let made = try await typed(
            ["key", "new", "--out", key, "--name", "Nguyễn Văn A"],
            [("ít nhất 8 ký tự", secret), ("Nhập lại mật khẩu", secret)]
        )
        #expect(made["status"] == 0 && made["echoed"] == false, "\(made)")
        #expect(made["shown"]?.stringValue?.contains("Đặt mật khẩu cho khóa của Nguyễn Văn A") == true, "\(made)")
        let text = String(decoding: FileManager.default.contents(atPath: key) ?? Data(), as: UTF8.self)
        #expect(text.contains("\"format\":\"parledger-key/v2\""))
        let initialize = [
            "init", "--store", session.store, "--ledger-id", "test.travinh.gov.vn/par/2023", "--authority-key", key,
        ]
        // Three tries, as with sudo.
        let prompt = "Mật khẩu của khóa Nguyễn Văn A"
        let wrong = try await typed(initialize, Array(repeating: (prompt, secret + "!"), count: 3))
        #expect(
            wrong["status"] == 2 && wrong["shown"]?.stringValue?.contains("does not open with this passphrase") == true,
            "\(wrong)"
        )
        let opened = try await typed(initialize, [(prompt, secret + "!"), (prompt, secret)])
        #expect(opened["status"] == 0 && opened["echoed"] == false, "\(opened)")
        #expect(opened["shown"]?.stringValue?.contains("Mật khẩu không đúng, nhập lại") == true, "\(opened)")
        let verified = try await CLI.parledger("verify", "--store", session.store)
        #expect(verified.status == 0, "\(verified.stderr)")
    }

    @Test func aProtectedKeyOpensOnlyWithItsPassphrase() async throws {
        let session = Session()
        try session.write("right.txt", "đúng mật khẩu này\n")
        try session.write("wrong.txt", "sai mật khẩu rồi\n")
        try session.write("short.txt", "ngắn\n")
        let key = session.path("a.key")
        let weak = try await CLI.run(
            CLI.binary,
            ["key", "new", "--out", key, "--name", "A", "--passphrase-file", session.path("short.txt")],
            environment: Self.plainShell
        )
        #expect(weak.status == 2 && weak.stderr.contains("at least 8 characters"), "\(weak.stderr)")
        #expect(!FileManager.default.fileExists(atPath: key), "a refused key leaves no file")
        // Variables exported to open keys never decide how a new one is written: without a
        // terminal to ask, nothing is written, neither bare nor with someone else's passphrase.
        let exported = try await CLI.run(
            "/usr/bin/setsid",
            ["--wait", CLI.binary, "key", "new", "--out", key, "--name", "A"],
            environment: ["PARLEDGER_UNPROTECTED": "1", "PARLEDGER_NEW_PASSPHRASE_FILE": ""]
        )
        #expect(exported.status == 2 && exported.stderr.contains("no terminal"), "\(exported.stderr)")
        #expect(!FileManager.default.fileExists(atPath: key))

        let made = try await CLI.run(
            CLI.binary,
            ["key", "new", "--out", key, "--name", "A", "--passphrase-file", session.path("right.txt")],
            environment: Self.plainShell
        )
        #expect(made.status == 0, "\(made.stderr)")
        let text = String(decoding: FileManager.default.contents(atPath: key) ?? Data(), as: UTF8.self)
        #expect(text.contains("\"format\":\"parledger-key/v2\"") && !text.contains("\"seed\""))

        func initLedger(_ extra: [String], wrapped: [String] = []) async throws -> CLI.Result {
            let arguments = [
                "init", "--store", session.store, "--ledger-id", "test.travinh.gov.vn/par/2023", "--authority-key",
                key,
            ]
            guard let program = wrapped.first else {
                return try await CLI.run(CLI.binary, arguments + extra, environment: Self.plainShell)
            }
            return try await CLI.run(
                program,
                Array(wrapped.dropFirst()) + [CLI.binary] + arguments + extra,
                environment: Self.plainShell
            )
        }
        let wrong = try await initLedger(["--passphrase-file", session.path("wrong.txt")])
        #expect(wrong.status == 2 && wrong.stderr.contains("does not open with this passphrase"), "\(wrong.stderr)")
        // setsid: no controlling terminal, so nobody can be asked.
        let unasked = try await initLedger([], wrapped: ["/usr/bin/setsid", "--wait"])
        #expect(unasked.status == 2 && unasked.stderr.contains("--passphrase-file"), "\(unasked.stderr)")
        #expect(!FileManager.default.fileExists(atPath: session.store), "a refused key creates no ledger")
        let opened = try await initLedger(["--passphrase-file", session.path("right.txt")])
        #expect(opened.status == 0, "\(opened.stderr)")

        // The public facts need no passphrase.
        let shown = try await CLI.run(CLI.binary, ["key", "show", key], environment: Self.plainShell)
        #expect(shown.status == 0 && shown.stdout.contains("name:      A"), "\(shown.stderr)")

        // A new passphrase: the old one no longer opens the file, the new one does.
        try session.write("new.txt", "mật khẩu mới dài hơn\n")
        let changed = try await CLI.run(
            CLI.binary,
            [
                "key", "passphrase", key, "--passphrase-file", session.path("right.txt"), "--new-passphrase-file",
                session.path("new.txt"),
            ],
            environment: Self.plainShell
        )
        #expect(changed.status == 0, "\(changed.stderr)")
        let after = try await CLI.run(CLI.binary, ["key", "show", key], environment: Self.plainShell)
        #expect(after.stdout == shown.stdout, "the same key, only its sealing changed")
        let checkpointArguments = ["checkpoint", "sign", "--store", session.store, "--key", key]
        let old = try await CLI.run(
            CLI.binary,
            checkpointArguments + ["--passphrase-file", session.path("right.txt")],
            environment: Self.plainShell
        )
        #expect(old.status == 2 && old.stderr.contains("does not open"), "\(old.stderr)")
        let new = try await CLI.run(
            CLI.binary,
            checkpointArguments + ["--passphrase-file", session.path("new.txt")],
            environment: Self.plainShell
        )
        #expect(new.status == 0, "\(new.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: key)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func anUnprotectedKeyIsRefusedUnlessTheUserSaysSoThenProtected() async throws {
        let session = Session()
        let key = session.path("bare.key")
        let made = try await CLI.run(
            CLI.binary,
            ["key", "new", "--out", key, "--name", "Demo", "--unprotected"],
            environment: Self.plainShell
        )
        #expect(made.status == 0, "\(made.stderr)")
        let arguments = [
            "init", "--store", session.store, "--ledger-id", "test.travinh.gov.vn/par/x", "--authority-key",
        ]
        let refused = try await CLI.run(CLI.binary, arguments + [key], environment: Self.plainShell)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("has no passphrase") && refused.stderr.contains("key passphrase"))
        let allowed = try await CLI.run(CLI.binary, arguments + [key, "--unprotected"], environment: Self.plainShell)
        #expect(allowed.status == 0, "\(allowed.stderr)")

        try session.write("p.txt", "bảo vệ khóa demo\n")
        let protected = try await CLI.run(
            CLI.binary,
            ["key", "passphrase", key, "--new-passphrase-file", session.path("p.txt")],
            environment: Self.plainShell
        )
        #expect(protected.status == 0, "\(protected.stderr)")
        let text = String(decoding: FileManager.default.contents(atPath: key) ?? Data(), as: UTF8.self)
        #expect(text.contains("parledger-key/v2") && !text.contains("\"seed\""))
        let signed = try await CLI.run(
            CLI.binary,
            ["checkpoint", "sign", "--store", session.store, "--key", key, "--passphrase-file", session.path("p.txt")],
            environment: Self.plainShell
        )
        #expect(signed.status == 0, "\(signed.stderr)")
    }

    @Test func aHandoverIsOneActAndTheReceiptNamesTheSuccessor() async throws {
        let session = Session()
        let now = Date()
        try await session.openedCampaign(opens: now.addingTimeInterval(-60), closes: now.addingTimeInterval(7200))
        try session.write(
            "units.csv",
            "code,name,group\nSNV,Sở Nội vụ,department\nSTP,Sở Tư pháp,department\n"
        )
        #expect(try await session.act("secretariat", "unit", "enrol", "--from", session.path("units.csv")).status == 0)
        let officer = try await session.register("officer", "Nguyễn Văn A", "unitOfficer", unit: "SNV")
        let appraiser = try await session.register("appraiser", "Lê Văn C", "appraiser")
        #expect(
            try await session.act(
                "secretariat",
                "appraiser",
                "assign",
                "--key-id",
                appraiser,
                "--domains",
                "1",
                "--own-unit",
                "STP"
            ).status == 0
        )
        let successor = try await session.newKey("successor", "Trần Thị B")
        func handover(
            _ old: String,
            _ key: String,
            name: String = "Trần Thị B",
            _ extra: [String] = []
        ) async throws -> CLI.Result {
            try await CLI.parledger(
                [
                    "key", "handover", "--store", session.store, "--as", session.path("secretariat.key"), "--key-id",
                    old, "--public-key", key, "--name", name, "--reason", "chuyển công tác",
                ] + extra
            )
        }
        let receipt = session.path("receipt.html")
        let handed = try await handover(officer, successor.publicKey, ["--receipt", receipt])
        #expect(handed.status == 0, "\(handed.stderr)")
        #expect(handed.stdout.contains("được bàn giao cho khóa \(successor.keyID)"), "\(handed.stdout)")
        let entries = try await Self.entries(session.store)
        let last = entries.suffix(2).map(\.statement.type.text)
        #expect(last == ["key.registered/v1", "key.revoked/v1"], "\(last)")
        #expect(Set(entries.suffix(2).map(\.recordedAt)).count == 1, "one batch, one time")
        let registered = try #require(entries.dropLast().last?.statement.payload)
        #expect(registered["role"] == "unitOfficer" && registered["unit"] == "SNV", "the same role and unit")

        // The old key signs nothing more; the successor acts for the unit.
        let oldAct = try await session.act("officer", "score", "--unit", "SNV", "--leaf", "1.1", "--points", "1")
        #expect(oldAct.status == 1 && oldAct.stderr.contains("revoked"), "\(oldAct.stderr)")
        let newAct = try await session.act(
            "successor",
            "score",
            "--unit",
            "SNV",
            "--leaf",
            "1.1",
            "--points",
            "1",
            "--note",
            "bàn giao"
        )
        #expect(newAct.status == 0, "\(newAct.stdout)\(newAct.stderr)")

        let html = String(decoding: FileManager.default.contents(atPath: receipt) ?? Data(), as: UTF8.self)
        for expected in [
            "GIẤY BIÊN NHẬN", "Trần Thị B", "Sở Nội vụ (SNV)", "cán bộ đầu mối của đơn vị", successor.keyID,
            successor.publicKey,
            "Thay cho khóa (đã thu hồi)", officer, "<svg", "parledger-key/1;ledger=test.travinh.gov.vn/par/2023;",
        ] {
            #expect(html.contains(expected), "the receipt lacks \(expected)")
        }

        // An appraiser's successor keeps the assignment, in the same batch.
        let second = try await session.newKey("appraiser2", "Phạm D")
        #expect(try await handover(appraiser, second.publicKey, name: "Phạm D").status == 0)
        let batch = try await Self.entries(session.store).suffix(3)
        #expect(batch.map(\.statement.type.text) == ["key.registered/v1", "appraiser.assigned/v1", "key.revoked/v1"])
        let assigned = try #require(batch.dropFirst().first?.statement.payload)
        #expect(assigned["keyId"]?.stringValue == second.keyID && assigned["ownUnit"] == "STP")

        // Refusals: a revoked key, a successor already registered, an unknown key.
        let again = try await handover(officer, second.publicKey)
        #expect(again.status == 1 && again.stderr.contains("already revoked"), "\(again.stderr)")
        let third = try await session.newKey("third", "Vũ E")
        let unknown = try await handover(String(repeating: "ab", count: 32), third.publicKey)
        #expect(unknown.status == 1 && unknown.stderr.contains("not registered"), "\(unknown.stderr)")
        let taken = try await handover(successor.keyID, second.publicKey)
        #expect(taken.status == 1 && taken.stderr.contains("already registered"), "\(taken.stderr)")

        // The old key's receipt says it was revoked, and why.
        let oldReceipt = session.path("old.html")
        let printedOld = try await CLI.parledger(
            "key",
            "receipt",
            "--store",
            session.store,
            "--key-id",
            officer,
            "--out",
            oldReceipt
        )
        #expect(printedOld.status == 0, "\(printedOld.stderr)")
        let oldHTML = String(decoding: FileManager.default.contents(atPath: oldReceipt) ?? Data(), as: UTF8.self)
        #expect(oldHTML.contains("ĐÃ THU HỒI") && oldHTML.contains("chuyển công tác"), "\(oldHTML)")
        // A receipt is checked before the handover is recorded: a wrong file name records nothing.
        let fourth = try await session.newKey("fourth", "Đỗ F")
        let before = try await Self.entries(session.store).count
        let badReceipt = try await handover(successor.keyID, fourth.publicKey, ["--receipt", session.path("r.txt")])
        #expect(badReceipt.status == 2 && badReceipt.stderr.contains(".html or .pdf"), "\(badReceipt.stderr)")
        #expect(try await Self.entries(session.store).count == before, "nothing recorded")

        // The receipt of any registered key, printed again later; never over an existing file.
        let reprint = session.path("again.html")
        let printed = try await CLI.parledger(
            "key",
            "receipt",
            "--store",
            session.store,
            "--key-id",
            second.keyID,
            "--out",
            reprint,
            "--lang",
            "en"
        )
        #expect(printed.status == 0, "\(printed.stderr)")
        let english = String(decoding: FileManager.default.contents(atPath: reprint) ?? Data(), as: UTF8.self)
        #expect(
            english.contains("KEY REGISTRATION RECEIPT") && english.contains("Phạm D")
                && !english.contains("Họ và tên"),
            "\(english)"
        )
        let over = try await CLI.parledger(
            "key",
            "receipt",
            "--store",
            session.store,
            "--key-id",
            second.keyID,
            "--out",
            reprint
        )
        #expect(over.status == 2 && over.stderr.contains("never overwritten"))
    }

    /// Every entry of the ledger, as `parledger log --format json` prints them.
    static func entries(_ store: String) async throws -> [Entry] {
        let log = try await CLI.parledger("log", "--store", store, "--format", "json", "--limit", "10000")
        let array = try #require(
            try CanonicalJSON.parse(Array(log.stdout.trimmingCharacters(in: .newlines).utf8)).arrayValue
        )
        return try array.map { try Entry(bytes: CanonicalJSON.encode($0)) }
    }
}
