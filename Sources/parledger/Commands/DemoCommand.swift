import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// The main job on the embedded default: builds a sample ledger for Trà Vinh's 2023 campaign in a
/// new SQLite file, checkpoints, witnesses, proves and verifies it, and says what it did.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build, checkpoint, prove and verify a sample ledger (SQLite)."
    )

    @Option(help: "A new folder for the demo's ledger, keys and export; default: a fresh temporary folder.")
    var dir: String?

    func run() async throws {
        let folder = try makeFolder()
        let storePath = folder.appendingPathComponent("ledger.sqlite").path
        let store = try openStore(storePath, create: true)
        let ledgerID = LedgerID("travinh.gov.vn/par/2023")!
        var clock = DemoClock(start: SystemSources.now())

        func key(_ file: String, _ name: String) throws -> SigningKey {
            let key = SigningKey.generate(name: name)
            try KeyFile.write(key, to: folder.appendingPathComponent(file).path)
            return key
        }
        let authority = try key("authority.key", "UBND tỉnh Trà Vinh – Chủ tịch")
        let secretariat = try key("secretariat.key", "Sở Nội vụ – Phòng CCHC")
        let officer = try key("officer-stp.key", "Nguyễn Văn A")
        let leader = try key("leader-stp.key", "Trần Thị Bình")
        let appraiser = try key("appraiser.key", "Lê Hoàng Phúc")
        let chair = try key("council-chair.key", "Phạm Minh Đức")
        let auditor = try key("auditor.key", "Thanh tra tỉnh – Kiểm toán viên")

        func append(_ type: String, _ payload: [String: JSONValue], by signer: SigningKey) async throws -> Entry {
            guard let eventType = EventType(type) else { throw CLIError.usage("bad demo type \(type)") }
            let signed = try SystemSources.statement(
                ledger: ledgerID,
                type: eventType,
                payload: payload,
                by: signer,
                at: clock.tick()
            )
            let entries = try await storeCall { () async throws(StoreError) in
                try await store.append([signed], recordedAt: clock.now)
            }
            return entries[0]
        }
        func register(_ key: SigningKey, _ role: Role, unit: String? = nil, by signer: SigningKey) async throws {
            var payload: [String: JSONValue] = [
                "keyId": .string(key.keyID.hex), "name": .string(key.name), "publicKey": .string(key.publicKey.text),
                "role": .string(role.rawValue),
            ]
            if let unit { payload["unit"] = .string(unit) }
            let entry = try await append("key.registered/v1", payload, by: signer)
            say("seq \(entry.seq)", "registered \(role.rawValue)\(unit.map { " (\($0))" } ?? ""): \(key.name)")
        }

        say("ledger", "\(ledgerID) in \(storePath)")
        let genesis = try await append(
            "ledger.genesis/v1",
            ControlEvent.genesisPayload(authority: authority, policy: AppraisalPolicy.policy),
            by: authority
        )
        say("seq \(genesis.seq)", "genesis, signed by the authority \(authority.name)")
        try await register(secretariat, .secretariat, by: authority)
        try await register(officer, .unitOfficer, unit: "STP", by: secretariat)
        try await register(leader, .unitLeader, unit: "STP", by: secretariat)
        try await register(appraiser, .appraiser, unit: "SNV", by: secretariat)
        try await register(chair, .councilChair, by: authority)
        try await register(auditor, .auditor, by: secretariat)

        let evidenceText = "Kế hoạch CCHC năm 2023 của Sở Tư pháp, số 12/KH-STP ngày 10/01/2023.\n"
        let blob = try await storeCall { () async throws(StoreError) in
            try await store.putBlob(Array(evidenceText.utf8))
        }
        let attached = try await append(
            "evidence.attached/v1",
            [
                "unit": "STP", "leaf": "1.1.1",
                "blob": [
                    "sha256": .string(blob.sha256.hex), "size": .int(blob.size), "fileName": "KH-12-STP.txt",
                    "mediaType": "text/plain",
                ],
                "document": ["number": "12/KH-STP", "issuer": "Sở Tư pháp", "date": "2023-01-10", "page": 1],
            ],
            by: officer
        )
        say("seq \(attached.seq)", "evidence for 1.1.1 attached by the unit officer (blob \(blob.sha256.short)…)")
        let scored = try await append(
            "selfScore.recorded/v1",
            ["unit": "STP", "leaf": "1.1.1", "points": "0.50", "explanation": "Ban hành kế hoạch đúng hạn."],
            by: officer
        )
        say("seq \(scored.seq)", "self-score 0.50 / 0.5 on 1.1.1 by \(officer.name)")

        /// A self-score the ledger must refuse; says why.
        func attemptSelfScore(by signer: SigningKey) async throws {
            do {
                _ = try await append(
                    "selfScore.recorded/v1",
                    ["unit": "STP", "leaf": "1.2", "points": "1.00"],
                    by: signer
                )
                say("accepted", "a self-score that should have been refused")
            } catch let error as CLIError {
                say("refused", error.message)
            }
        }
        try await attemptSelfScore(by: appraiser)

        let submitted = try await append("selfAssessment.submitted/v1", ["unit": "STP"], by: leader)
        say("seq \(submitted.seq)", "self-assessment of STP submitted by the unit leader")
        let revoked = try await append(
            "key.revoked/v1",
            ["keyId": .string(officer.keyID.hex), "reason": "Chuyển công tác"],
            by: secretariat
        )
        say("seq \(revoked.seq)", "the unit officer's key revoked (Chuyển công tác)")
        try await attemptSelfScore(by: officer)

        let checkpointPath = folder.appendingPathComponent("checkpoint").path
        var note = try await Checkpoints.sign(store: store, key: authority)
        try await storeCall { () async throws(StoreError) in try await store.saveCheckpoint(note) }
        for witness in [chair, auditor] {
            let checkpoint = try await Checkpoints.checkAgainstLedger(note, store: store, witness: witness)
            note.append(
                Checkpoint.cosignature(
                    noteText: note.text,
                    by: witness,
                    timestamp: UInt64(clock.now.millisecondsSinceEpoch / 1000)
                )
            )
            try await storeCall { () async throws(StoreError) in
                try await store.recordCosignature(by: witness.keyID, of: checkpoint)
                try await store.saveCheckpoint(note)
            }
        }
        try Checkpoints.output(note.serialized, to: checkpointPath)
        say("checkpoint", "signed by the authority, cosigned by the council chair and the auditor → \(checkpointPath)")

        let report = try await storeCall { () async throws(StoreError) in
            try await store.verify(checkpoint: .success(note))
        }
        say(
            "verify",
            report.failure?.line
                ?? "ok: \(report.size) entries, root \(report.root.base64), \(report.checkpoint?.cosignatures ?? 0) cosignatures"
        )

        let path = try await storeCall { () async throws(StoreError) in
            try await store.inclusionProof(index: scored.seq, size: report.size)
        }
        let proof = ProofFile.Inclusion(
            entryBytes: scored.bytes,
            index: scored.seq,
            path: path,
            checkpointNote: note.serialized
        )
        let proofPath = folder.appendingPathComponent("self-score.tlog-proof").path
        try Checkpoints.output(proof.serialized, to: proofPath)
        say("prove", "inclusion of seq \(scored.seq) in \(report.size) entries (\(path.count) hashes) → \(proofPath)")

        let exportPath = folder.appendingPathComponent("export").path
        let exported = try await Exporter.export(store, to: exportPath)
        say("export", "\(exported.entries) entries and \(exported.blobs) blob → \(exportPath)")
        print("")
        print("Check it yourself:")
        print("  swift run parledger verify --store \(storePath) --checkpoint \(checkpointPath)")
        print("  swift run parledger verify-proof \(proofPath) --store \(storePath)")
        print("  python3 tools/verify-ledger.py \(exportPath) --checkpoint \(checkpointPath)")
        if !report.isValid { throw ExitCode(1) }
    }

    private func makeFolder() throws -> URL {
        let url: URL
        if let dir {
            url = URL(fileURLWithPath: dir)
            if let existing = try? FileManager.default.contentsOfDirectory(atPath: dir), !existing.isEmpty {
                throw CLIError.usage("\(dir) is not empty; the demo writes into a new folder")
            }
        } else {
            url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "parledger-demo-\(UUID().uuidString.prefix(8))"
            )
        }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func say(_ label: String, _ text: String) {
        print(label.padding(toLength: 11, withPad: " ", startingAt: 0) + text)
    }
}

/// The demo's statements are a few seconds apart, as if made over a working session.
struct DemoClock {
    private(set) var now: Timestamp

    init(start: Timestamp) { now = start }

    mutating func tick() -> Timestamp {
        now = now.adding(milliseconds: 1_000)
        return now
    }
}
