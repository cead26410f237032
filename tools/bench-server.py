#!/usr/bin/env python3
"""The server under mixed load and behind a held write lock (tools/PERFORMANCE.md §6).

On a ledger from `parledger-bench scenario` (the demo's campaign through round 1, four units
reopened, a new officer key file for each, and an auditor's key file), against `parledger serve`
(release build). Before publication only the council, the secretariat, the authority and auditors
may read the standings and every unit's history (events/PROCESS.md §7), so the reads below are the
auditor's, with a session of their own:

1. Mixed load. `GET /api/standings` is probed on one connection every 20 ms, first with no other
   load, then while 4 writers append signed self-scores through `POST /api/statements` (each with
   its own session, one request after the other) and 16 clients ask for unit histories as of
   ever-different sizes (`GET /api/units/{unit}/history?atSeq=N`, each an uncached fold).
   Target: the probe's p99 under that load is at most 3 x its p99 alone.
2. Lock. While another process (the sqlite3 shell, in BEGIN IMMEDIATE) holds SQLite's write lock
   and 4 appends wait for it, `GET /api/ledger` answers in under 50 ms.

The probe runs in a process of its own, so the load's Python does not delay its timings; the
clients speak HTTP/1.1 over asyncio streams (no library beyond the cryptography package).

Usage: tools/bench-server.py [--seconds 15] [--no-build]
"""
import argparse
import asyncio
import base64
import datetime
import importlib.util
import json
import math
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = os.path.join(ROOT, ".build", "release")
PROBE_INTERVAL = 0.020


def verifier():
    """tools/verify-ledger.py as a module: its canonical JSON and signing message (FORMAT.md §2, §5)."""
    spec = importlib.util.spec_from_file_location("verify_ledger", os.path.join(ROOT, "tools", "verify-ledger.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["verify_ledger"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


FORMAT = verifier()


def stamp(moment=None):
    moment = moment or datetime.datetime.now(datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, fraction):
    """By nearest rank: the smallest value that at least `fraction` of the values do not exceed."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered), max(1, math.ceil(len(ordered) * fraction))) - 1]


def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"


class Key:
    """A parledger key file (parledger-key/v1): its id and the private key its seed makes."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
        self.key_id = data["keyId"]
        self.private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(data["seed"]))

    def sign(self, message):
        return self.private.sign(message)


class Connection:
    """One keep-alive HTTP/1.1 connection over asyncio streams."""

    def __init__(self, port):
        self.port = port
        self.reader = self.writer = None

    async def request(self, method, path, body=None, headers=None):
        """Sends one request and reads its answer. A kept-alive connection the server has closed
        meanwhile (it cuts one whose next request does not come within 10 s) is opened again and
        the request sent once more, as browsers do: every request here may be repeated (a batch
        of statements is appended once, whatever the number of times it is posted)."""
        reused = self.writer is not None
        try:
            return await self.exchange(method, path, body, headers)
        except (ConnectionError, asyncio.IncompleteReadError):
            if not reused:
                raise
            await self.close()
            return await self.exchange(method, path, body, headers)

    async def exchange(self, method, path, body, headers):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}")
        if body is not None:
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b""))
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("the server closed the connection")
        status = int(status_line.split()[1])
        length, chunked, close = None, False, False
        while True:
            line = (await self.reader.readline()).decode("latin-1").strip()
            if not line:
                break
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value == "close":
                close = True
        if chunked:
            data = b""
            while True:
                size = int((await self.reader.readline()).strip(), 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                data += chunk[:-2]
        else:
            data = await self.reader.readexactly(length or 0)
        if close:
            await self.close()
        return status, data

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


async def sign_in(connection, key):
    """A session of `key` (POST /api/session/challenge, then the signed challenge): its bearer token."""
    status, body = await connection.request(
        "POST", "/api/session/challenge", json.dumps({"keyId": key.key_id}).encode())
    if status != 200:
        raise SystemExit(f"no challenge: {status} {body[:300]}")
    challenge = json.loads(body)
    signature = key.sign(challenge["message"].encode())
    status, body = await connection.request("POST", "/api/session", json.dumps({
        "keyId": key.key_id, "challenge": challenge["challenge"],
        "signature": base64.b64encode(signature).decode()}).encode())
    if status != 201:
        raise SystemExit(f"sign-in failed: {status} {body[:300]}")
    return json.loads(body)["token"]


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


class Writer:
    """A unit officer appending self-scores through the API with a session of their key."""

    def __init__(self, port, ledger_id, spec):
        self.connection = Connection(port)
        self.ledger_id = ledger_id
        self.key = Key(spec["key"])
        self.unit = spec["unit"]
        self.leaves = spec["leaves"]
        self.count = 0
        self.token = None
        self.latencies = []
        self.failures = []

    async def sign_in(self):
        self.token = await sign_in(self.connection, self.key)

    def statement(self):
        leaf = self.leaves[self.count % len(self.leaves)]
        self.count += 1
        statement = {
            "actor": self.key.key_id, "claimedAt": stamp(), "ledger": self.ledger_id,
            "payload": {"unit": self.unit, "leaf": leaf["leaf"], "points": leaf["points"],
                        "note": f"Đo tải {self.count}"},
            "statementId": str(uuid.uuid4()), "type": "selfScore.recorded/v1",
        }
        signature = self.key.sign(FORMAT.signing_message(FORMAT.canonicalize(statement)))
        return json.dumps({"statements": [{"statement": statement, "signature": base64.b64encode(signature).decode()}]},
                          ensure_ascii=False).encode()

    async def append(self):
        body = self.statement()
        started = time.perf_counter()
        status, answer = await self.connection.request(
            "POST", "/api/statements", body, {"Authorization": f"Bearer {self.token}"})
        self.latencies.append(time.perf_counter() - started)
        if status != 201:
            self.failures.append(f"{status} {answer[:200]}")
        return status

    async def run_until(self, deadline):
        while time.monotonic() < deadline:
            await self.append()


async def history_client(port, token, queries, deadline, latencies, failures):
    """Asks for unit histories as of sizes no one asked for before, one after the other."""
    connection = Connection(port)
    while time.monotonic() < deadline and queries:
        unit, size = queries.pop()
        started = time.perf_counter()
        status, body = await connection.request("GET", f"/api/units/{unit}/history?atSeq={size}", headers=bearer(token))
        latencies.append(time.perf_counter() - started)
        if status != 200:
            failures.append(f"{status} {body[:200]}")
    await connection.close()


def probe(port, seconds, token):
    """`GET /api/standings` every PROBE_INTERVAL on one keep-alive connection; prints the latencies."""
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies, failures = [], 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        connection.request("GET", "/api/standings", headers=bearer(token))
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - started)
        failures += response.status != 200
        time.sleep(max(0.0, PROBE_INTERVAL - (time.perf_counter() - started)))
    print(json.dumps({"latencies": latencies, "failures": failures}))


def start_probe(port, seconds, token):
    return subprocess.Popen([sys.executable, __file__, "--probe", str(port), str(seconds), token],
                            stdout=subprocess.PIPE)


def probe_result(process):
    output, _ = process.communicate(timeout=120)
    return json.loads(output)


def get(port, path, token=None):
    started = time.perf_counter()
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=bearer(token) if token else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
    return time.perf_counter() - started, body


async def mixed_load(port, token, scenario, writers, seconds):
    size = scenario["entries"]
    queries = [(unit, n) for unit in scenario["units"] for n in range(100, size)]
    random.Random(14).shuffle(queries)
    history_latencies, history_failures = [], []
    # The load starts with the probe and ends a second after it, so it covers every probe.
    prober = start_probe(port, seconds, token)
    deadline = time.monotonic() + seconds + 1
    tasks = [asyncio.create_task(writer.run_until(deadline)) for writer in writers]
    tasks += [asyncio.create_task(history_client(port, token, queries, deadline, history_latencies, history_failures))
              for _ in range(16)]
    await asyncio.gather(*tasks)
    loaded = await asyncio.get_running_loop().run_in_executor(None, probe_result, prober)
    return loaded, history_latencies, history_failures


async def lock_test(port, token, ledger, writers):
    """Holds the write lock in the sqlite3 shell while 4 appends wait; times GET /api/ledger."""
    shell = subprocess.Popen(["sqlite3", ledger], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    shell.stdin.write(".timeout 10000\nBEGIN IMMEDIATE;\nSELECT 'locked';\n")
    shell.stdin.flush()
    if shell.stdout.readline().strip() != "locked":
        raise SystemExit("the sqlite3 shell did not take the write lock")
    for writer in writers:
        writer.latencies.clear()
    appends = [asyncio.create_task(writer.append()) for writer in writers]
    await asyncio.sleep(0.5)
    waiting = sum(not task.done() for task in appends)
    reads = []
    connection = Connection(port)
    for _ in range(20):
        started = time.perf_counter()
        status, _ = await connection.request("GET", "/api/ledger")
        reads.append(time.perf_counter() - started)
        if status != 200:
            raise SystemExit(f"GET /api/ledger answered {status} while the lock was held")
        await asyncio.sleep(0.02)
    standings_started = time.perf_counter()
    status, _ = await connection.request("GET", "/api/standings", headers=bearer(token))
    standings = time.perf_counter() - standings_started
    if status != 200:
        raise SystemExit(f"GET /api/standings answered {status} while the lock was held")
    await connection.close()
    held = time.perf_counter()
    shell.stdin.write("COMMIT;\n.quit\n")
    shell.stdin.flush()
    shell.wait(timeout=10)
    statuses = await asyncio.gather(*appends)
    return waiting, reads, standings, statuses, time.perf_counter() - held


async def run(port, scenario, seconds):
    writers = [Writer(port, scenario["ledgerId"], spec) for spec in scenario["writers"]]
    for writer in writers:
        await writer.sign_in()
    # Before publication the standings and histories are read by the council, the secretariat,
    # the authority and auditors only: the reads are an auditor's.
    connection = Connection(port)
    token = await sign_in(connection, Key(scenario["reader"]["key"]))
    await connection.close()
    # The first answer of each read is computed; the probe alone then sees kept answers.
    first, _ = get(port, "/api/standings", token)
    alone = await asyncio.get_running_loop().run_in_executor(None, probe_result, start_probe(port, seconds, token))
    loaded, history, history_failures = await mixed_load(port, token, scenario, writers, seconds)
    appends = [latency for writer in writers for latency in writer.latencies]
    append_failures = [failure for writer in writers for failure in writer.failures]
    lock = await lock_test(port, token, scenario["ledger"], writers)
    return first, alone, loaded, history, history_failures, appends, append_failures, lock


def report(scenario, seconds, first, alone, loaded, history, history_failures, appends, append_failures, lock):
    alone_p99 = percentile(alone["latencies"], 0.99)
    loaded_p99 = percentile(loaded["latencies"], 0.99)
    ratio = loaded_p99 / alone_p99
    print(f"# tools/bench-server.py — {os.cpu_count()} cores, {scenario['entries']} entries at the start, "
          f"{seconds} s per phase")
    print()
    print(f"First `GET /api/standings` (computed): {ms(first)}.")
    print()
    print("| `GET /api/standings`, one request every 20 ms | requests | p50 | p99 | max | failures |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, result in [("alone", alone), ("with 4 writers and 16 history clients", loaded)]:
        values = result["latencies"]
        print(f"| {name} | {len(values)} | {ms(percentile(values, 0.5))} | {ms(percentile(values, 0.99))} "
              f"| {ms(max(values))} | {result['failures']} |")
    print()
    print("| the load | requests | per second | p50 | p99 | failures |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, values, failures in [("`POST /api/statements` (4 writers)", appends, append_failures),
                                   ("`GET /api/units/{unit}/history?atSeq=N` (16 clients)", history, history_failures)]:
        print(f"| {name} | {len(values)} | {len(values) / seconds:.0f} | {ms(percentile(values, 0.5))} "
              f"| {ms(percentile(values, 0.99))} | {len(failures)} |")
    for failure in (append_failures + history_failures)[:3]:
        print(f"  failure: {failure}")
    print()
    verdict = "met" if ratio <= 3 else "NOT met"
    print(f"Mixed load: p99 {ms(loaded_p99)} under load ÷ {ms(alone_p99)} alone = {ratio:.2f} × "
          f"(target ≤ 3 ×: {verdict}).")
    waiting, reads, standings, statuses, drained = lock
    worst = max(reads)
    verdict = "met" if worst < 0.050 else "NOT met"
    print(f"Lock: with the sqlite3 shell in BEGIN IMMEDIATE and {waiting} of 4 appends waiting, 20 × `GET /api/ledger`: "
          f"first {ms(reads[0])}, p50 {ms(percentile(reads, 0.5))}, max {ms(worst)} (target < 50 ms: {verdict}; "
          f"{worst / 0.050:.2f} × the target); `GET /api/standings` meanwhile {ms(standings)}. "
          f"After COMMIT the appends answered {sorted(set(statuses))} within {ms(drained)}.")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=15, help="length of each probe phase")
    parser.add_argument("--no-build", action="store_true", help="use the release build as it is")
    parser.add_argument("--bin", help="the folder of parledger and parledger-bench (a debug build's, say); implies --no-build")
    parser.add_argument("--probe", nargs=3, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.probe:
        probe(int(arguments.probe[0]), float(arguments.probe[1]), arguments.probe[2])
        return
    global RELEASE
    if arguments.bin:
        RELEASE = os.path.abspath(arguments.bin)
    elif not arguments.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "parledger"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run(["swift", "build", "-c", "release", "--product", "parledger-bench"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([os.path.join(RELEASE, "parledger-bench"), "scenario", "--dir", os.path.join(folder, "s"),
                        "--ledger", "demo", "--writers", "4"], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(folder, "s", "scenario.json"), encoding="utf-8") as file:
            scenario = json.load(file)
        port = free_port()
        server = subprocess.Popen([os.path.join(RELEASE, "parledger"), "serve", "--store", scenario["ledger"],
                                   "--port", str(port)], stdout=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    get(port, "/api/ledger")
                    break
                except OSError:
                    time.sleep(0.1)
            results = asyncio.run(run(port, scenario, arguments.seconds))
        finally:
            server.terminate()
            server.wait(timeout=10)
        report(scenario, arguments.seconds, *results)


if __name__ == "__main__":
    main()
