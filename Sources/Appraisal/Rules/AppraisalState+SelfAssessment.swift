public import LedgerCore

extension AppraisalState.EnrolledUnit {
    /// When the unit's self-scoring closes (events/PROCESS.md §5): the campaign's deadline, or a
    /// later reopening's end.
    public func selfScoringCloses(in plan: CampaignPlan) -> Timestamp {
        max(plan.deadlines.selfScoringCloses, reopenedUntil ?? plan.deadlines.selfScoringCloses)
    }
}

extension AppraisalState {
    /// Whether a unit's TĐG leaf is done as submission requires (events/PROCESS.md §5): self-scored,
    /// or claimed N/A with the claim not rejected.
    public func isAnswered(_ key: LeafKey) -> Bool {
        selfScores[key] != nil || (notApplicable[key] != nil && notApplicable[key] != .rejected)
    }
}
