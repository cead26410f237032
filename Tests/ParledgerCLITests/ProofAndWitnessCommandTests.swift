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
    ) async throws -> CLI.Result {
        try await CLI.parledger([
            "checkpoint", "cosign", "--store", ledger.store, "--key", ledger.witness, "--checkpoint", file,
        ])
    }

    @Test func aWitnessCosignsExtensionsAndRefusesRollbacksAndStrangers() async throws {
        let ledger = try await ledger()
        let first = ledger.folder.appendingPathComponent("first.checkpoint").path
        #expect(
            try await CLI.parledger("checkpoint", "--store", ledger.store, "--key", ledger.authority, "--out", first)
                .status
                == 0
        )
        let cosigned = try await cosign(ledger, first)
        #expect(cosigned.status == 0, "\(cosigned.stderr)")
        let note = try String(contentsOfFile: first, encoding: .utf8)
        #expect(note.components(separatedBy: "\n— ").count == 3, "the log signature and one cosignature")
        let verified = try await CLI.parledger("verify", "--store", ledger.store, "--checkpoint", first, "--json")
        #expect(
            try CanonicalJSON.parse(verified.stdout.trimmingCharacters(in: .newlines))["checkpoint"]?["cosignatures"]
                == .int(1)
        )

        try await appendNotes(ledger.store, 5)
        let second = ledger.folder.appendingPathComponent("second.checkpoint").path
        #expect(
            try await CLI.parledger("checkpoint", "--store", ledger.store, "--key", ledger.authority, "--out", second)
                .status
                == 0
        )
        await #expect(
            try cosign(ledger, second).status == 0
        )

        let rollback = try await cosign(ledger, first)
        #expect(rollback.status == 1)
        #expect(rollback.stderr.contains("rolls back"))

        let notALogKey = try await CLI.parledger(
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
        let fork = Checkpoint(originLine: checkpoint.origin, size: checkpoint.size, root: MerkleTree.emptyRoot).signed(
            by: fixture.authority
        )
        try Data(fork.serialized.utf8).write(to: URL(fileURLWithPath: forgedRoot))
        let refused = try await cosign(ledger, forgedRoot)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("checkpoint-root"))
        #expect(try await CLI.parledger("verify", "--store", ledger.store, "--checkpoint", forgedRoot).status == 1)
    }

    @Test func inclusionAndConsistencyProofsVerifyAndTamperedOnesFail() async throws {
        let ledger = try await ledger()
        let checkpoint = ledger.folder.appendingPathComponent("checkpoint").path
        #expect(
            try await CLI.parledger(
                "checkpoint",
                "--store",
                ledger.store,
                "--key",
                ledger.authority,
                "--out",
                checkpoint
            )
            .status == 0
        )

        let inclusion = try await CLI.parledger("prove", "inclusion", "--store", ledger.store, "--seq", "5")
        #expect(inclusion.status == 0)
        #expect(inclusion.stdout.hasPrefix("c2sp.org/tlog-proof@v1\nextra "))
        let inclusionFile = ledger.folder.appendingPathComponent("entry-5.tlog-proof").path
        try Data(inclusion.stdout.utf8).write(to: URL(fileURLWithPath: inclusionFile))
        let checked = try await CLI.parledger("verify-proof", inclusionFile, "--store", ledger.store)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("ok: entry 5 is included in the tree of 12 entries"))
        #expect(checked.stdout.contains("signed by \(fixture.authority.keyID.hex)"))
        let withLogKey = try await CLI.parledger(
            "verify-proof",
            inclusionFile,
            "--log-key",
            fixture.authority.publicKey.text
        )
        #expect(withLogKey.status == 0)
        let wrongLogKey = try await CLI.parledger(
            "verify-proof",
            inclusionFile,
            "--log-key",
            fixture.officer.publicKey.text
        )
        #expect(wrongLogKey.status == 1)

        var lines = inclusion.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = MerkleTree.emptyRoot.base64
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: inclusionFile))
        let tampered = try await CLI.parledger("verify-proof", inclusionFile, "--store", ledger.store)
        #expect(tampered.status == 1)
        #expect(tampered.stdout.hasPrefix("invalid: inclusion:"))
        let untrusted = try await CLI.parledger("verify-proof", inclusionFile)
        #expect(untrusted.status == 2, "nothing to trust is bad usage, never a pass")
        #expect(untrusted.stderr.contains("--log-key"))

        try await appendNotes(ledger.store, 3)
        let unsignedSize = try await CLI.parledger(
            "prove",
            "consistency",
            "--store",
            ledger.store,
            "--from",
            "12",
            "--to",
            "15"
        )
        #expect(unsignedSize.status == 2, "no checkpoint of 15 entries was signed: no proof is written")
        #expect(unsignedSize.stdout.isEmpty)
        #expect(unsignedSize.stderr.contains("no signed checkpoint of 15 entries"))
        let consistency = try await CLI.parledger(
            "prove",
            "consistency",
            "--store",
            ledger.store,
            "--from",
            "12",
            "--to",
            "15",
            "--key",
            ledger.authority
        )
        #expect(consistency.status == 0, "\(consistency.stderr)")
        #expect(consistency.stdout.hasPrefix("parledger/consistency-proof@v1\nold 12\noldroot "))
        let consistencyFile = ledger.folder.appendingPathComponent("consistency.proof").path
        try Data(consistency.stdout.utf8).write(to: URL(fileURLWithPath: consistencyFile))
        let extends = try await CLI.parledger("verify-proof", consistencyFile, "--store", ledger.store, "--json")
        #expect(extends.status == 0)
        let report = try CanonicalJSON.parse(extends.stdout.trimmingCharacters(in: .newlines))
        #expect(report["valid"] == .bool(true))
        #expect(report["checkpoint"]?["size"] == .int(15))
        #expect(report["checkpoint"]?["signers"] == [.string(fixture.authority.keyID.hex)])

        #expect(try await CLI.parledger("prove", "inclusion", "--store", ledger.store, "--seq", "99").status == 2)
        #expect(try await CLI.parledger("verify-proof", "/nonexistent.proof", "--path-only").status == 2)
    }

    /// The three forgeries a security review made pass before: each is refused with the ledger's
    /// log key, and passes only a check that says it proved nothing.
    @Test func forgedProofsAreRefusedAndPathOnlySaysItProvedNothing() async throws {
        let ledger = try await ledger()
        #expect(try await CLI.parledger("checkpoint", "--store", ledger.store, "--key", ledger.authority).status == 0)
        let logKey = fixture.authority.publicKey.text
        let origin = fixture.ledger.text

        // A made-up entry in a made-up 8-leaf tree, under an unsigned checkpoint.
        let leaves = (0..<8).map { Entry.hash(of: Array("forged \($0)".utf8)) }
        let madeUp = ProofFile.Inclusion(
            entryBytes: Array("forged 3".utf8),
            index: 3,
            path: try MerkleTree.inclusionPath(index: 3, size: 8, nodes: Self.nodes(leaves)),
            checkpointNote: "\(origin)\n8\n\(MerkleTree.root(leaves: leaves).base64)\n"
        )
        // The real last entry under a wrong root, unsigned.
        let real = try await CLI.parledger("prove", "inclusion", "--store", ledger.store, "--seq", "11").stdout
        let proof = try ProofFile.Inclusion(parsing: real)
        let wrongRoot = ProofFile.Inclusion(
            entryBytes: proof.entryBytes,
            index: 0,
            path: [],
            checkpointNote: "\(origin)\n1\n\(Entry.hash(of: proof.entryBytes).base64)\n"
        )
        for (name, forged) in [("made-up", madeUp.serialized), ("wrong-root", wrongRoot.serialized)] {
            let file = ledger.folder.appendingPathComponent("\(name).proof").path
            try Data(forged.utf8).write(to: URL(fileURLWithPath: file))
            for trust in [["--log-key", logKey], ["--store", ledger.store]] {
                let refused = try await CLI.parledger(["verify-proof", file] + trust)
                #expect(refused.status == 1, "\(name) \(trust[0]): \(refused.stdout)")
                #expect(refused.stdout.contains("checkpoint-format"), "\(name): \(refused.stdout)")
                #expect(refused.stdout.contains("unsigned"))
            }
            let pathOnly = try await CLI.parledger("verify-proof", file, "--path-only")
            #expect(pathOnly.status == 0)
            #expect(pathOnly.stdout.contains("nothing was proven about the log"))
            #expect(!pathOnly.stdout.contains("ok:"))
        }

        // A consistency proof to a forked tree, signed by the real log key: only the ledger shows it.
        let forkLeaves = (0..<16).map { Entry.hash(of: Array("fork \($0)".utf8)) }
        let forkNote = Checkpoint(origin: fixture.ledger, size: 16, root: MerkleTree.root(leaves: forkLeaves))
            .signed(by: fixture.authority)
        let fork = ProofFile.Consistency(
            oldSize: 8,
            oldRoot: MerkleTree.root(leaves: Array(forkLeaves.prefix(8))),
            proof: try MerkleTree.consistencyProof(from: 8, to: 16, nodes: Self.nodes(forkLeaves)),
            checkpointNote: forkNote.serialized
        )
        let forkFile = ledger.folder.appendingPathComponent("fork.proof").path
        try Data(fork.serialized.utf8).write(to: URL(fileURLWithPath: forkFile))
        try await appendNotes(ledger.store, 4)
        let againstStore = try await CLI.parledger("verify-proof", forkFile, "--store", ledger.store)
        #expect(againstStore.status == 1)
        #expect(againstStore.stdout.hasPrefix("invalid: checkpoint-root:"), "\(againstStore.stdout)")

        // A cosignature line of a registered witness that was corrupted: refused with --store.
        var cosigned = Checkpoint(
            origin: fixture.ledger,
            size: 16,
            root: try await SQLiteStore(
                readingOnly: ledger.store
            ).root(size: 16)
        ).signed(by: fixture.authority)
        var line = Checkpoint.cosignature(noteText: cosigned.text, by: fixture.secretariat, timestamp: 1_700_000_000)
        line = SignedNote.Signature(name: line.name, keyHash: line.keyHash, signature: line.signature.reversed())
        cosigned.append(line)
        let consistent = ProofFile.Consistency(
            oldSize: 12,
            oldRoot: try await SQLiteStore(readingOnly: ledger.store).root(size: 12),
            proof: try await SQLiteStore(readingOnly: ledger.store).consistencyProof(from: 12, to: 16),
            checkpointNote: cosigned.serialized
        )
        let cosignedFile = ledger.folder.appendingPathComponent("cosigned.proof").path
        try Data(consistent.serialized.utf8).write(to: URL(fileURLWithPath: cosignedFile))
        #expect(try await CLI.parledger("verify-proof", cosignedFile, "--log-key", logKey).status == 0)
        let badCosignature = try await CLI.parledger("verify-proof", cosignedFile, "--store", ledger.store)
        #expect(badCosignature.status == 1)
        #expect(badCosignature.stdout.hasPrefix("invalid: checkpoint-cosignature:"), "\(badCosignature.stdout)")
    }

    /// The perfect subtrees of a list of leaves, for proofs over a tree no store holds.
    static func nodes(_ leaves: [SHA256Hash]) -> MerkleTree.NodeSource {
        { level, index in MerkleTree.root(leaves: Array(leaves[(index << level)..<((index + 1) << level)])) }
    }

    /// A public key of small order (the identity point here) would let anyone sign as it.
    @Test func weakPublicKeysAreRefusedAtRegistration() async throws {
        let ledger = try await ledger()
        let identity = "ed25519:" + Base64.encode([1] + [UInt8](repeating: 0, count: 31))
        let refused = try await CLI.parledger(
            "key",
            "register",
            "--store",
            ledger.store,
            "--as",
            ledger.authority,
            "--public-key",
            identity,
            "--role",
            "auditor",
            "--name",
            "Kiểm toán"
        )
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("small order"), "\(refused.stderr)")
        let asLogKey = try await CLI.parledger("verify-proof", "-", "--log-key", identity)
        #expect(asLogKey.status == 2)
        let size = try await SQLiteStore(readingOnly: ledger.store).size()
        #expect(size == 12, "nothing was written")
    }

    @Test func logListsEntriesAsJSON() async throws {
        let ledger = try await ledger()
        let log = try await CLI.parledger("log", "--store", ledger.store, "--from", "10", "--format", "json")
        #expect(log.status == 0)
        let entries = try CanonicalJSON.parse(log.stdout).arrayValue ?? []
        #expect(entries.map { $0["seq"] } == [.int(10), .int(11)])
    }
}
