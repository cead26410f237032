public import LedgerCore

/// The year's plan (events/PROCESS.md §1, §5): which criteria set each unit group uses, the deadlines,
/// survey quotas and scoring policies. Read from a `campaign.opened/v1` payload; every figure in
/// it is configuration, none is a constant in code.
public struct CampaignPlan: Sendable, Equatable, Codable {
    public struct Group: Sendable, Hashable, Codable {
        public let code: ConfigCode
        public let name: String
        public let criteriaSet: ConfigCode
        public let criteriaVersion: Int

        public init(code: ConfigCode, name: String, criteriaSet: ConfigCode, criteriaVersion: Int) {
            self.code = code
            self.name = name
            self.criteriaSet = criteriaSet
            self.criteriaVersion = criteriaVersion
        }
    }

    public struct Deadlines: Sendable, Hashable, Codable {
        public internal(set) var selfScoringOpens: Timestamp
        public internal(set) var selfScoringCloses: Timestamp
        public internal(set) var round1Closes: Timestamp
        public internal(set) var explanationCloses: Timestamp
        public internal(set) var round2Closes: Timestamp

        public init(
            selfScoringOpens: Timestamp,
            selfScoringCloses: Timestamp,
            round1Closes: Timestamp,
            explanationCloses: Timestamp,
            round2Closes: Timestamp
        ) {
            self.selfScoringOpens = selfScoringOpens
            self.selfScoringCloses = selfScoringCloses
            self.round1Closes = round1Closes
            self.explanationCloses = explanationCloses
            self.round2Closes = round2Closes
        }

        /// The payload's members, in the order the deadlines fall.
        static var members: [(name: String, time: KeyPath<Deadlines, Timestamp>)] {
            Deadline.allCases.map { ($0.rawValue, $0.time) }
        }

        /// These deadlines with some moved (`campaign.amended/v1`).
        public func amended(_ changes: [Deadline: Timestamp]) -> Deadlines {
            var amended = self
            for (deadline, time) in changes { amended[keyPath: deadline.writable] = time }
            return amended
        }

        /// The first deadline that does not come after the one before it, if any.
        public var firstOutOfOrder: (deadline: Deadline, after: Deadline)? {
            let all = Deadline.allCases
            for index in all.indices.dropFirst()
            where self[keyPath: all[index].time] <= self[keyPath: all[index - 1].time] {
                return (all[index], all[index - 1])
            }
            return nil
        }
    }

    /// One deadline of the plan, named as its payload member, in the order they fall.
    public enum Deadline: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
        case selfScoringOpens, selfScoringCloses, round1Closes, explanationCloses, round2Closes

        /// The deadline's time in a plan's deadlines.
        public var time: KeyPath<Deadlines, Timestamp> { writable }

        var writable: WritableKeyPath<Deadlines, Timestamp> {
            switch self {
            case .selfScoringOpens: \.selfScoringOpens
            case .selfScoringCloses: \.selfScoringCloses
            case .round1Closes: \.round1Closes
            case .explanationCloses: \.explanationCloses
            case .round2Closes: \.round2Closes
            }
        }

        public static func < (left: Deadline, right: Deadline) -> Bool { left.order < right.order }

        private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    }

    public struct Quota: Sendable, Hashable, Codable {
        public let group: ConfigCode
        public let respondentGroup: ConfigCode
        public let formsPerUnit: Int
        /// The weight the plan gives; nil when it leaves the member out.
        public let configuredWeight: Int?

        /// The respondent group's weight in a survey leaf's mean of group means (projections/RULES.md §5:
        /// "equal weights unless configured"); 1 when the plan does not say.
        public var weight: Int { configuredWeight ?? 1 }

        public init(group: ConfigCode, respondentGroup: ConfigCode, formsPerUnit: Int, weight: Int? = nil) {
            self.group = group
            self.respondentGroup = respondentGroup
            self.formsPerUnit = formsPerUnit
            self.configuredWeight = weight
        }
    }

    public struct RespondentGroup: Sendable, Hashable, Codable {
        public let code: ConfigCode
        public let name: String

        public init(code: ConfigCode, name: String) {
            self.code = code
            self.name = name
        }
    }

    public struct Band: Sendable, Hashable, Codable {
        public let name: String
        public let minimumIndex: Points

        public init(name: String, minimumIndex: Points) {
            self.name = name
            self.minimumIndex = minimumIndex
        }
    }

    /// What breaks a tie of equal indexes, in order (projections/RULES.md §9).
    public enum TieBreak: String, Sendable, CaseIterable, Codable {
        case surveyTotal, appraisedTotal, bonusTotal, fewerDeductions
    }

    public struct Scoring: Sendable, Hashable, Codable {
        public let publicationDecimals: Int
        public let bands: [Band]
        public let tieBreak: [TieBreak]
        public let minimumSampleShare: Points
        public let formValidShare: Points
        public let notApplicableDefault: NotApplicablePolicy
        public let lateSubmissionDeduction: Points
        /// The deduction item of the criteria sets that a late self-assessment is (such as "Chậm nộp
        /// báo cáo tự đánh giá"): the automatic claim uses it, and a unit is deducted for it once.
        /// Nil: the automatic claim is an item of its own (`late-submission`).
        public let lateSubmissionItem: ConfigCode?
        public let clockSkewSeconds: Int

        public init(
            publicationDecimals: Int,
            bands: [Band],
            tieBreak: [TieBreak],
            minimumSampleShare: Points,
            formValidShare: Points,
            notApplicableDefault: NotApplicablePolicy,
            lateSubmissionDeduction: Points,
            lateSubmissionItem: ConfigCode? = nil,
            clockSkewSeconds: Int
        ) {
            self.publicationDecimals = publicationDecimals
            self.bands = bands
            self.tieBreak = tieBreak
            self.minimumSampleShare = minimumSampleShare
            self.formValidShare = formValidShare
            self.notApplicableDefault = notApplicableDefault
            self.lateSubmissionDeduction = lateSubmissionDeduction
            self.lateSubmissionItem = lateSubmissionItem
            self.clockSkewSeconds = clockSkewSeconds
        }
    }

    public let plan: DecisionReference
    public let year: Int
    public let groups: [Group]
    public internal(set) var deadlines: Deadlines
    public let respondentGroups: [RespondentGroup]
    public let quotas: [Quota]
    public let scoring: Scoring
    /// Who may read what beyond the defaults (events/PROCESS.md §7); nil: the defaults.
    public let access: Access?

    /// What a campaign may open to the public beyond the defaults: only the evidence files, and
    /// only after publication (they may hold personal data).
    public struct Access: Sendable, Hashable, Codable {
        public let evidenceAfterPublication: EvidenceAccess

        public init(evidenceAfterPublication: EvidenceAccess) {
            self.evidenceAfterPublication = evidenceAfterPublication
        }
    }

    /// Who reads evidence files once the results are published.
    public enum EvidenceAccess: String, Sendable, CaseIterable, Codable {
        /// Only those who may see the unit (the default).
        case restricted
        /// Anyone.
        case `public`
    }

    /// Whether the campaign opens evidence files to anyone after publication.
    public var evidenceIsPublic: Bool { access?.evidenceAfterPublication == .public }

    /// A plan of these parts. Nothing is checked here: a plan's payload is checked when its
    /// statement is appended.
    public init(
        plan: DecisionReference,
        year: Int,
        groups: [Group],
        deadlines: Deadlines,
        respondentGroups: [RespondentGroup],
        quotas: [Quota],
        scoring: Scoring,
        access: Access? = nil
    ) {
        self.access = access
        self.plan = plan
        self.year = year
        self.groups = groups
        self.deadlines = deadlines
        self.respondentGroups = respondentGroups
        self.quotas = quotas
        self.scoring = scoring
    }

    /// The group with this code.
    public func group(_ code: ConfigCode) -> Group? { groups.first { $0.code == code } }

    /// The forms planned per unit of a group from a respondent group; nil when none are.
    public func quota(group: ConfigCode, respondentGroup: ConfigCode) -> Int? {
        quotas.first { $0.group == group && $0.respondentGroup == respondentGroup }?.formsPerUnit
    }

    /// Reads and checks a `campaign.opened/v1` payload (the criteria sets are checked by the rules).
    public init(payload: JSONValue) throws(LedgerFormatError) {
        let reader = try ObjectReader(payload, path: "payload")
        try reader.requireOnly(
            ["plan", "year", "groups", "deadlines", "respondentGroups", "surveyQuotas", "scoring"],
            optional: ["access"]
        )
        if reader.members["access"] != nil {
            let access = try reader.reader("access")
            try access.requireOnly(["evidenceAfterPublication"])
            self.access = Access(
                evidenceAfterPublication: try access.choice("evidenceAfterPublication", EvidenceAccess.self)
            )
        } else {
            self.access = nil
        }
        plan = try reader.decision("plan")
        year = Int(try reader.int("year", in: 2000...2999))

        var groups: [Group] = []
        for element in try reader.array("groups", nonEmpty: true) {
            let group = try elementReader(element)
            try group.requireOnly(["code", "name", "criteria"])
            let criteria = try group.reader("criteria")
            try criteria.requireOnly(["set", "version"])
            let parsed = Group(
                code: try group.code("code"),
                name: try group.text("name", .name),
                criteriaSet: try criteria.code("set"),
                criteriaVersion: Int(try criteria.int("version", in: 1...9999))
            )
            guard !groups.contains(where: { $0.code == parsed.code }) else {
                throw LedgerFormatError(element.1 + ".code", "group \(parsed.code) appears twice")
            }
            groups.append(parsed)
        }
        self.groups = groups

        let dates = try reader.reader("deadlines")
        let names = Deadlines.members.map(\.name)
        try dates.requireOnly(names)
        var times: [Timestamp] = []
        for name in names {
            let time = try dates.timestamp(name)
            if let last = times.last, time <= last {
                throw LedgerFormatError(dates.location(name), "must come after \(names[times.count - 1])")
            }
            times.append(time)
        }
        deadlines = Deadlines(
            selfScoringOpens: times[0],
            selfScoringCloses: times[1],
            round1Closes: times[2],
            explanationCloses: times[3],
            round2Closes: times[4]
        )

        var respondentGroups: [RespondentGroup] = []
        for element in try reader.array("respondentGroups", nonEmpty: true) {
            let group = try elementReader(element)
            try group.requireOnly(["code", "name"])
            let code = try group.code("code")
            guard !respondentGroups.contains(where: { $0.code == code }) else {
                throw LedgerFormatError(element.1 + ".code", "respondent group \(code) appears twice")
            }
            respondentGroups.append(RespondentGroup(code: code, name: try group.text("name", .name)))
        }
        self.respondentGroups = respondentGroups

        var quotas: [Quota] = []
        for element in try reader.array("surveyQuotas") {
            let quota = try elementReader(element)
            try quota.requireOnly(["group", "respondentGroup", "formsPerUnit"], optional: ["weight"])
            let parsed = Quota(
                group: try quota.code("group"),
                respondentGroup: try quota.code("respondentGroup"),
                formsPerUnit: Int(try quota.int("formsPerUnit", in: 1...100_000)),
                weight: quota.members["weight"] == nil ? nil : Int(try quota.int("weight", in: 1...1000))
            )
            guard groups.contains(where: { $0.code == parsed.group }) else {
                throw LedgerFormatError(element.1 + ".group", "\(parsed.group) is not one of the campaign's groups")
            }
            guard respondentGroups.contains(where: { $0.code == parsed.respondentGroup }) else {
                throw LedgerFormatError(
                    element.1 + ".respondentGroup",
                    "\(parsed.respondentGroup) is not a respondent group"
                )
            }
            guard !quotas.contains(where: { $0.group == parsed.group && $0.respondentGroup == parsed.respondentGroup })
            else {
                throw LedgerFormatError(
                    element.1,
                    "the quota of \(parsed.group) / \(parsed.respondentGroup) appears twice"
                )
            }
            quotas.append(parsed)
        }
        self.quotas = quotas
        scoring = try Self.readScoring(try reader.reader("scoring"))
    }

    private static func readScoring(_ reader: ObjectReader) throws(LedgerFormatError) -> Scoring {
        try reader.requireOnly(
            [
                "publicationDecimals", "bands", "tieBreak", "minimumSampleShare", "formValidShare",
                "notApplicableDefault", "lateSubmissionDeduction", "clockSkewSeconds",
            ],
            optional: ["lateSubmissionItem"]
        )
        var bands: [Band] = []
        for element in try reader.array("bands", nonEmpty: true) {
            let band = try elementReader(element)
            try band.requireOnly(["name", "minimumIndex"])
            let parsed = Band(
                name: try band.text("name", .name),
                minimumIndex: try band.points("minimumIndex")
            )
            if let last = bands.last, parsed.minimumIndex >= last.minimumIndex {
                throw LedgerFormatError(element.1 + ".minimumIndex", "bands must descend")
            }
            bands.append(parsed)
        }
        guard bands.last?.minimumIndex == .zero else {
            throw LedgerFormatError(reader.location("bands"), "the last band must start at 0")
        }
        let tieBreak = try reader.array("tieBreak").map { element throws(LedgerFormatError) in
            guard let text = element.0.stringValue, let value = TieBreak(rawValue: text) else {
                throw LedgerFormatError(
                    element.1,
                    "must be one of \(TieBreak.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return value
        }
        func share(_ name: String) throws(LedgerFormatError) -> Points {
            let value = try reader.points(name)
            guard value > .zero, value <= Points(1) else {
                throw LedgerFormatError(reader.location(name), "must be more than 0 and at most 1")
            }
            return value
        }
        let late = try reader.points("lateSubmissionDeduction")
        guard late >= .zero else {
            throw LedgerFormatError(reader.location("lateSubmissionDeduction"), "must not be negative")
        }
        return Scoring(
            publicationDecimals: Int(try reader.int("publicationDecimals", in: 0...3)),
            bands: bands,
            tieBreak: tieBreak,
            minimumSampleShare: try share("minimumSampleShare"),
            formValidShare: try share("formValidShare"),
            notApplicableDefault: try reader.choice("notApplicableDefault", NotApplicablePolicy.self),
            lateSubmissionDeduction: late,
            lateSubmissionItem: try reader.optionalParsed("lateSubmissionItem", as: "item code (A–Z a–z 0–9 -)") {
                ConfigCode($0, allowingCapitals: true)
            },
            clockSkewSeconds: Int(try reader.int("clockSkewSeconds", in: 1...86_400))
        )
    }
}

extension CampaignPlan {
    /// The `campaign.opened/v1` payload: `init(payload:)` reads it back as this plan.
    private var scoringPayload: [String: JSONValue] {
        var payload: [String: JSONValue] = [
            "publicationDecimals": .int(Int64(scoring.publicationDecimals)),
            "bands": .array(scoring.bands.map { ["name": .string($0.name), "minimumIndex": $0.minimumIndex.json] }),
            "tieBreak": .array(scoring.tieBreak.map { .string($0.rawValue) }),
            "minimumSampleShare": scoring.minimumSampleShare.json, "formValidShare": scoring.formValidShare.json,
            "notApplicableDefault": .string(scoring.notApplicableDefault.rawValue),
            "lateSubmissionDeduction": scoring.lateSubmissionDeduction.json,
            "clockSkewSeconds": .int(Int64(scoring.clockSkewSeconds)),
        ]
        if let item = scoring.lateSubmissionItem { payload["lateSubmissionItem"] = item.json }
        return payload
    }

    public var payload: [String: JSONValue] {
        [
            "plan": plan.json, "year": .int(Int64(year)),
            "groups": .array(
                groups.map { group in
                    [
                        "code": group.code.json, "name": .string(group.name),
                        "criteria": ["set": group.criteriaSet.json, "version": .int(Int64(group.criteriaVersion))],
                    ]
                }
            ),
            "deadlines": .object(
                Dictionary(uniqueKeysWithValues: Deadlines.members.map { ($0.name, deadlines[keyPath: $0.time].json) })
            ),
            "respondentGroups": .array(respondentGroups.map { ["code": $0.code.json, "name": .string($0.name)] }),
            "surveyQuotas": .array(
                quotas.map { quota in
                    .object(
                        present([
                            "group": quota.group.json, "respondentGroup": quota.respondentGroup.json,
                            "formsPerUnit": .int(Int64(quota.formsPerUnit)),
                            "weight": quota.configuredWeight.map { .int(Int64($0)) },
                        ])
                    )
                }
            ),
            "scoring": .object(scoringPayload),
        ].merging(
            access.map { ["access": ["evidenceAfterPublication": .string($0.evidenceAfterPublication.rawValue)]] }
                ?? [:]
        ) { first, _ in first }
    }
}

extension CampaignPlan.TieBreak: Choice {}
extension CampaignPlan.EvidenceAccess: Choice {}
