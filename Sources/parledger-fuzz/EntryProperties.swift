import Appraisal
import LedgerCore

/// Entry bytes as the verifier reads them (`Entry(bytes:)`) and as a fold reads them
/// (`Entry.envelope(of:)`, then the flat or general payload decoder).
enum EntryProperties {
    static func check(_ bytes: [UInt8]) {
        let envelope = Entry.envelope(of: bytes)
        if let envelope {
            // Whatever the envelope found lies inside the bytes, in order.
            FuzzFinding.require(
                envelope.payloadRange.lowerBound >= 0
                    && envelope.payloadRange.upperBound <= envelope.typeRange.lowerBound
                    && envelope.typeRange.upperBound <= bytes.count,
                "the envelope's ranges are outside the bytes"
            )
            if let kind = AppraisalEvent.Kind(typeUTF8: bytes[envelope.typeRange]) {
                _ = try? AppraisalLedgerRules.event(kind, payload: bytes[envelope.payloadRange])
            }
        }
        guard let entry = try? Entry(bytes: bytes) else { return }
        // An entry reads back from the parts it was read into.
        let rebuilt = Entry(seq: entry.seq, recordedAt: entry.recordedAt, prev: entry.prev, signed: entry.signed)
        FuzzFinding.require(rebuilt.bytes == bytes, "an entry does not rebuild to its bytes")
        FuzzFinding.require(CanonicalJSON.isCanonical(bytes), "an accepted entry is not canonical")
        let statement = entry.statement
        FuzzFinding.require(
            CanonicalJSON.encode(.object(statement.payload)) == Array(statement.payloadBytes),
            "a statement's payload does not re-encode to its bytes"
        )
        // The needle test that spares a verify most payload decodes never misses a blob reference.
        let blobs = try? BlobReference.find(in: statement.payload)
        FuzzFinding.require(
            statement.mayReferenceBlobs || blobs == [],
            "a payload with a blob member is said to reference none"
        )
        _ = try? ControlEvent.decode(statement)
        guard let envelope else { return }
        FuzzFinding.require(envelope.seq == entry.seq, "the envelope and the entry disagree on seq")
        FuzzFinding.require(envelope.recordedAt == entry.recordedAt, "they disagree on recordedAt")
        FuzzFinding.require(envelope.statementID == statement.statementID, "they disagree on the statement id")
        FuzzFinding.require(envelope.hash == entry.hash, "they disagree on the hash")
        FuzzFinding.require(
            bytes[envelope.typeRange].elementsEqual(statement.type.text.utf8),
            "they disagree on the type"
        )
        FuzzFinding.require(
            bytes[envelope.payloadRange].elementsEqual(statement.payloadBytes),
            "they disagree on the payload"
        )
        // The fold's event (flat decoder first) is the verifier's (general decoder).
        guard let kind = AppraisalEvent.Kind(typeUTF8: bytes[envelope.typeRange]) else { return }
        let folded = try? AppraisalLedgerRules.event(kind, payload: bytes[envelope.payloadRange])
        FuzzFinding.require(
            folded == AppraisalLedgerRules.event(of: entry),
            "a fold and a verify read different events from one entry"
        )
    }
}
