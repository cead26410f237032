import LedgerCore
import Testing

@Suite("RFC 9162 tree (events/vectors/merkle.json)")
struct MerkleTreeTests {
    nonisolated(unsafe) static let vectors = (try? Vectors.json("merkle.json")) as? [String: Any] ?? [:]
    static let leaves = Vectors.hashes(vectors["leafHashes"])
    nonisolated(unsafe) static let trees = Vectors.objects(vectors["trees"])

    /// Every perfect subtree of the 64 leaves, the way a store keeps them.
    static let levels: [[SHA256Hash]] = {
        var levels = [leaves]
        while let last = levels.last, last.count > 1 {
            levels.append(stride(from: 0, to: last.count - 1, by: 2).map { MerkleTree.parent(last[$0], last[$0 + 1]) })
        }
        return levels
    }()

    static func node(_ level: Int, _ index: Int) throws -> SHA256Hash { levels[level][index] }

    @Test func leafHashesAreEntryHashesOfTheLeafData() {
        let data = (Self.vectors["leafDataHex"] as? [String] ?? []).map { Hex.decode($0) ?? [] }
        #expect(data.count == 64)
        #expect(data.map(Entry.hash(of:)) == Self.leaves)
        #expect(MerkleTree.emptyRoot == Vectors.hash(Self.vectors["emptyRoot"]))
    }

    @Test(arguments: trees.indices)
    func rootsAndProofsMatchForEveryTreeSize(index: Int) throws {
        let tree = Self.trees[index]
        let size = try #require(tree["size"] as? Int)
        let root = try #require(Vectors.hash(tree["root"]))
        #expect(MerkleTree.root(leaves: Array(Self.leaves.prefix(size))) == root)
        #expect(try MerkleTree.root(size: size, nodes: Self.node) == root)
        for inclusion in Vectors.objects(tree["inclusion"]) {
            let leaf = try #require(inclusion["index"] as? Int)
            let path = Vectors.hashes(inclusion["path"])
            #expect(try MerkleTree.inclusionPath(index: leaf, size: size, nodes: Self.node) == path)
            #expect(
                MerkleTree.verifyInclusion(index: leaf, size: size, leaf: Self.leaves[leaf], path: path, root: root)
            )
            #expect(
                !MerkleTree.verifyInclusion(
                    index: leaf,
                    size: size,
                    leaf: Self.leaves[(leaf + 1) % 64],
                    path: path,
                    root: root
                )
            )
        }
        for consistency in Vectors.objects(tree["consistency"]) {
            let old = try #require(consistency["from"] as? Int)
            let proof = Vectors.hashes(consistency["proof"])
            let oldRoot = MerkleTree.root(leaves: Array(Self.leaves.prefix(old)))
            #expect(try MerkleTree.consistencyProof(from: old, to: size, nodes: Self.node) == proof)
            #expect(
                MerkleTree.verifyConsistency(oldSize: old, newSize: size, oldRoot: oldRoot, newRoot: root, proof: proof)
            )
            if old < size {
                #expect(
                    !MerkleTree.verifyConsistency(
                        oldSize: old,
                        newSize: size,
                        oldRoot: root,
                        newRoot: root,
                        proof: proof
                    )
                )
            }
        }
    }

    @Test func rfc9162WorkedExampleOfSevenLeaves() throws {
        let example = try #require(Self.vectors["rfc9162Example"] as? [String: Any])
        let proofs = Vectors.objects(example["proofs"])
        #expect(proofs.count == 7)
        let root = try #require(Vectors.hash(example["root"]))
        for proof in proofs {
            if proof["kind"] as? String == "inclusion" {
                let index = try #require(proof["index"] as? Int)
                let path = Vectors.hashes(proof["path"])
                #expect(try MerkleTree.inclusionPath(index: index, size: 7, nodes: Self.node) == path)
                #expect(
                    MerkleTree.verifyInclusion(index: index, size: 7, leaf: Self.leaves[index], path: path, root: root)
                )
            } else {
                let old = try #require(proof["from"] as? Int)
                let nodes = Vectors.hashes(proof["proof"])
                #expect(try MerkleTree.consistencyProof(from: old, to: 7, nodes: Self.node) == nodes)
            }
        }
    }

    @Test func certificateTransparencyReferenceRootOfEightLeaves() {
        #expect(
            MerkleTree.root(leaves: Array(Self.leaves.prefix(8))).hex
                == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
        )
    }
}
