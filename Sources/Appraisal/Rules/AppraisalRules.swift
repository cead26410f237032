public import LedgerCore

/// The appraisal's rules (events/CATALOG.md, events/PROCESS.md §2–§5) as a pure function: given the state
/// folded so far and who acts when, an act is admitted or refused with a reason. Nothing here
/// reads a clock, a file or a database; the store calls it inside the append's transaction.
public enum AppraisalRules {
    /// Who acts, when, and what the ledger holds around the act.
    public struct Act: Sendable {
        public let actor: KeyRecord
        public let statementID: StatementID
        public let claimedAt: Timestamp
        /// The ledger's clock: every deadline is compared with it.
        public let recordedAt: Timestamp
        /// Every key registered so far.
        public let keys: [KeyID: KeyRecord]
        /// The ledger's tree before this entry (its root is computed only when a rule needs it).
        public let ledgerTree: CompactRange

        public init(
            actor: KeyRecord,
            statementID: StatementID,
            claimedAt: Timestamp,
            recordedAt: Timestamp,
            keys: [KeyID: KeyRecord],
            ledgerTree: CompactRange
        ) {
            self.actor = actor
            self.statementID = statementID
            self.claimedAt = claimedAt
            self.recordedAt = recordedAt
            self.keys = keys
            self.ledgerTree = ledgerTree
        }
    }

    /// Allowed distance between a statement's claimed time and the ledger's clock before a campaign
    /// sets its own.
    public static let defaultClockSkewSeconds = 300

    /// The allowed distance between a statement's claimed time and the ledger's clock, in
    /// milliseconds: the campaign's, or the default before a campaign is opened.
    public static func allowedClockSkew(_ state: AppraisalState) -> Int64 {
        Int64(state.campaign?.scoring.clockSkewSeconds ?? defaultClockSkewSeconds) * 1000
    }

    /// Refuses a statement of any type, control events included, whose claimed time is further
    /// from the time the ledger records it at than the allowed skew: a signer's wrong clock shows
    /// at once, and no statement can pretend to be made at another time than it was recorded.
    public static func requireClaimedTime(
        _ claimedAt: Timestamp,
        near recordedAt: Timestamp,
        allowedSkew skew: Int64
    ) throws(AppraisalRefusal) {
        let drift = claimedAt.millisecondsSinceEpoch - recordedAt.millisecondsSinceEpoch
        guard abs(drift) <= skew else {
            throw AppraisalRefusal(
                .clockSkew,
                "the statement claims \(claimedAt) but the ledger's clock says \(recordedAt); "
                    + "more than \(skew / 1000) seconds apart — check the signing computer's clock"
            )
        }
    }

    /// Admits `event` as `act`, or throws why not (its claimed time is checked by
    /// `requireClaimedTime`, for every statement).
    public static func decide(
        _ event: AppraisalEvent,
        _ act: Act,
        _ state: AppraisalState
    ) throws(AppraisalRefusal) {
        if !state.decisions.isEmpty {
            // A published campaign is closed: corrected by decision, or followed by the next year's
            // campaign and the criteria sets it will use.
            switch event {
            case .resultsCorrected, .campaignOpened, .criteriaSetPublished: break
            default:
                throw AppraisalRefusal(
                    .resultsPublished,
                    "the results were published by decision \(state.decisions[0]); only a correcting decision changes them now, "
                        + "or the next year's campaign"
                )
            }
        }
        var rules = Judge(state: state, act: act)
        try rules.judge(event)
    }

    /// Admits a key registration (FORMAT.md §8.2, which knows no units) as far as the appraisal is
    /// concerned: a unit officer's or leader's key names an enrolled unit. A key id is registered
    /// once in a ledger's life, so a key bound to a mistyped unit could never be registered again.
    public static func decide(
        _ registration: ControlEvent.KeyRegistration,
        _ state: AppraisalState
    ) throws(AppraisalRefusal) {
        guard registration.role == .unitOfficer || registration.role == .unitLeader, let unit = registration.unit
        else { return }
        if let withdrawal = state.units[unit]?.withdrawal {
            throw AppraisalRefusal(
                .unitWithdrawn,
                "unit \(unit) was withdrawn from the campaign by decision \(withdrawal.decision.number); no key is registered for it"
            )
        }
        guard state.units[unit] != nil else {
            throw AppraisalRefusal(
                .keyUnitNotEnrolled,
                "unit \(unit) is not enrolled in the campaign, so no \(registration.role.rawValue) key can be "
                    + "registered for it: check the code, or enrol the unit first (parledger unit enrol)"
            )
        }
    }

    /// One act judged against the state: each case of `judge` is one event type's rules.
    private struct Judge {
        let state: AppraisalState
        let act: Act

        init(state: AppraisalState, act: Act) {
            self.state = state
            self.act = act
        }

        var now: Timestamp { act.recordedAt }

        // swiftlint:disable:next cyclomatic_complexity function_body_length
        mutating func judge(_ event: AppraisalEvent) throws(AppraisalRefusal) {
            switch event {
            case .criteriaSetPublished(let set):
                guard state.criteriaSets[.init(set: set.set, version: set.version)] == nil else {
                    throw AppraisalRefusal(
                        .criteriaSetExists,
                        "criteria set \(set.set) version \(set.version) is already published"
                    )
                }
            case .campaignOpened(let plan):
                if let current = state.campaign {
                    guard state.publishedAtSize != nil else {
                        throw AppraisalRefusal(
                            .campaignExists,
                            "the \(current.year) campaign is open; the next one opens once its results are published"
                        )
                    }
                    guard plan.year > current.year else {
                        throw AppraisalRefusal(
                            .campaignExists,
                            "payload.year: \(plan.year) does not come after the \(current.year) campaign's"
                        )
                    }
                    // Units carry over: each one still appraised needs its group in the new plan.
                    for unit in state.activeUnits {
                        guard let group = state.units[unit]?.group, plan.group(group) != nil else {
                            throw AppraisalRefusal(
                                .groupUnknown,
                                "unit \(unit) carries over in group \(state.units[unit]?.group.text ?? ""), which the \(plan.year) plan lacks; "
                                    + "withdraw it (unit.withdrawn/v1) or keep its group"
                            )
                        }
                    }
                }
                for group in plan.groups {
                    guard let set = state.criteriaSets[.init(set: group.criteriaSet, version: group.criteriaVersion)]
                    else {
                        throw AppraisalRefusal(
                            .criteriaSetUnknown,
                            "group \(group.code) uses criteria set \(group.criteriaSet) version \(group.criteriaVersion), which is not published"
                        )
                    }
                    if let late = plan.scoring.lateSubmissionItem,
                        !set.items.contains(where: { $0.code == late && $0.kind == .deduction })
                    {
                        throw AppraisalRefusal(
                            .itemUnknown,
                            "payload.scoring.lateSubmissionItem: \(late) is not a deduction item of criteria set \(set.set) (group \(group.code))"
                        )
                    }
                }
            case .unitEnrolled(let code, _, let group):
                let plan = try campaign()
                guard plan.group(group) != nil else {
                    throw AppraisalRefusal(
                        .groupUnknown,
                        "group \(group) is not one of the campaign's: \(plan.groups.map(\.code.text).joined(separator: ", "))"
                    )
                }
                guard state.units[code] == nil else {
                    throw AppraisalRefusal(.unitExists, "unit \(code) is already enrolled")
                }
                try beforePreliminary("enrol a unit")
            case .appraiserAssigned(let keyID, let domains, let ownUnit):
                _ = try campaign()
                guard let key = act.keys[keyID], key.revokedAt == nil,
                    key.role == .appraiser || key.role == .councilChair
                else {
                    throw AppraisalRefusal(
                        .keyNotAppraiser,
                        "key \(keyID.short)… is not a registered appraiser or council chair"
                    )
                }
                let known = Set(state.criteriaSets.values.flatMap(\.domains))
                for domain in domains where !known.contains(domain) {
                    throw AppraisalRefusal(.domainUnknown, "domain \(domain) is not in any published criteria set")
                }
                // The appraiser's own unit only bars them from it: a withdrawn unit still names their workplace.
                guard state.units[ownUnit] != nil else {
                    throw AppraisalRefusal(.unitUnknown, "unit \(ownUnit) is not enrolled in the campaign")
                }
            case .selfScoreRecorded(let unit, let leafCode, let points, let note):
                try actsForOwnUnit(unit)
                let leaf = try selfAssessedLeaf(unit, leafCode)
                try selfScoringOpen(unit)
                try accept(points, for: leaf, unit: unit)
                let key = AppraisalState.LeafKey(unit: unit, leaf: leafCode)
                guard state.evidenceCount[key, default: 0] > 0 || note != nil else {
                    throw AppraisalRefusal(
                        .justificationMissing,
                        "unit \(unit), leaf \(leafCode): attach evidence first, or explain in a note why none exists"
                    )
                }
            case .evidenceAttached(let unit, let leafCode, _):
                try actsForOwnUnit(unit)
                _ = try selfAssessedLeaf(unit, leafCode)
                try selfScoringOpen(unit)
            case .evidenceWithdrawn(let unit, let leafCode, let attached, _):
                try actsForOwnUnit(unit)
                try selfScoringOpen(unit)
                let key = AppraisalState.LeafKey(unit: unit, leaf: leafCode)
                guard let evidence = state.evidence[attached], evidence.key == key, !evidence.withdrawn else {
                    throw AppraisalRefusal(
                        .evidenceUnknown,
                        "no evidence \(attached) is attached to unit \(unit), leaf \(leafCode)"
                    )
                }
                if let score = state.selfScores[key], score.note == nil, state.evidenceCount[key, default: 0] <= 1 {
                    throw AppraisalRefusal(
                        .justificationMissing,
                        "unit \(unit), leaf \(leafCode) is self-scored on this evidence alone; attach other evidence or re-score with a note first"
                    )
                }
            case .notApplicableClaimed(let unit, let leafCode, _):
                try actsForOwnUnit(unit)
                let leaf = try selfAssessedLeaf(unit, leafCode)
                try selfScoringOpen(unit)
                guard leaf.notApplicable != .notAllowed else {
                    throw AppraisalRefusal(
                        .notApplicableNotAllowed,
                        "leaf \(leafCode) cannot be claimed not applicable"
                    )
                }
                guard state.notApplicable[.init(unit: unit, leaf: leafCode)] != .pending else {
                    throw AppraisalRefusal(
                        .notApplicablePending,
                        "unit \(unit), leaf \(leafCode) already has a pending N/A claim"
                    )
                }
            case .notApplicableDecided(let unit, let leafCode, _, _):
                let leaf = try selfAssessedLeaf(unit, leafCode)
                try appraises(unit, leaf)
                try beforeCouncilReport("decide an N/A claim")
                guard state.notApplicable[.init(unit: unit, leaf: leafCode)] == .pending else {
                    throw AppraisalRefusal(
                        .notApplicableNoClaim,
                        "unit \(unit), leaf \(leafCode) has no pending N/A claim"
                    )
                }
            case .selfAssessmentSubmitted(let unit, _):
                try actsForOwnUnit(unit)
                try selfScoringOpen(unit)
                try complete(unit)
            case .selfAssessmentReopened(let unit, _, let until):
                _ = try enrolled(unit)
                try beforePreliminary("reopen self-scoring")
                guard until > now else {
                    throw AppraisalRefusal(.payload, "payload.until: the reopening must end after now (\(now))")
                }
            case .appraisalRecorded(let unit, let leafCode, let round, let points, let reason, _, let objection):
                let leaf = try selfAssessedLeaf(unit, leafCode)
                try appraises(unit, leaf)
                try roundOpen(round, unit, leafCode)
                try accept(points, for: leaf, unit: unit)
                try agreesWithResolution(unit, leafCode, round: round, points: points, citing: objection)
                let selfScore = state.selfScores[.init(unit: unit, leaf: leafCode)]?.points
                guard selfScore == points || reason != nil else {
                    throw AppraisalRefusal(
                        .reasonMissing,
                        "unit \(unit), leaf \(leafCode): \(points) differs from the self-score "
                            + "\(selfScore?.text ?? "(none)"); give the reason"
                    )
                }
            case .preliminaryResultsIssued:
                let plan = try campaign()
                guard state.preliminaryIssuedAt == nil else {
                    throw AppraisalRefusal(.preliminaryIssued, "preliminary results are already issued")
                }
                guard now > plan.deadlines.selfScoringCloses else {
                    throw AppraisalRefusal(.tooEarly, "self-scoring is open until \(plan.deadlines.selfScoringCloses)")
                }
            case .explanationSubmitted(let unit, let leafCode, _, _):
                try actsForOwnUnit(unit)
                _ = try selfAssessedLeaf(unit, leafCode)
                try explanationWindowOpen()
                try appraised(unit, leafCode)
            case .objectionFiled(let unit, let leafCode, _, _):
                try actsForOwnUnit(unit)
                _ = try selfAssessedLeaf(unit, leafCode)
                try explanationWindowOpen()
                try appraised(unit, leafCode)
                let key = AppraisalState.LeafKey(unit: unit, leaf: leafCode)
                guard !state.objections.values.contains(where: { $0.key == key && $0.open }) else {
                    throw AppraisalRefusal(
                        .objectionOpen,
                        "unit \(unit), leaf \(leafCode) already has an open objection"
                    )
                }
            case .objectionResolved(let id, _, let points, _):
                guard let objection = state.objections[id], objection.open else {
                    throw AppraisalRefusal(.objectionUnknown, "there is no open objection \(id)")
                }
                try beforeCouncilReport("resolve an objection")
                if let points {
                    let leaf = try selfAssessedLeaf(objection.key.unit, objection.key.leaf)
                    try accept(points, for: leaf, unit: objection.key.unit)
                }
            case .bonusPenaltyClaimed(let unit, let itemCode, let points, _, _):
                if act.actor.role == .unitOfficer { try actsForOwnUnit(unit) }
                _ = try enrolled(unit)
                try beforeCouncilReport("claim a bonus or deduction")
                guard let item = state.criteria(of: unit)?.items.first(where: { $0.code == itemCode }) else {
                    throw AppraisalRefusal(.itemUnknown, "item \(itemCode) is not in unit \(unit)'s criteria set")
                }
                if act.actor.role == .unitOfficer, item.kind != .bonus {
                    throw AppraisalRefusal(
                        .notYourUnit,
                        "a unit claims bonuses only; deductions are proposed by the secretariat"
                    )
                }
                if item.code == state.lateSubmissionItem(of: unit).code, state.hasLateDeduction(unit) {
                    throw AppraisalRefusal(
                        .lateDeductionClaimed,
                        "unit \(unit) already has a late-submission deduction (item \(item.code)); one lateness is deducted once"
                    )
                }
                try accept(points, upTo: item)
            case .bonusPenaltyDecided(let id, _, let points, _):
                guard let claim = state.claims[id], claim.pending else {
                    throw AppraisalRefusal(.claimUnknown, "there is no pending bonus or deduction claim \(id)")
                }
                if act.actor.role == .appraiser {
                    guard state.assignments[act.actor.keyID]?.ownUnit != claim.unit else {
                        throw AppraisalRefusal(.ownUnit, "an appraiser never decides for their own unit \(claim.unit)")
                    }
                }
                try beforeCouncilReport("decide a bonus or deduction")
                if let points { try accept(points, upTo: claim.item) }
            case .surveyTemplatePublished(let template):
                try surveyTemplate(template)
            case .surveyBatchRecorded(let code, let version, let forms):
                try surveyBatch(code, version, forms)
            case .surveyFormInvalidated(let serial, _):
                try beforeCouncilReport("invalidate a form")
                guard state.forms[serial]?.invalidated == false else {
                    throw AppraisalRefusal(
                        .formUnknown,
                        state.forms[serial]?.invalidated == true
                            ? "form \(serial) is already invalidated" : "no form \(serial) was recorded"
                    )
                }
            case .councilReportApproved:
                guard state.preliminaryIssuedAt != nil else {
                    throw AppraisalRefusal(.preliminaryMissing, "preliminary results have not been issued yet")
                }
                guard !state.councilReportApproved else {
                    throw AppraisalRefusal(.councilReportExists, "the council report is already approved")
                }
                try nothingPending()
                try everyLeafAppraised()
            case .resultsPublished(_, let size, let root, _):
                guard state.councilReportApproved else {
                    throw AppraisalRefusal(.councilReportMissing, "the council report has not been approved yet")
                }
                try checkpoint(size, root)
            case .resultsCorrected(_, let supersedes, _, let changes, let size, let root, let forms, _):
                guard let latest = state.decisions.last else {
                    throw AppraisalRefusal(
                        .resultsNotPublished,
                        "no results are published yet; there is nothing to correct"
                    )
                }
                guard supersedes == latest else {
                    throw AppraisalRefusal(.supersedesMismatch, "the decision in force is \(latest), not \(supersedes)")
                }
                for change in changes {
                    let leaf = try selfAssessedLeaf(change.unit, change.leaf)
                    guard state.notApplicable[.init(unit: change.unit, leaf: change.leaf)] != .confirmed else {
                        throw AppraisalRefusal(
                            .notApplicableConfirmed,
                            "unit \(change.unit), leaf \(change.leaf) is confirmed not applicable; its points do not count"
                        )
                    }
                    try accept(change.points, for: leaf, unit: change.unit)
                }
                // A survey criterion is corrected through its forms: invalidated, or restored.
                var serials: Set<String> = []
                for form in forms {
                    guard serials.insert(form.serial).inserted else {
                        throw AppraisalRefusal(.serialReused, "payload.forms: form \(form.serial) appears twice")
                    }
                    guard let recorded = state.forms[form.serial] else {
                        throw AppraisalRefusal(.formUnknown, "payload.forms: no form \(form.serial) was recorded")
                    }
                    guard recorded.invalidated != form.invalidated else {
                        throw AppraisalRefusal(
                            .formUnknown,
                            "payload.forms: form \(form.serial) is already \(recorded.invalidated ? "invalidated" : "valid")"
                        )
                    }
                }
                try checkpoint(size, root)
            case .campaignAmended(_, _, let changes):
                let plan = try campaign()
                try beforeCouncilReport("amend the campaign's deadlines")
                for (deadline, time) in changes.sorted(by: { $0.key < $1.key }) {
                    let current = plan.deadlines[keyPath: deadline.time]
                    guard time > now else {
                        throw AppraisalRefusal(
                            .deadlinePassed,
                            "payload.deadlines.\(deadline.rawValue): \(time) has passed (the ledger's clock says \(now)); a deadline moves to a time still to come"
                        )
                    }
                    guard deadline != .selfScoringOpens || current > now else {
                        throw AppraisalRefusal(
                            .deadlinePassed,
                            "payload.deadlines.selfScoringOpens: self-scoring opened at \(current); that cannot be moved"
                        )
                    }
                }
                if let (deadline, after) = plan.deadlines.amended(changes).firstOutOfOrder {
                    throw AppraisalRefusal(
                        .deadlinesOutOfOrder,
                        "payload.deadlines: once amended, \(deadline.rawValue) would not come after \(after.rawValue)"
                    )
                }
            case .roundReopened(let round, let units, let leaves, let until, _):
                _ = try campaign()
                if round == 1 {
                    try beforePreliminary("reopen round 1")
                } else {
                    guard state.preliminaryIssuedAt != nil else {
                        throw AppraisalRefusal(.tooEarly, "round 2 starts after the preliminary results")
                    }
                    try beforeCouncilReport("reopen round 2")
                }
                guard until > now else {
                    throw AppraisalRefusal(.payload, "payload.until: the reopening must end after now (\(now))")
                }
                for unit in units {
                    _ = try enrolled(unit)
                    for leaf in leaves ?? [] { _ = try selfAssessedLeaf(unit, leaf) }
                }
            case .unitWithdrawn(let unit, _, _, let successor):
                _ = try enrolled(unit)
                try beforeCouncilReport("withdraw a unit")
                if let successor {
                    guard successor != unit else {
                        throw AppraisalRefusal(.payload, "payload.successor: a unit does not succeed itself")
                    }
                    _ = try enrolled(successor)
                }
            case .unitRenamed(let unit, let name, _):
                let enrolled = try enrolled(unit)
                guard name != enrolled.name else {
                    throw AppraisalRefusal(.nameUnchanged, "unit \(unit) is already named \(name)")
                }
            }
        }

        // MARK: Facts the rules share

        func campaign() throws(AppraisalRefusal) -> CampaignPlan {
            guard let plan = state.campaign else {
                throw AppraisalRefusal(.campaignMissing, "no campaign is opened in this ledger yet")
            }
            return plan
        }

        /// A unit acts can concern: enrolled, and not withdrawn since.
        func enrolled(_ unit: UnitCode) throws(AppraisalRefusal) -> AppraisalState.EnrolledUnit {
            guard let enrolled = state.units[unit] else {
                throw AppraisalRefusal(.unitUnknown, "unit \(unit) is not enrolled in the campaign")
            }
            if let withdrawal = enrolled.withdrawal {
                throw AppraisalRefusal(
                    .unitWithdrawn,
                    "unit \(unit) was withdrawn from the campaign by decision \(withdrawal.decision.number)"
                        + (withdrawal.successor.map { "; its work goes on as unit \($0)" } ?? "")
                )
            }
            return enrolled
        }

        /// A unit officer or leader acts only for the unit their key belongs to.
        func actsForOwnUnit(_ unit: UnitCode) throws(AppraisalRefusal) {
            _ = try enrolled(unit)
            guard act.actor.unit == unit else {
                throw AppraisalRefusal(
                    .notYourUnit,
                    "key \(act.actor.keyID.short)… acts for unit \(act.actor.unit?.text ?? "(none)"), not \(unit)"
                )
            }
        }

        func leaf(_ unit: UnitCode, _ code: CriterionCode) throws(AppraisalRefusal) -> CriteriaSet.Leaf {
            _ = try enrolled(unit)
            guard let leaf = state.criteria(of: unit)?.leaves[code] else {
                throw AppraisalRefusal(.leafUnknown, "leaf \(code) is not in unit \(unit)'s criteria set")
            }
            return leaf
        }

        /// Survey (XHH) leaves come from forms: nobody scores them by hand.
        func selfAssessedLeaf(_ unit: UnitCode, _ code: CriterionCode) throws(AppraisalRefusal) -> CriteriaSet.Leaf {
            let leaf = try leaf(unit, code)
            guard leaf.method == .selfAssessed else {
                throw AppraisalRefusal(.surveyLeaf, "leaf \(code) is scored from the survey (XHH), never by hand")
            }
            return leaf
        }

        func accept(_ points: Points, for leaf: CriteriaSet.Leaf, unit: UnitCode) throws(AppraisalRefusal) {
            guard leaf.accepts(points) else {
                throw AppraisalRefusal(
                    .pointsOutOfRange,
                    "unit \(unit), leaf \(leaf.code): \(points) is not accepted; the leaf takes \(leaf.acceptedText)"
                )
            }
        }

        func accept(_ points: Points, upTo item: CriteriaSet.AdjustmentItem) throws(AppraisalRefusal) {
            guard points > .zero, points <= item.maxPoints else {
                throw AppraisalRefusal(
                    .pointsOutOfRange,
                    "item \(item.code): \(points) is not accepted; it takes more than 0, up to \(item.maxPoints)"
                )
            }
        }

        /// Self-scoring is open for a unit from the opening until the deadline or its submission,
        /// and again until a reopening's end.
        func selfScoringOpen(_ unit: UnitCode) throws(AppraisalRefusal) {
            let plan = try campaign()
            let enrolled = try enrolled(unit)
            guard now >= plan.deadlines.selfScoringOpens else {
                throw AppraisalRefusal(.tooEarly, "self-scoring opens at \(plan.deadlines.selfScoringOpens)")
            }
            guard state.preliminaryIssuedAt == nil else {
                throw AppraisalRefusal(.selfScoringClosed, "preliminary results are issued; self-scoring is over")
            }
            if let submitted = enrolled.submittedAt {
                throw AppraisalRefusal(
                    .alreadySubmitted,
                    "unit \(unit) submitted its self-assessment at \(submitted); only the secretariat can reopen it"
                )
            }
            let closes = enrolled.selfScoringCloses(in: plan)
            guard now <= closes else {
                throw AppraisalRefusal(
                    .selfScoringClosed,
                    "self-scoring for unit \(unit) closed at \(closes); only the secretariat can reopen it"
                )
            }
        }

        /// Whether the unit's self-scoring has closed (so appraisal may start).
        func selfScoringClosed(_ unit: UnitCode) throws(AppraisalRefusal) -> Bool {
            let plan = try campaign()
            let enrolled = try enrolled(unit)
            if enrolled.submittedAt != nil { return true }
            let closes = enrolled.selfScoringCloses(in: plan)
            return now > closes
        }

        /// Every TĐG leaf is self-scored or claimed N/A, and every self-score is justified.
        func complete(_ unit: UnitCode) throws(AppraisalRefusal) {
            guard let set = state.criteria(of: unit) else { return }
            var missing: [String] = []
            var unjustified: [String] = []
            for leaf in set.orderedLeaves where leaf.method == .selfAssessed {
                let key = AppraisalState.LeafKey(unit: unit, leaf: leaf.code)
                if let score = state.selfScores[key] {
                    if score.note == nil, state.evidenceCount[key, default: 0] == 0 {
                        unjustified.append(leaf.code.text)
                    }
                } else if !state.isAnswered(key) {
                    missing.append(leaf.code.text)
                }
            }
            guard missing.isEmpty else {
                throw AppraisalRefusal(
                    .incomplete,
                    "unit \(unit) cannot submit: leaves \(missing.joined(separator: ", ")) are neither self-scored nor claimed N/A"
                )
            }
            guard unjustified.isEmpty else {
                throw AppraisalRefusal(
                    .justificationMissing,
                    "unit \(unit) cannot submit: leaves \(unjustified.joined(separator: ", ")) have no evidence and no note"
                )
            }
        }

        /// An appraiser works only in their assigned domains and never on their own unit; the
        /// council chair may act on any unit but their own.
        func appraises(_ unit: UnitCode, _ leaf: CriteriaSet.Leaf) throws(AppraisalRefusal) {
            let assignment = state.assignments[act.actor.keyID]
            if act.actor.role == .councilChair {
                if let assignment, assignment.ownUnit == unit {
                    throw AppraisalRefusal(.ownUnit, "the council chair never decides for their own unit \(unit)")
                }
                return
            }
            guard let assignment else {
                throw AppraisalRefusal(.notAssigned, "key \(act.actor.keyID.short)… has no appraisal assignment")
            }
            guard assignment.ownUnit != unit else {
                throw AppraisalRefusal(.ownUnit, "an appraiser never appraises their own unit \(unit)")
            }
            guard assignment.domains.contains(leaf.code.domain) else {
                throw AppraisalRefusal(
                    .notAssigned,
                    "leaf \(leaf.code) is in domain \(leaf.code.domain); key \(act.actor.keyID.short)… appraises domains "
                        + assignment.domains.sorted().map(\.text).joined(separator: ", ")
                )
            }
        }

        /// A round is open for a leaf of a unit until the plan's deadline, or a reopening's end
        /// (`round.reopened/v1`) when one names the unit (and the leaf, if it names leaves).
        func roundOpen(_ round: Int, _ unit: UnitCode, _ leaf: CriterionCode) throws(AppraisalRefusal) {
            let plan = try campaign()
            let reopened = state.roundReopenings[.init(round: round, unit: unit)]?.admits(leaf, at: now) ?? false
            if round == 1 {
                guard try selfScoringClosed(unit) else {
                    throw AppraisalRefusal(
                        .tooEarly,
                        "unit \(unit) is still self-scoring; round 1 starts when it submits or its deadline passes"
                    )
                }
                guard state.preliminaryIssuedAt == nil else {
                    throw AppraisalRefusal(
                        .roundClosed,
                        "preliminary results are issued; round 1 is over, record round 2"
                    )
                }
                guard now <= plan.deadlines.round1Closes || reopened else {
                    throw AppraisalRefusal(
                        .roundClosed,
                        "round 1 closed at \(plan.deadlines.round1Closes); a decision can amend the deadline or reopen the round"
                    )
                }
            } else {
                guard state.preliminaryIssuedAt != nil else {
                    throw AppraisalRefusal(.tooEarly, "round 2 starts after the preliminary results")
                }
                guard !state.councilReportApproved else {
                    throw AppraisalRefusal(.roundClosed, "the council report is approved; round 2 is over")
                }
                guard now <= plan.deadlines.round2Closes || reopened else {
                    throw AppraisalRefusal(
                        .roundClosed,
                        "round 2 closed at \(plan.deadlines.round2Closes); a decision can amend the deadline or reopen the round"
                    )
                }
            }
        }

        func beforePreliminary(_ what: String) throws(AppraisalRefusal) {
            guard state.preliminaryIssuedAt == nil else {
                throw AppraisalRefusal(.preliminaryIssued, "preliminary results are issued; too late to \(what)")
            }
        }

        func beforeCouncilReport(_ what: String) throws(AppraisalRefusal) {
            _ = try campaign()
            guard !state.councilReportApproved else {
                throw AppraisalRefusal(.councilReportExists, "the council report is approved; too late to \(what)")
            }
        }

        func explanationWindowOpen() throws(AppraisalRefusal) {
            let plan = try campaign()
            guard state.preliminaryIssuedAt != nil else {
                // Not closed but not open yet: the reader is told what it waits for.
                throw AppraisalRefusal(
                    .preliminaryMissing,
                    "explanations and objections open with the preliminary results, which are not issued yet"
                )
            }
            guard now <= plan.deadlines.explanationCloses else {
                throw AppraisalRefusal(
                    .explanationWindowClosed,
                    "explanations and objections closed at \(plan.deadlines.explanationCloses)"
                )
            }
        }

        func appraised(_ unit: UnitCode, _ leaf: CriterionCode) throws(AppraisalRefusal) {
            guard state.appraised(.init(unit: unit, leaf: leaf)) != nil else {
                throw AppraisalRefusal(.leafNotAppraised, "unit \(unit), leaf \(leaf) has not been appraised")
            }
        }

        /// A resolved objection is final (projections/RULES.md §3): a later round 2 of its leaf cites
        /// the resolution and agrees with the points it fixed; only a round 2 cites an objection, and
        /// only a resolved one of the same leaf.
        func agreesWithResolution(
            _ unit: UnitCode,
            _ leaf: CriterionCode,
            round: Int,
            points: Points,
            citing cited: StatementID?
        ) throws(AppraisalRefusal) {
            let key = AppraisalState.LeafKey(unit: unit, leaf: leaf)
            if let cited {
                guard round == 2 else {
                    throw AppraisalRefusal(.payload, "payload.objection: only a round 2 appraisal cites an objection")
                }
                guard let objection = state.objections[cited], objection.key == key, objection.resolution != nil else {
                    throw AppraisalRefusal(
                        .objectionUnknown,
                        "payload.objection: \(cited) is no resolved objection on unit \(unit), leaf \(leaf)"
                    )
                }
            }
            guard let settled = state.settled[key] else { return }
            guard cited == settled.objection, points == settled.points else {
                throw AppraisalRefusal(
                    .objectionSettled,
                    "unit \(unit), leaf \(leaf): the council's resolution of objection \(settled.objection) fixed "
                        + "\(settled.points) points; a round 2 cites it (objection) and records those points"
                )
            }
        }

        /// Nothing waits for a decision, in any unit still appraised (a withdrawn unit's matters lapse).
        func nothingPending() throws(AppraisalRefusal) {
            func active(_ unit: UnitCode) -> Bool { state.units[unit]?.isActive ?? false }
            let objections = state.objections.values.filter { $0.open && active($0.key.unit) }.count
            let claims = state.claims.values.filter { $0.pending && active($0.unit) }.count
            let notApplicable = state.notApplicable.filter { $0.value == .pending && active($0.key.unit) }.count
            guard objections + claims + notApplicable == 0 else {
                throw AppraisalRefusal(
                    .pendingMatters,
                    "still pending: \(objections) objection(s), \(claims) bonus/deduction claim(s), \(notApplicable) N/A claim(s)"
                )
            }
        }

        /// projections/RULES.md §3: the appraised score counts, so no TĐG leaf may go into the council report
        /// still provisional (self-scored, never appraised) unless it is confirmed not applicable.
        func everyLeafAppraised() throws(AppraisalRefusal) {
            var provisional: [String] = []
            for unit in state.activeUnits {
                guard let set = state.criteria(of: unit) else { continue }
                for leaf in set.orderedLeaves where leaf.method == .selfAssessed {
                    let key = AppraisalState.LeafKey(unit: unit, leaf: leaf.code)
                    if state.finalAppraised[key] == nil, state.notApplicable[key] != .confirmed {
                        provisional.append("\(unit) \(leaf.code)")
                    }
                }
            }
            guard provisional.isEmpty else {
                let shown = provisional.prefix(5).joined(separator: ", ")
                throw AppraisalRefusal(
                    .leavesNotAppraised,
                    "\(provisional.count) leaf/leaves not appraised yet: \(shown)\(provisional.count > 5 ? ", …" : "")"
                )
            }
        }

        func checkpoint(_ size: Int, _ root: SHA256Hash) throws(AppraisalRefusal) {
            let current = act.ledgerTree.root
            guard size == act.ledgerTree.size, root == current else {
                throw AppraisalRefusal(
                    .checkpointMismatch,
                    "the checkpoint must be the ledger's current one: size \(act.ledgerTree.size), root \(current.base64)"
                )
            }
        }

        func surveyTemplate(_ template: SurveyTemplate) throws(AppraisalRefusal) {
            let plan = try campaign()
            try beforeCouncilReport("publish a survey template")
            guard state.templates[.init(set: template.template, version: template.version)] == nil else {
                throw AppraisalRefusal(
                    .templateExists,
                    "template \(template.template) version \(template.version) is already published"
                )
            }
            guard let group = plan.group(template.group),
                let set = state.criteriaSets[.init(set: group.criteriaSet, version: group.criteriaVersion)]
            else {
                throw AppraisalRefusal(.groupUnknown, "group \(template.group) is not one of the campaign's")
            }
            let respondents = Set(plan.respondentGroups.map(\.code))
            for question in template.questions {
                guard set.leaves[question.leaf]?.method == .survey else {
                    throw AppraisalRefusal(
                        .leafUnknown,
                        "question \(question.code): \(question.leaf) is not a survey (XHH) leaf of \(set.set)"
                    )
                }
                for respondent in question.respondentGroups where !respondents.contains(respondent) {
                    throw AppraisalRefusal(
                        .groupUnknown,
                        "question \(question.code): \(respondent) is not a respondent group"
                    )
                }
            }
            let covered = Set(template.questions.map(\.leaf))
            let uncovered = set.orderedLeaves.filter { $0.method == .survey && !covered.contains($0.code) }
            guard uncovered.isEmpty else {
                throw AppraisalRefusal(
                    .templateIncomplete,
                    "no question feeds survey leaves \(uncovered.map(\.code.text).joined(separator: ", "))"
                )
            }
        }

        func surveyBatch(
            _ code: ConfigCode,
            _ version: Int,
            _ forms: [AppraisalEvent.SurveyForm]
        ) throws(AppraisalRefusal) {
            _ = try campaign()
            try beforeCouncilReport("record survey forms")
            guard let template = state.templates[.init(set: code, version: version)] else {
                throw AppraisalRefusal(.templateUnknown, "survey template \(code) version \(version) is not published")
            }
            var serials: Set<String> = []
            for (index, form) in forms.enumerated() {
                guard serials.insert(form.serial).inserted else {
                    throw AppraisalRefusal(
                        .serialReused,
                        "form \(index + 1): serial \(form.serial) appears twice in the batch"
                    )
                }
                do throws(AppraisalRefusal) {
                    try AppraisalRules.check(form, against: template, in: state)
                } catch {
                    throw AppraisalRefusal(error.reason, "form \(index + 1) (\(form.serial)): \(error.message)")
                }
            }
        }
    }

    /// The rules one survey form must pass on its own (the batch adds that serials are distinct):
    /// the first it breaks, of `problems`.
    public static func check(
        _ form: AppraisalEvent.SurveyForm,
        against template: SurveyTemplate,
        in state: AppraisalState
    ) throws(AppraisalRefusal) {
        if let first = problems(form, against: template, in: state).first { throw first }
    }

    /// Every rule one survey form breaks on its own, in order: `survey import` names them all on
    /// the row's line, so a clerk fixes a row once.
    public static func problems(
        _ form: AppraisalEvent.SurveyForm,
        against template: SurveyTemplate,
        in state: AppraisalState
    ) -> [AppraisalRefusal] {
        var found: [AppraisalRefusal] = []
        if state.forms[form.serial] != nil {
            found.append(AppraisalRefusal(.serialReused, "serial \(form.serial) is already used in this campaign"))
        }
        if let unit = state.units[form.unit] {
            if unit.group != template.group {
                found.append(
                    AppraisalRefusal(
                        .groupUnknown,
                        "unit \(form.unit) is in group \(unit.group); template \(template.template) is for \(template.group)"
                    )
                )
            } else if state.campaign?.quota(group: unit.group, respondentGroup: form.respondentGroup) == nil {
                found.append(
                    AppraisalRefusal(
                        .quotaMissing,
                        "the campaign plans no forms from \(form.respondentGroup) about \(unit.group) units"
                    )
                )
            }
        } else {
            found.append(AppraisalRefusal(.unitUnknown, "unit \(form.unit) is not enrolled"))
        }
        for (question, answer) in form.answers.sorted(by: { $0.key < $1.key }) {
            if let asked = template.question(question), asked.respondentGroups.contains(form.respondentGroup) {
                if !template.options.contains(where: { $0.code.text == answer }) {
                    found.append(
                        AppraisalRefusal(
                            .answerInvalid,
                            "question \(question): \(answer) is not an option ("
                                + template.options.map(\.code.text).joined(separator: ", ") + ")"
                        )
                    )
                }
            } else {
                found.append(
                    AppraisalRefusal(
                        .answerInvalid,
                        "question \(question) is not asked of \(form.respondentGroup) in template \(template.template)"
                    )
                )
            }
        }
        return found
    }
}
