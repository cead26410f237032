public import Documents
public import LedgerCore
import LedgerStore
public import Presentation
import Projections

/// `report verify`: a document file checked against the ledger. The seal names the report and
/// the prefix; the prefix is folded again, its root compared, the report recomputed, its digest
/// compared, the document rebuilt, and every figure the file shows compared with it; a signed
/// seal's signature is checked against the key the ledger registered.
public struct DocumentVerification: Sendable {
    /// The seal the file carries.
    public let seal: DocumentSeal
    /// What does not hold, in the reader's language; empty when the document is the ledger's.
    public let problems: [String]
    /// The signer, when the seal is signed and the signature holds: name and role.
    public let signer: KeyRecord?

    public var holds: Bool { problems.isEmpty }

    public static func check(
        _ bytes: [UInt8],
        format: DocumentFormat,
        in ledger: OpenLedger,
        language: Language
    ) async throws(ReportDocuments.Failure) -> DocumentVerification {
        let pick = language.pick
        let seal: DocumentSeal
        let content: DocumentContent
        do { (seal, content) = try DocumentContent.read(bytes, format: format) } catch {
            throw ReportDocuments.Failure(.unreadable, error.description)
        }
        let size: Int
        do { size = try await ledger.log.size() } catch {
            throw ReportDocuments.Failure(.store(error), error.description)
        }
        guard seal.size <= size else {
            return DocumentVerification(
                seal: seal,
                problems: [
                    pick(
                        "văn bản dựa trên \(seal.size) bản ghi, sổ cái này chỉ có \(size)",
                        "the document comes from \(seal.size) entries; this ledger has only \(size)"
                    )
                ],
                signer: nil
            )
        }
        let fold: LedgerFold
        // The whole ledger's fold is kept between reads; a shorter prefix is folded anew.
        let limit: LedgerFold.Limit = seal.size == size ? .everything : .size(seal.size)
        do { fold = try await ledger.folds.fold(limit) } catch {
            throw ReportDocuments.Failure(.store(error), error.description)
        }
        guard fold.ledger.ledgerID?.text == seal.ledgerID else {
            return DocumentVerification(
                seal: seal,
                problems: [
                    pick(
                        "văn bản thuộc sổ cái \(seal.ledgerID), không phải sổ cái này (\(fold.ledger.ledgerID?.text ?? "?"))",
                        "the document is from ledger \(seal.ledgerID), not this one (\(fold.ledger.ledgerID?.text ?? "?"))"
                    )
                ],
                signer: nil
            )
        }
        guard fold.root.base64 == seal.root else {
            return DocumentVerification(
                seal: seal,
                problems: [
                    pick(
                        "gốc cây Merkle của \(seal.size) bản ghi đầu tiên khác với gốc ghi trên văn bản: văn bản không lấy từ sổ cái này",
                        "the root of the first \(seal.size) entries differs from the document's: it did not come from this ledger"
                    )
                ],
                signer: nil
            )
        }
        let request = ReportDocuments.Request(
            kind: seal.kind,
            unit: seal.unit.flatMap(UnitCode.init),
            limit: .size(seal.size),
            asOf: seal.asOf,
            language: seal.language,
            letterhead: .council
        )
        let source = try await ReportDocuments.source(request, fold: fold, in: ledger)
        var problems: [String] = []
        if source.seal.digest != seal.digest {
            problems.append(
                pick(
                    "mã băm của báo cáo tính lại (\(source.seal.digest)) khác mã trên văn bản (\(seal.digest))",
                    "the recomputed report's digest (\(source.seal.digest)) differs from the document's (\(seal.digest))"
                )
            )
        }
        let document = DocumentBuilder.build(source)
        problems += DocumentComparison.differences(
            content,
            expected: document,
            dated: ReportDocuments.dated(source, fold: fold)
        )
        var signer: KeyRecord?
        if let signature = seal.signature {
            if let key = fold.ledger.keys[signature.key], seal.isSigned(by: key.publicKey) {
                signer = key
            } else {
                problems.append(
                    pick(
                        "chữ ký trên văn bản không hợp lệ với khóa \(signature.key.short)… đã đăng ký trong sổ cái",
                        "the document's signature does not hold for key \(signature.key.short)… as the ledger registered it"
                    )
                )
            }
        }
        return DocumentVerification(seal: seal, problems: problems, signer: signer)
    }
}
