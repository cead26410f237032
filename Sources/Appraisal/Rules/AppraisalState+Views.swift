public import LedgerCore

extension AppraisalState {
    /// The state as a unit's own people may see it before preliminary results are issued: its
    /// self-scores, evidence and claims, without the appraisals of its leaves (events/PROCESS.md §7).
    public func withoutAppraisals(of unit: UnitCode) -> AppraisalState {
        var view = self
        view.appraisals = appraisals.filter { $0.key.unit != unit }
        view.finalAppraised = finalAppraised.filter { $0.key.unit != unit }
        view.corrected = corrected.filter { $0.unit != unit }
        return view
    }
}
