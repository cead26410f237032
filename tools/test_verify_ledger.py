"""Tests of tools/verify-ledger.py against the vectors in events/vectors/.

Run from the repository root:
    python3 -m unittest discover -s tools -p 'test_*.py'

The ledger cases run the verifier as a command (exit status and --json output); the other vectors
(Ed25519 edges, checkpoints, proofs) are checked with the verifier's own functions, and a few proofs
also through the command line and against the ledger exports. One test re-runs
tools/gen-vectors.py into a temporary directory and checks that it reproduces events/vectors/ byte
for byte.
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


class StrongKeyAndSignatureRuleTests(unittest.TestCase):
    """FORMAT.md §5.1, through events/vectors/ed25519-edges.json and directly."""

    @classmethod
    def setUpClass(cls):
        cls.v = load("ed25519-edges.json")

    def test_keys(self):
        self.assertGreaterEqual(len(self.v["keys"]), 19)
        for k in self.v["keys"]:
            with self.subTest(k["name"]):
                raw = bytes.fromhex(k["publicKeyHex"])
                self.assertEqual(vl.decode_public_key(k["publicKey"]), raw)
                self.assertEqual(vl.is_strong_key(raw), k["strong"])
                self.assertEqual(vl.strong_key_problem(raw) is None, k["strong"])

    def test_signatures(self):
        self.assertGreaterEqual(len(self.v["signatures"]), 12)
        for s in self.v["signatures"]:
            with self.subTest(s["name"]):
                self.assertEqual(vl.ed25519_verify(bytes.fromhex(s["publicKeyHex"]), bytes.fromhex(s["signatureHex"]),
                                                   bytes.fromhex(s["messageHex"])), s["valid"])

    def test_forgeries_the_library_alone_accepts_are_refused(self):
        names = {s["name"] for s in self.v["signatures"] if "OpenSSL accepts" in s["why"] and not s["valid"]}
        self.assertLessEqual({"identity-key-forgery", "r-identity-by-key-holder", "mixed-order-key-signature"}, names)

    def test_small_order_points(self):
        self.assertEqual(len(vl.SMALL_ORDER_ENCODINGS), 8)
        for encoding in vl.SMALL_ORDER_ENCODINGS:
            self.assertFalse(vl.is_strong_key(encoding))
            p = vl.ed25519_decode_point(encoding)
            self.assertTrue(vl.ed25519_is_neutral(vl.ed25519_scalar_mult(8, p)))

    def test_generated_keys_are_strong(self):
        for seed in range(20):
            public = public_from_seed(hashlib.sha256(bytes([seed])).hexdigest())
            self.assertIsNone(vl.strong_key_problem(public))

    def test_verdicts_are_cached_per_key(self):
        key = public_from_seed("11" * 32)
        self.assertTrue(vl.is_strong_key(key))
        self.assertIn(key, vl._strong_key_verdicts)
        vl._strong_key_verdicts[key] = "poisoned"          # the cache is consulted, not the arithmetic
        try:
            self.assertFalse(vl.is_strong_key(key))
        finally:
            del vl._strong_key_verdicts[key]

    def test_signature_rule(self):
        seed = "22" * 32
        private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(seed))
        public = public_from_seed(seed)
        signature = private.sign(b"m")
        self.assertTrue(vl.ed25519_verify(public, signature, b"m"))
        self.assertFalse(vl.ed25519_verify(public, signature[:63], b"m"))
        self.assertFalse(vl.ed25519_verify(public, signature + b"\x00", b"m"))
        self.assertFalse(vl.ed25519_verify(public, None, b"m"))
        s = int.from_bytes(signature[32:], "little")
        self.assertFalse(vl.ed25519_verify(public, signature[:32] + (s + vl.ED25519_L).to_bytes(32, "little"), b"m"))
        for r in vl.SMALL_ORDER_ENCODINGS:
            self.assertFalse(vl.ed25519_verify(public, r + signature[32:], b"m"))
        identity = vl.ed25519_encode_point(vl.ED25519_IDENTITY)
        self.assertFalse(vl.ed25519_verify(identity, identity + bytes(32), b"anything"))


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
        vectors = load("checkpoints.json")["valid"]
        self.assertGreaterEqual(len(vectors), 15)
        for v in vectors:
            with self.subTest(v["name"]):
                cp = vl.parse_checkpoint(v["note"].encode("utf-8"))
                self.assertEqual((cp.origin, cp.size, cp.root.hex()), (v["origin"], v["size"], v["rootHex"]))
                self.assertEqual(v["logKey"]["keyName"], v["origin"])
                self.assertEqual(cp.signatures[0].key_id.hex(), v["noteKeyIdHex"])
                # "cosignatures" is given where it differs from, or is not obviously, the witness count.
                expected = v.get("cosignatures", len(v["witnesses"]))
                self.assertEqual(vl.verify_checkpoint_signatures(cp, *self.keys(v)), expected)
                log, _ = self.keys(v)
                self.assertEqual(vl.verify_log_signatures(cp, log), [vl.key_id(log[0])])
                for w in v["witnesses"]:
                    line = next((s for s in cp.signatures if s.name == w["keyId"]), None)
                    if expected:
                        self.assertEqual(int.from_bytes(line.signature[:8], "big"), w["timestamp"])

    def test_every_rule_has_a_vector(self):
        vectors = load("checkpoints.json")
        names = {v["name"] for v in vectors["valid"] + vectors["invalid"]}
        for name in ("key-name-with-u+00a0", "key-name-with-u+3000", "key-name-with-u+2028", "key-name-with-plus",
                     "key-name-with-tab", "key-name-with-delete-u+007f-ignored", "key-name-empty", "size-2^63-1",
                     "size-2^63", "size-with-leading-zero", "size-minus-1", "empty-origin", "body-with-4-lines",
                     "missing-final-newline", "cr-before-lf-in-signature-line", "control-character-in-origin",
                     "root-non-canonical-base64", "signature-non-canonical-base64", "signature-of-4-bytes",
                     "1000-signature-lines", "1001-signature-lines", "no-signature-lines",
                     "duplicate-cosignature-lines-count-once", "witness-cosigned-twice-counts-once",
                     "second-log-line-corrupted", "log-name-with-other-key-id-ignored", "cosignature-71-bytes",
                     "witness-name-in-upper-case-hex-ignored"):
            self.assertIn(name, names)

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

    def test_size_counts_the_entries_that_passed(self):
        # §11.2: size is the position of the first entry failing checks 1-10 (not the number of
        # lines), and a blob failure does not change it; root only when the ledger passed §11.
        for directory, size, has_root in [("valid", 13, True), ("deleted-entry", 10, False),
                                          ("trailing-blank-line", 13, False), ("unknown-key-appended", 13, False),
                                          ("missing-blob", 13, False), ("empty-ledger", 0, False),
                                          ("genesis-missing", 0, False), ("genesis-identity-authority", 0, False),
                                          ("key-registered-small-order", 13, False),
                                          ("blob-failure-before-later-entry-failure", 13, False),
                                          ("erasure-in-failing-entry-not-counted", 6, False)]:
            with self.subTest(directory):
                report = vl.verify_export(os.path.join(VECTORS, "ledgers", directory))
                self.assertEqual(report.size, size)
                self.assertEqual(report.root is not None, has_root)

    def test_root_is_given_when_only_the_checkpoint_fails(self):
        for directory, code in [("checkpoint-size-edited", "checkpoint-signature"),
                                ("checkpoint-larger-than-ledger", "truncated"),
                                ("rewritten-history", "checkpoint-root"),
                                ("checkpoint-bad-cosignature", "checkpoint-cosignature")]:
            with self.subTest(directory):
                path = os.path.join(VECTORS, "ledgers", directory)
                report = json.loads(run_verifier(path, "--json", "--checkpoint", os.path.join(path, "checkpoint")).stdout)
                self.assertEqual(report["failure"]["code"], code)
                self.assertIsNotNone(report["root"])
                self.assertIsNone(report["checkpoint"])
                with open(os.path.join(path, "entries.jsonl"), "rb") as f:
                    self.assertEqual(report["size"], len(f.readlines()))

    def test_checkpoint_is_judged_before_it_judges_the_ledger(self):
        cases = {c["name"]: c["expect"] for c in load(os.path.join("ledgers", "cases.json"))}
        # Formerly `truncated` and `checkpoint-root`: an edited checkpoint is refused as such.
        self.assertEqual(cases["checkpoint-size-edited"], {"valid": False, "seq": None, "code": "checkpoint-signature"})
        self.assertEqual(cases["checkpoint-root-edited"], {"valid": False, "seq": None, "code": "checkpoint-signature"})
        self.assertEqual(cases["checkpoint-larger-than-ledger"], {"valid": False, "seq": 13, "code": "truncated"})
        self.assertEqual(cases["checkpoint-by-key-beyond-ledger-end"],
                         {"valid": False, "seq": None, "code": "checkpoint-signature"})
        self.assertEqual(cases["genesis-identity-authority"], {"valid": False, "seq": 0, "code": "payload"})

    def test_log_keys_of_a_short_ledger(self):
        # §11.1: log keys for size s are those registered by entries 0 … min(s, n) − 1.
        with open(os.path.join(VECTORS, "ledgers", "valid", "entries.jsonl"), "rb") as f:
            lines = f.read().split(b"\n")[:-1]
        ledger = vl.Ledger()
        ledger.append(lines[0])
        self.assertEqual(len(ledger.log_keys(13)), 1)            # the secretariat's entry 1 is missing
        for line in lines[1:]:
            ledger.append(line)
        self.assertEqual(len(ledger.log_keys(1)), 1)
        self.assertEqual(len(ledger.log_keys(2)), 2)

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


def run_proof_vector(v):
    """A vector of proofs.json through verify_proof: its keys, and its ledger as a LedgerView."""
    ledger = None
    if v["ledger"] is not None:
        ledger = vl.LedgerView(v["ledger"]["id"], v["ledger"]["size"],
                               {int(s): base64.b64decode(r) for s, r in v["ledger"]["roots"].items()})
    return vl.verify_proof(v["file"].encode("utf-8"), [vl.decode_public_key(k) for k in v["logKeys"]],
                           {i: vl.decode_public_key(k) for i, k in v["witnessKeys"].items()}, ledger, v["pathOnly"])


def verdict(report):
    return report.failure[0] if report.failure else None


PROOF_CODES = ["proof-format", "checkpoint-format", "checkpoint-origin", "checkpoint-signature",
               "checkpoint-cosignature", "truncated", "checkpoint-root", "inclusion", "consistency"]


class ProofTests(unittest.TestCase):
    """FORMAT.md §13: events/vectors/proofs.json, the export mode and the command line."""

    @classmethod
    def setUpClass(cls):
        cls.vectors = load("proofs.json")
        cls.by_name = {v["name"]: v for v in cls.vectors}
        cls.authority = load("ed25519.json")["publicKey"]

    def test_vectors(self):
        self.assertGreaterEqual(len(self.vectors), 60)
        for v in self.vectors:
            with self.subTest(v["name"]):
                report = run_proof_vector(v)
                self.assertEqual(verdict(report), v["expect"], report.failure)
                self.assertEqual(report.valid, v["expect"] is None)
                out = report.to_json()
                self.assertEqual(list(out), ["valid", "proof", "pathOnly", "failure", "checkpoint"])
                self.assertEqual(out["pathOnly"], v["pathOnly"])
                header = v["file"].split("\n", 1)[0]
                self.assertEqual(out["proof"], {vl.INCLUSION_HEADER: "inclusion",
                                                vl.CONSISTENCY_HEADER: "consistency"}.get(header))
                if v["expect"] not in (None, "proof-format", "checkpoint-format"):
                    self.assertEqual(list(out["checkpoint"]), ["origin", "size", "signers", "cosignatures"])
                if v["expect"] is None:
                    self.assertEqual(out["failure"], None)
                    self.assertEqual(out["checkpoint"]["signers"] == [], v["pathOnly"])

    def test_every_code_and_the_forgeries(self):
        self.assertEqual({v["expect"] for v in self.vectors} - {None}, set(PROOF_CODES))
        expect = {name: v["expect"] for name, v in self.by_name.items()}
        self.assertEqual(expect["forgery-a-made-up-tree-with-log-key"], "checkpoint-format")
        self.assertEqual(expect["forgery-a-made-up-tree-path-only"], None)
        self.assertEqual(expect["forgery-b-wrong-root-unsigned-with-log-key"], "checkpoint-format")
        self.assertEqual(expect["forgery-c-forked-consistency-with-ledger"], "checkpoint-root")
        self.assertEqual(expect["forgery-c-forked-consistency-log-key-only"], None)
        self.assertEqual(expect["cosignature-corrupted-with-ledger"], "checkpoint-cosignature")

    def test_signers_and_cosignatures(self):
        out = run_proof_vector(self.by_name["inclusion-with-ledger"]).to_json()
        authority = vl.key_id(vl.decode_public_key(self.authority))
        self.assertEqual(out["checkpoint"], {"origin": "travinh.gov.vn/par/2023", "size": 13,
                                             "signers": [authority], "cosignatures": 1})
        out = run_proof_vector(self.by_name["inclusion-with-log-key"]).to_json()
        self.assertEqual(out["checkpoint"]["cosignatures"], 0)     # no ledger: no witness is known

    def test_with_export(self):
        # The vectors with a ledger, against the real exports: the first 13 entries are ledgers/valid,
        # the first 9 ledgers/tail-cut. The log keys, witness keys and roots come from the export.
        exports = {13: "valid", 9: "tail-cut"}
        for v in self.vectors:
            if v["ledger"] is None:
                continue
            with self.subTest(v["name"]):
                directory = os.path.join(VECTORS, "ledgers", exports[v["ledger"]["size"]])
                report = vl.verify_proof_with_export(v["file"].encode("utf-8"), directory, [])
                self.assertEqual(verdict(report), v["expect"], report.failure)

    def test_invalid_ledger_is_the_verdict(self):
        file = self.by_name["inclusion-with-ledger"]["file"].encode("utf-8")
        report = vl.verify_proof_with_export(file, os.path.join(VECTORS, "ledgers", "deleted-entry"), [])
        self.assertEqual(verdict(report), "seq")
        self.assertIn("seq 10", report.failure[1])
        self.assertIsNone(report.to_json()["checkpoint"])

    def _write(self, tmp, name):
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(self.by_name[name]["file"].encode("utf-8"))
        return path

    def test_command_line(self):
        valid_export = os.path.join(VECTORS, "ledgers", "valid")
        with tempfile.TemporaryDirectory() as tmp:
            inclusion = self._write(tmp, "inclusion-with-log-key")
            result = run_verifier("--proof", inclusion, "--log-key", self.authority)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(result.stdout.startswith("ok: entry 5 is in the tree of size 13"))
            result = run_verifier("--proof", inclusion, valid_export, "--json")
            self.assertEqual(result.returncode, 0, result.stderr)
            out = json.loads(result.stdout)
            self.assertEqual((out["valid"], out["proof"], out["pathOnly"], out["failure"]),
                             (True, "inclusion", False, None))
            self.assertEqual(out["checkpoint"]["cosignatures"], 1)

            forgery_a = self._write(tmp, "forgery-a-made-up-tree-with-log-key")
            result = run_verifier("--proof", forgery_a, "--log-key", self.authority)
            self.assertEqual(result.returncode, 1)
            self.assertTrue(result.stdout.startswith("proof: checkpoint-format: "))
            result = run_verifier("--proof", forgery_a, "--path-only")
            self.assertEqual(result.returncode, 0)
            self.assertTrue(result.stdout.startswith("path-only check passed: "))
            self.assertIn("nothing was proven about the log", result.stdout)
            out = json.loads(run_verifier("--proof", forgery_a, "--path-only", "--json").stdout)
            self.assertEqual((out["valid"], out["pathOnly"], out["checkpoint"]["signers"]), (True, True, []))

            wrong_path = self._write(tmp, "path-only-wrong-path")
            result = run_verifier("--proof", wrong_path, "--path-only")
            self.assertEqual(result.returncode, 1)
            self.assertTrue(result.stdout.startswith("proof: inclusion: "))
            self.assertIn("nothing was proven about the log", result.stdout)

            forgery_c = self._write(tmp, "forgery-c-forked-consistency-with-ledger")
            self.assertEqual(run_verifier("--proof", forgery_c, "--log-key", self.authority).returncode, 0)
            result = run_verifier("--proof", forgery_c, valid_export, "--json")
            self.assertEqual(result.returncode, 1)
            self.assertEqual(json.loads(result.stdout)["failure"]["code"], "checkpoint-root")

            result = run_verifier("--proof", inclusion, os.path.join(VECTORS, "ledgers", "deleted-entry"), "--json")
            self.assertEqual(result.returncode, 1)
            self.assertEqual(json.loads(result.stdout)["failure"]["code"], "seq")

    def test_command_line_usage(self):
        edges = {k["name"]: k["publicKey"] for k in load("ed25519-edges.json")["keys"]}
        valid_export = os.path.join(VECTORS, "ledgers", "valid")
        with tempfile.TemporaryDirectory() as tmp:
            inclusion = self._write(tmp, "inclusion-with-log-key")
            result = run_verifier("--proof", inclusion)
            self.assertEqual(result.returncode, 2)
            for word in ("--log-key", "EXPORT_DIR", "--path-only"):
                self.assertIn(word, result.stderr)
            for bad_key in ("ed25519:AAAA", "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", edges["identity"],
                            edges["mixed-order-8"], edges["non-canonical-y-equals-p-plus-1"]):
                with self.subTest(bad_key):
                    result = run_verifier("--proof", inclusion, "--log-key", bad_key)
                    self.assertEqual(result.returncode, 2)
                    self.assertIn("--log-key", result.stderr)
            self.assertIn("not a strong", run_verifier("--proof", inclusion, "--log-key", edges["identity"]).stderr)
            for args in (["--proof", inclusion, "--path-only", "--log-key", self.authority],
                         ["--proof", inclusion, "--path-only", valid_export],
                         ["--proof", inclusion, valid_export, "--checkpoint", os.path.join(valid_export, "checkpoint")],
                         ["--proof", os.path.join(tmp, "absent"), "--log-key", self.authority],
                         ["--proof", inclusion, os.path.join(tmp, "absent")],
                         [valid_export, "--log-key", self.authority],
                         [valid_export, "--path-only"]):
                with self.subTest(args):
                    self.assertEqual(run_verifier(*args).returncode, 2)


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
