#!/usr/bin/env python3
"""`parledger serve` against its own /openapi.json, with schemathesis (PyPI).

The demo ledger (`parledger demo`, a copy: the run may add uploads and refused statements to it)
is served, and schemathesis generates requests for every operation of the document (examples,
boundary values, fuzzing, and the stateful phase through the document's links) three times: with
no session, signed in as the auditor (who reads everything) and as SNV's officer (who reads their
own unit, and is refused much of the rest). Path and query parameters are drawn partly from the
ledger's real values (units, leaves, key ids, entries, blobs, dates, campaigns) so that the reads
answer 200 too, not only their errors. Every answer must pass the checks below: no 5xx,
a status code the operation documents, its content type, and its body valid against the
documented schema. A failure means the document or the server is wrong; schemathesis prints each
with a curl line to reproduce it, and this script ends with a summary and exits 1.

The run is bounded (MAX_EXAMPLES per operation and phase, two workers) and repeatable (SEED, no
example database). The schemathesis package (pinned) and cryptography (to sign in) are installed
with pip when missing.

Usage: tools/schema_test.py [PATH_TO_PARLEDGER]   (default .build/debug/parledger)
       PARLEDGER_DEMO_DIR=DIR reuses a demo folder made by `parledger demo --dir DIR` (its ledger
       is copied, never changed) instead of making one.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from api_client import api_token, get_json  # tools/api_client.py, beside this script

# These scripts stand in for a demonstration: the demo's key files and the keys made here are
# unprotected (no passphrase), which parledger refuses unless told so.
os.environ.setdefault("PARLEDGER_UNPROTECTED", "1")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARLEDGER = os.path.abspath(
    os.environ.get("PARLEDGER_BINARY") or (sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/parledger"))
)

SCHEMATHESIS = "4.32.5"
SEED = 2023
MAX_EXAMPLES = 10
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
# Who schemathesis acts as: a label, the demo key file signed in with (None: no session).
PASSES = [("anonymous", None), ("auditor", "auditor.key"), ("officer-SNV", "officer-SNV.key")]


def ensure_packages():
    try:
        import schemathesis
        present = schemathesis.__version__ == SCHEMATHESIS
    except ImportError:
        present = False
    if not present:
        print(f"tools/schema_test.py: installing schemathesis {SCHEMATHESIS}", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", f"schemathesis=={SCHEMATHESIS}"], check=True)
    try:
        import cryptography.hazmat.primitives.asymmetric.ed25519  # noqa: F401
    except ImportError:
        print("tools/schema_test.py: installing cryptography", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "cryptography"], check=True)


def parledger(*arguments, timeout=600):
    result = subprocess.run([PARLEDGER, *arguments], capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"parledger {' '.join(arguments)} exited {result.returncode}:\n{result.stderr}{result.stdout}")
    return result.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ledger_values(url, token, keys_folder):
    """Real values for the parameters schemathesis fills, read from the served demo ledger."""
    ledger = get_json(url + "/api/ledger")
    campaign = get_json(url + "/api/campaign")
    units = [unit["unit"] for unit in campaign["units"]]
    criteria = get_json(url + f"/api/units/{units[0]}/criteria")
    codes = [node["code"] for node in criteria["nodes"]]
    leaves = [code for code in codes if not any(other.startswith(code + ".") for other in codes)][:10] + codes[:2]
    years = get_json(url + "/api/trend")["years"]
    templates = get_json(url + "/api/survey/templates")["templates"]
    blobs = get_json(url + "/api/export/blobs", token)["blobs"][:5]
    key_ids = []
    for name in ["authority", "secretariat", "chair", "auditor", "clerk", "officer-SNV", "leader-SNV", "appraiser-SNV"]:
        with open(os.path.join(keys_folder, f"{name}.key")) as file:
            key_ids.append(json.load(file)["keyId"])
    with urllib.request.urlopen(url + "/", timeout=30) as page:
        html = page.read().decode("utf-8")
    assets = sorted({part.split('"')[0].split("'")[0] for part in html.split("/assets/")[1:]})
    size = ledger["size"]
    changed = [unit["unit"] for unit in campaign["units"] if "formerNames" in unit or "withdrawn" in unit]
    deadlines = campaign["deadlines"]
    return {
        # A few units of each group, and those a decision renamed or withdrew.
        "unit": sorted(set(units[:4] + units[-3:] + changed)),
        "group": [group["group"] for group in campaign["groups"]],
        "leaf": leaves,
        "campaign": years,
        "keyId": key_ids,
        "seq": [0, 1, size // 3, size // 2, size - 1],
        "size": [1, size // 2, size],
        # A few prefixes: the campaign's deadlines (a date, a time) and a day before the ledger began.
        # Reading the past costs a fold of that prefix (for a reader who does not see everything, on
        # every request), which is most of the run's time: few values keep it short.
        "atSeq": [20, size // 2],
        "moment": [deadlines["selfScoringCloses"][:10], deadlines["round1Closes"], deadlines["round2Closes"][:10],
                   f"{years[0]}-01-01"],
        "sha256": blobs,
        "name": assets,
        "template": [template["template"] for template in templates],
        "version": sorted({template["version"] for template in templates}),
    }


# A read takes asOf or atSeq, not both (400), which parameters of OpenAPI cannot say: most
# generated reads would carry both. This keeps one of them, chosen by atSeq's parity (the same
# choice every run), and both when atSeq is 0, so the 400 is still asked for.
HOOKS = """
import schemathesis


@schemathesis.hook
def map_query(context, query):
    if isinstance(query, dict) and "asOf" in query and "atSeq" in query and query["atSeq"] != 0:
        query = dict(query)
        atSeq = query["atSeq"]
        del query["atSeq" if not isinstance(atSeq, int) or atSeq % 2 == 0 else "asOf"]
    return query
"""


def toml_value(value):
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def write_config(path, values):
    """schemathesis.toml: dictionaries of real values, bound to parameters by name and location."""
    bindings = {
        "path.unit": ("unit", 0.9), "query.unit": ("unit", 0.8), "query.group": ("group", 0.8),
        "path.leaf": ("leaf", 0.9), "query.campaign": ("campaign", 0.8), "path.keyId": ("keyId", 0.8),
        "path.seq": ("seq", 0.8), "query.seq": ("seq", 0.8), "query.size": ("size", 0.8),
        "query.atSeq": ("atSeq", 0.8), "query.asOf": ("moment", 0.8), "path.sha256": ("sha256", 0.8),
        "path.name": ("name", 0.8), "query.template": ("template", 0.9), "query.version": ("version", 0.8),
    }
    lines = [f"hooks = {toml_value(os.path.join(os.path.dirname(path), 'hooks.py'))}", "", "[cache]", "enabled = false", ""]
    for name, entries in sorted(values.items()):
        if entries:
            lines += [f"[dictionaries.{name}]", f"values = {toml_value(entries)}", ""]
    lines.append("[parameters]")
    for parameter, (dictionary, probability) in bindings.items():
        if values.get(dictionary):
            lines.append(f'"{parameter}" = {{ dictionary = "{dictionary}", probability = {probability} }}')
    # `from` and `to` are dates (or years) in /api/diff and tree sizes in /api/proofs/consistency.
    for operation, dictionaries in [("/api/diff", ("moment", "moment")), ("/api/proofs/consistency", ("size", "size"))]:
        lines += ["", "[[operations]]", f'include-path = "{operation}"', "[operations.parameters]"]
        for parameter, dictionary in zip(["query.from", "query.to"], dictionaries):
            lines.append(f'"{parameter}" = {{ dictionary = "{dictionary}", probability = 0.7 }}')
    with open(path, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    with open(os.path.join(os.path.dirname(path), "hooks.py"), "w", encoding="utf-8") as file:
        file.write(HOOKS)


def schemathesis(folder, url, label, token):
    """One schemathesis run; returns its JSON report (None when it wrote none) and exit code."""
    report = os.path.join(folder, f"report-{label}.json")
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", os.path.join(folder, "schemathesis.toml"),
               "run", f"{url}/openapi.json", "--checks", CHECKS, "--max-examples", str(MAX_EXAMPLES),
               "--seed", str(SEED), "--generation-database", "none", "--workers", "2", "--no-color",
               "--continue-on-failure", "--request-timeout", "60", "--warnings", "off",
               "--report", "json", "--report-json-path", report]
    if token:
        # Signing out would end the session the rest of the run reads with.
        command += ["--header", f"Authorization: Bearer {token}", "--exclude-method", "DELETE"]
    print(f"\n== schemathesis as {label}", flush=True)
    started = time.monotonic()
    code = subprocess.run(command, cwd=folder, env={**os.environ, "PYTHONIOENCODING": "utf-8"}).returncode
    print(f"(schemathesis as {label}: exit {code}, {time.monotonic() - started:.0f} s)", flush=True)
    if not os.path.exists(report):
        return None, code
    with open(report, encoding="utf-8") as file:
        return json.load(file), code


def main():
    if not os.access(PARLEDGER, os.X_OK):
        raise SystemExit(f"no parledger binary at {PARLEDGER} (build it, or pass its path)")
    ensure_packages()
    started = time.monotonic()
    folder = tempfile.mkdtemp(prefix="parledger-schema-")
    server = None
    try:
        demo = os.environ.get("PARLEDGER_DEMO_DIR")
        if not demo:
            demo = os.path.join(folder, "demo")
            print("making the demo ledger (parledger demo)", flush=True)
            parledger("demo", "--dir", demo)
        store = os.path.join(folder, "ledger.sqlite")
        shutil.copy(os.path.join(demo, "ledger.sqlite"), store)
        keys = os.path.join(demo, "keys")

        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log = open(os.path.join(folder, "serve.log"), "w+")
        server = subprocess.Popen([PARLEDGER, "serve", "--store", store, "--port", str(port)],
                                  stdout=log, stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                get_json(url + "/api/ledger")
                break
            except (OSError, ValueError):
                if server.poll() is not None:
                    break
                time.sleep(0.1)
        else:
            raise SystemExit("parledger serve did not answer within 30 s")
        if server.poll() is not None:
            log.seek(0)
            raise SystemExit(f"parledger serve exited {server.returncode}:\n{log.read()}")

        tokens = {label: api_token(url, os.path.join(keys, key)) if key else None for label, key in PASSES}
        write_config(os.path.join(folder, "schemathesis.toml"), ledger_values(url, tokens["auditor"], keys))

        problems = []
        for label, _ in PASSES:
            report, code = schemathesis(folder, url, label, tokens[label])
            if report is None:
                problems.append(f"{label}: schemathesis exited {code} without a report")
                continue
            cases = report["test_cases"]
            print(f"{label}: {report['operations']['tested']} operations, {cases['generated']} test cases")
            for failure in report["failures"]:
                problems.append(f"{label}: {failure['code']} {failure['title']} ({failure['count']}): "
                                + ", ".join(failure["operations"]))
            for error in report["errors"]:
                problems.append(f"{label}: error: {json.dumps(error, ensure_ascii=False)[:300]}")
            if code != 0 and not report["failures"] and not report["errors"]:
                problems.append(f"{label}: schemathesis exited {code}")
            if server.poll() is not None:
                problems.append(f"{label}: parledger serve exited {server.returncode} during the run")
                break
        log.flush()
        log.seek(0)
        crashes = [line for line in log.read().splitlines() if "fatal" in line.lower() or "panic" in line.lower()]
        problems += [f"server log: {line}" for line in crashes[:10]]

        print(f"\n== summary ({time.monotonic() - started:.0f} s; checks {CHECKS}; seed {SEED})")
        if problems:
            for problem in problems:
                print(f"FAIL {problem}")
            print("Each failure is printed above with a curl line. A 5xx is the server's bug; an undocumented status,\n"
                  "content type or body is the document's (Sources/Server/OpenAPI/openapi.json) or the server's.")
            return 1
        print("OK: no server error; every status, content type and body as /openapi.json documents it")
        return 0
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
