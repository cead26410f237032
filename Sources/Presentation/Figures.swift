/// Figures as a reader of each language writes them. The projections give decimal strings at
/// publication precision ("82.66", "-1.5", "1278"); Vietnamese writes a decimal comma and "."
/// between thousands ("82,66", "1.278"), English the other way round ("82.66", "1,278").
public enum Figures {
    /// A decimal string (an optional "-", digits, an optional "." and digits) as the reader
    /// writes it; any other text is returned as it was.
    public static func text(_ decimal: String, _ language: Language) -> String {
        guard let (negative, whole, fraction) = parts(decimal) else { return decimal }
        let (group, point) = language == .vi ? (".", ",") : (",", ".")
        var grouped = ""
        for (offset, digit) in whole.enumerated() {
            if offset > 0, (whole.count - offset) % 3 == 0 { grouped += group }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + (fraction.isEmpty ? "" : point + fraction)
    }

    /// An integer as the reader writes it.
    public static func text(_ integer: Int, _ language: Language) -> String { text(String(integer), language) }

    /// The decimal string back from what a reader's document shows ("82,66" in Vietnamese,
    /// "−1,5" with a minus sign); nil when it is not a figure written that way.
    public static func decimal(from shown: String, _ language: Language) -> String? {
        let (group, point): (Character, Character) = language == .vi ? (".", ",") : (",", ".")
        var text = shown.trimmed
        var negative = false
        if text.hasPrefix("−") || text.hasPrefix("-") {
            negative = true
            text.removeFirst()
        }
        let pieces = text.split(separator: point, omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count) else { return nil }
        let groups = pieces[0].split(separator: group, omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) || groups.count == 1,
            groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        let whole = groups.joined()
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
            pieces.count == 1 || !fraction.isEmpty
        else { return nil }
        return (negative ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    private static func parts(_ decimal: String) -> (negative: Bool, whole: Substring, fraction: Substring)? {
        var text = Substring(decimal)
        let negative = text.first == "-"
        if negative { text = text.dropFirst() }
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), !pieces[0].isEmpty, pieces.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            pieces.count == 1 || !pieces[1].isEmpty
        else { return nil }
        return (negative, pieces[0], pieces.count == 2 ? pieces[1] : "")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// Without leading and trailing spaces, tabs, line breaks and no-break spaces (Foundation-free).
    public var trimmed: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{A0}" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
