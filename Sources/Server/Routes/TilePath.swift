import HTTPTypes

/// A tile's path after `tile/`: `<L>` or `entries`, the index in groups of three digits
/// (`x001/x234/067`), and `.p/<W>` for a partial tile.
struct TilePath: Equatable {
    static let width = 256

    /// The tile level, or nil for an entry bundle.
    let level: Int?
    let index: Int
    let partialWidth: Int?

    init(_ segments: [String]) throws(APIError) {
        let bad = APIError.badRequest(
            "bad-parameter",
            field: "tile",
            "not a tile path: tile/\(segments.joined(separator: "/"))"
        )
        var parts = segments
        guard parts.count >= 2, let first = parts.first else { throw bad }
        parts.removeFirst()
        if first == "entries" {
            level = nil
        } else {
            guard let value = Int(first), String(value) == first, (0...63).contains(value) else { throw bad }
            level = value
        }
        if parts.count >= 2, let marked = parts.dropLast().last, marked.hasSuffix(".p") {
            guard let last = parts.last, let width = Int(last), String(width) == last, (1..<Self.width).contains(width)
            else { throw bad }
            partialWidth = width
            parts.removeLast()
            parts[parts.count - 1] = String(marked.dropLast(2))
        } else {
            partialWidth = nil
        }
        var digits = ""
        for (position, part) in parts.enumerated() {
            let isLast = position == parts.count - 1
            let group = isLast ? part : (part.hasPrefix("x") ? String(part.dropFirst()) : "")
            guard group.count == 3, group.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw bad }
            digits += group
        }
        // An index past the largest tile of any possible tree would overflow the position math.
        guard let index = Int(digits), digits.count <= 18, index <= (Int.max - Self.width) / Self.width else {
            throw bad
        }
        self.index = index
    }
}
