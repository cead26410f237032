public import Appraisal
public import LedgerCore

/// The read models as data: canonical JSON objects whose figures are decimal strings at
/// publication precision, each tied to the ledger prefix it came from and given a digest, so a
/// published ranking can be matched to the ledger (projections/RULES.md §10). The CLI renders them as
/// tables and CSV; every store gives the same bytes.
public enum Reports {
    /// `{"ledger": {"size", "root", "asOf"}, …body, "digest"}`: the digest is the SHA-256 of the
    /// canonical bytes of the object without it.
    /// A report of an earlier campaign than the prefix's latest (`LedgerFold.campaign(year:)`) names
    /// its year in the `ledger` member too.
    public static func sealed(_ body: [String: JSONValue], fold: LedgerFold, asOf: Timestamp?) -> JSONValue {
        var sealed = sealed(body, size: fold.size, root: fold.root, asOf: asOf)
        if let year = fold.viewedCampaign, case .object(var object) = sealed,
            case .object(var prefix)? = object["ledger"]
        {
            prefix["campaign"] = .int(Int64(year))
            object["ledger"] = .object(prefix)
            object["digest"] = nil
            object["digest"] = .string(SHA256Hash.of(CanonicalJSON.encode(.object(object))).hex)
            sealed = .object(object)
        }
        return sealed
    }

    /// A body sealed with the prefix it came from, given by its size and root.
    public static func sealed(_ body: [String: JSONValue], size: Int, root: SHA256Hash, asOf: Timestamp?) -> JSONValue {
        var object = body
        object["ledger"] = prefix(size: size, root: root, asOf: asOf)
        let digest = SHA256Hash.of(CanonicalJSON.encode(.object(object)))
        object["digest"] = .string(digest.hex)
        return .object(object)
    }

    /// The same bytes as `CanonicalJSON.encode(sealed(body, …))` for a body kept as its canonical
    /// bytes, which are never decoded (a national standings body is hundreds of kilobytes); nil
    /// when they are not a canonical object.
    public static func sealed(canonicalBody body: [UInt8], size: Int, root: SHA256Hash, asOf: Timestamp?) -> [UInt8]? {
        guard let unsealed = CanonicalJSON.inserting("ledger", prefix(size: size, root: root, asOf: asOf), into: body)
        else { return nil }
        return CanonicalJSON.inserting("digest", .string(SHA256Hash.of(unsealed).hex), into: unsealed)
    }

    /// The `ledger` member: the prefix's size and root, and the moment asked about.
    private static func prefix(size: Int, root: SHA256Hash, asOf: Timestamp?) -> JSONValue {
        ["size": .int(Int64(size)), "root": .string(root.base64), "asOf": asOf.map { .string($0.text) } ?? .null]
    }

    static func figure(_ value: Ratio, _ plan: CampaignPlan) -> JSONValue {
        .string(value.text(plan.scoring.publicationDecimals))
    }

    static func points(_ value: Points?) -> JSONValue { value.map { .string($0.text) } ?? .null }

    /// The standings of every group (or one): rank, unit, index, band and the totals behind them.
    ///
    /// - Parameter cards: the scorecards of every unit still appraised, when kept (`ScorecardMemo`).
    public static func standings(
        _ state: AppraisalState,
        group only: ConfigCode? = nil,
        cards: [Scorecard]? = nil
    ) -> [String: JSONValue] {
        guard let plan = state.campaign else { return ["groups": []] }
        let groups = Standing.all(state, cards: cards).filter { only == nil || $0.group.code == only }
        return [
            "campaign": ["plan": .string(plan.plan.number), "year": .int(Int64(plan.year))],
            "published": .bool(!state.decisions.isEmpty),
            "decisions": .array(state.decisions.map { .string($0) }),
            "groups": .array(
                groups.map { group, standings in
                    [
                        "group": .string(group.code.text), "name": .string(group.name),
                        "standings": .array(
                            standings.map { standing in result(standing.scorecard, plan, rank: standing.rank) }
                        ),
                    ]
                }
            ),
        ]
    }

    /// One unit's results: totals, effective max, index, band, component indexes by domain.
    static func result(_ card: Scorecard, _ plan: CampaignPlan, rank: Int? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "unit": .string(card.unit.text), "name": .string(card.name), "group": .string(card.group.text),
            "index": figure(card.index, plan), "band": band(card),
            "appraisedTotal": figure(card.appraisedTotal, plan), "surveyTotal": figure(card.surveyTotal, plan),
            "bonus": figure(card.bonus, plan), "deductions": figure(card.deductions, plan),
            "total": figure(card.total, plan), "effectiveMax": figure(card.effectiveMax, plan),
            "provisional": .bool(card.provisional), "lateSubmission": .bool(card.lateSubmission),
            "domains": .array(
                card.domains.map { domain in
                    [
                        "domain": .string(domain.code.text), "name": .string(domain.name),
                        "points": figure(domain.points, plan), "effectiveMax": figure(domain.effectiveMax, plan),
                        "index": domain.index.map { figure($0, plan) } ?? .null,
                    ]
                }
            ),
        ]
        if let rank { object["rank"] = .int(Int64(rank)) }
        return .object(object)
    }

    /// A unit's band, none while its scorecard is provisional (projections/RULES.md §8): a band on
    /// a draft reads as a verdict.
    static func band(_ card: Scorecard) -> JSONValue { card.provisional ? .null : .string(card.band) }

    /// One unit's leaves: self-score, rounds, final appraised, survey, N/A, evidence, provisional.
    public static func scores(_ state: AppraisalState, unit: UnitCode) -> [String: JSONValue]? {
        guard let plan = state.campaign, let card = Scorecard.of(unit, in: state) else { return nil }
        return scores(card, plan)
    }

    /// One unit's leaves, from its scorecard.
    public static func scores(_ card: Scorecard, _ plan: CampaignPlan) -> [String: JSONValue] {
        [
            "result": result(card, plan),
            "leaves": .array(
                card.leaves.map { leaf in
                    var object: [String: JSONValue] = [
                        "leaf": .string(leaf.code.text), "name": .string(leaf.name),
                        "method": .string(leaf.method.rawValue),
                        "maxPoints": .string(leaf.maxPoints.text), "selfScore": points(leaf.selfScore),
                        "round1": points(leaf.round1), "round2": points(leaf.round2),
                        "appraised": points(leaf.appraised),
                        "points": figure(leaf.points, plan), "evidence": .int(Int64(leaf.evidenceCount)),
                        "provisional": .bool(leaf.provisional), "corrected": .bool(leaf.corrected),
                        "notApplicable": leaf.notApplicable.map { .string("\($0)") } ?? .null,
                    ]
                    if let survey = leaf.survey {
                        object["survey"] = [
                            "insufficient": .bool(survey.insufficient),
                            "groups": .array(
                                survey.groups.map { group in
                                    [
                                        "respondentGroup": .string(group.respondentGroup.text),
                                        "planned": .int(Int64(group.planned)), "valid": .int(Int64(group.validForms)),
                                        "mean": group.mean.map { .string($0.text(4)) } ?? .null,
                                        "qualifies": .bool(group.qualifies), "weight": .int(Int64(group.weight)),
                                    ]
                                }
                            ),
                        ]
                    }
                    return .object(object)
                }
            ),
        ]
    }

    /// Self minus appraised, per leaf, domain and unit, signed and absolute; units furthest off first.
    public static func differences(_ state: AppraisalState, unit only: UnitCode? = nil) -> [String: JSONValue] {
        guard let plan = state.campaign else { return ["units": []] }
        var units: [(absolute: Ratio, json: JSONValue)] = []
        for card in Scorecard.all(state) where only == nil || card.unit == only {
            var signed = Ratio.zero
            var absolute = Ratio.zero
            var domains: [CriterionCode: (signed: Ratio, absolute: Ratio)] = [:]
            var leaves: [JSONValue] = []
            for leaf in card.leaves {
                guard let selfScore = leaf.selfScore, let appraised = leaf.appraised else { continue }
                let difference = Ratio(selfScore) - Ratio(appraised)
                let magnitude = difference < .zero ? -difference : difference
                signed = signed + difference
                absolute = absolute + magnitude
                let domain = domains[leaf.code.domain] ?? (.zero, .zero)
                domains[leaf.code.domain] = (domain.signed + difference, domain.absolute + magnitude)
                if difference != .zero {
                    leaves.append(
                        [
                            "leaf": .string(leaf.code.text), "selfScore": points(selfScore),
                            "appraised": points(appraised),
                            "difference": figure(difference, plan),
                        ]
                    )
                }
            }
            units.append(
                (
                    absolute,
                    [
                        "unit": .string(card.unit.text), "name": .string(card.name), "signed": figure(signed, plan),
                        "absolute": figure(absolute, plan),
                        "domains": .array(
                            domains.keys.sorted().map { code in
                                [
                                    "domain": .string(code.text),
                                    "signed": figure(domains[code]?.signed ?? .zero, plan),
                                    "absolute": figure(domains[code]?.absolute ?? .zero, plan),
                                ]
                            }
                        ),
                        "leaves": .array(leaves),
                    ]
                )
            )
        }
        return ["units": .array(units.sorted { $0.absolute > $1.absolute }.map(\.json))]
    }

    /// Forms planned, received, valid and invalidated per unit and respondent group; per survey
    /// leaf the groups' means, the score and the insufficient-sample flag; and coverage against
    /// the whole plan.
    public static func surveyCoverage(_ state: AppraisalState) -> [String: JSONValue] {
        guard let plan = state.campaign else { return ["units": []] }
        let byUnit = Dictionary(grouping: state.forms.values, by: \.unit)
        let cards = Dictionary(uniqueKeysWithValues: Scorecard.all(state).map { ($0.unit, $0) })
        var planned = 0
        var received = 0
        var units: [JSONValue] = []
        for (code, unit) in state.units.filter(\.value.isActive).sorted(by: { $0.key < $1.key }) {
            var groups: [JSONValue] = []
            for quota in plan.quotas where quota.group == unit.group {
                let forms = (byUnit[code] ?? []).filter { $0.respondentGroup == quota.respondentGroup }
                let invalidated = forms.filter(\.invalidated).count
                // Valid as projections/RULES.md §5 says and the scores count: not invalidated, and enough
                // questions answered; the rest of those kept are incomplete.
                let valid = cards[code]?.validForms[quota.respondentGroup] ?? 0
                planned += quota.formsPerUnit
                received += forms.count
                groups.append(
                    [
                        "respondentGroup": .string(quota.respondentGroup.text),
                        "planned": .int(Int64(quota.formsPerUnit)),
                        "received": .int(Int64(forms.count)), "invalidated": .int(Int64(invalidated)),
                        "incomplete": .int(Int64(forms.count - invalidated - valid)), "valid": .int(Int64(valid)),
                    ]
                )
            }
            var leaves: [JSONValue] = []
            for leaf in cards[code]?.leaves ?? [] {
                guard let survey = leaf.survey else { continue }
                leaves.append(
                    [
                        "leaf": .string(leaf.code.text), "score": figure(survey.score, plan),
                        "insufficient": .bool(survey.insufficient),
                        "groups": .array(
                            survey.groups.map { group in
                                [
                                    "respondentGroup": .string(group.respondentGroup.text),
                                    "mean": group.mean.map { .string($0.text(4)) } ?? .null,
                                    "valid": .int(Int64(group.validForms)), "qualifies": .bool(group.qualifies),
                                    "weight": .int(Int64(group.weight)),
                                ]
                            }
                        ),
                    ]
                )
            }
            units.append(
                [
                    "unit": .string(code.text), "name": .string(unit.name), "groups": .array(groups),
                    "leaves": .array(leaves),
                ]
            )
        }
        return [
            "planned": .int(Int64(planned)), "received": .int(Int64(received)),
            "coverage": planned == 0
                ? .null : .string((Ratio(Int128(received)) / Ratio(Int128(planned)) * Ratio(100)).text(1)),
            "units": .array(units),
        ]
    }

    /// Every objection: its leaf, status, the appraisal it contests, the resolution and the change.
    public static func disputes(_ state: AppraisalState, open: Bool? = nil) -> [String: JSONValue] {
        let objections = state.objections.sorted { ($0.value.filedAt, $0.key.text) < ($1.value.filedAt, $1.key.text) }
        return [
            "disputes": .array(
                objections.filter { open == nil || $0.value.open == open }.map { id, objection in
                    var object: [String: JSONValue] = [
                        "objection": .string(id.text), "unit": .string(objection.key.unit.text),
                        "leaf": .string(objection.key.leaf.text), "filedAt": .string(objection.filedAt.text),
                        "status": .string(objection.open ? "open" : "resolved"),
                        "contested": points(objection.contested),
                    ]
                    if let resolution = objection.resolution {
                        object["outcome"] = .string(resolution.accepted ? "accepted" : "rejected")
                        object["points"] = points(resolution.points)
                        object["reasoning"] = .string(resolution.reasoning)
                        object["resolvedAt"] = .string(resolution.at.text)
                        // Judged against the points in force when it was resolved (projections/RULES.md §3).
                        if let points = resolution.points, let before = resolution.before {
                            object["change"] = .string((points - before).text)
                        }
                    }
                    return .object(object)
                }
            )
        ]
    }
}
