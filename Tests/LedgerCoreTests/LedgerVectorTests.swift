import Foundation
import LedgerCore
import Testing

/// The tampered ledgers of events/vectors/ledgers, made by the independent Python generator: the
/// Swift verifier must reach the verdict each case expects, at the same position, with the same code.
@Suite("Tampered ledgers (events/vectors/ledgers)")
struct LedgerVectorTests {
    static let folder = Vectors.folder.appendingPathComponent("ledgers")
    nonisolated(unsafe) static let cases = Vectors.objects(
        try? JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("cases.json")))
    )

    /// Verifies an export folder (FORMAT.md §14) in memory.
    static func verifyExport(_ directory: URL, checkpoint: Bool) throws -> LedgerVerifier.Report {
        let data = (try? Data(contentsOf: directory.appendingPathComponent("entries.jsonl"))) ?? Data()
        var lines = [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last == [] { lines.removeLast() }
        var note: Result<SignedNote, LedgerViolation>?
        if checkpoint {
            let text = try String(contentsOf: directory.appendingPathComponent("checkpoint"), encoding: .utf8)
            note = Result { () throws(LedgerViolation) in try SignedNote(parsing: text) }
        }
        let size = (try? note?.get()).flatMap { try? Checkpoint(noteText: $0.text).size }
        var verifier = LedgerVerifier(checkpointSize: size)
        for start in stride(from: 0, to: lines.count, by: 5) {
            verifier.consume(Array(lines[start..<min(lines.count, start + 5)]))
        }
        return verifier.finish(
            blob: { hash in
                guard let bytes = try? Data(contentsOf: directory.appendingPathComponent("blobs/\(hash.hex)")) else {
                    return .absent
                }
                return .present(actualHash: SHA256Hash.of([UInt8](bytes)), size: Int64(bytes.count))
            },
            checkpoint: note
        )
    }

    @Test func casesArePresent() { #expect(Self.cases.count >= 20) }

    @Test(arguments: cases.indices)
    func verdictMatchesTheCase(index: Int) throws {
        let vector = Self.cases[index]
        let expect = try #require(vector["expect"] as? [String: Any])
        let report = try Self.verifyExport(
            Self.folder.appendingPathComponent(vector["dir"] as? String ?? ""),
            checkpoint: vector["useCheckpoint"] as? Bool ?? false
        )
        let name = vector["name"] as? String ?? "\(index)"
        #expect(report.isValid == expect["valid"] as? Bool, "\(name): \(report.failure?.line ?? "valid")")
        #expect(report.failure?.seq == expect["seq"] as? Int, "\(name): \(report.failure?.line ?? "valid")")
        #expect(
            report.failure?.violation.code.rawValue == expect["code"] as? String,
            "\(name): \(report.failure?.line ?? "valid")"
        )
    }
}
