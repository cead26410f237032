"""Quick tests of tools/crash-suite's own logic: its Ed25519 signing and statement encoding
against the repository's vectors, the reconciliation of acknowledged acts with a ledger's entries,
and the result table and exit status. They start no parledger and no database.

    python3 -m unittest discover -s tools -p 'test_*.py'
"""

import base64
import contextlib
import importlib.machinery
import io
import importlib.util
import json
import os
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(os.path.dirname(HERE), "events", "vectors")


def load_crash_suite():
    loader = importlib.machinery.SourceFileLoader("crash_suite", os.path.join(HERE, "crash-suite"))
    spec = importlib.util.spec_from_loader("crash_suite", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


crash = load_crash_suite()


def note_entry(seq, text, statement_id):
    return {"seq": seq, "statement": {"statementId": statement_id, "type": "note.recorded/v1", "payload": {"text": text}}}


class SigningTests(unittest.TestCase):
    def test_ed25519_matches_the_repository_vector(self):
        with open(os.path.join(VECTORS, "ed25519.json"), encoding="utf-8") as handle:
            vector = json.load(handle)
        seed = bytes.fromhex(vector["seedHex"])
        self.assertEqual(crash.ed25519_public_key(seed).hex(), vector["publicKeyHex"])
        self.assertEqual(crash.ed25519_sign(seed, bytes.fromhex(vector["messageHex"])).hex(), vector["signatureHex"])

    def test_statements_are_encoded_and_signed_as_the_vectors_say(self):
        with open(os.path.join(VECTORS, "statements.json"), encoding="utf-8") as handle:
            vectors = json.load(handle)
        for vector in vectors:
            with self.subTest(vector["name"]):
                statement = crash.canonical(vector["statement"])
                self.assertEqual(statement.hex(), vector["statementCanonicalHex"])
                message = crash.dsse_message(statement)
                self.assertEqual(message.hex(), vector["signingMessageHex"])
                signature = crash.ed25519_sign(bytes.fromhex(vector["signerSeedHex"]), message)
                self.assertEqual(base64.b64encode(signature).decode(), vector["signature"])

    def test_timestamps_have_the_format_of_the_ledger(self):
        self.assertEqual(crash.timestamp(1697443200.5), "2023-10-16T08:00:00.500Z")
        self.assertEqual(len(crash.timestamp()), 24)


class ReconcileTests(unittest.TestCase):
    def test_every_acknowledged_act_present_once(self):
        entries = [note_entry(2, "a", "id-a"), note_entry(3, "b", "id-b"), note_entry(4, "c", "id-c")]
        present, lost, duplicated, problems = crash.reconcile({"a": "id-a", "b": None}, entries)
        self.assertEqual((present, lost, duplicated, problems), (2, 0, 0, []))

    def test_a_lost_act_a_doubled_act_and_a_misnamed_one(self):
        entries = [note_entry(2, "a", "id-a"), note_entry(3, "c", "id-c1"), note_entry(4, "c", "id-c2"), note_entry(5, "d", "other")]
        present, lost, duplicated, problems = crash.reconcile({"a": "id-a", "b": "id-b", "c": "id-c1", "d": "id-d"}, entries)
        self.assertEqual((present, lost, duplicated), (3, 1, 1))
        self.assertTrue(any(p.startswith("lost: 'b'") for p in problems), problems)
        self.assertTrue(any(p.startswith("duplicated: 'c' is recorded 2 times") for p in problems), problems)
        self.assertTrue(any("'d' was acknowledged as statement id-d" in p for p in problems), problems)

    def test_an_unacknowledged_act_recorded_twice_is_a_duplicate_too(self):
        entries = [note_entry(2, "x", "id-1"), note_entry(3, "x", "id-2")]
        self.assertEqual(crash.reconcile({}, entries)[:3], (0, 0, 1))

    def test_a_statement_id_recorded_twice(self):
        entries = [note_entry(2, "x", "same"), note_entry(3, "y", "same")]
        self.assertEqual(crash.reconcile({"x": "same", "y": "same"}, entries)[:3], (2, 0, 1))


class TableTests(unittest.TestCase):
    def tally(self, name, **values):
        tally = crash.Tally(name)
        for key, value in values.items():
            setattr(tally, key, value)
        return tally

    def test_all_passed_exits_zero(self):
        tallies = [
            self.tally("sqlite-cli", runs=3, acknowledged={"a": "1", "b": "2"}, present=2, seconds=1.25),
            self.tally("disk-full", skipped="cannot mount (not root)"),
        ]
        table, status = crash.render_table(tallies)
        self.assertEqual(status, 0)
        lines = table.splitlines()
        self.assertEqual(lines[0].split(), crash.COLUMNS)
        self.assertEqual(lines[1].split(), ["sqlite-cli", "3", "2", "2", "0", "0", "0", "1.2", "ok"])
        self.assertTrue(lines[2].endswith("skipped: cannot mount (not root)"))
        self.assertEqual(len(lines), 3)

    def test_lost_duplicated_wedged_or_a_failed_check_exit_one(self):
        for values in ({"lost": 1}, {"duplicated": 2}, {"wedged": 1}, {"failures": ["verify failed"]}):
            with self.subTest(values):
                table, status = crash.render_table([self.tally("x", runs=1, **values)])
                self.assertEqual(status, 1)
                self.assertIn("FAIL", table.splitlines()[1])
                self.assertIn("x: failed checks:", table)

    def test_failed_checks_are_listed_under_the_table(self):
        table, _ = crash.render_table([self.tally("read-only", runs=1, failures=["an append exited 2"])])
        self.assertIn("  - an append exited 2", table)


class ArgumentTests(unittest.TestCase):
    def test_only_takes_known_scenarios(self):
        binary = os.path.join(HERE, "crash-suite")  # any executable will do here
        arguments = crash.parse_arguments(["--binary", binary, "--only", "sqlite-cli, read-only", "--runs", "3"])
        self.assertEqual(arguments.only, ["sqlite-cli", "read-only"])
        self.assertEqual(arguments.runs, 3)
        with self.assertRaises(SystemExit), contextlib.redirect_stderr(io.StringIO()) as stderr:
            crash.parse_arguments(["--binary", binary, "--only", "sqlite-cli,nope"])
        self.assertIn("unknown scenario(s): nope", stderr.getvalue())


if __name__ == "__main__":
    unittest.main()
