public import Appraisal
public import LedgerCore
public import Projections

/// A unit's reports as a reader's view of the unit shows them (`ReadAccess.UnitView`): the same
/// shapes, with what is withheld left out and named in a `withheld` member.
extension ReadAccess.UnitView {
    /// What the answer says it leaves out; nil for the whole unit.
    public var withheld: String? {
        switch self {
        case .whole: nil
        case .withoutAppraisals: "appraisals: readable by the unit once preliminary results are issued"
        case .domains(let domains):
            (domains.isEmpty
                ? "the unit's totals and its leaves (none is in a domain assigned to this appraiser)"
                : "the unit's totals and the leaves outside domains "
                    + domains.sorted().map(\.text).joined(separator: ", "))
                + ": readable by appraisers of every domain of the unit, the council chair, the secretariat, the authority and auditors"
        }
    }

    /// The unit's scores report; nil when the unit has no criteria set in the campaign.
    public func scores(_ state: AppraisalState, unit: UnitCode) -> [String: JSONValue]? {
        let shown = self == .withoutAppraisals ? state.withoutAppraisals(of: unit) : state
        guard var body = Reports.scores(shown, unit: unit) else { return nil }
        if case .domains = self {
            // The totals sum every domain: they would tell the other domains' figures.
            body["result"] = nil
            body["leaves"] = .array(
                (body["leaves"]?.arrayValue ?? []).filter { leaf in
                    leaf["leaf"]?.stringValue.flatMap(CriterionCode.init).map(shows) ?? false
                }
            )
        }
        body["withheld"] = withheld.map(JSONValue.string)
        return body
    }

    /// Leaf histories: those of leaves in view, each without what the view withholds.
    public func histories(_ histories: [LeafHistory]) -> [LeafHistory] {
        switch self {
        case .whole: histories
        case .withoutAppraisals: histories.map(\.withoutAppraisals)
        case .domains: histories.filter { shows($0.leaf) }
        }
    }

    /// The leaves named in a read the view does not show, refused by name.
    public func requireShown(_ leaves: [CriterionCode], of unit: UnitCode) throws(Withheld) {
        guard let hidden = leaves.first(where: { !shows($0) }) else { return }
        throw Withheld(
            what: "leaf \(hidden.text) of unit \(unit.text) before publication",
            readers: "appraisers of domain \(hidden.domain.text), the unit's own people, "
                + ReadAccess.councilAndAuditors
        )
    }
}
