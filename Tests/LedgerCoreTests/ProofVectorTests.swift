import Foundation
import LedgerCore
import Testing

/// Proof files, genuine and forged, with the verdict every verifier must reach (FORMAT.md §13,
/// events/vectors/proofs.json, made by the independent Python generator).
@Suite("Proof verification (events/vectors/proofs.json)")
struct ProofVectorTests {
    nonisolated(unsafe) static let vectors = Vectors.objects(try? Vectors.json("proofs.json"))

    static func verify(_ vector: [String: Any]) -> ProofVerifier.Report {
        let text = vector["file"] as? String ?? ""
        let pathOnly = vector["pathOnly"] as? Bool ?? false
        let logKeys = (vector["logKeys"] as? [String] ?? []).compactMap(PublicSigningKey.init(text:))
        var witnesses: [KeyID: PublicSigningKey] = [:]
        for (id, key) in vector["witnessKeys"] as? [String: String] ?? [:] {
            if let id = KeyID(id), let key = PublicSigningKey(text: key) { witnesses[id] = key }
        }
        let proof: ProofVerifier.Proof
        do {
            proof = try ProofVerifier.Proof(parsing: text)
        } catch {
            return .unparsed(text, pathOnly: pathOnly, failure: error)
        }
        var ledger: ProofVerifier.Ledger?
        if let held = vector["ledger"] as? [String: Any] {
            let roots = held["roots"] as? [String: String] ?? [:]
            let root = proof.claimedSize.flatMap { roots[String($0)] }.flatMap(Base64.decode).flatMap(
                SHA256Hash.init(bytes:)
            )
            ledger = ProofVerifier.Ledger(
                ledgerID: held["id"] as? String ?? "",
                size: held["size"] as? Int ?? 0,
                logKeys: [],
                witnesses: witnesses,
                rootAtClaimedSize: root
            )
        }
        return ProofVerifier.verify(proof, logKeys: logKeys, ledger: ledger, pathOnly: pathOnly)
    }

    @Test func theVectorsCoverEveryCode() {
        let codes = Set(Self.vectors.compactMap { $0["expect"] as? String })
        #expect(
            codes.isSuperset(of: [
                "proof-format", "checkpoint-format", "checkpoint-origin", "checkpoint-signature",
                "checkpoint-cosignature", "truncated", "checkpoint-root", "inclusion", "consistency",
            ])
        )
        #expect(Self.vectors.contains { $0["expect"] is NSNull && $0["pathOnly"] as? Bool == false })
    }

    @Test(arguments: vectors.indices)
    func theVerdictIsTheVectors(index: Int) {
        let vector = Self.vectors[index]
        let report = Self.verify(vector)
        let name = vector["name"] as? String ?? "\(index)"
        #expect(
            report.failure?.code.rawValue == vector["expect"] as? String,
            "\(name): \(report.failure?.description ?? "valid")"
        )
    }
}
