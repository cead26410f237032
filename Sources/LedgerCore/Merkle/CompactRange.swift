/// The right edge of a Merkle tree: one perfect-subtree hash per set bit of the size.
///
/// It is all that appending and computing the root need, so a verifier streams a ledger of any
/// size in O(log n) memory, and a store extends its stored tree without reading it back.
public struct CompactRange: Sendable, Equatable, Codable {
    /// A perfect subtree: its level (height) and hash.
    public struct Node: Sendable, Equatable, Codable {
        public let level: Int
        public let hash: SHA256Hash
    }

    /// A perfect subtree completed by an append: where it is and its hash.
    public struct CompletedNode: Sendable, Equatable {
        public let level: Int
        public let index: Int
        public let hash: SHA256Hash
    }

    /// The number of leaves.
    public private(set) var size = 0
    /// Left to right, strictly decreasing levels.
    public private(set) var nodes: [Node] = []

    /// An empty tree.
    public init() {}

    /// The right edge of the first `size` leaves of a stored tree.
    public init(size: Int, nodes source: MerkleTree.NodeSource) throws {
        var start = 0
        for level in stride(from: Int.bitWidth - 2, through: 0, by: -1) where size & (1 << level) != 0 {
            nodes.append(Node(level: level, hash: try source(level, start >> level)))
            start += 1 << level
        }
        self.size = size
    }

    /// Appends a leaf.
    public mutating func append(_ leaf: SHA256Hash) {
        var unused: [CompletedNode]?
        append(leaf, completed: &unused)
    }

    /// Appends a leaf; returns the perfect subtrees of level ≥ 1 this completes (what a store
    /// keeps of its tree).
    public mutating func appendCompleting(_ leaf: SHA256Hash) -> [CompletedNode] {
        var completed: [CompletedNode]? = []
        append(leaf, completed: &completed)
        return completed ?? []
    }

    /// Folds and verifies append a million leaves and want none of the completed nodes: they
    /// pass nil, and no array is made per leaf.
    private mutating func append(_ leaf: SHA256Hash, completed: inout [CompletedNode]?) {
        var hash = leaf
        var level = 0
        var index = size
        while let last = nodes.last, last.level == level {
            nodes.removeLast()
            hash = MerkleTree.parent(last.hash, hash)
            level += 1
            index >>= 1
            completed?.append(CompletedNode(level: level, index: index, hash: hash))
        }
        nodes.append(Node(level: level, hash: hash))
        size += 1
    }

    /// The tree's root (RFC 9162 MTH).
    public var root: SHA256Hash {
        guard var hash = nodes.last?.hash else { return MerkleTree.emptyRoot }
        for node in nodes.dropLast().reversed() { hash = MerkleTree.parent(node.hash, hash) }
        return hash
    }
}
