/// An event as a statement carries it: its type and its payload. The format's control events and
/// the appraisal's acts are both, so one function signs and appends either, and no payload is
/// written by hand.
public protocol LedgerEvent: Sendable {
    /// The statement's `type`.
    var type: EventType { get }
    /// The statement's `payload`, from which the event's decoder gives this event back.
    var payload: [String: JSONValue] { get }
}
