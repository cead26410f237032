/// Why a byte string is not acceptable canonical-JSON input (events/FORMAT.md §2.1).
public struct CanonicalJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The closed set of reasons; the raw values are the names used in FORMAT.md and the vectors.
    public enum Reason: String, Sendable, CaseIterable {
        case utf8
        case syntax
        case surrogate
        case nfc
        case duplicate
        case float
        case range
    }

    /// The reason for the rejection.
    public var reason: Reason
    /// The byte offset in the input where the fault was found.
    public var offset: Int
    /// What was wrong, for people. Never quotes more than a member name.
    public var detail: String

    public init(_ reason: Reason, at offset: Int, _ detail: String) {
        self.reason = reason
        self.offset = offset
        self.detail = detail
    }

    public var description: String { "\(detail) (\(reason.rawValue), at byte \(offset))" }
}
