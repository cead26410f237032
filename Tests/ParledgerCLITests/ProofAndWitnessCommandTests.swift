import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import SQLiteStore
import Testing

/// Checkpoints, witnesses and proofs, through the binary.
@Suite("CLI: checkpoint, cosign, prove, verify-proof")
struct ProofAndWitnessCommandTests {
    let fixture = Fixture()

    /// A ledger with key files for the authority (log key) and the secretariat (a witness).
    func ledger() async throws -> (store: String, folder: URL, authority: String, witness: String) {
        let folder = CLI.temporaryFolder()
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let store: any EventStore = try SQLiteStore(path: path, create: true)
        try await fixture.seeded(store)
        _ = try await store.append(
            (0..<9).map { fixture.note("ghi chú \($0)", by: fixture.officer) },
            recordedAt: fixture.at(1)
        )
        func keyFile(_ key: SigningKey, _ name: String) throws -> String {
            let file = folder.appendingPathComponent(name).path
            let json: JSONValue = [
                "format": "parledger-key/v1", "keyId": .string(key.keyID.hex), "name": .string(key.name),
                "publicKey": .string(key.publicKey.text), "seed": .string(Base64.encode(key.seed)),
            ]
            try Data(CanonicalJSON.encode(json) + [0x0A]).write(to: URL(fileURLWithPath: file))
            return file
        }
        return (
            path, folder, try keyFile(fixture.authority, "authority.key"),
            try keyFile(fixture.secretariat, "witness.key")
        )
    }

    func appendNotes(_ path: String, _ count: Int) async throws {
        let store: any EventStore = try SQLiteStore(path: path, create: false)
        _ = try await store.append(
            (0..<count).map { fixture.note("thêm \($0)", by: fixture.officer) },
            recordedAt: fixture.at(9)
        )
    }

    func cosign(
        _ ledger: (store: String, folder: URL, authority: String, witness: String),
        _ file: String
    ) throws -> CLI.Result {
        try CLI.parledger([
            "checkpoint", "cosign", "--store", ledger.store, "--key", ledger.witness, "--checkpoint", file,
        ])
    }

    @Test func aWitnessCosignsExtensionsAndRefusesRollbacksAndStrangers() async throws {
        let ledger = try await ledger()
        let first = ledger.folder.appendingPathComponent("first.checkpoint").path
        #expect(
            try CLI.parledger("checkpoint", "--store", ledger.store, "--key", ledger.authority, "--out", first).status
                == 0
        )
        let cosigned = try cosign(ledger, first)
        #expect(cosigned.status == 0, "\(cosigned.stderr)")
        let note = try String(contentsOfFile: first, encoding: .utf8)
        #expect(note.components(separatedBy: "\n— ").count == 3, "the log signature and one cosignature")
        let verified = try CLI.parledger("verify", "--store", ledger.store, "--checkpoint", first, "--json")
        #expect(
            try CanonicalJSON.parse(verified.stdout.trimmingCharacters(in: .newlines))["checkpoint"]?["cosignatures"]
                == .int(1)
        )

        try await appendNotes(ledger.store, 5)
        let second = ledger.folder.appendingPathComponent("second.checkpoint").path
        #expect(
            try CLI.parledger("checkpoint", "--store", ledger.store, "--key", ledger.authority, "--out", second).status
                == 0
        )
        #expect(
            try cosign(ledger, second).status == 0
        )

        let rollback = try cosign(ledger, first)
        #expect(rollback.status == 1)
        #expect(rollback.stderr.contains("rolls back"))

        let notALogKey = try CLI.parledger(
            "checkpoint",
            "--store",
            ledger.store,
            "--key",
            ledger.witness.replacingOccurrences(of: "witness", with: "nobody")
        )
        #expect(notALogKey.status == 2)
        let forgedRoot = second.replacingOccurrences(of: "second", with: "forged")
        let lines = try String(contentsOfFile: second, encoding: .utf8).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        let checkpoint = try Checkpoint(noteText: lines.prefix(3).joined(separator: "\n") + "\n")
        let fork = Checkpoint(origin: checkpoint.origin, size: checkpoint.size, root: MerkleTree.emptyRoot).signed(
            by: fixture.authority
        )
        try Data(fork.serialized.utf8).write(to: URL(fileURLWithPath: forgedRoot))
        let refused = try cosign(ledger, forgedRoot)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("checkpoint-root"))
        #expect(try CLI.parledger("verify", "--store", ledger.store, "--checkpoint", forgedRoot).status == 1)
    }

    @Test func inclusionAndConsistencyProofsVerifyAndTamperedOnesFail() async throws {
        let ledger = try await ledger()
        let checkpoint = ledger.folder.appendingPathComponent("checkpoint").path
        #expect(
            try CLI.parledger("checkpoint", "--store", ledger.store, "--key", ledger.authority, "--out", checkpoint)
                .status == 0
        )

        let inclusion = try CLI.parledger("prove", "inclusion", "--store", ledger.store, "--seq", "5")
        #expect(inclusion.status == 0)
        #expect(inclusion.stdout.hasPrefix("c2sp.org/tlog-proof@v1\nextra "))
        let inclusionFile = ledger.folder.appendingPathComponent("entry-5.tlog-proof").path
        try Data(inclusion.stdout.utf8).write(to: URL(fileURLWithPath: inclusionFile))
        let checked = try CLI.parledger("verify-proof", inclusionFile, "--store", ledger.store)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("entry 5 is included in the tree of 12 entries"))
        #expect(checked.stdout.contains("signed by \(fixture.authority.keyID.hex)"))
        let withLogKey = try CLI.parledger("verify-proof", inclusionFile, "--log-key", fixture.authority.publicKey.text)
        #expect(withLogKey.status == 0)
        let wrongLogKey = try CLI.parledger("verify-proof", inclusionFile, "--log-key", fixture.officer.publicKey.text)
        #expect(wrongLogKey.status == 1)

        var lines = inclusion.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = MerkleTree.emptyRoot.base64
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: inclusionFile))
        let tampered = try CLI.parledger("verify-proof", inclusionFile)
        #expect(tampered.status == 1)
        #expect(tampered.stdout.hasPrefix("invalid:"))

        try await appendNotes(ledger.store, 3)
        let consistency = try CLI.parledger(
            "prove",
            "consistency",
            "--store",
            ledger.store,
            "--from",
            "12",
            "--to",
            "15"
        )
        #expect(consistency.status == 0)
        #expect(consistency.stdout.hasPrefix("parledger/consistency-proof@v1\nold 12\noldroot "))
        let consistencyFile = ledger.folder.appendingPathComponent("consistency.proof").path
        try Data(consistency.stdout.utf8).write(to: URL(fileURLWithPath: consistencyFile))
        let extends = try CLI.parledger("verify-proof", consistencyFile, "--store", ledger.store)
        #expect(extends.status == 0)
        #expect(extends.stdout.contains("the tree of 15 entries extends the tree of 12"))
        #expect(extends.stdout.contains("unsigned"), "no checkpoint of 15 entries was signed")

        #expect(try CLI.parledger("prove", "inclusion", "--store", ledger.store, "--seq", "99").status == 2)
        #expect(try CLI.parledger("verify-proof", "/nonexistent.proof").status == 2)
    }

    @Test func logListsEntriesAsJSON() async throws {
        let ledger = try await ledger()
        let log = try CLI.parledger("log", "--store", ledger.store, "--from", "10", "--format", "json")
        #expect(log.status == 0)
        let entries = try CanonicalJSON.parse(log.stdout).arrayValue ?? []
        #expect(entries.map { $0["seq"] } == [.int(10), .int(11)])
    }
}
