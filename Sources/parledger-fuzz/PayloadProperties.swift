import Appraisal
import LedgerCore

/// Event payloads: the general decoders, the flat decoder, and the payloads events write.
enum PayloadProperties {
    /// The types a payload input may be read as: every appraisal event type, then the control types.
    static let types: [EventType] =
        AppraisalEvent.Kind.allCases.map(\.type) + [
            ControlEvent.genesisType, ControlEvent.keyRegisteredType, ControlEvent.keyRevokedType,
            ControlEvent.policyAmendedType, ControlEvent.evidenceErasedType,
        ]

    static func check(_ input: [UInt8]) {
        guard let selector = input.first else { return }
        let type = types[Int(selector) % types.count]
        let bytes = Array(input.dropFirst())
        if let kind = AppraisalEvent.Kind(rawValue: type.text) {
            checkAppraisal(kind, bytes)
        } else {
            checkControl(type, bytes)
        }
    }

    private static func checkAppraisal(_ kind: AppraisalEvent.Kind, _ bytes: [UInt8]) {
        let flat = AppraisalEvent.decodeFlat(kind, bytes[...])
        guard let value = try? CanonicalJSON.parse(bytes) else {
            FuzzFinding.require(flat == nil, "the flat decoder reads what is not JSON")
            return
        }
        let decoded: AppraisalEvent?
        do {
            decoded = try AppraisalEvent.decode(type: kind.type, payload: value)
        } catch {
            FuzzFinding.require(flat == nil, "the flat decoder accepts a payload the general decoder refuses")
            return
        }
        guard let event = decoded else { FuzzFinding.fail("an appraisal type decoded as no event") }
        if let flat { FuzzFinding.require(flat == event, "the flat and the general decoder disagree") }
        FuzzFinding.require(event.kind == kind, "an event decoded as another kind")
        // The event writes the payload it was read from, byte for byte, and reads back as itself.
        let written = event.payload
        FuzzFinding.require(
            CanonicalJSON.encode(.object(written)) == CanonicalJSON.encode(value),
            "a decoded event does not write back its canonical payload"
        )
        // The blob references a verify finds are the event's evidence files.
        let blobs = (try? BlobReference.find(in: written)) ?? []
        FuzzFinding.require(
            Set(blobs) == Set(event.evidence.map { BlobReference(sha256: $0.blob.sha256, size: $0.blob.size) }),
            "the blob references of a payload are not its evidence files"
        )
        guard let again = try? AppraisalEvent.decode(type: kind.type, payload: .object(written)) else {
            FuzzFinding.fail("a written payload does not decode")
        }
        FuzzFinding.require(again == event, "decode → payload → decode is another event")
        // The flat decoder, given the canonical bytes of a payload it reads, reads the same event.
        if let canonicalFlat = AppraisalEvent.decodeFlat(kind, CanonicalJSON.encode(value)[...]) {
            FuzzFinding.require(canonicalFlat == event, "the flat decoder disagrees on canonical bytes")
        }
    }

    private static func checkControl(_ type: EventType, _ bytes: [UInt8]) {
        guard case .object(let members)? = try? CanonicalJSON.parse(bytes),
            let event = try? ControlEvent.decode(type: type, payload: members)
        else { return }
        FuzzFinding.require(event.type == type, "a control event decoded as another type")
        // A policy's roles may be listed in any order, so only the event, not the bytes, comes back.
        guard let again = try? ControlEvent.decode(type: type, payload: event.payload) else {
            FuzzFinding.fail("a written control payload does not decode")
        }
        FuzzFinding.require(again == event, "decode → payload → decode is another control event")
    }
}

extension AppraisalEvent {
    /// The evidence files an event carries.
    fileprivate var evidence: [Evidence] {
        switch self {
        case .evidenceAttached(_, _, let evidence): [evidence]
        case .explanationSubmitted(_, _, _, let list), .objectionFiled(_, _, _, let list),
            .bonusPenaltyClaimed(_, _, _, _, let list):
            list
        // The documents an act of the process records are files too.
        case .selfAssessmentSubmitted(_, let documents), .councilReportApproved(_, _, _, let documents),
            .resultsPublished(_, _, _, let documents), .resultsCorrected(_, _, _, _, _, _, _, let documents):
            documents
        default: []
        }
    }
}
