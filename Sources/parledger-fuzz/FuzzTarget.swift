import Appraisal
import LedgerCore

/// What one fuzz input exercises, chosen by its first byte (modulo the number of cases); the rest
/// of the input is the bytes given to that parser. tools/fuzz-seed.py writes seeds in this layout.
///
/// Each case checks properties beyond "no crash", and a broken property traps (`FuzzFinding.fail`)
/// so that libFuzzer keeps the input as a crash reproducer.
enum FuzzTarget: UInt8, CaseIterable {
    /// Canonical JSON: the parser, the encoder, the canonical scanner, `FlatObject`, `inserting`.
    case canonicalJSON = 0
    /// Entry bytes: `Entry(bytes:)`, `Entry.envelope(of:)`, and the fold's two ways to an event.
    case entry = 1
    /// A signed note and the checkpoint in its text.
    case signedNote = 2
    /// A proof file of either layout, and the checkpoint note it carries.
    case proofFile = 3
    /// A payload: the next byte chooses the event type, the rest is the payload's JSON.
    case payload = 4

    /// Runs one input through the target its first byte chooses.
    static func run(_ input: [UInt8]) {
        guard let selector = input.first else { return }
        let bytes = Array(input.dropFirst())
        switch FuzzTarget(rawValue: selector % UInt8(allCases.count)) {
        case .canonicalJSON: CanonicalJSONProperties.check(bytes)
        case .entry: EntryProperties.check(bytes)
        case .signedNote: NoteProperties.check(bytes)
        case .proofFile: ProofProperties.check(bytes)
        case .payload: PayloadProperties.check(bytes)
        case nil: return
        }
    }
}

/// A property that does not hold. The harness's only way to report: it traps, which is what
/// libFuzzer records as a finding (this is a test tool, never on a data path).
enum FuzzFinding {
    static func fail(_ property: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        fatalError("fuzz property broken: \(property)", file: file, line: line)
    }

    static func require(
        _ condition: @autoclosure () -> Bool,
        _ property: String,
        file: StaticString = #fileID,
        line: UInt = #line
    ) {
        if !condition() { fail(property, file: file, line: line) }
    }
}
