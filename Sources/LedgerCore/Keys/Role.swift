/// What a registered key may do (events/PROCESS.md §2, FORMAT.md §3).
public enum Role: String, Sendable, Hashable, CaseIterable, Comparable {
    case authority
    case secretariat
    case unitOfficer
    case unitLeader
    case appraiser
    case councilChair
    case surveyClerk
    case auditor

    /// Roles that act for one unit: a key in such a role must name its unit.
    public var requiresUnit: Bool { self == .unitOfficer || self == .unitLeader }

    /// Roles that may name a unit they belong to without acting for it.
    public var allowsUnit: Bool { requiresUnit || self == .appraiser }

    /// Roles whose keys may sign checkpoints for the log.
    public var signsCheckpoints: Bool { self == .authority || self == .secretariat }

    public static func < (left: Role, right: Role) -> Bool {
        allCases.firstIndex(of: left) ?? 0 < allCases.firstIndex(of: right) ?? 0
    }
}
