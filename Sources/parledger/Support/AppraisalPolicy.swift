import LedgerCore

/// Who may emit each act of the PAR appraisal (DOMAIN.md §2): the policy `init` writes into a new
/// ledger's genesis unless `--policy FILE` gives another. The events themselves and their rules
/// are catalogued in events/CATALOG.md.
enum AppraisalPolicy {
    static let grants: [(String, [Role])] = [
        ("criteriaSet.published/v1", [.authority]),
        ("campaign.opened/v1", [.authority]),
        ("unit.enrolled/v1", [.secretariat]),
        ("appraiser.assigned/v1", [.authority, .secretariat]),
        ("selfScore.recorded/v1", [.unitOfficer]),
        ("evidence.attached/v1", [.unitOfficer]),
        ("evidence.withdrawn/v1", [.unitOfficer]),
        ("notApplicable.claimed/v1", [.unitOfficer]),
        ("notApplicable.decided/v1", [.appraiser]),
        ("selfAssessment.submitted/v1", [.unitLeader]),
        ("selfAssessment.reopened/v1", [.secretariat]),
        ("appraisal.recorded/v1", [.appraiser]),
        ("preliminaryResults.issued/v1", [.secretariat]),
        ("explanation.submitted/v1", [.unitOfficer]),
        ("objection.filed/v1", [.unitOfficer]),
        ("objection.resolved/v1", [.councilChair]),
        ("bonusPenalty.claimed/v1", [.unitOfficer, .secretariat]),
        ("bonusPenalty.decided/v1", [.appraiser]),
        ("surveyTemplate.published/v1", [.secretariat]),
        ("surveyBatch.recorded/v1", [.surveyClerk, .secretariat]),
        ("surveyForm.invalidated/v1", [.secretariat]),
        ("councilReport.approved/v1", [.councilChair]),
        ("results.published/v1", [.authority]),
        ("results.corrected/v1", [.authority]),
    ]

    static var policy: [EventType: Set<Role>] {
        var policy: [EventType: Set<Role>] = [:]
        for (name, roles) in grants {
            if let type = EventType(name) { policy[type] = Set(roles) }
        }
        return policy
    }
}
