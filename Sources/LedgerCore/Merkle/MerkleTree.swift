/// The RFC 9162 §2.1 Merkle tree over entry hashes, with its proofs.
///
/// Stores keep the hash of every *perfect* subtree (2^level leaves starting at a multiple of
/// 2^level) and hand it out through a `NodeSource`; everything else is computed from those, so an
/// inclusion proof costs O(log n) lookups whatever the tree's size.
public enum MerkleTree: Sendable {
    /// Returns the hash of the perfect subtree at `level` whose leaves start at `index << level`.
    /// Level 0 is the entry hashes themselves.
    public typealias NodeSource = (_ level: Int, _ index: Int) throws -> SHA256Hash

    /// MTH of the empty tree: SHA-256 of the empty string.
    public static let emptyRoot = SHA256Hash.of([UInt8]())

    /// SHA-256(0x01 ‖ left ‖ right).
    public static func parent(_ left: SHA256Hash, _ right: SHA256Hash) -> SHA256Hash {
        SHA256Hash.node(left, right)
    }

    /// The largest power of two strictly smaller than `n` (n ≥ 2).
    static func splitPoint(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// MTH of the leaves `lo ..< hi`.
    public static func rangeHash(_ lo: Int, _ hi: Int, nodes: NodeSource) rethrows -> SHA256Hash {
        let count = hi - lo
        if count <= 0 { return emptyRoot }
        if count & (count - 1) == 0, lo % count == 0 {
            return try nodes(count.trailingZeroBitCount, lo / count)
        }
        let k = splitPoint(count)
        return parent(try rangeHash(lo, lo + k, nodes: nodes), try rangeHash(lo + k, hi, nodes: nodes))
    }

    /// The root of the first `size` leaves.
    public static func root(size: Int, nodes: NodeSource) rethrows -> SHA256Hash {
        try rangeHash(0, size, nodes: nodes)
    }

    /// The root of a list of leaf hashes (for tests and small trees).
    public static func root(leaves: [SHA256Hash]) -> SHA256Hash {
        var range = CompactRange()
        for leaf in leaves { range.append(leaf) }
        return range.root
    }

    /// RFC 9162 PATH(index, D[size]): the inclusion proof, leaf side first.
    public static func inclusionPath(index: Int, size: Int, nodes: NodeSource) throws -> [SHA256Hash] {
        precondition(index >= 0 && index < size, "inclusionPath needs index < size")
        var path: [SHA256Hash] = []
        try collectPath(index, 0, size, nodes: nodes, into: &path)
        return path
    }

    private static func collectPath(
        _ index: Int,
        _ lo: Int,
        _ hi: Int,
        nodes: NodeSource,
        into path: inout [SHA256Hash]
    ) throws {
        let count = hi - lo
        guard count > 1 else { return }
        let k = splitPoint(count)
        if index < lo + k {
            try collectPath(index, lo, lo + k, nodes: nodes, into: &path)
            path.append(try rangeHash(lo + k, hi, nodes: nodes))
        } else {
            try collectPath(index, lo + k, hi, nodes: nodes, into: &path)
            path.append(try rangeHash(lo, lo + k, nodes: nodes))
        }
    }

    /// RFC 9162 PROOF(old, D[new]): the consistency proof between two sizes.
    public static func consistencyProof(from old: Int, to new: Int, nodes: NodeSource) throws -> [SHA256Hash] {
        precondition(old >= 0 && old <= new, "consistencyProof needs old <= new")
        guard old > 0, old < new else { return [] }
        var proof: [SHA256Hash] = []
        try collectSubproof(old, 0, new, complete: true, nodes: nodes, into: &proof)
        return proof
    }

    private static func collectSubproof(
        _ old: Int,
        _ lo: Int,
        _ hi: Int,
        complete: Bool,
        nodes: NodeSource,
        into proof: inout [SHA256Hash]
    ) throws {
        let count = hi - lo
        if old == count {
            if !complete { proof.append(try rangeHash(lo, hi, nodes: nodes)) }
            return
        }
        let k = splitPoint(count)
        if old <= k {
            try collectSubproof(old, lo, lo + k, complete: complete, nodes: nodes, into: &proof)
            proof.append(try rangeHash(lo + k, hi, nodes: nodes))
        } else {
            try collectSubproof(old - k, lo + k, hi, complete: false, nodes: nodes, into: &proof)
            proof.append(try rangeHash(lo, lo + k, nodes: nodes))
        }
    }

    /// RFC 9162 §2.1.3.2: whether `path` proves `leaf` at `index` in the tree of `size` with `root`.
    public static func verifyInclusion(
        index: Int,
        size: Int,
        leaf: SHA256Hash,
        path: [SHA256Hash],
        root: SHA256Hash
    ) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index
        var sn = size - 1
        var hash = leaf
        for node in path {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                hash = parent(node, hash)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                hash = parent(hash, node)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && hash == root
    }

    /// RFC 9162 §2.1.4.2: whether `proof` shows the tree (`newSize`, `newRoot`) extends
    /// (`oldSize`, `oldRoot`).
    public static func verifyConsistency(
        oldSize: Int,
        newSize: Int,
        oldRoot: SHA256Hash,
        newRoot: SHA256Hash,
        proof: [SHA256Hash]
    ) -> Bool {
        guard oldSize >= 0, oldSize <= newSize else { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        if oldSize == 0 { return proof.isEmpty && oldRoot == emptyRoot }
        guard !proof.isEmpty else { return false }
        var nodes = proof
        if oldSize & (oldSize - 1) == 0 { nodes.insert(oldRoot, at: 0) }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var oldHash = nodes[0]
        var newHash = nodes[0]
        for node in nodes.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                oldHash = parent(node, oldHash)
                newHash = parent(node, newHash)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                newHash = parent(newHash, node)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && oldHash == oldRoot && newHash == newRoot
    }
}
