package import Foundation
package import LedgerCore

/// Keys and statements for the ledgers parledger generates (the demo, the benchmarks' ledgers),
/// all derived from labels and a counter, so two runs write the same statements; and the sample
/// inputs they start from.
package struct SeededStatements: Sendable {
    package let ledger: LedgerID
    /// Hashed with a key's label to make its seed.
    let keyPrefix: String
    /// Hashed with the statement's number to make its id.
    let statementPrefix: String
    /// The folder of sample inputs (events/samples).
    let samples: URL
    private var sequence = 0

    package init(ledger: LedgerID, keyPrefix: String, statementPrefix: String, samples: URL) {
        self.ledger = ledger
        self.keyPrefix = keyPrefix
        self.statementPrefix = statementPrefix
        self.samples = samples
    }

    /// The repository's events/samples, found from this source file.
    package static var repositorySamples: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("events/samples")
    }

    /// The key of a label, named `name` (or the label).
    package func key(_ label: String, name: String? = nil) -> SigningKey {
        let seed = SHA256Hash.of(Array("\(keyPrefix)\(label)".utf8)).bytes
        // A 32-byte seed always makes a key.
        return SigningKey(seed: seed, name: name ?? label) ?? SigningKey.generate(name: name ?? label)
    }

    /// The next statement, of `event`, signed by `key` and claimed at `time`.
    package mutating func statement(
        _ event: some LedgerEvent,
        by key: SigningKey,
        at time: Timestamp
    ) throws -> SignedStatement {
        sequence += 1
        let id = StatementID(randomBytes: SHA256Hash.of(Array("\(statementPrefix)\(sequence)".utf8)).bytes)
        let statement = try Statement(
            ledger: ledger,
            statementID: id,
            type: event.type,
            actor: key.keyID,
            claimedAt: time,
            payload: event.payload
        )
        return SignedStatement(statement: statement, signedBy: key)
    }

    /// A sample input file, read as JSON in NFC.
    package func sample(_ name: String) throws -> JSONValue {
        let url = samples.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ScenarioError(
                .samples,
                "cannot read \(url.path); give --samples DIR (the repository's events/samples)"
            )
        }
        // Text is signed in NFC, whatever form the file was saved in.
        return try CanonicalJSON.parse(String(decoding: data, as: UTF8.self).precomposedStringWithCanonicalMapping)
    }
}
