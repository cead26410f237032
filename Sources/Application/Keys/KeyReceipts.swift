import Appraisal
public import Documents
public import LedgerCore
public import LedgerStore
public import Presentation
public import Projections

/// The facts of a key's registration receipt (`KeyReceipt`), read from the ledger: the key's
/// record, the entry that registered it (when, and by whom) and the unit's current name.
public enum KeyReceipts {
    /// The receipt's heading from the province's letterhead: its issuing body and place, the
    /// secretariat as the office, the registrar signing.
    public static func letterhead(from province: Letterhead) -> Letterhead {
        Letterhead(
            issuingBody: province.issuingBody,
            office: "CƠ QUAN THƯỜNG TRỰC CẢI CÁCH HÀNH CHÍNH",
            place: province.place,
            signerPosition: "NGƯỜI ĐĂNG KÝ"
        )
    }

    /// The receipt of a registered key. When a handover registered it, the key it replaced is read
    /// from the same batch (the revocation whose reason names this key); when it was revoked since,
    /// the receipt says so.
    public static func receipt(
        for keyID: KeyID,
        in fold: LedgerFold,
        log: any EventStore
    ) async throws(ReportDocuments.Failure) -> KeyReceipt {
        guard let record = fold.ledger.keys[keyID] else {
            throw .init(.badRequest, "key \(keyID.short)… is not registered in this ledger")
        }
        // The registration, the entries of a handover's batch after it, and the revocation.
        let positions = Set(
            (record.registeredAt...(record.registeredAt + 2)) + (record.revokedAt.map { [$0] } ?? [])
        ).filter { $0 < fold.size }
        let read: [Entry]
        do { read = try await log.entries(at: positions.sorted()).compactMap { try? Entry(bytes: $0.bytes) } } catch {
            throw .init(.store(error), error.description)
        }
        guard let entry = read.first(where: { $0.seq == record.registeredAt }) else {
            throw .init(.unreadable, "entry \(record.registeredAt), which registered the key, cannot be read")
        }
        let revocations = read.compactMap { entry -> (seq: Int, at: Timestamp, target: KeyID, reason: String)? in
            guard entry.statement.type == ControlEvent.keyRevokedType,
                let target = entry.statement.payload["keyId"]?.stringValue.flatMap(KeyID.init),
                let reason = entry.statement.payload["reason"]?.stringValue
            else { return nil }
            return (entry.seq, entry.recordedAt, target, reason)
        }
        let replaced = revocations.first {
            $0.seq > record.registeredAt && $0.at == entry.recordedAt && $0.reason.contains(keyID.hex)
        }
        let revoked = revocations.first { $0.target == keyID }
        let registrar = fold.ledger.keys[entry.statement.actor]
        let unit = record.unit.map { code in
            (code: code.text, name: fold.state.units[code]?.name ?? code.text)
        }
        return KeyReceipt(
            ledgerID: entry.statement.ledger.text,
            seq: record.registeredAt,
            recordedAt: entry.recordedAt,
            holder: record.name,
            keyID: keyID,
            publicKey: record.publicKey,
            role: record.role,
            unit: unit,
            registeredBy: registrar?.name ?? entry.statement.actor.hex,
            replaces: replaced?.target,
            revoked: revoked.map { (seq: $0.seq, reason: $0.reason) }
        )
    }

    /// The receipt as a printable page (HTML) or printed (PDF).
    public static func render(
        _ receipt: KeyReceipt,
        format: DocumentFormat,
        language: Language,
        letterhead: Letterhead
    ) throws(ReportDocuments.Failure) -> [UInt8] {
        let html = receipt.html(language, letterhead: letterhead)
        switch format {
        case .html: return Array(html.utf8)
        case .pdf:
            do { return try PDFPrinting.print(html: html) } catch {
                throw .init(.rendering(retryable: error.retryable), error.description)
            }
        case .xlsx, .csv: throw .init(.badRequest, "a key receipt is printed as html or pdf")
        }
    }
}
