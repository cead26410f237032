public import LedgerCore

/// The members of a history event that say what and why (points, round, reasons, decisions, a
/// document), as one line a reader of the table's language reads: labels in that language,
/// figures and dates as it writes them, states by name; never the payload's own member names.
public enum EventDetails {
    public static func text(_ details: [String: JSONValue], _ language: Language) -> String {
        order.compactMap { name -> String? in
            guard let value = details[name], let shown = shown(name, value, language) else { return nil }
            let label = labels[name].map { language.pick($0.0, $0.1) } ?? name
            return "\(label): \(shown)"
        }
        .joined(separator: "; ")
    }

    /// The members in the order a reader takes them in: what, then why, then on what authority.
    static let order = [
        "round", "points", "change", "outcome", "decision", "explanationRequested", "until", "reason", "reasoning",
        "note", "text", "document", "objection", "supersedes",
    ]

    static let labels: [String: (String, String)] = [
        "round": ("vòng", "round"), "points": ("điểm", "points"), "change": ("điều chỉnh", "change"),
        "outcome": ("kết quả", "outcome"), "decision": ("quyết định", "decision"),
        "explanationRequested": ("yêu cầu giải trình", "explanation requested"), "until": ("hạn", "until"),
        "reason": ("lý do", "reason"), "reasoning": ("lý do giải quyết", "reasoning"), "note": ("ghi chú", "note"),
        "text": ("nội dung", "text"), "document": ("văn bản", "document"), "objection": ("kiến nghị", "objection"),
        "supersedes": ("thay thế", "supersedes"),
    ]

    private static func shown(_ name: String, _ value: JSONValue, _ language: Language) -> String? {
        switch (name, value) {
        case ("points", .string(let points)): return Figures.text(points, language)
        case ("explanationRequested", .bool(let asked)):
            return language.pick(asked ? "có" : "không", asked ? "yes" : "no")
        case ("until", .string(let time)):
            return Timestamp(text: time).map(LocalTime.vietnam.dateTime) ?? time
        case ("outcome", .string(let state)), ("decision", .string(let state)): return Vocabulary.state(state, language)
        case ("decision", .object), ("document", .object): return reference(value, language)
        case ("change", .object):
            let points = value["points"]?.stringValue.map { Figures.text($0, language) } ?? ""
            let reason = value["reason"]?.stringValue.map { " (\($0))" } ?? ""
            return points + reason
        case (_, .string(let text)): return text
        case (_, .int(let number)): return Figures.text(Int(number), language)
        case (_, .null): return nil
        default: return String(decoding: CanonicalJSON.encode(value), as: UTF8.self)
        }
    }

    /// A decision or document: its number, issuer and date, as a Vietnamese reference reads
    /// ("số 12/KH-SNV của Sở Nội vụ ngày 10/01/2023").
    private static func reference(_ value: JSONValue, _ language: Language) -> String {
        let number = value["number"]?.stringValue.map { language.pick("số \($0)", "no. \($0)") }
        let issuer = value["issuer"]?.stringValue.map { language.pick("của \($0)", "by \($0)") }
        let date = (value["date"] ?? value["issuedOn"])?.stringValue.map {
            language.pick("ngày \(LocalTime.date(iso: $0))", "of \(LocalTime.date(iso: $0))")
        }
        return [number, issuer, date].compactMap { $0 }.joined(separator: " ")
    }
}
