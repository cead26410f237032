import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import SQLiteStore
import Testing

/// The same mutated checkpoints and proofs, fed to `parledger` and to the independent Python
/// verifier: every verdict, position and code must agree (FORMAT.md §11.1, §12, §13).
@Suite("Swift and Python verifiers agree on mutated checkpoints and proofs")
struct VerifierAgreementTests {
    let fixture = Fixture()

    struct Ledger {
        let store: String
        let export: String
        let folder: URL
        let checkpoint: String
        let inclusion: String
        let consistency: String
    }

    /// A ledger of 14 entries, a checkpoint signed by the authority and cosigned by the secretariat,
    /// its export, and an inclusion and a consistency proof against that checkpoint.
    func ledger() async throws -> Ledger {
        let folder = CLI.temporaryFolder()
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let store: any EventStore = try SQLiteStore(path: path, create: true)
        try await fixture.seeded(store)
        _ = try await store.append(
            (0..<11).map { fixture.note("ghi chú \($0)", by: fixture.officer) },
            recordedAt: fixture.at(1)
        )
        let size = try await store.size()
        var note = Checkpoint(origin: fixture.ledger, size: size, root: try await store.root(size: size)).signed(
            by: fixture.authority
        )
        note.append(Checkpoint.cosignature(noteText: note.text, by: fixture.secretariat, timestamp: 1_700_000_000))
        try await store.saveCheckpoint(note)
        let checkpoint = folder.appendingPathComponent("checkpoint").path
        try Data(note.serialized.utf8).write(to: URL(fileURLWithPath: checkpoint))
        let export = folder.appendingPathComponent("export").path
        #expect(try await CLI.parledger("export", "--store", path, "--out", export).status == 0)
        let inclusion = try await CLI.parledger("prove", "inclusion", "--store", path, "--seq", "6")
        let consistency = try await CLI.parledger("prove", "consistency", "--store", path, "--from", "5")
        #expect(inclusion.status == 0 && consistency.status == 0, "\(inclusion.stderr)\(consistency.stderr)")
        return Ledger(
            store: path,
            export: export,
            folder: folder,
            checkpoint: checkpoint,
            inclusion: inclusion.stdout,
            consistency: consistency.stdout
        )
    }

    /// Deterministic mutations of a text: flipped bytes spread over it, and edits by line.
    static func mutations(of text: String, flipEvery stride: Int) -> [(String, [UInt8])] {
        let bytes = Array(text.utf8)
        var result: [(String, [UInt8])] = []
        for position in Swift.stride(from: 0, to: bytes.count, by: stride) {
            var flipped = bytes
            flipped[position] ^= 0x01
            result.append(("flip \(position)", flipped))
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func joined(_ lines: [String]) -> [UInt8] { Array(lines.joined(separator: "\n").utf8) }
        for index in lines.indices where !lines[index].isEmpty {
            var removed = lines
            removed.remove(at: index)
            result.append(("drop line \(index)", joined(removed)))
            var doubled = lines
            doubled.insert(lines[index], at: index)
            result.append(("double line \(index)", joined(doubled)))
            var spaced = lines
            spaced[index] = lines[index].replacingOccurrences(of: " ", with: "\u{00A0}")
            if spaced[index] != lines[index] { result.append(("no-break space in line \(index)", joined(spaced))) }
        }
        for index in lines.indices.dropLast() where !lines[index].isEmpty && !lines[index + 1].isEmpty {
            var swapped = lines
            swapped.swapAt(index, index + 1)
            result.append(("swap lines \(index)", joined(swapped)))
        }
        let extras: [(String, String)] = [
            ("no final newline", String(text.dropLast())),
            ("extra newline", text + "\n"),
            ("CRLF", text.replacingOccurrences(of: "\n", with: "\r\n")),
            ("byte order mark", "\u{FEFF}" + text),
            ("unknown signature line", text + "— example.org/other AAAAAAAA\n"),
            ("hyphen for em dash", text.replacingOccurrences(of: "— ", with: "- ")),
            ("plus in a name", text.replacingOccurrences(of: "— travinh", with: "— +travinh")),
            ("NFD origin", text.replacingOccurrences(of: "travinh", with: "tra\u{0301}vinh")),
            ("size 2^63", text.replacingOccurrences(of: "\n14\n", with: "\n9223372036854775808\n")),
            ("size 14 spelled 014", text.replacingOccurrences(of: "\n14\n", with: "\n014\n")),
            ("size 15", text.replacingOccurrences(of: "\n14\n", with: "\n15\n")),
        ]
        result += extras.map { ($0.0, Array($0.1.utf8)) }
        return result
    }

    struct Verdict: Equatable, CustomStringConvertible {
        let status: Int32
        let valid: Bool?
        let seq: Int?
        let code: String?
        let size: Int?

        init(_ result: CLI.Result) {
            let json = try? CanonicalJSON.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            status = result.status
            valid = json.flatMap { if case .bool(let flag)? = $0["valid"] { return flag } else { return nil } }
            seq = json?["failure"]?["seq"]?.intValue.map(Int.init)
            code = json?["failure"]?["code"]?.stringValue
            size = json?["size"]?.intValue.map(Int.init)
        }

        var description: String { "exit \(status) valid \(valid.map(String.init) ?? "-") \(code ?? "") \(seq ?? -1)" }
    }

    /// Runs each pair of commands side by side and returns the two verdicts of each.
    static func both(_ pairs: [(swift: [String], python: [String])]) async throws -> [(Verdict, Verdict)] {
        var verdicts: [(Verdict, Verdict)] = []
        for group in Swift.stride(from: 0, to: pairs.count, by: 4).map({ pairs[$0..<min(pairs.count, $0 + 4)] }) {
            let commands = group.flatMap { pair in
                [
                    [CLI.binary] + pair.swift,
                    ["/usr/bin/env", "python3", CLI.repository.appendingPathComponent("tools/verify-ledger.py").path]
                        + pair.python,
                ]
            }
            let results = try await CLI.runConcurrently(commands)
            for index in Swift.stride(from: 0, to: results.count, by: 2) {
                verdicts.append((Verdict(results[index]), Verdict(results[index + 1])))
            }
        }
        return verdicts
    }

    @Test func mutatedCheckpointsGetOneVerdictFromBoth() async throws {
        let ledger = try await ledger()
        let text = try String(contentsOfFile: ledger.checkpoint, encoding: .utf8)
        let mutations = Self.mutations(of: text, flipEvery: 9)
        var pairs: [(swift: [String], python: [String])] = []
        for (index, mutation) in mutations.enumerated() {
            let file = ledger.folder.appendingPathComponent("checkpoint-\(index)").path
            try Data(mutation.1).write(to: URL(fileURLWithPath: file))
            pairs.append(
                (
                    ["verify", "--store", ledger.store, "--checkpoint", file, "--json"],
                    [ledger.export, "--checkpoint", file, "--json"]
                )
            )
        }
        let verdicts = try await Self.both(pairs)
        for (mutation, (swift, python)) in zip(mutations, verdicts) {
            #expect(swift == python, "\(mutation.0): Swift \(swift), Python \(python)")
        }
        let codes = Set(verdicts.compactMap(\.0.code))
        #expect(codes.isSuperset(of: ["checkpoint-format", "checkpoint-signature", "checkpoint-origin"]), "\(codes)")
        #expect(verdicts.contains { $0.0.valid == true }, "some mutations (an unknown line) leave it valid")
    }

    @Test func mutatedProofsGetOneVerdictFromBoth() async throws {
        let ledger = try await ledger()
        let logKey = fixture.authority.publicKey.text
        var labels: [String] = []
        var pairs: [(swift: [String], python: [String])] = []
        for (kind, text) in [("inclusion", ledger.inclusion), ("consistency", ledger.consistency)] {
            for (index, mutation) in Self.mutations(of: text, flipEvery: kind == "inclusion" ? 61 : 29).enumerated() {
                let file = ledger.folder.appendingPathComponent("\(kind)-\(index).proof").path
                try Data(mutation.1).write(to: URL(fileURLWithPath: file))
                labels.append("\(kind) \(mutation.0) with the ledger")
                pairs.append(
                    (
                        ["verify-proof", file, "--store", ledger.store, "--json"],
                        ["--proof", file, ledger.export, "--json"]
                    )
                )
                guard index % 3 == 0 else { continue }
                labels.append("\(kind) \(mutation.0) with the log key")
                pairs.append(
                    (
                        ["verify-proof", file, "--log-key", logKey, "--json"],
                        ["--proof", file, "--log-key", logKey, "--json"]
                    )
                )
                labels.append("\(kind) \(mutation.0) path only")
                pairs.append(
                    (["verify-proof", file, "--path-only", "--json"], ["--proof", file, "--path-only", "--json"])
                )
            }
        }
        let verdicts = try await Self.both(pairs)
        for (label, (swift, python)) in zip(labels, verdicts) {
            #expect(swift == python, "\(label): Swift \(swift), Python \(python)")
        }
        let codes = Set(verdicts.compactMap(\.0.code))
        #expect(
            codes.isSuperset(of: ["proof-format", "checkpoint-format", "checkpoint-signature", "inclusion"]),
            "\(codes)"
        )
    }
}
