/// The language a reader asked for: Vietnamese unless English is switched on. Labels are chosen
/// whole in one language; the two are never mixed in one output.
public enum Language: String, Sendable, CaseIterable, Codable {
    case vi
    case en

    /// `vi` or `en`; nil for anything else.
    public init?(code: String) { self.init(rawValue: code.lowercased()) }

    /// One text in each language, chosen by the reader's.
    public func pick(_ vietnamese: String, _ english: String) -> String { self == .vi ? vietnamese : english }
}
