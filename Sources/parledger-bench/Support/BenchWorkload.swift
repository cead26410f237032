import Appraisal
import Foundation
import LedgerCore
import LedgerStore
import SQLiteStore

/// Realistic statements: unit officers of 120 units self-scoring leaves with an explanation in
/// Vietnamese, about the size of a real appraisal event.
struct BenchWorkload: Sendable {
    let ledger = LedgerID("bench.parledger/par/2026")!
    let time = Timestamp(text: "2026-10-15T08:00:00.000Z")!
    let authority = SigningKey(seed: Array(repeating: 1, count: 32), name: "UBND tỉnh")!
    let officers: [SigningKey] = (0..<120).compactMap { unit in
        SigningKey(seed: Array(repeating: UInt8(unit + 2), count: 32), name: "Cán bộ đơn vị \(unit)")
    }
    let type = AppraisalEvent.Kind.selfScoreRecorded.type

    /// A distinct, reproducible statement id per statement number.
    func statementID(_ n: Int) -> StatementID {
        StatementID(
            randomBytes: (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * $0)) } + Array(repeating: 0xA5, count: 8)
        )
    }

    func signed(_ event: some LedgerEvent, by key: SigningKey, n: Int) -> SignedStatement? {
        guard
            let statement = try? Statement(
                ledger: ledger,
                statementID: statementID(n),
                type: event.type,
                actor: key.keyID,
                claimedAt: time,
                payload: event.payload
            )
        else { return nil }
        return SignedStatement(statement: statement, signedBy: key)
    }

    /// The genesis and the officers' key registrations.
    func setup() -> [SignedStatement] {
        var statements = [
            signed(
                ControlEvent.genesis(
                    authority: .init(name: authority.name, publicKey: authority.publicKey, role: .authority),
                    policy: [type: [.unitOfficer]]
                ),
                by: authority,
                n: 0
            )
        ]
        for (index, officer) in officers.enumerated() {
            let registration = ControlEvent.KeyRegistration(
                name: officer.name,
                publicKey: officer.publicKey,
                role: .unitOfficer,
                unit: UnitCode("U\(index)")
            )
            statements.append(signed(ControlEvent.keyRegistered(registration), by: authority, n: index + 1))
        }
        return statements.compactMap { $0 }
    }

    /// `count` signed self-scores, the n-th by officer n % 120 (signed on every core).
    func statements(from first: Int, count: Int) -> [SignedStatement] {
        let workload = self
        return Array(first..<(first + count)).parallelMap { n in workload.selfScore(n) }.compactMap { $0 }
    }

    func selfScore(_ n: Int) -> SignedStatement? {
        let officer = officers[n % officers.count]
        guard let unit = UnitCode("U\(n % officers.count)"),
            let leaf = CriterionCode("\(n % 8 + 1).\(n % 5 + 1).\(n % 3 + 1)")
        else { return nil }
        return signed(
            AppraisalEvent.selfScoreRecorded(
                unit: unit,
                leaf: leaf,
                points: Points(thousandths: Int64(n % 3 * 1000 + n % 4 * 250)),
                note: "Đơn vị đã ban hành kế hoạch cải cách hành chính năm đúng thời hạn và đầy đủ nội dung."
            ),
            by: officer,
            n: 1_000_000 + n
        )
    }
}
