public import LedgerCore

/// The state cut in sections (tools/ARCHITECTURE.md, "What an act loads"): the campaign's own
/// facts in one, each unit's in its own. An act judged by `AppraisalRules` reads the campaign's
/// facts and the units its `RulesReach` names, so a process that acts loads those sections and
/// not the state of every unit: at national scale the whole state is over 100 MB, one unit's a
/// few tens of kilobytes.
///
/// Every field that belongs to one unit is listed in `keepingUnits(where:)` and `merge(_:)`; a
/// field left out of both stays in the campaign's section, which is safe (only larger).
extension AppraisalState {
    /// The campaign's own facts: everything that does not belong to one unit.
    public var campaignSection: AppraisalState { keepingUnits { _ in false } }

    /// What belongs to `unit`: its enrolment, reopenings, scores, evidence, N/A claims,
    /// appraisals, objections, claims, survey forms and documents, and nothing of the campaign's.
    public func unitSection(_ unit: UnitCode) -> AppraisalState {
        let kept = keepingUnits { $0 == unit }
        var section = AppraisalState()
        section.merge(kept)
        return section
    }

    /// Every unit something in the state belongs to (enrolled or not: a form names its unit).
    public var unitsWithSections: Set<UnitCode> {
        var found = Set(units.keys)
        found.formUnion(selfScores.keys.map(\.unit))
        found.formUnion(evidence.values.map(\.key.unit))
        found.formUnion(notApplicable.keys.map(\.unit))
        found.formUnion(notApplicableClaims.values.map(\.key.unit))
        found.formUnion(appraisals.keys.map(\.unit))
        found.formUnion(objections.values.map(\.key.unit))
        found.formUnion(claims.values.map(\.unit))
        found.formUnion(forms.values.map(\.unit))
        found.formUnion(finalAppraised.keys.map(\.unit))
        found.formUnion(roundReopenings.keys.map(\.unit))
        found.formUnion(processDocuments.compactMap(\.unit))
        return found
    }

    /// The state with only the units `keep` accepts in every field that belongs to one unit.
    func keepingUnits(where keep: (UnitCode) -> Bool) -> AppraisalState {
        var part = self
        part.units = units.filter { keep($0.key) }
        part.roundReopenings = roundReopenings.filter { keep($0.key.unit) }
        part.selfScores = selfScores.filter { keep($0.key.unit) }
        part.evidence = evidence.filter { keep($0.value.key.unit) }
        part.evidenceCount = evidenceCount.filter { keep($0.key.unit) }
        part.notApplicable = notApplicable.filter { keep($0.key.unit) }
        part.notApplicableClaims = notApplicableClaims.filter { keep($0.value.key.unit) }
        part.pendingNotApplicable = pendingNotApplicable.filter { keep($0.key.unit) }
        part.appraisals = appraisals.filter { keep($0.key.unit) }
        part.objections = objections.filter { keep($0.value.key.unit) }
        part.claims = claims.filter { keep($0.value.unit) }
        part.forms = forms.filter { keep($0.value.unit) }
        part.finalAppraised = finalAppraised.filter { keep($0.key.unit) }
        part.explanationsRequested = explanationsRequested.filter { keep($0.unit) }
        part.settled = settled.filter { keep($0.key.unit) }
        part.corrected = corrected.filter { keep($0.unit) }
        part.lateSubmissions = lateSubmissions.filter { keep($0) }
        part.processDocuments = processDocuments.filter { $0.unit.map(keep) ?? true }
        return part
    }

    /// Adds a unit's section (`unitSection(_:)`) to a campaign's section.
    public mutating func merge(_ section: AppraisalState) {
        func union<Key, Value>(_ mine: inout [Key: Value], _ theirs: [Key: Value]) {
            mine.merge(theirs) { _, theirs in theirs }
        }
        union(&units, section.units)
        union(&roundReopenings, section.roundReopenings)
        union(&selfScores, section.selfScores)
        union(&evidence, section.evidence)
        union(&evidenceCount, section.evidenceCount)
        union(&notApplicable, section.notApplicable)
        union(&notApplicableClaims, section.notApplicableClaims)
        union(&pendingNotApplicable, section.pendingNotApplicable)
        union(&appraisals, section.appraisals)
        union(&objections, section.objections)
        union(&claims, section.claims)
        union(&forms, section.forms)
        union(&finalAppraised, section.finalAppraised)
        explanationsRequested.formUnion(section.explanationsRequested)
        union(&settled, section.settled)
        corrected.formUnion(section.corrected)
        lateSubmissions.formUnion(section.lateSubmissions)
        // In the order they were recorded, as in the whole state (ties keep the campaign's first).
        processDocuments += section.processDocuments.filter { $0.unit != nil }
        processDocuments = processDocuments.enumerated().sorted {
            ($0.element.at, $0.offset) < ($1.element.at, $1.offset)
        }
        .map(\.element)
    }
}
