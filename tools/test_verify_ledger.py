"""Tests of tools/verify-ledger.py against the vectors in events/vectors/.

Run from the repository root:
    python3 -m unittest discover -s tools -p 'test_*.py'

The ledger cases run the verifier as a command (exit status and --json output); the other vectors
are checked with the verifier's own functions. One test re-runs tools/gen-vectors.py into a
temporary directory and checks that it reproduces events/vectors/ byte for byte.
"""

import base64
import filecmp
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(TOOLS)
VECTORS = os.path.join(REPO, "events", "vectors")
VERIFIER = os.path.join(TOOLS, "verify-ledger.py")


def _load_verifier():
    sys.dont_write_bytecode = True          # keep tools/ free of __pycache__
    spec = importlib.util.spec_from_file_location("verify_ledger", VERIFIER)
    module = importlib.util.module_from_spec(spec)
    sys.modules["verify_ledger"] = module
    spec.loader.exec_module(module)
    return module


vl = _load_verifier()


def load(name):
    with open(os.path.join(VECTORS, name), encoding="utf-8") as f:
        return json.load(f)


def public_from_seed(seed_hex):
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(seed_hex)).public_key().public_bytes(
        Encoding.Raw, PublicFormat.Raw)


def run_verifier(*args):
    return subprocess.run([sys.executable, VERIFIER, *args], capture_output=True, text=True)


class CanonicalJSONTests(unittest.TestCase):
    def test_valid(self):
        vectors = load("canonical-json.json")["valid"]
        self.assertGreaterEqual(len(vectors), 20)
        for v in vectors:
            with self.subTest(v["name"]):
                canonical = bytes.fromhex(v["canonicalHex"])
                self.assertEqual(vl.canonicalize_bytes(bytes.fromhex(v["inputHex"])), canonical)
                self.assertEqual(vl.canonicalize_bytes(canonical), canonical)
                self.assertNotIn(b"\n", canonical)

    def test_invalid(self):
        vectors = load("canonical-json.json")["invalid"]
        self.assertGreaterEqual(len(vectors), 20)
        for v in vectors:
            with self.subTest(v["name"]):
                with self.assertRaises(vl.CanonicalJSONError) as caught:
                    vl.canonicalize_bytes(bytes.fromhex(v["inputHex"]))
                self.assertEqual(caught.exception.reason, v["reason"])


class Ed25519Tests(unittest.TestCase):
    def test_rfc8032_test1(self):
        v = load("ed25519.json")
        public = bytes.fromhex(v["publicKeyHex"])
        self.assertEqual(public_from_seed(v["seedHex"]), public)
        self.assertTrue(vl.ed25519_verify(public, bytes.fromhex(v["signatureHex"]), bytes.fromhex(v["messageHex"])))
        self.assertEqual(vl.decode_public_key(v["publicKey"]), public)
        self.assertEqual(vl.key_id(public), v["keyId"])


class StatementTests(unittest.TestCase):
    def test_statements_and_entries(self):
        vectors = load("statements.json")
        ledger = vl.Ledger()
        prev = vl.ZERO_HASH
        for v in vectors:
            with self.subTest(v["name"]):
                statement_bytes = vl.canonicalize(v["statement"])
                self.assertEqual(statement_bytes.hex(), v["statementCanonicalHex"])
                message = vl.signing_message(statement_bytes)
                self.assertEqual(message.hex(), v["signingMessageHex"])
                public = public_from_seed(v["signerSeedHex"])
                self.assertEqual(vl.key_id(public), v["statement"]["actor"])
                self.assertTrue(vl.ed25519_verify(public, base64.b64decode(v["signature"]), message))
                self.assertEqual(v["entry"]["statement"], v["statement"])
                self.assertEqual(v["entry"]["signature"], v["signature"])
                self.assertEqual(v["entry"]["prev"], prev)
                entry_bytes = vl.canonicalize(v["entry"])
                self.assertEqual(entry_bytes.hex(), v["entryCanonicalHex"])
                self.assertEqual(hashlib.sha256(b"\x00" + entry_bytes).hexdigest(), v["entryHash"])
                ledger.append(entry_bytes)
                prev = v["entryHash"]


class MerkleTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.v = load("merkle.json")
        cls.leaves = [bytes.fromhex(h) for h in cls.v["leafHashes"]]

    def test_leaves_and_roots(self):
        v = self.v
        self.assertEqual(v["emptyRoot"], vl.EMPTY_ROOT.hex())
        for data, leaf in zip(v["leafDataHex"], self.leaves):
            self.assertEqual(vl.leaf_hash(bytes.fromhex(data)), leaf)
        self.assertEqual(v["trees"][7]["root"], "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
        edge = vl.MerkleRightEdge()
        for tree, leaf in zip(v["trees"], self.leaves):
            edge.append(leaf)
            self.assertEqual(edge.root().hex(), tree["root"])
            self.assertEqual(vl.merkle_root(self.leaves[:tree["size"]]).hex(), tree["root"])

    def test_proofs(self):
        roots = {t["size"]: bytes.fromhex(t["root"]) for t in self.v["trees"]}
        for tree in self.v["trees"]:
            n, root = tree["size"], roots[tree["size"]]
            self.assertEqual(len(tree["inclusion"]), n)
            self.assertEqual(len(tree["consistency"]), n)
            for item in tree["inclusion"]:
                m, path = item["index"], [bytes.fromhex(h) for h in item["path"]]
                self.assertTrue(vl.verify_inclusion(m, n, self.leaves[m], path, root), (n, m))
                if path:
                    bad = path[:-1] + [bytes(32)]
                    self.assertFalse(vl.verify_inclusion(m, n, self.leaves[m], bad, root), (n, m))
            for item in tree["consistency"]:
                m, proof = item["from"], [bytes.fromhex(h) for h in item["proof"]]
                self.assertTrue(vl.verify_consistency(m, n, roots[m], root, proof), (n, m))
                self.assertEqual(proof == [], m == n)
                if proof:
                    self.assertFalse(vl.verify_consistency(m, n, roots[m], root, proof[:-1] + [bytes(32)]))

    def test_rfc9162_example(self):
        example = self.v["rfc9162Example"]
        nodes = example["nodes"]
        self.assertEqual(example["root"], self.v["trees"][6]["root"])
        for proof in example["proofs"]:
            hashes = [nodes[name] for name in proof["nodes"]]
            if proof["kind"] == "inclusion":
                self.assertEqual(hashes, proof["path"])
                self.assertEqual(hashes, self.v["trees"][6]["inclusion"][proof["index"]]["path"])
            else:
                self.assertEqual(hashes, proof["proof"])
                self.assertEqual(hashes, self.v["trees"][6]["consistency"][proof["from"] - 1]["proof"])


class CheckpointTests(unittest.TestCase):
    @staticmethod
    def keys(v):
        log = [vl.decode_public_key(v["logKey"]["publicKey"])]
        witnesses = {w["keyId"]: vl.decode_public_key(w["publicKey"]) for w in v["witnesses"]}
        return log, witnesses

    def test_valid(self):
        for v in load("checkpoints.json")["valid"]:
            with self.subTest(v["name"]):
                cp = vl.parse_checkpoint(v["note"].encode("utf-8"))
                self.assertEqual((cp.origin, cp.size, cp.root.hex()), (v["origin"], v["size"], v["rootHex"]))
                self.assertEqual(v["logKey"]["keyName"], v["origin"])
                self.assertEqual(cp.signatures[0].key_id.hex(), v["noteKeyIdHex"])
                self.assertEqual(vl.verify_checkpoint_signatures(cp, *self.keys(v)), len(v["witnesses"]))
                for w in v["witnesses"]:
                    line = next(s for s in cp.signatures if s.name == w["keyId"])
                    self.assertEqual(int.from_bytes(line.signature[:8], "big"), w["timestamp"])

    def test_invalid(self):
        for v in load("checkpoints.json")["invalid"]:
            with self.subTest(v["name"]):
                with self.assertRaises(vl.CheckpointFailure) as caught:
                    cp = vl.parse_checkpoint(v["note"].encode("utf-8"))
                    vl.verify_checkpoint_signatures(cp, *self.keys(v))
                self.assertEqual(caught.exception.code, v["expect"])


class LedgerCaseTests(unittest.TestCase):
    def test_cases(self):
        cases = load(os.path.join("ledgers", "cases.json"))
        for case in cases:
            with self.subTest(case["name"]):
                directory = os.path.join(VECTORS, "ledgers", case["dir"])
                args = [directory, "--json"]
                if case["useCheckpoint"]:
                    args += ["--checkpoint", os.path.join(directory, "checkpoint")]
                result = run_verifier(*args)
                report = json.loads(result.stdout)
                self.assertEqual(list(report), ["valid", "size", "root", "failure", "erasedBlobs", "checkpoint"])
                failure = report["failure"] or {}
                self.assertEqual({"valid": report["valid"], "seq": failure.get("seq"), "code": failure.get("code")},
                                 case["expect"])
                self.assertEqual(result.returncode, 0 if case["expect"]["valid"] else 1)
                self.assertEqual(report["erasedBlobs"], sorted(report["erasedBlobs"]))
                if case["useCheckpoint"] and report["valid"]:
                    self.assertIsNotNone(report["checkpoint"])

    def test_valid_report(self):
        directory = os.path.join(VECTORS, "ledgers", "valid")
        report = json.loads(run_verifier(directory, "--json", "--checkpoint",
                                         os.path.join(directory, "checkpoint")).stdout)
        with open(os.path.join(directory, "entries.jsonl"), "rb") as f:
            lines = f.read().split(b"\n")[:-1]
        root = vl.merkle_root([vl.leaf_hash(line) for line in lines])
        self.assertEqual(report["size"], len(lines))
        self.assertEqual(report["root"], base64.b64encode(root).decode())
        self.assertEqual(report["checkpoint"], {"size": len(lines), "cosignatures": 1})
        self.assertEqual(len(report["erasedBlobs"]), 1)
        present = json.loads(run_verifier(os.path.join(VECTORS, "ledgers", "erased-blob-present"), "--json").stdout)
        self.assertEqual(present["erasedBlobs"], [])

    def test_text_output(self):
        ok = run_verifier(os.path.join(VECTORS, "ledgers", "valid"))
        self.assertEqual(ok.returncode, 0)
        self.assertTrue(ok.stdout.startswith("ok: 13 entries, root "))
        bad = run_verifier(os.path.join(VECTORS, "ledgers", "deleted-entry"))
        self.assertEqual(bad.returncode, 1)
        self.assertTrue(bad.stdout.startswith("seq 10: seq: "))
        directory = os.path.join(VECTORS, "ledgers", "rewritten-history")
        cp = run_verifier(directory, "--checkpoint", os.path.join(directory, "checkpoint"))
        self.assertTrue(cp.stdout.startswith("checkpoint: checkpoint-root: "))

    def test_bad_usage(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.assertEqual(run_verifier().returncode, 2)
            self.assertEqual(run_verifier(os.path.join(tmp, "absent")).returncode, 2)
            self.assertEqual(run_verifier(tmp).returncode, 2)                      # no entries.jsonl
            valid = os.path.join(VECTORS, "ledgers", "valid")
            self.assertEqual(run_verifier(valid, "--checkpoint", os.path.join(tmp, "absent")).returncode, 2)


class GeneratorTests(unittest.TestCase):
    def test_reproducible(self):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, os.path.join(TOOLS, "gen-vectors.py"), tmp], check=True,
                           capture_output=True)
            comparison = filecmp.dircmp(tmp, VECTORS)
            self.assertEqual(self._differences(comparison), [])

    def _differences(self, comparison):
        found = [os.path.join(comparison.left, n) for n in
                 comparison.left_only + comparison.right_only + comparison.diff_files + comparison.funny_files]
        _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files,
                                               shallow=False)
        found += mismatch + errors
        for sub in comparison.subdirs.values():
            found += self._differences(sub)
        return found


if __name__ == "__main__":
    unittest.main()
