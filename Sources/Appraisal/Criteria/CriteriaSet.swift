public import LedgerCore

/// A criteria set (Bộ tiêu chí, events/PROCESS.md §3): a tree of domains, criteria and scored leaves,
/// plus a bonus/penalty section. Read from a `criteriaSet.published/v1` payload.
public struct CriteriaSet: Sendable, Equatable, Codable {
    /// A scored leaf.
    public struct Leaf: Sendable, Hashable, Codable {
        public let code: CriterionCode
        public let name: String
        public let maxPoints: Points
        public let method: ScoringMethod
        public let rule: String
        public let allowedValues: [Points]?
        public let evidence: [String]
        public let notApplicable: LeafNotApplicable

        public init(
            code: CriterionCode,
            name: String,
            maxPoints: Points,
            method: ScoringMethod,
            rule: String,
            allowedValues: [Points]?,
            evidence: [String],
            notApplicable: LeafNotApplicable
        ) {
            self.code = code
            self.name = name
            self.maxPoints = maxPoints
            self.method = method
            self.rule = rule
            self.allowedValues = allowedValues
            self.evidence = evidence
            self.notApplicable = notApplicable
        }

        /// Whether `points` may be given to this leaf: within 0…max and, where listed, allowed.
        public func accepts(_ points: Points) -> Bool {
            points >= .zero && points <= maxPoints && (allowedValues?.contains(points) ?? true)
        }

        /// What is accepted, for refusals: "0…1.5" or "one of 0, 0.5, 1, 1.5".
        public var acceptedText: String {
            if let allowedValues { return "one of \(allowedValues.map(\.text).joined(separator: ", "))" }
            return "0 to \(maxPoints)"
        }
    }

    /// A bonus or deduction item outside the 100 points.
    public struct AdjustmentItem: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, CaseIterable, Codable { case bonus, deduction }
        public let code: ConfigCode
        public let name: String
        public let kind: Kind
        public let maxPoints: Points

        public init(code: ConfigCode, name: String, kind: Kind, maxPoints: Points) {
            self.code = code
            self.name = name
            self.kind = kind
            self.maxPoints = maxPoints
        }

        /// The deduction a late self-assessment proposes (projections/RULES.md §6): the campaign's
        /// `lateSubmissionDeduction`, not an item of the criteria set.
        public static func lateSubmission(_ points: Points) -> AdjustmentItem {
            AdjustmentItem(
                code: ConfigCode("late-submission")!,  // a valid code by construction
                name: "Nộp báo cáo tự đánh giá trễ hạn",
                kind: .deduction,
                maxPoints: points
            )
        }
    }

    /// A domain, criterion or leaf, in tree order.
    public struct Node: Sendable, Equatable, Codable {
        public let code: CriterionCode
        public let name: String
        /// Nil for an inner node.
        public let leaf: Leaf?

        /// An inner node: a domain or criterion with children.
        public init(code: CriterionCode, name: String) {
            self.code = code
            self.name = name
            self.leaf = nil
        }

        /// A scored leaf.
        public init(_ leaf: Leaf) {
            self.code = leaf.code
            self.name = leaf.name
            self.leaf = leaf
        }
    }

    public let set: ConfigCode
    public let version: Int
    public let name: String
    public let decision: DecisionReference
    public let totalPoints: Points
    /// Every node, parents before children, in the order of the payload.
    public let nodes: [Node]
    public let bonusCap: Points
    public let deductionCap: Points
    public let items: [AdjustmentItem]

    /// The leaves by code.
    public let leaves: [CriterionCode: Leaf]

    /// The leaves in tree order.
    public var orderedLeaves: [Leaf] { nodes.compactMap(\.leaf) }

    /// The domain codes.
    public var domains: [CriterionCode] { nodes.filter { $0.code.depth == 1 }.map(\.code) }

    /// A criteria set of these nodes, given parents before children as the payload nests them.
    /// Nothing is checked here: a set's payload is checked when its statement is appended.
    public init(
        set: ConfigCode,
        version: Int,
        name: String,
        decision: DecisionReference,
        totalPoints: Points,
        nodes: [Node],
        bonusCap: Points,
        deductionCap: Points,
        items: [AdjustmentItem]
    ) {
        self.set = set
        self.version = version
        self.name = name
        self.decision = decision
        self.totalPoints = totalPoints
        self.nodes = nodes
        self.bonusCap = bonusCap
        self.deductionCap = deductionCap
        self.items = items
        self.leaves = Dictionary(
            nodes.compactMap(\.leaf).map { ($0.code, $0) },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// The name of a node.
    public func name(of code: CriterionCode) -> String? { nodes.first { $0.code == code }?.name }

    /// Reads and checks a `criteriaSet.published/v1` payload.
    public init(payload: JSONValue) throws(LedgerFormatError) {
        let reader = try ObjectReader(payload, path: "payload")
        try reader.requireOnly(["set", "version", "name", "decision", "totalPoints", "domains", "adjustments"])
        set = try reader.code("set")
        version = Int(try reader.int("version", in: 1...9999))
        name = try reader.text("name", .name)
        decision = try reader.decision("decision")
        totalPoints = try reader.points("totalPoints")
        var nodes: [Node] = []
        for element in try reader.array("domains", nonEmpty: true) {
            try Self.readNode(try elementReader(element), parent: nil, into: &nodes)
        }
        self.nodes = nodes
        var leaves: [CriterionCode: Leaf] = [:]
        var seen: Set<CriterionCode> = []
        for node in nodes {
            guard seen.insert(node.code).inserted else {
                throw LedgerFormatError("payload.domains", "criterion \(node.code) appears twice")
            }
            if let leaf = node.leaf { leaves[leaf.code] = leaf }
        }
        self.leaves = leaves
        let sum = leaves.values.reduce(Points.zero) { $0 + $1.maxPoints }
        guard sum == totalPoints else {
            throw LedgerFormatError(
                "payload.totalPoints",
                "the leaves' max points add up to \(sum), not \(totalPoints)"
            )
        }

        let adjustments = try reader.reader("adjustments")
        try adjustments.requireOnly(["bonusCap", "deductionCap", "items"])
        bonusCap = try adjustments.points("bonusCap")
        deductionCap = try adjustments.points("deductionCap")
        guard bonusCap >= .zero, deductionCap >= .zero else {
            throw LedgerFormatError("payload.adjustments", "caps must not be negative")
        }
        var items: [AdjustmentItem] = []
        for element in try adjustments.array("items") {
            let item = try elementReader(element)
            try item.requireOnly(["code", "name", "kind", "maxPoints"])
            let parsed = AdjustmentItem(
                code: try item.code("code", capitals: true),
                name: try item.text("name", .name),
                kind: try item.choice("kind", AdjustmentItem.Kind.self),
                maxPoints: try item.points("maxPoints")
            )
            let cap = parsed.kind == .bonus ? bonusCap : deductionCap
            guard parsed.maxPoints > .zero, parsed.maxPoints <= cap else {
                throw LedgerFormatError(
                    element.1 + ".maxPoints",
                    "must be more than 0 and at most the \(parsed.kind) cap \(cap)"
                )
            }
            guard !items.contains(where: { $0.code == parsed.code }) else {
                throw LedgerFormatError(element.1 + ".code", "item \(parsed.code) appears twice")
            }
            items.append(parsed)
        }
        self.items = items
    }

    private static func readNode(
        _ reader: ObjectReader,
        parent: CriterionCode?,
        into nodes: inout [Node]
    ) throws(LedgerFormatError) {
        let code = try reader.leaf("code")
        if let parent {
            guard parent.isParent(of: code) else {
                throw LedgerFormatError(reader.location("code"), "\(code) cannot sit under \(parent)")
            }
        } else if code.depth != 1 {
            throw LedgerFormatError(reader.location("code"), "a domain's code is one number, not \(code)")
        }
        let name = try reader.text("name", .name)
        if reader.members["children"] != nil {
            try reader.requireOnly(["code", "name", "children"])
            nodes.append(Node(code: code, name: name))
            for element in try reader.array("children", nonEmpty: true) {
                try readNode(try elementReader(element), parent: code, into: &nodes)
            }
            return
        }
        try reader.requireOnly(
            ["code", "name", "maxPoints", "method", "rule", "evidence", "notApplicable"],
            optional: ["allowedValues"]
        )
        let maxPoints = try reader.points("maxPoints")
        guard maxPoints > .zero else { throw LedgerFormatError(reader.location("maxPoints"), "must be more than 0") }
        let method = try reader.choice("method", ScoringMethod.self)
        var allowedValues: [Points]?
        if reader.members["allowedValues"] != nil {
            let values = try reader.array("allowedValues", nonEmpty: true).map { element throws(LedgerFormatError) in
                guard let text = element.0.stringValue, let points = Points(canonical: text) else {
                    throw LedgerFormatError(element.1, "must be a number of points such as \"0.5\"")
                }
                return points
            }
            guard method == .selfAssessed else {
                throw LedgerFormatError(reader.location("allowedValues"), "only TĐG leaves list allowed values")
            }
            guard zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }), values.first.map({ $0 >= .zero }) ?? false,
                values.last == maxPoints
            else {
                throw LedgerFormatError(
                    reader.location("allowedValues"),
                    "must ascend from 0 or more to the max \(maxPoints), each value once"
                )
            }
            allowedValues = values
        }
        let evidence = try reader.array("evidence").map { element throws(LedgerFormatError) in
            try CatalogText.text.element(element)
        }
        let leaf = Leaf(
            code: code,
            name: name,
            maxPoints: maxPoints,
            method: method,
            rule: try reader.text("rule", .text),
            allowedValues: allowedValues,
            evidence: evidence,
            notApplicable: try reader.choice("notApplicable", LeafNotApplicable.self)
        )
        nodes.append(Node(leaf))
    }

    /// The `criteriaSet.published/v1` payload: `init(payload:)` reads it back as this set.
    public var payload: [String: JSONValue] {
        [
            "set": set.json, "version": .int(Int64(version)), "name": .string(name), "decision": decision.json,
            "totalPoints": totalPoints.json, "domains": .array(children(of: nil)),
            "adjustments": [
                "bonusCap": bonusCap.json, "deductionCap": deductionCap.json, "items": .array(items.map(\.json)),
            ],
        ]
    }

    /// The payload's nodes under `parent`, or its domains: the nodes are in payload order, parents
    /// before children, so each node's children are the nodes it is the parent of, in order.
    private func children(of parent: CriterionCode?) -> [JSONValue] {
        nodes.filter { parent?.isParent(of: $0.code) ?? ($0.code.depth == 1) }.map { node in
            if let leaf = node.leaf { return leaf.json }
            return ["code": node.code.json, "name": .string(node.name), "children": .array(children(of: node.code))]
        }
    }
}

extension CriteriaSet.Leaf {
    fileprivate var json: JSONValue {
        .object(
            present([
                "code": code.json, "name": .string(name), "maxPoints": maxPoints.json,
                "method": .string(method.rawValue),
                "rule": .string(rule), "evidence": .array(evidence.map { .string($0) }),
                "notApplicable": .string(notApplicable.rawValue),
                "allowedValues": allowedValues.map { .array($0.map(\.json)) },
            ])
        )
    }
}

extension CriteriaSet.AdjustmentItem {
    fileprivate var json: JSONValue {
        ["code": code.json, "name": .string(name), "kind": .string(kind.rawValue), "maxPoints": maxPoints.json]
    }
}

extension CriteriaSet.AdjustmentItem.Kind: Choice {}
