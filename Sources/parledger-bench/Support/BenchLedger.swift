import Application
import Appraisal
import Foundation
import LedgerCore
import LedgerScenarios
import LedgerStore
import Projections

/// A ledger the benchmarks act on, written by the generators of `LedgerScenarios` and stopped
/// before the preliminary results, so the secretariat may still reopen a unit and its officer
/// self-score again: the demo's campaign through round 1 (about 3,400 entries), or a national
/// ledger of `provinces` provinces (about 32,000 entries each with 100 communes).
struct BenchLedger: Sendable {
    enum Kind: Sendable, Equatable {
        case demo
        case national(provinces: Int, communes: Int)
    }

    let kind: Kind
    let path: String

    /// How the tables name it.
    var name: String {
        switch kind {
        case .demo: "demo through round 1"
        case .national(let provinces, let communes):
            "national, \(provinces) province\(provinces == 1 ? "" : "s")"
                + (communes == 100 ? "" : " of \(communes) communes")
        }
    }

    /// Writes the ledger at `path` unless one is there already. Returns the entries written and the
    /// seconds it took, or nil when the ledger was there.
    func write(samples: URL, progress: @escaping (Int) -> Void) async throws -> (entries: Int, seconds: Double)? {
        guard !FileManager.default.fileExists(atPath: path) else { return nil }
        let store = try OpenLedger.openLog(path, .writing(create: true))
        let started = DispatchTime.now().uptimeNanoseconds
        switch kind {
        case .demo:
            var campaign = DemoCampaign(store: store, samples: samples)
            try await campaign.run(through: .roundOne)
        case .national(let provinces, let communes):
            var generator = NationalLedger(
                store: store,
                samples: samples,
                provinces: provinces,
                communesPerProvince: communes,
                issuesPreliminaryResults: false
            )
            try await generator.build(progress: progress)
        }
        return (try await store.size(), Measures.seconds(since: started))
    }

    /// The generator's key of an actor: `secretariat`, `officer/SNV`…
    func key(_ label: String) -> SigningKey {
        switch kind {
        case .demo: DemoCampaign.key(label)
        case .national: NationalLedger.key(label)
        }
    }

    /// Signs each event as its actor, claimed now, and appends them as one batch through `ledger`
    /// (the rules check them as any act).
    static func append(
        _ acts: [(event: any LedgerEvent, by: SigningKey)],
        to ledger: OpenLedger
    ) async throws -> [Entry] {
        guard let ledgerID = try await ledger.log.state().ledgerID else {
            throw BenchError.failed("the benchmark ledger has no genesis")
        }
        let statements = try acts.map { act throws(ActError) in
            try SystemSources.statement(ledger: ledgerID, type: act.event.type, payload: act.event.payload, by: act.by)
        }
        return try await ledger.append(statements, recordedAt: SystemSources.now())
    }

    /// A new key file made by `parledger key new`, as a person makes theirs: its public key.
    static func newKeyFile(parledger: String, at path: String, name: String) throws -> PublicSigningKey {
        let made = try ChildProcess.run(parledger, ["key", "new", "--out", path, "--name", name, "--unprotected"])
        guard made.status == 0 else { throw BenchError.failed("parledger key new: \(made.errors)") }
        let shown = try ChildProcess.run(parledger, ["key", "show", path, "--format", "json"])
        let text = shown.output.trimmingCharacters(in: .newlines)
        guard shown.status == 0, let json = try? CanonicalJSON.parse(text),
            let keyText = json["publicKey"]?.stringValue, let key = PublicSigningKey(text: keyText)
        else { throw BenchError.failed("parledger key show: \(shown.output)\(shown.errors)") }
        return key
    }

    /// Registers `officer` (a new key) as a unit officer of `unit`, and reopens the unit's
    /// self-scoring for `hours`; both signed by the secretariat.
    func openForScoring(_ unit: UnitCode, officer: PublicSigningKey, hours: Int, on ledger: OpenLedger) async throws {
        let secretariat = key("secretariat")
        let until = SystemSources.now().adding(milliseconds: Int64(hours) * 3_600_000)
        let registration = ControlEvent.KeyRegistration(
            name: "Cán bộ CCHC (thử tải) – \(unit)",
            publicKey: officer,
            role: .unitOfficer,
            unit: unit
        )
        _ = try await Self.append(
            [
                (ControlEvent.keyRegistered(registration), secretariat),
                (
                    AppraisalEvent.selfAssessmentReopened(
                        unit: unit,
                        reason: "Đo hiệu năng: mở lại để tự chấm điểm",
                        until: until
                    ),
                    secretariat
                ),
            ],
            to: ledger
        )
    }

    /// The TĐG leaves of a unit's criteria set, each with a value it accepts: what its officer may
    /// self-score (with a note, so no evidence is needed).
    static func scorableLeaves(of unit: UnitCode, in state: AppraisalState) -> [(leaf: CriterionCode, points: Points)] {
        guard let set = state.criteria(of: unit) else { return [] }
        return set.orderedLeaves.filter { $0.method == .selfAssessed }.map { leaf in
            (leaf.code, leaf.allowedValues?.last ?? leaf.maxPoints)
        }
    }
}
