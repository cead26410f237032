import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerScenarios
import LedgerStore
import Presentation
import Projections

/// The main job on the embedded default: acts out Trà Vinh's 2023 campaign (events/PROCESS.md §1) on a new
/// SQLite ledger through the appraisal rules, checkpoints, witnesses, publishes, verifies and
/// proves it, and says what it did.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Act out the seed province's 2023 and 2024 campaigns on a new ledger, then checkpoint, publish, verify and prove it.",
        discussion:
            "--scenario edge acts out instead a small campaign built to reach every scoring rule the province's year does not (caps, a total clamped at 0, survey weights and quotas, N/A domains, two corrections, band boundaries, a tie)."
    )

    enum Scenario: String, ExpressibleByArgument, CaseIterable { case province, edge }

    @Option(help: "province (default): Trà Vinh's years; edge: the scoring rules' edge cases.")
    var scenario: Scenario = .province

    @Option(help: "A new folder for the demo's ledger, keys and export; default: a fresh temporary folder.")
    var dir: String?

    @Option(
        help: "The sample inputs (criteria sets, plan, units, templates); default: the repository's events/samples."
    )
    var samples: String?

    func run() async throws {
        let folder = try makeFolder()
        let storePath = folder.appendingPathComponent("ledger.sqlite").path
        let store = try openSimulated(storePath)
        if scenario == .edge {
            try await runEdge(store, folder: folder, storePath: storePath)
            return
        }
        let started = Date()
        var campaign = DemoCampaign(store: store, samples: samplesFolder())
        say("ledger", "\(campaign.ledger) in \(storePath)")
        try await Self.scenario { try await campaign.run() }
        let keysFolder = folder.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: keysFolder, withIntermediateDirectories: true)
        for (label, key) in campaign.keys {
            try KeyFile.writeUnprotected(
                key,
                to: keysFolder.appendingPathComponent(label.replacingOccurrences(of: "/", with: "-") + ".key").path
            )
        }
        say(
            "keys",
            "\(campaign.keys.count) actors' key files, without passphrases (use them with --unprotected) → \(keysFolder.path)"
        )
        say(
            "units",
            "\(campaign.units.count) units self-scored \(campaign.selfScored.count) leaves; \(campaign.appraised.count) leaves appraised"
        )
        for (type, count) in campaign.counts.sorted(by: { $0.key < $1.key }) {
            say("", "\(String(count).leftPadded(to: 5)) × \(type)")
        }
        for refusal in campaign.refusals { say("refused", refusal) }

        // The checkpoint the results are published against, witnessed by the council chair and the auditor.
        guard let authority = campaign.keys["authority"], let chair = campaign.keys["chair"],
            let auditor = campaign.keys["auditor"]
        else { throw CLIError.usage("the demo campaign lost its keys") }
        _ = try await witnessedCheckpoint(
            store: store,
            authority: authority,
            witnesses: [chair, auditor],
            at: campaign.now
        )
        try await Self.scenario { try await campaign.publishAndCorrect() }
        say("published", "decision 812/QĐ-UBND against the checkpoint; corrected by 1020/QĐ-UBND")
        try await Self.scenario { try await campaign.nextYear() }
        say(
            "2024",
            "the next campaign on the same ledger: SGTVT merged into SXD, BDT renamed; published by decision 705/QĐ-UBND"
        )

        let note = try await witnessedCheckpoint(
            store: store,
            authority: authority,
            witnesses: [chair, auditor],
            at: campaign.now
        )
        let checkpointPath = folder.appendingPathComponent("checkpoint").path
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

        if let scored = campaign.sampleSelfScore {
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
            say(
                "prove",
                "inclusion of seq \(scored.seq) in \(report.size) entries (\(path.count) hashes) → \(proofPath)"
            )
        }

        let exportPath = folder.appendingPathComponent("export").path
        let exported = try await Exporter.export(store, to: exportPath)
        say("export", "\(exported.entries) entries and \(exported.blobs) blobs → \(exportPath)")
        say("time", String(format: "%.1f s", Date().timeIntervalSince(started)))
        print("")
        print("Check it yourself:")
        print("  swift run parledger verify --store \(storePath) --checkpoint \(checkpointPath)")
        print(
            "  swift run parledger verify-proof \(folder.appendingPathComponent("self-score.tlog-proof").path) --store \(storePath)"
        )
        print("  python3 tools/verify-ledger.py \(exportPath) --checkpoint \(checkpointPath)")
        try await printPublishedStandings(store)
        if !report.isValid { throw ExitCode(1) }
    }

    /// The standings of both groups as the publication's checkpoint fixed them.
    private func printPublishedStandings(_ store: any EventStore) async throws {
        let now = try await storeCall { () async throws(StoreError) in try await LedgerFold.load(store) }
        guard let size = now.state.publishedAtSize, let plan = now.state.campaign else { return }
        let published = try await storeCall { () async throws(StoreError) in
            try await LedgerFold.load(store, upTo: .size(size))
        }
        print("")
        print("Published standings (decision \(now.state.decisions.first ?? ""), the ledger's first \(size) entries):")
        for (group, standings) in Standing.all(published.state) {
            print("")
            var table = TextTable(["hạng", "mã", group.name, "chỉ số %", "xếp loại"])
            for standing in standings {
                table.add([
                    String(standing.rank), standing.scorecard.unit.text, standing.scorecard.name,
                    Figures.text(standing.index.text(plan.scoring.publicationDecimals), .vi), standing.scorecard.band,
                ])
            }
            print(table.rendered)
        }
    }

    /// The edge scenario: its campaign, its keys, a verification, and the standings it reaches
    /// beside the figures it was built to reach.
    private func runEdge(_ store: any EventStore, folder: URL, storePath: String) async throws {
        var campaign = EdgeCampaign(store: store)
        say("ledger", "edge.parledger.example/par/2024 in \(storePath)")
        try await Self.scenario { try await campaign.run() }
        let keysFolder = folder.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: keysFolder, withIntermediateDirectories: true)
        for (label, key) in campaign.keys {
            try KeyFile.writeUnprotected(
                key,
                to: keysFolder.appendingPathComponent(label.replacingOccurrences(of: "/", with: "-") + ".key").path
            )
        }
        let report = try await storeCall { () async throws(StoreError) in try await store.verify(checkpoint: nil) }
        say("verify", report.failure?.line ?? "ok: \(report.size) entries, root \(report.root.base64)")
        let fold = try await storeCall { () async throws(StoreError) in try await LedgerFold.load(store) }
        var mismatches = 0
        for (group, standings) in Standing.all(fold.state) {
            print("")
            var table = TextTable(["hạng", "mã", group.name, "chỉ số %", "xếp loại", "dự kiến"])
            for standing in standings {
                let index = standing.index.text(fold.state.campaign?.scoring.publicationDecimals ?? 2)
                let expected = EdgeCampaign.expected.first { $0.unit == standing.scorecard.unit.text }
                let matches =
                    expected.map { $0.index == index && $0.band == standing.scorecard.band && $0.rank == standing.rank }
                    ?? false
                if !matches { mismatches += 1 }
                table.add([
                    String(standing.rank), standing.scorecard.unit.text, standing.scorecard.name,
                    Figures.text(index, .vi),
                    standing.scorecard.band,
                    matches ? "đúng" : "KHÁC: \(expected.map { "\($0.rank), \($0.index), \($0.band)" } ?? "")",
                ])
            }
            print(table.rendered)
        }
        if !report.isValid || mismatches > 0 { throw ExitCode(1) }
    }

    /// Signs a checkpoint of the ledger as it stands, has each witness check and cosign it.
    private func witnessedCheckpoint(
        store: any EventStore,
        authority: SigningKey,
        witnesses: [SigningKey],
        at time: Timestamp
    ) async throws -> SignedNote {
        var note = try await Checkpoints.sign(store: store, key: authority)
        try await storeCall { () async throws(StoreError) in try await store.saveCheckpoint(note) }
        for witness in witnesses {
            note = try await Checkpoints.cosign(note, store: store, witness: witness, at: time).note
        }
        return note
    }

    /// `--samples`, or the repository's events/samples.
    private func samplesFolder() -> URL {
        samples.map { URL(fileURLWithPath: $0) } ?? SeededStatements.repositorySamples
    }

    /// Runs a step of the campaign, with its failures given the CLI's exit codes: a store's as any
    /// command's, a missing or unreadable sample as bad input (2), a rule that decided otherwise
    /// than the demo expects as a refusal (1).
    private static func scenario(_ step: () async throws -> Void) async throws {
        do {
            try await step()
        } catch let error as StoreError {
            throw CLIError.store(error)
        } catch let error as ScenarioError {
            switch error.code {
            case .samples: throw CLIError.usage(error.message)
            case .unexpected: throw CLIError.refused(error.message)
            }
        }
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

extension String {
    /// The text right-aligned in `width` characters.
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
