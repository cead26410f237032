public import LedgerCore

/// Who may emit each act of the PAR appraisal (events/PROCESS.md §2): the policy `parledger init` writes
/// into a new ledger's genesis unless `--policy FILE` gives another (events/CATALOG.md).
public enum AppraisalPolicy {
    /// Every appraisal event type and the roles that may emit it.
    public static var policy: [EventType: Set<Role>] { AppraisalEvent.policy }
}
