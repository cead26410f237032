#!/usr/bin/env python3
"""`parledger serve --log-key` signs checkpoints at its cadence and hands them to its witnesses.

A fresh ledger is served with a log key, `--checkpoint-every 2`, a witness folder and a witness
URL (a small HTTP server here that keeps what is POSTed). Entries are appended with the CLI; the
test waits for the server's checkpoints and checks that both witnesses received the same signed
note, of the ledger's current size, that `verify` accepts the ledger against the folder, and that a
witness URL that fails is retried (the server keeps serving). Then the ledger file is cut back by
hand to fewer entries than the witnessed checkpoint, and `verify` reports it `truncated`.

Usage: tools/serve_checkpoints_test.py [PATH_TO_PARLEDGER]   (default .build/debug/parledger)
"""
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

# These scripts stand in for a demonstration: the demo's key files and the keys made here are
# unprotected (no passphrase), which parledger refuses unless told so.
os.environ.setdefault("PARLEDGER_UNPROTECTED", "1")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARLEDGER = os.path.abspath(
    os.environ.get("PARLEDGER_BINARY") or (sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/parledger"))
)


def run(*arguments, expect=0):
    result = subprocess.run([PARLEDGER, *arguments], capture_output=True, text=True, timeout=120)
    if expect is not None and result.returncode != expect:
        raise AssertionError(f"parledger {' '.join(arguments)} exited {result.returncode}: {result.stderr}{result.stdout}")
    return result


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Witness(http.server.BaseHTTPRequestHandler):
    """A witness URL: keeps each POSTed note; answers 503 while `failing` is set."""
    notes = []
    failing = False

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
        if Witness.failing:
            self.send_response(503)
            self.end_headers()
            return
        Witness.notes.append(body)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *arguments):
        pass


class ServeCheckpoints(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="parledger-serve-checkpoints-")
        self.store = os.path.join(self.folder, "ledger.sqlite")
        self.authority = os.path.join(self.folder, "authority.key")
        run("key", "new", "--out", self.authority, "--name", "UBND tỉnh", "--unprotected")
        run("init", "--store", self.store, "--ledger-id", "test.example/checkpoints", "--authority-key", self.authority)
        self.witness_folder = os.path.join(self.folder, "witness")
        Witness.notes, Witness.failing = [], True
        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Witness)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.port = free_port()
        self.server = subprocess.Popen(
            [PARLEDGER, "serve", "--store", self.store, "--port", str(self.port), "--log-key", self.authority,
             "--checkpoint-every", "2", "--checkpoint-minutes", "60", "--witness", self.witness_folder,
             "--witness", f"http://127.0.0.1:{self.http.server_address[1]}/checkpoints"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/ledger", timeout=2)
                break
            except Exception:
                time.sleep(0.2)

    def tearDown(self):
        self.server.terminate()
        self.server.wait(timeout=20)
        self.http.shutdown()
        self.http.server_close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def register(self, count):
        for number in range(count):
            key = os.path.join(self.folder, f"auditor-{time.time_ns()}-{number}.key")
            run("key", "new", "--out", key, "--name", f"Kiểm toán {number}", "--unprotected")
            made = run("key", "show", key, "--format", "json")
            public = json.loads(made.stdout)["publicKey"]
            run("key", "register", "--store", self.store, "--as", self.authority, "--public-key", public,
                "--role", "auditor", "--name", f"Kiểm toán {number}")

    def wait_for(self, condition, what, seconds=40):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if condition():
                return
            time.sleep(0.5)
        self.fail(f"waited {seconds} s for {what}")

    def size(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/ledger", timeout=5) as answer:
            return json.load(answer)["size"]

    def folder_sizes(self):
        if not os.path.isdir(self.witness_folder):
            return []
        return sorted(int(name[len("checkpoint-"):-len(".txt")]) for name in os.listdir(self.witness_folder)
                      if name.startswith("checkpoint-") and name.endswith(".txt"))

    def test_checkpoints_reach_every_witness_and_catch_a_lost_tail(self):
        self.register(3)
        size = self.size()
        self.wait_for(lambda: size in self.folder_sizes(), f"a checkpoint of {size} entries in the witness folder")
        self.assertEqual(Witness.notes, [], "the failing witness URL took nothing")
        Witness.failing = False
        self.register(2)
        size = self.size()
        self.wait_for(lambda: any(note.split("\n")[1] == str(size) for note in Witness.notes),
                      f"the witness URL to be given the checkpoint of {size} entries (after it failed before)")
        with open(os.path.join(self.witness_folder, f"checkpoint-{size:012d}.txt"), encoding="utf-8") as handle:
            kept = handle.read()
        self.assertIn(kept, Witness.notes, "both witnesses hold the same signed note")
        self.assertTrue(kept.startswith(f"test.example/checkpoints\n{size}\n"))
        verified = run("verify", "--store", self.store, "--witness-dir", self.witness_folder)
        self.assertIn(f"{size} entries", verified.stdout)

        # A lost tail: the ledger cut back by hand below the witnessed size.
        self.server.terminate()
        self.server.wait(timeout=20)
        subprocess.run(["sqlite3", self.store, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True, capture_output=True)
        copy = os.path.join(self.folder, "cut.sqlite")
        shutil.copy(self.store, copy)
        tables = subprocess.run(["sqlite3", copy, "SELECT name FROM sqlite_master WHERE type='trigger'"],
                                check=True, capture_output=True, text=True).stdout.split()
        statements = [f"DROP TRIGGER {name};" for name in tables] + [f"DELETE FROM entries WHERE seq >= {size - 2};"]
        subprocess.run(["sqlite3", copy, " ".join(statements)], check=True, capture_output=True)
        cut = run("verify", "--store", copy, "--witness-dir", self.witness_folder, expect=1)
        self.assertIn("truncated", cut.stdout + cut.stderr)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
