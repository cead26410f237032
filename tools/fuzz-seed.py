#!/usr/bin/env python3
"""Write the fuzz seeds of tools/fuzz from events/vectors/ into a folder (libFuzzer's corpus layout).

Usage:
    python3 tools/fuzz-seed.py OUT_DIR [DICTIONARY]

Every seed is one input of Sources/parledger-fuzz: its first byte chooses the target (FuzzTarget:
0 canonical JSON, 1 entry bytes, 2 signed note, 3 proof file, 4 payload), and a payload's second
byte chooses its event type (PayloadProperties.types: the appraisal kinds in the order of
AppraisalEvent.Kind, then the control types). Files are named by the SHA-1 of their bytes, as
libFuzzer names its own, so writing a seed twice is harmless. DICTIONARY, when given, is written as
a libFuzzer dictionary (-dict=) of the vectors' member names and event types, quoted as JSON.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "events" / "vectors"
CONTROL_TYPES = [
    "ledger.genesis/v1",
    "key.registered/v1",
    "key.revoked/v1",
    "ledger.policy.amended/v1",
    "evidence.erased/v1",
]


def event_types() -> list[str]:
    """The payload target's types, in PayloadProperties.types' order."""
    source = (ROOT / "Sources" / "Appraisal" / "Events" / "AppraisalEvent.swift").read_text()
    kind = source[source.index("public enum Kind: String") :]
    kind = kind[: kind.index("\n    }\n")]
    return re.findall(r'case \w+ = "([^"]+)"', kind) + CONTROL_TYPES


def canonical(value: object) -> bytes:
    """Canonical JSON for the vectors' values (ASCII member names sort the same in UTF-16)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def escape(byte: int) -> str:
    """One byte of a libFuzzer dictionary entry."""
    if byte in (0x22, 0x5C):
        return "\\" + chr(byte)
    return chr(byte) if 0x20 <= byte < 0x7F else f"\\x{byte:02X}"


def main() -> None:
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    seeds: list[bytes] = []
    types = event_types()
    tokens: set[str] = {f'"{text}"' for text in types}

    def names(value: object) -> None:
        if isinstance(value, dict):
            for name, member in value.items():
                tokens.add(f'"{name}":')
                names(member)
        elif isinstance(value, list):
            for element in value:
                names(element)

    def payload(type_text: str, body: bytes) -> None:
        if type_text in types:
            seeds.append(bytes([4, types.index(type_text)]) + body)

    corpus = json.loads((VECTORS / "canonical-json.json").read_text())
    for case in corpus["valid"] + corpus["invalid"]:
        seeds.append(b"\x00" + bytes.fromhex(case["inputHex"]))
    for case in json.loads((VECTORS / "statements.json").read_text()):
        seeds.append(b"\x00" + bytes.fromhex(case["statementCanonicalHex"]))
        seeds.append(b"\x01" + bytes.fromhex(case["entryCanonicalHex"]))
        payload(case["statement"]["type"], canonical(case["statement"]["payload"]))
        names(case["entry"])
    for case in json.loads((VECTORS / "payloads.json").read_text())["cases"]:
        payload(case["type"], canonical(case["payload"]))
        names(case["payload"])
    checkpoints = json.loads((VECTORS / "checkpoints.json").read_text())
    for case in checkpoints["valid"] + checkpoints["invalid"]:
        seeds.append(b"\x02" + case["note"].encode())
    for case in json.loads((VECTORS / "proofs.json").read_text()):
        seeds.append(b"\x03" + case["file"].encode())
    for ledger in sorted((VECTORS / "ledgers").iterdir()):
        entries = ledger / "entries.jsonl"
        if entries.exists():
            for line in entries.read_bytes().splitlines():
                seeds.append(b"\x01" + line)
                try:  # a tampered ledger's line need not be JSON, nor an entry
                    statement = json.loads(line)["statement"]
                    payload(statement["type"], canonical(statement["payload"]))
                except (ValueError, KeyError, TypeError):
                    pass
        checkpoint = ledger / "checkpoint"
        if checkpoint.exists():
            seeds.append(b"\x02" + checkpoint.read_bytes())
    for seed in seeds:
        (out / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    print(f"fuzz-seed: {len(set(seeds))} seeds in {out}")
    if len(sys.argv) == 3:
        # A dictionary line is a quoted string of printable ASCII: \\ and \" escaped, and every
        # other byte (the UTF-8 of a Vietnamese name) written as \xNN, as libFuzzer reads it.
        lines = ['"' + "".join(escape(byte) for byte in token.encode()) + '"' for token in sorted(tokens)]
        Path(sys.argv[2]).write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
