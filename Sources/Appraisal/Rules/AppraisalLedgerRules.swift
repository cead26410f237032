public import LedgerCore

/// The appraisal rules as a store applies them: decodes each appraisal statement, judges it with
/// `AppraisalRules.decide`, and folds it into the state with `evolve`. Every statement's claimed
/// time must be near the ledger's clock. A key registration is held to the appraisal's one rule on
/// keys (a unit's key names an enrolled unit); other control events (revocations, policy) and
/// types outside the catalog pass through, the format's own checks cover them.
public struct AppraisalLedgerRules: StatementRules, Codable {
    /// The state of the current campaign: the latest opened.
    public private(set) var state = AppraisalState()
    /// The campaigns before it, oldest first, each as it stood when the next one opened.
    public private(set) var earlierCampaigns: [AppraisalState] = []
    /// Folded from the sections one act reads (`init(sections:)`), not from the whole ledger.
    private var foldedFromSections = false

    private enum CodingKeys: String, CodingKey { case state, earlierCampaigns }

    public init() {}

    /// The rules for one act, from the campaign's section and the sections of the units the act
    /// reads (`RulesReach`): they judge that act as the whole state would, and nothing else.
    public init(sections campaign: AppraisalState, units: [AppraisalState]) {
        state = campaign
        for unit in units { state.merge(unit) }
        foldedFromSections = true
    }

    public var coversWholeLedger: Bool { !foldedFromSections }

    /// Every campaign of the ledger, oldest first, the current one last.
    public var campaigns: [AppraisalState] { earlierCampaigns + [state] }

    /// These rules as they read a campaign of an earlier year: its state stands in for the current
    /// one, for reads (`--campaign YEAR`); nil when no campaign of that year was opened.
    public func viewing(year: Int) -> AppraisalLedgerRules? {
        guard let campaign = campaigns.last(where: { $0.campaign?.year == year }) else { return nil }
        var view = self
        view.state = campaign
        return view
    }

    /// Folds an admitted event in; a campaign opened after a published one starts the next year.
    private mutating func evolve(_ event: AppraisalEvent, id: StatementID, at time: Timestamp) {
        if case .campaignOpened = event, state.campaign != nil {
            state.succeededAt = time
            earlierCampaigns.append(state)
            state = state.nextCampaign()
        }
        state.evolve(event, id: id, at: time)
    }

    public var allowedClockSkewMilliseconds: Int64? { AppraisalRules.allowedClockSkew(state) }

    public mutating func admit(_ entry: Entry, ledger: LedgerState, tree: CompactRange) throws(LedgerViolation) {
        let statement = entry.statement
        do throws(AppraisalRefusal) {
            try AppraisalRules.requireClaimedTime(
                statement.claimedAt,
                near: entry.recordedAt,
                allowedSkew: AppraisalRules.allowedClockSkew(state)
            )
        } catch {
            throw LedgerViolation(.rule, error.message, reason: error.reason.rawValue)
        }
        if statement.type == ControlEvent.keyRegisteredType {
            try Self.admitKey(statement, state)
            return
        }
        let event: AppraisalEvent
        do {
            guard let decoded = try AppraisalEvent.decode(type: statement.type, payload: .object(statement.payload))
            else { return }
            event = decoded
        } catch {
            throw Self.refusal(error)
        }
        guard let actor = ledger.keys[statement.actor] else { return }  // the format refuses it first
        let act = AppraisalRules.Act(
            actor: actor,
            statementID: statement.statementID,
            claimedAt: statement.claimedAt,
            recordedAt: entry.recordedAt,
            keys: ledger.keys,
            ledgerTree: tree
        )
        do throws(AppraisalRefusal) {
            try AppraisalRules.decide(event, act, state)
        } catch {
            throw LedgerViolation(.rule, error.message, reason: error.reason.rawValue)
        }
        evolve(event, id: statement.statementID, at: entry.recordedAt)
    }

    /// A key registration, which the appraisal state does not fold (keys are the format's).
    private static func admitKey(_ statement: Statement, _ state: AppraisalState) throws(LedgerViolation) {
        let event: ControlEvent?
        do {
            event = try ControlEvent.decode(statement)
        } catch {
            throw LedgerViolation(.payload, error.description)  // the format refuses it first
        }
        guard case .keyRegistered(let registration) = event else { return }
        do throws(AppraisalRefusal) {
            try AppraisalRules.decide(registration, state)
        } catch {
            throw LedgerViolation(.rule, error.message, reason: error.reason.rawValue)
        }
    }

    /// The refusal of a payload the appraisal events do not accept: `payload`, or the reason the
    /// reading named (`text-control-character`).
    public static func refusal(_ error: LedgerFormatError) -> LedgerViolation {
        LedgerViolation(.rule, error.description, reason: error.reason ?? AppraisalRefusal.Reason.payload.rawValue)
    }

    public mutating func replay(_ entry: Entry) {
        replay(entry, decoded: Self.event(of: entry))
    }

    /// Folds in an entry whose event was decoded beforehand (on another core, by `event(of:)`).
    public mutating func replay(_ entry: Entry, decoded event: AppraisalEvent?) {
        guard let event else { return }
        evolve(event, id: entry.statement.statementID, at: entry.recordedAt)
    }

    /// Folds in an event decoded from an entry's envelope (`Entry.envelope(of:)`): its statement
    /// id and recorded time are all the state keeps of the entry.
    public mutating func replay(_ event: AppraisalEvent, id: StatementID, at time: Timestamp) {
        evolve(event, id: id, at: time)
    }

    /// The appraisal event of an entry's kind and payload bytes (`Entry.envelope(of:)`): nil when
    /// the payload is not one the rules would have admitted; an error when it is not JSON at all
    /// (damaged bytes).
    public static func event(
        _ kind: AppraisalEvent.Kind,
        payload: ArraySlice<UInt8>
    ) throws(LedgerFormatError) -> AppraisalEvent? {
        if let event = AppraisalEvent.decodeFlat(kind, payload) { return event }
        let value: JSONValue
        do {
            value = try CanonicalJSON.parse(Array(payload))
        } catch {
            throw LedgerFormatError("statement.payload", "not canonical JSON: \(error.description)")
        }
        return try? AppraisalEvent.decode(type: kind.type, payload: value)
    }

    /// The appraisal event an entry carries, if any: the part of a replay that needs no state.
    public static func event(of entry: Entry) -> AppraisalEvent? {
        let statement = entry.statement
        guard AppraisalEvent.Kind(rawValue: statement.type.text) != nil else { return nil }
        return try? AppraisalEvent.decode(type: statement.type, payload: .object(statement.payload))
    }
}
