#!/usr/bin/env python3
"""Generate the deterministic test vectors of events/FORMAT.md into events/vectors/.

Usage:
    python3 tools/gen-vectors.py [OUT_DIR]        (default: events/vectors next to this repo's tools/)

Every input is fixed (keys from fixed seeds, fixed timestamps, fixed UUIDs; Ed25519 signatures are
deterministic), so re-running reproduces byte-identical files. Written:

    canonical-json.json   valid/invalid canonical JSON inputs (FORMAT.md §2)
    ed25519.json          RFC 8032 §7.1 TEST 1, with the format's public key and key id spellings
    statements.json       statements, DSSE signing messages, entries and entry hashes (§4-§6)
    merkle.json           RFC 9162 roots, inclusion and consistency proofs for sizes 1..64 (§7)
    checkpoints.json      signed checkpoint notes with cosignatures (§12)
    payloads.json         appraisal event payloads and their verdicts (events/CATALOG.md; built by
                          tools/payload_vectors.py, checked against events/schemas/ by tools/test_catalog.py)
    ledgers/              a valid export and tampered copies, with ledgers/cases.json (§10, §11, §14)

The expected values written here are cross-checked against hand-written literals (RFC examples)
and against tools/verify-ledger.py, whose functions this script reuses for canonical bytes.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import os
import shutil
import sys
import unicodedata
import uuid
from typing import Any, Optional

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

HERE = os.path.dirname(os.path.abspath(__file__))


def _load_verifier():
    sys.dont_write_bytecode = True          # keep tools/ free of __pycache__
    spec = importlib.util.spec_from_file_location("verify_ledger", os.path.join(HERE, "verify-ledger.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["verify_ledger"] = module
    spec.loader.exec_module(module)
    return module


vl = _load_verifier()
canonicalize = vl.canonicalize


def _load_payload_vectors():
    spec = importlib.util.spec_from_file_location("payload_vectors", os.path.join(HERE, "payload_vectors.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


payload_vectors = _load_payload_vectors().payload_vectors


# ---------------------------------------------------------------------------------------------
# Output helpers
# ---------------------------------------------------------------------------------------------

def _dump(value: Any, indent: int = 0) -> str:
    """JSON, indented by 2, with arrays of scalars on one line (compact and diff-friendly)."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_dump(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
        return "[\n" + ",\n".join(inner + _dump(v, indent + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def write_json(path: str, value: Any) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(_dump(value) + "\n")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# ---------------------------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------------------------

RFC8032_TEST1_SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC8032_TEST1_PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
RFC8032_TEST1_SIGNATURE = bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")


class Signer:
    def __init__(self, seed: bytes):
        self.seed = seed
        self.private = Ed25519PrivateKey.from_private_bytes(seed)
        self.public = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.key_id = vl.key_id(self.public)
        self.public_key = vl.encode_public_key(self.public)

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)

    def sign_statement(self, statement: dict) -> str:
        return b64(self.sign(vl.signing_message(canonicalize(statement))))


def seeded(label: str) -> Signer:
    return Signer(hashlib.sha256(b"parledger test vectors, key: " + label.encode()).digest())


def fixed_uuid(label: str) -> str:
    return str(uuid.UUID(bytes=hashlib.sha256(b"parledger test vectors, statement: " + label.encode()).digest()[:16],
                         version=4))


def timestamp(minutes: int, seconds: int = 0) -> str:
    """2023-10-16T08:00:00.000Z plus an offset (kept within one day)."""
    total = 8 * 3600 + minutes * 60 + seconds
    return f"2023-10-16T{total // 3600:02d}:{total // 60 % 60:02d}:{total % 60:02d}.000Z"


def nfc(text: str) -> str:
    assert unicodedata.is_normalized("NFC", text)
    return text


# ---------------------------------------------------------------------------------------------
# a. canonical-json.json
# ---------------------------------------------------------------------------------------------

RFC8785_SORTING_INPUT = (
    '{\n'
    '  "\\u20ac": "Euro Sign",\n'
    '  "\\r": "Carriage Return",\n'
    '  "\\ufb33": "Hebrew Letter Dalet With Dagesh",\n'
    '  "1": "One",\n'
    '  "\\ud83d\\ude00": "Emoji: Grinning Face",\n'
    '  "\\u0080": "Control",\n'
    '  "\\u00f6": "Latin Small Letter O With Diaeresis"\n'
    '}\n')
RFC8785_PRIMITIVES_INPUT = (
    '{\n'
    '  "numbers": [333333333.33333329, 1E30, 4.50,\n'
    '              2e-3, 0.000000000000000000000000001],\n'
    '  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n'
    '  "literals": [null, true, false]\n'
    '}\n')


def canonical_json_vectors() -> dict:
    e = lambda s: s.encode("utf-8")  # noqa: E731
    nested_64 = "[" * 64 + "]" * 64
    nested_65 = "[" * 65 + "]" * 65
    # The RFC 8785 §3.2.3 sorting example uses U+FB33, which is not NFC (it is a composition
    # exclusion: NFC maps it to U+05D3 U+05BC). The valid variant uses U+FB01 instead, which is NFC
    # and still sorts after U+1F600 in UTF-16 order (but before it in UTF-8 byte order).
    sorting_nfc_input = RFC8785_SORTING_INPUT.replace("\\ufb33", "\\ufb01").replace(
        "Hebrew Letter Dalet With Dagesh", "Latin Small Ligature Fi")
    primitives_without_numbers = RFC8785_PRIMITIVES_INPUT.replace(
        '  "numbers": [333333333.33333329, 1E30, 4.50,\n'
        '              2e-3, 0.000000000000000000000000001],\n', "")
    vietnamese = nfc("Nguyễn Văn A")
    vietnamese_nfd = unicodedata.normalize("NFD", vietnamese)
    assert vietnamese_nfd != vietnamese

    valid = [
        ("rfc8785-sorting-utf16-nfc-variant", e(sorting_nfc_input),
         e('{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",'
           '"\u20ac":"Euro Sign","\U0001F600":"Emoji: Grinning Face","\ufb01":"Latin Small Ligature Fi"}')),
        ("rfc8785-primitives-without-numbers", e(primitives_without_numbers),
         e('{"literals":[null,true,false],"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}')),
        ("vietnamese-nfc-unchanged", e('{"note":"' + vietnamese + '"}'), e('{"note":"' + vietnamese + '"}')),
        ("vietnamese-nfc-escaped", e('{"note":"Nguy\\u1ec5n V\\u0103n A"}'), e('{"note":"' + vietnamese + '"}')),
        ("whitespace-between-tokens", e(' {\r\n\t"b" : 1 ,\n  "a" : [ true , false , null ] } \n'),
         e('{"a":[true,false,null],"b":1}')),
        ("key-reordering", e('{"z":1,"a":2,"m":3}'), e('{"a":2,"m":3,"z":1}')),
        ("key-prefix-order", e('{"ab":1,"a":2,"":3,"B":4}'), e('{"":3,"B":4,"a":2,"ab":1}')),
        ("key-order-after-unescaping", e('{"\\u0062":1,"a":2}'), e('{"a":2,"b":1}')),
        ("utf16-order-supplementary-before-private-use", e('{"\ue000":1,"\U0001F600":2}'),
         e('{"\U0001F600":2,"\ue000":1}')),
        ("escaped-non-ascii-to-raw-utf8", e('"\\u00e9\\u00E9"'), e('"\u00e9\u00e9"')),
        ("escaped-solidus", e('"a\\/b"'), e('"a/b"')),
        ("control-characters-lowercase-hex", e('"\\u0001\\u001F\\u0000\\u000B"'), e('"\\u0001\\u001f\\u0000\\u000b"')),
        ("short-escapes", e('"\\u0008\\u0009\\u000A\\u000c\\u000D"'), e('"\\b\\t\\n\\f\\r"')),
        ("short-escapes-kept", e('"\\b\\t\\n\\f\\r"'), e('"\\b\\t\\n\\f\\r"')),
        ("quote-and-backslash", e('"\\u0022\\u005c"'), e('"\\"\\\\"')),
        ("delete-and-line-separator-raw", e('"\\u007f\\u2028\\u2029"'), e('"\x7f\u2028\u2029"')),
        ("surrogate-pair-escape", e('"\\ud83d\\ude00"'), e('"\U0001F600"')),
        ("nested-objects-and-arrays", e('{"b":{"d":[1,{"f":null,"e":[]}],"c":{}},"a":[[[]]]}'),
         e('{"a":[[[]]],"b":{"c":{},"d":[1,{"e":[],"f":null}]}}')),
        ("integers", e('[0, -1, 9007199254740991, -9007199254740991]'),
         e('[0,-1,9007199254740991,-9007199254740991]')),
        ("empty-containers", e('{"a":{},"b":[],"c":""}'), e('{"a":{},"b":[],"c":""}')),
        ("top-level-scalar", e('  true  '), e('true')),
        ("top-level-string", e('"x"'), e('"x"')),
        ("nesting-depth-64", e(nested_64), e(nested_64)),
        ("raw-non-ascii-kept", e('{"đ":"Hội đồng","ñ":"\U0001F4C4"}'), e('{"ñ":"\U0001F4C4","đ":"Hội đồng"}')),
    ]
    invalid = [
        ("rfc8785-primitives-with-float-numbers", e(RFC8785_PRIMITIVES_INPUT), "float"),
        ("rfc8785-sorting-example-u+fb33-not-nfc", e(RFC8785_SORTING_INPUT), "nfc"),
        ("vietnamese-nfd-value", e('{"note":"' + vietnamese_nfd + '"}'), "nfc"),
        ("nfd-member-name", e('{"' + unicodedata.normalize("NFD", "é") + '":1}'), "nfc"),
        ("nfd-via-escapes", e('"e\\u0301"'), "nfc"),
        ("integer-2^53", e('9007199254740992'), "range"),
        ("integer-minus-2^53", e('[-9007199254740992]'), "range"),
        ("integer-huge", e('{"a":123456789012345678901234567890}'), "range"),
        ("fraction-1.0", e('1.0'), "float"),
        ("exponent-1e2", e('1e2'), "float"),
        ("exponent-1E+2", e('[1E+2]'), "float"),
        ("minus-zero", e('-0'), "float"),
        ("minus-zero-in-object", e('{"a":-0}'), "float"),
        ("duplicate-keys", e('{"a":1,"a":2}'), "duplicate"),
        ("duplicate-after-unescaping", e('{"a":1,"\\u0061":2}'), "duplicate"),
        ("duplicate-nested", e('{"x":{"b":1,"c":2,"b":3}}'), "duplicate"),
        ("lone-high-surrogate", e('"\\ud83d"'), "surrogate"),
        ("high-surrogate-then-char", e('"\\ud83dx"'), "surrogate"),
        ("lone-low-surrogate", e('"\\ude00"'), "surrogate"),
        ("two-high-surrogates", e('"\\ud83d\\ud83d"'), "surrogate"),
        ("reversed-surrogate-pair", e('"\\ude00\\ud83d"'), "surrogate"),
        ("invalid-utf8-byte", b'"\xff"', "utf8"),
        ("truncated-utf8-sequence", b'"\xc3"', "utf8"),
        ("overlong-utf8", b'"\xc0\xaf"', "utf8"),
        ("utf8-encoded-surrogate", b'"\xed\xa0\x80"', "utf8"),
        ("byte-order-mark", b'\xef\xbb\xbf{}', "utf8"),
        ("trailing-comma-object", e('{"a":1,}'), "syntax"),
        ("trailing-comma-array", e('[1,]'), "syntax"),
        ("block-comment", e('{"a":1 /* c */}'), "syntax"),
        ("line-comment", e('// c\n{}'), "syntax"),
        ("single-quotes", e("{'a':1}"), "syntax"),
        ("raw-control-char-in-string", e('"a\x01b"'), "syntax"),
        ("raw-newline-in-string", e('"a\nb"'), "syntax"),
        ("raw-tab-in-string", e('"a\tb"'), "syntax"),
        ("nesting-depth-65", e(nested_65), "syntax"),
        ("text-after-value", e('{} {}'), "syntax"),
        ("leading-zero", e('[01]'), "syntax"),
        ("plus-sign", e('+1'), "syntax"),
        ("empty-input", b'', "syntax"),
        ("only-whitespace", e(' \n'), "syntax"),
        ("nan", e('NaN'), "syntax"),
        ("invalid-escape", e('"\\x41"'), "syntax"),
        ("short-unicode-escape", e('"\\u00e"'), "syntax"),
        ("capitalised-literal", e('True'), "syntax"),
        ("unquoted-member-name", e('{a:1}'), "syntax"),
        ("missing-colon", e('{"a" 1}'), "syntax"),
        ("unterminated-string", e('"abc'), "syntax"),
        ("fraction-without-digits", e('1.'), "syntax"),
    ]

    out_valid, out_invalid = [], []
    names = set()
    for name, data, expected in valid:
        assert name not in names
        names.add(name)
        got = vl.canonicalize_bytes(data)
        assert got == expected, (name, got, expected)
        assert vl.canonicalize_bytes(expected) == expected, name  # canonical is a fixed point
        out_valid.append({"name": name, "inputHex": data.hex(), "canonicalHex": expected.hex()})
    for name, data, reason in invalid:
        assert name not in names
        names.add(name)
        try:
            vl.canonicalize_bytes(data)
        except vl.CanonicalJSONError as error:
            assert error.reason == reason, (name, error.reason, reason)
        else:
            raise AssertionError(f"{name} was accepted")
        out_invalid.append({"name": name, "inputHex": data.hex(), "reason": reason})
    assert len(out_valid) >= 20 and len(out_invalid) >= 20
    return {"valid": out_valid, "invalid": out_invalid}


# ---------------------------------------------------------------------------------------------
# b. ed25519.json
# ---------------------------------------------------------------------------------------------

def ed25519_vector() -> dict:
    signer = Signer(RFC8032_TEST1_SEED)
    assert signer.public == RFC8032_TEST1_PUBLIC
    signature = signer.sign(b"")
    assert signature == RFC8032_TEST1_SIGNATURE
    assert vl.ed25519_verify(signer.public, signature, b"")
    return {
        "seedHex": RFC8032_TEST1_SEED.hex(),
        "publicKeyHex": signer.public.hex(),
        "messageHex": "",
        "signatureHex": signature.hex(),
        "publicKey": signer.public_key,
        "keyId": signer.key_id,
    }


# ---------------------------------------------------------------------------------------------
# Ledger building
# ---------------------------------------------------------------------------------------------

LEDGER_ID = "travinh.gov.vn/par/2023"


def make_statement(signer: Signer, event_type: str, payload: dict, label: str, claimed_at: str,
                   ledger: str = LEDGER_ID) -> dict:
    return {"actor": signer.key_id, "claimedAt": claimed_at, "ledger": ledger, "payload": payload,
            "statementId": fixed_uuid(label), "type": event_type}


def make_entry(statement: dict, signature: str, recorded_at: str, seq: int = 0, prev: str = vl.ZERO_HASH) -> dict:
    return {"prev": prev, "recordedAt": recorded_at, "seq": seq, "signature": signature, "statement": statement}


def entry_hash(entry: dict) -> str:
    return vl.leaf_hash(canonicalize(entry)).hex()


def rechain(entries: list[dict], start: int = 0) -> list[dict]:
    """Renumber seq and relink prev from `start` on (neither is signed, so no re-signing is needed)."""
    entries = [dict(e) for e in entries]
    for i in range(start, len(entries)):
        entries[i]["seq"] = i
        entries[i]["prev"] = entry_hash(entries[i - 1]) if i else vl.ZERO_HASH
    return entries


def key_payload(signer: Signer, name: str, role: str, unit: Optional[str] = None) -> dict:
    payload = {"keyId": signer.key_id, "name": nfc(name), "publicKey": signer.public_key, "role": role}
    if unit is not None:
        payload["unit"] = unit
    return payload


def blob_ref(data: bytes, **extra) -> dict:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), **extra}


def make_checkpoint(origin: str, size: int, root: bytes, log_signers: list[Signer],
                    cosigners: list[tuple[Signer, int]] = (), body_extra: str = "") -> bytes:
    text = f"{origin}\n{size}\n{b64(root)}\n{body_extra}".encode("utf-8")
    lines = []
    for signer in log_signers:
        key_id = vl.note_key_id(origin, 0x01, signer.public)
        lines.append(f"\u2014 {origin} {b64(key_id + signer.sign(text))}\n")
    for signer, ts in cosigners:
        key_id = vl.note_key_id(signer.key_id, 0x04, signer.public)
        message = b"cosignature/v1\ntime %d\n" % ts + text
        lines.append(f"\u2014 {signer.key_id} {b64(key_id + ts.to_bytes(8, 'big') + signer.sign(message))}\n")
    return text + b"\n" + "".join(lines).encode("utf-8")


def flip_signature_byte(note: bytes, line_index: int, byte_index: int) -> bytes:
    """Flip one bit of byte `byte_index` of the decoded base64 of signature line `line_index`."""
    text, block = note.split(b"\n\n")
    lines = block.decode("utf-8").split("\n")
    dash, name, encoded = lines[line_index].split(" ")
    raw = bytearray(base64.b64decode(encoded))
    raw[byte_index] ^= 0x01
    lines[line_index] = f"{dash} {name} {b64(bytes(raw))}"
    return text + b"\n\n" + "\n".join(lines).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# c. statements.json
# ---------------------------------------------------------------------------------------------

AUTHORITY = Signer(RFC8032_TEST1_SEED)
SECRETARIAT = seeded("secretariat")
UNIT_OFFICER = seeded("unit officer STP")
COUNCIL_CHAIR = seeded("council chair")
UNIT_OFFICER_2 = seeded("unit officer SYT")
OUTSIDER = seeded("outsider")

POLICY = {
    "note.recorded/v1": ["secretariat", "unitOfficer"],
    "evidence.attached/v1": ["unitOfficer"],
    "selfScore.recorded/v1": ["unitOfficer"],
}

BLOB_MINUTES = "Biên bản họp Hội đồng thẩm định Chỉ số PAR INDEX 2023\n".encode("utf-8") * 3
BLOB_ERASED = b"%PDF-1.4\n% scanned personal document, erased under a data-protection order\n"


def genesis_statement(label: str = "genesis") -> dict:
    return make_statement(AUTHORITY, vl.GENESIS, {
        "authority": {"keyId": AUTHORITY.key_id, "name": nfc("Sở Nội vụ tỉnh Trà Vinh"),
                      "publicKey": AUTHORITY.public_key},
        "policy": POLICY,
    }, label, timestamp(0))


def statement_vectors() -> list[dict]:
    chain = [
        ("genesis", AUTHORITY, genesis_statement("statements/genesis"), timestamp(0, 1)),
        ("key-registration", AUTHORITY, make_statement(
            AUTHORITY, vl.KEY_REGISTERED, key_payload(SECRETARIAT, "Văn phòng Hội đồng", "secretariat"),
            "statements/register-secretariat", timestamp(1)), timestamp(1, 2)),
        ("domain-event-vietnamese-blob", SECRETARIAT, make_statement(
            SECRETARIAT, "note.recorded/v1",
            {"blob": blob_ref(BLOB_MINUTES, mediaType="text/plain"),
             "note": nfc("Nguyễn Văn A đã nộp biên bản họp Hội đồng thẩm định")},
            "statements/note", timestamp(2)), timestamp(2, 3)),
    ]
    out, prev = [], vl.ZERO_HASH
    for seq, (name, signer, statement, recorded_at) in enumerate(chain):
        statement_bytes = canonicalize(statement)
        message = vl.signing_message(statement_bytes)
        assert message.startswith(b"DSSEv1 50 application/vnd.parledger.statement+json;version=1 ")
        assert message == b"DSSEv1 50 application/vnd.parledger.statement+json;version=1 %d " % len(
            statement_bytes) + statement_bytes
        signature = b64(signer.sign(message))
        entry = make_entry(statement, signature, recorded_at, seq, prev)
        entry_bytes = canonicalize(entry)
        digest = hashlib.sha256(b"\x00" + entry_bytes).hexdigest()
        out.append({
            "name": name,
            "signerSeedHex": signer.seed.hex(),
            "statement": statement,
            "statementCanonicalHex": statement_bytes.hex(),
            "signingMessageHex": message.hex(),
            "signature": signature,
            "entry": entry,
            "entryCanonicalHex": entry_bytes.hex(),
            "entryHash": digest,
        })
        prev = digest
    # The chain is itself a valid ledger.
    ledger = vl.Ledger()
    for item in out:
        ledger.append(bytes.fromhex(item["entryCanonicalHex"]))
    return out


# ---------------------------------------------------------------------------------------------
# d. merkle.json
# ---------------------------------------------------------------------------------------------

CT_LEAF_DATA = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
CT_ROOT_8 = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"


def _split(n: int) -> int:
    return 1 << ((n - 1).bit_length() - 1)


def mth(leaves: list[bytes]) -> bytes:
    return vl.merkle_root(leaves)


def inclusion_path(m: int, leaves: list[bytes]) -> list[bytes]:
    """RFC 9162 §2.1.3.1 PATH(m, D[n])."""
    n = len(leaves)
    if n == 1:
        return []
    k = _split(n)
    if m < k:
        return inclusion_path(m, leaves[:k]) + [mth(leaves[k:])]
    return inclusion_path(m - k, leaves[k:]) + [mth(leaves[:k])]


def consistency_proof(m: int, leaves: list[bytes]) -> list[bytes]:
    """RFC 9162 §2.1.4.1 PROOF(m, D[n]); empty for m = 0 or m = n (FORMAT.md §7)."""
    def subproof(m: int, leaves: list[bytes], complete: bool) -> list[bytes]:
        n = len(leaves)
        if m == n:
            return [] if complete else [mth(leaves)]
        k = _split(n)
        if m <= k:
            return subproof(m, leaves[:k], complete) + [mth(leaves[k:])]
        return subproof(m - k, leaves[k:], False) + [mth(leaves[:k])]
    if m == 0:
        return []
    return subproof(m, leaves, True)


def merkle_vectors() -> dict:
    data = [bytes.fromhex(h) for h in CT_LEAF_DATA] + [bytes([i]) for i in range(8, 64)]
    leaves = [vl.leaf_hash(d) for d in data]
    assert mth(leaves[:8]).hex() == CT_ROOT_8
    trees = []
    for n in range(1, 65):
        root = mth(leaves[:n])
        edge = vl.MerkleRightEdge()
        for leaf in leaves[:n]:
            edge.append(leaf)
        assert edge.root() == root
        inclusion = []
        for m in range(n):
            path = inclusion_path(m, leaves[:n])
            assert vl.verify_inclusion(m, n, leaves[m], path, root)
            inclusion.append({"index": m, "path": [h.hex() for h in path]})
        consistency = []
        for m in range(1, n + 1):
            proof = consistency_proof(m, leaves[:n])
            assert vl.verify_consistency(m, n, mth(leaves[:m]), root, proof)
            consistency.append({"from": m, "proof": [h.hex() for h in proof]})
        trees.append({"size": n, "root": root.hex(), "inclusion": inclusion, "consistency": consistency})

    # RFC 9162 §2.1.5: the tree of seven leaves and its named nodes.
    a, b, c, d, e, f, j = (leaves[i] for i in (0, 1, 2, 3, 4, 5, 6))
    g, h, i_ = vl.node_hash(a, b), vl.node_hash(c, d), vl.node_hash(e, f)
    k, l_ = vl.node_hash(g, h), vl.node_hash(i_, j)
    nodes = {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, "h": h, "i": i_, "j": j, "k": k, "l": l_}
    assert vl.node_hash(k, l_) == mth(leaves[:7])
    named = [
        ("inclusion", 0, ["b", "h", "l"]), ("inclusion", 3, ["c", "g", "l"]),
        ("inclusion", 4, ["f", "j", "k"]), ("inclusion", 6, ["i", "k"]),
        ("consistency", 3, ["c", "d", "g", "l"]), ("consistency", 4, ["l"]),
        ("consistency", 6, ["i", "j", "k"]),
    ]
    proofs = []
    for kind, m, names in named:
        hashes = [nodes[x] for x in names]
        if kind == "inclusion":
            assert hashes == inclusion_path(m, leaves[:7]), (kind, m)
            proofs.append({"kind": kind, "index": m, "size": 7, "nodes": names, "path": [x.hex() for x in hashes]})
        else:
            assert hashes == consistency_proof(m, leaves[:7]), (kind, m)
            proofs.append({"kind": kind, "from": m, "size": 7, "nodes": names, "proof": [x.hex() for x in hashes]})
    return {
        "leafDataHex": [x.hex() for x in data],
        "leafHashes": [x.hex() for x in leaves],
        "trees": trees,
        "emptyRoot": vl.EMPTY_ROOT.hex(),
        "rfc9162Example": {
            "size": 7,
            "root": mth(leaves[:7]).hex(),
            "nodes": {name: x.hex() for name, x in nodes.items()},
            "proofs": proofs,
        },
    }


# ---------------------------------------------------------------------------------------------
# e. checkpoints.json
# ---------------------------------------------------------------------------------------------

COSIGN_TIME = 1697443200  # 2023-10-16T08:00:00Z


def checkpoint_vectors() -> dict:
    size, root = 13, hashlib.sha256(b"parledger test vectors, checkpoint root").digest()
    log_key = {"publicKey": AUTHORITY.public_key, "keyName": LEDGER_ID}
    note_key_id = vl.note_key_id(LEDGER_ID, 0x01, AUTHORITY.public).hex()

    def witness(signer: Signer, ts: int) -> dict:
        return {"keyId": signer.key_id, "publicKey": signer.public_key, "timestamp": ts}

    chair, secretariat = (COUNCIL_CHAIR, COSIGN_TIME + 60), (SECRETARIAT, COSIGN_TIME + 120)
    valid_specs = [
        ("log-signature-only", [], [], []),
        ("one-cosignature", [chair], [chair], []),
        ("two-cosignatures", [chair, secretariat], [chair, secretariat], []),
        ("unknown-cosigner-ignored", [chair, (OUTSIDER, COSIGN_TIME)], [chair], []),
    ]
    valid = []
    for name, cosigners, witnesses, _ in valid_specs:
        note = make_checkpoint(LEDGER_ID, size, root, [AUTHORITY], cosigners)
        valid.append({
            "name": name, "origin": LEDGER_ID, "size": size, "rootHex": root.hex(), "note": note.decode("utf-8"),
            "logKey": log_key, "witnesses": [witness(s, t) for s, t in witnesses], "noteKeyIdHex": note_key_id,
        })

    good = make_checkpoint(LEDGER_ID, size, root, [AUTHORITY], [chair])
    text, block = good.split(b"\n\n")
    wrong_key_id_line = block.decode("utf-8").split("\n")[0].split(" ")
    raw = bytearray(base64.b64decode(wrong_key_id_line[2]))
    raw[0] ^= 0xFF
    wrong_key_id = text + b"\n\n" + f"\u2014 {LEDGER_ID} {b64(bytes(raw))}\n".encode() + b"\n".join(
        block.split(b"\n")[1:])
    invalid_specs = [
        ("flipped-signature-byte", flip_signature_byte(good, 0, 10), "checkpoint-signature"),
        ("flipped-cosignature-byte", flip_signature_byte(good, 1, 4 + 8 + 10), "checkpoint-cosignature"),
        ("flipped-cosignature-timestamp", flip_signature_byte(good, 1, 4 + 7), "checkpoint-cosignature"),
        ("wrong-key-id", wrong_key_id, "checkpoint-signature"),
        ("signed-by-unknown-key-only", make_checkpoint(LEDGER_ID, size, root, [OUTSIDER], [chair]),
         "checkpoint-signature"),
        ("body-with-4-lines", make_checkpoint(LEDGER_ID, size, root, [AUTHORITY], [chair], "extension\n"),
         "checkpoint-format"),
        ("missing-blank-line", good.replace(b"\n\n", b"\n", 1), "checkpoint-format"),
        ("no-signature-lines", text + b"\n\n", "checkpoint-format"),
        ("size-with-leading-zero", make_checkpoint(LEDGER_ID, size, root, [AUTHORITY]).replace(
            b"\n13\n", b"\n013\n", 1), "checkpoint-format"),
        ("malformed-signature-line", good + b"- not a signature line\n", "checkpoint-format"),
    ]
    invalid = []
    for name, note, expect in invalid_specs:
        invalid.append({"name": name, "note": note.decode("utf-8"), "logKey": log_key,
                        "witnesses": [witness(*chair)], "expect": expect})
    return {"valid": valid, "invalid": invalid}


# ---------------------------------------------------------------------------------------------
# f. ledgers/
# ---------------------------------------------------------------------------------------------

class LedgerBuilder:
    """Builds the valid ledger of the vectors: 13 entries, one present blob, one erased blob."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.minute = 0

    def add(self, signer: Signer, event_type: str, payload: dict, label: str) -> dict:
        self.minute += 5
        statement = make_statement(signer, event_type, payload, label, timestamp(self.minute - 1, 30))
        self.entries.append(make_entry(statement, signer.sign_statement(statement), timestamp(self.minute)))
        self.entries = rechain(self.entries, len(self.entries) - 1)
        return self.entries[-1]


def build_valid_ledger() -> list[dict]:
    b = LedgerBuilder()
    b.entries.append(make_entry(genesis_statement(), AUTHORITY.sign_statement(genesis_statement()), timestamp(0)))
    b.add(AUTHORITY, vl.KEY_REGISTERED, key_payload(SECRETARIAT, "Văn phòng Hội đồng", "secretariat"), "reg-S")  # 1
    b.add(SECRETARIAT, vl.KEY_REGISTERED, key_payload(UNIT_OFFICER, "Nguyễn Văn A", "unitOfficer", "STP"), "reg-U")
    b.add(SECRETARIAT, vl.KEY_REGISTERED, key_payload(COUNCIL_CHAIR, "Trần Thị Bích", "councilChair"), "reg-C")  # 3
    b.add(SECRETARIAT, vl.KEY_REGISTERED, key_payload(UNIT_OFFICER_2, "Lê Văn Cường", "unitOfficer", "SYT"), "reg-U2")
    b.add(UNIT_OFFICER_2, "evidence.attached/v1",                                                                # 5
          {"blob": blob_ref(BLOB_ERASED, mediaType="application/pdf"), "indicator": "2.1"}, "attach-erased")
    b.add(AUTHORITY, vl.EVIDENCE_ERASED,                                                                         # 6
          {"reason": nfc("Quyết định xóa dữ liệu cá nhân số 12/QĐ"), "sha256": hashlib.sha256(BLOB_ERASED).hexdigest()},
          "erase")
    b.add(SECRETARIAT, vl.KEY_REVOKED, {"keyId": UNIT_OFFICER_2.key_id, "reason": nfc("Chuyển công tác")}, "revoke-U2")
    b.add(SECRETARIAT, "note.recorded/v1", {"note": nfc("Nguyễn Văn A đã nộp hồ sơ tự đánh giá")}, "note-S")  # 8
    b.add(UNIT_OFFICER, "evidence.attached/v1",                                                                  # 9
          {"blob": blob_ref(BLOB_MINUTES, mediaType="text/plain"), "indicator": "1.1"}, "attach-minutes")
    b.add(UNIT_OFFICER, "selfScore.recorded/v1",                                                                 # 10
          {"criterion": "1.1", "evidence": [{"blob": blob_ref(BLOB_MINUTES)}], "points": 3}, "score-U")
    b.add(AUTHORITY, vl.POLICY_AMENDED,                                                                          # 11
          {"grants": {"note.recorded/v1": ["secretariat", "unitOfficer", "councilChair"]}}, "amend")
    b.add(COUNCIL_CHAIR, "note.recorded/v1", {"note": nfc("Hội đồng họp ngày 20/10/2023")}, "note-C")          # 12
    return b.entries


def appended(entries: list[dict], signer: Signer, event_type: str, payload: dict, label: str,
             statement: Optional[dict] = None, signature: Optional[str] = None) -> list[dict]:
    """The ledger with one more entry, correctly chained and timed."""
    last = entries[-1]["recordedAt"]
    if statement is None:
        statement = make_statement(signer, event_type, payload, label, last)
    entry = make_entry(statement, signature or signer.sign_statement(statement), last)
    return rechain(entries + [entry], len(entries))


def resigned(entries: list[dict], index: int, signer: Signer, **changes) -> list[dict]:
    """Change statement members of entry `index`, re-sign it with `signer`, and rebuild the chain."""
    entries = [dict(e) for e in entries]
    statement = {**entries[index]["statement"], **changes}
    entries[index] = {**entries[index], "statement": statement, "signature": signer.sign_statement(statement)}
    return rechain(entries, index)


def ledger_lines(entries: list[dict]) -> list[bytes]:
    return [canonicalize(e) for e in entries]


def write_export(directory: str, lines: list[bytes], blobs: dict[str, bytes], checkpoint: Optional[bytes],
                 trailer: bytes = b"") -> None:
    os.makedirs(directory, exist_ok=True)
    if blobs:
        os.makedirs(os.path.join(directory, "blobs"), exist_ok=True)
    with open(os.path.join(directory, "entries.jsonl"), "wb") as f:
        f.write(b"".join(line + b"\n" for line in lines) + trailer)
    for name, data in sorted(blobs.items()):
        with open(os.path.join(directory, "blobs", name), "wb") as f:
            f.write(data)
    # With no blobs, blobs/ is not created (git could not keep it empty anyway); verifiers treat
    # a missing blobs/ as an empty store.
    if checkpoint is not None:
        with open(os.path.join(directory, "checkpoint"), "wb") as f:
            f.write(checkpoint)


def ledger_vectors(out_dir: str) -> list[dict]:
    root_dir = os.path.join(out_dir, "ledgers")
    if os.path.isdir(root_dir):
        shutil.rmtree(root_dir)
    valid = build_valid_ledger()
    n = len(valid)
    minutes_hash = hashlib.sha256(BLOB_MINUTES).hexdigest()
    erased_hash = hashlib.sha256(BLOB_ERASED).hexdigest()
    blobs = {minutes_hash: BLOB_MINUTES}

    def tree_root(entries: list[dict]) -> bytes:
        return vl.merkle_root([vl.leaf_hash(line) for line in ledger_lines(entries)])

    def checkpoint_for(entries: list[dict], size: int, log_signers=(AUTHORITY,), origin: str = LEDGER_ID,
                       cosigners=((COUNCIL_CHAIR, COSIGN_TIME),)) -> bytes:
        return make_checkpoint(origin, size, tree_root(entries[:size]), list(log_signers), list(cosigners))

    checkpoint = checkpoint_for(valid, n)
    cases: list[dict] = []

    def case(name: str, expect: tuple, *, dir_name: Optional[str] = None, lines: Optional[list[bytes]] = None,
             entries: Optional[list[dict]] = None, blob_store: Optional[dict] = None, cp: Optional[bytes] = None,
             use_checkpoint: bool = False, trailer: bytes = b"") -> None:
        directory = dir_name or name
        if lines is not None or entries is not None:
            write_export(os.path.join(root_dir, directory), lines if lines is not None else ledger_lines(entries),
                         blobs if blob_store is None else blob_store, cp, trailer)
        valid_flag, seq, code = expect
        cases.append({"name": name, "dir": directory, "useCheckpoint": use_checkpoint,
                      "expect": {"valid": valid_flag, "seq": seq, "code": code}})

    ok = (True, None, None)
    lines = ledger_lines(valid)

    # The valid ledger, alone and against its checkpoint; its blob of entry 5 is erased.
    case("valid", ok, lines=lines, cp=checkpoint)
    case("valid-checkpoint", ok, dir_name="valid", use_checkpoint=True)
    case("erased-blob", ok, dir_name="valid")
    case("erased-blob-present", ok, lines=lines, blob_store={**blobs, erased_hash: BLOB_ERASED})

    # Raw tampering with the bytes.
    flipped = list(lines)
    assert flipped[8].count(b"Nguy") == 1
    flipped[8] = flipped[8].replace(b"Nguy", b"Nguz")        # a byte inside a string value
    case("flipped-byte", (False, 8, "signature"), lines=flipped)
    case("deleted-entry", (False, 10, "seq"), lines=lines[:10] + lines[11:])
    case("swapped-entries", (False, 8, "seq"), lines=lines[:8] + [lines[9], lines[8]] + lines[10:])
    case("tail-cut", ok, lines=lines[:9], cp=checkpoint)
    case("tail-cut-checkpoint", (False, 9, "truncated"), dir_name="tail-cut", use_checkpoint=True)
    spaced = list(lines)
    spaced[8] = spaced[8].replace(b'"prev":', b'"prev": ', 1)
    case("non-canonical", (False, 8, "encoding"), lines=spaced)
    case("trailing-blank-line", (False, n, "encoding"), lines=lines, trailer=b"\n")
    case("empty-ledger", (False, 0, "encoding"), lines=[])

    # Signatures and keys.
    other = [dict(e) for e in valid]
    other[10] = {**other[10], "signature": SECRETARIAT.sign_statement(other[10]["statement"])}
    case("signature-from-other-key", (False, 10, "signature"), entries=rechain(other, 10), cp=checkpoint)
    case("unknown-key-appended", (False, n, "key-unknown"), entries=appended(
        valid, OUTSIDER, "note.recorded/v1", {"note": "outsider"}, "outsider-note"))
    case("revoked-key-appended", (False, n, "key-revoked"), entries=appended(
        valid, UNIT_OFFICER_2, "note.recorded/v1", {"note": "after revocation"}, "revoked-note"))
    early = rechain(valid[:2] + [appended(valid[:2], UNIT_OFFICER, "note.recorded/v1", {"note": "too early"},
                                          "early-note")[-1]] + valid[2:])
    case("key-used-before-registration", (False, 2, "key-unknown"), entries=early)

    # Roles and the policy.
    case("role-not-in-policy", (False, n, "role"), entries=appended(
        valid, COUNCIL_CHAIR, "selfScore.recorded/v1", {"points": 1}, "chair-score"))
    before_amendment = rechain(valid[:11] + [valid[12], valid[11]])
    case("role-before-amendment", (False, 11, "role"), entries=before_amendment)
    case("amend-by-secretariat", (False, n, "role"), entries=appended(
        valid, SECRETARIAT, vl.POLICY_AMENDED, {"grants": {"note.recorded/v1": ["secretariat"]}}, "amend-S"))
    case("genesis-after-entry-0", (False, n, "role"), entries=appended(
        valid, AUTHORITY, vl.GENESIS, genesis_statement()["payload"], "genesis-again"))

    # Control payloads.
    case("secretariat-registers-authority", (False, n, "payload"), entries=appended(
        valid, SECRETARIAT, vl.KEY_REGISTERED, key_payload(OUTSIDER, "Người lạ", "authority"), "reg-X-authority"))
    case("unit-missing", (False, n, "payload"), entries=appended(
        valid, SECRETARIAT, vl.KEY_REGISTERED, key_payload(OUTSIDER, "Người lạ", "unitLeader"), "reg-X-no-unit"))
    case("key-registered-twice", (False, n, "payload"), entries=appended(
        valid, AUTHORITY, vl.KEY_REGISTERED, key_payload(UNIT_OFFICER_2, "Lê Văn Cường", "appraiser"), "rereg-U2"))
    case("revoke-last-authority", (False, n, "payload"), entries=appended(
        valid, AUTHORITY, vl.KEY_REVOKED, {"keyId": AUTHORITY.key_id, "reason": "test"}, "revoke-A"))
    case("invalid-blob-member", (False, n, "payload"), entries=appended(
        valid, UNIT_OFFICER, "evidence.attached/v1", {"blob": {"sha256": minutes_hash}}, "bad-blob"))

    bad_genesis = dict(genesis_statement())
    bad_genesis["payload"] = {**bad_genesis["payload"], "authority": {
        **bad_genesis["payload"]["authority"], "keyId": SECRETARIAT.key_id}}
    case("genesis-key-id-mismatch", (False, 0, "payload"), entries=resigned(valid, 0, AUTHORITY, **bad_genesis))
    not_genesis = make_statement(AUTHORITY, "note.recorded/v1", {"note": "no genesis"}, "not-genesis", timestamp(0))
    case("genesis-missing", (False, 0, "payload"),
         entries=[make_entry(not_genesis, AUTHORITY.sign_statement(not_genesis), timestamp(0))])
    forged = [dict(e) for e in valid]
    forged[0] = {**forged[0], "signature": SECRETARIAT.sign_statement(forged[0]["statement"])}
    case("genesis-bad-signature", (False, 0, "signature"), entries=rechain(forged))

    # Time, ledger id, replays.
    backwards = [dict(e) for e in valid]
    backwards[11] = {**backwards[11], "recordedAt": timestamp(5 * 10 - 1)}
    case("time-backwards", (False, 11, "time"), entries=rechain(backwards, 11))
    case("wrong-ledger-id", (False, 8, "ledger"),
         entries=resigned(valid, 8, SECRETARIAT, ledger="travinh.gov.vn/par/2024"))
    case("duplicate-statement-id", (False, n, "duplicate"), entries=appended(
        valid, SECRETARIAT, "", {}, "", statement=valid[8]["statement"], signature=valid[8]["signature"]))
    extra_member = [dict(e) for e in valid]
    extra_statement = {**valid[12]["statement"], "comment": "extra"}
    extra_member[12] = {**valid[12], "statement": extra_statement,
                        "signature": COUNCIL_CHAIR.sign_statement(extra_statement)}
    case("extra-statement-member", (False, 12, "encoding"), entries=rechain(extra_member, 12))

    # Blobs.
    case("missing-blob", (False, 9, "blob-missing"), lines=lines, blob_store={})
    case("corrupted-blob", (False, 9, "blob-corrupt"), lines=lines,
         blob_store={minutes_hash: BLOB_MINUTES.replace(b"PAR", b"PAX")})
    case("erased-blob-corrupt", (False, 5, "blob-corrupt"), lines=lines,
         blob_store={**blobs, erased_hash: BLOB_ERASED[:-1]})
    wrong_size = resigned(valid, 9, UNIT_OFFICER, payload={
        **valid[9]["statement"]["payload"], "blob": {**blob_ref(BLOB_MINUTES, mediaType="text/plain"),
                                                     "size": len(BLOB_MINUTES) + 1}})
    case("blob-size-mismatch", (False, 9, "blob-corrupt"), entries=wrong_size)
    case("blob-failure-before-later-entry-failure", (False, 9, "blob-missing"), entries=appended(
        valid, OUTSIDER, "note.recorded/v1", {"note": "outsider"}, "outsider-note"), blob_store={})
    case("entry-failure-before-blob-reference", (False, 8, "encoding"), lines=spaced, blob_store={})
    spaced_erasure = lines[6].replace(b'"prev":', b'"prev": ', 1)
    case("erasure-in-failing-entry-not-counted", (False, 5, "blob-missing"), lines=lines[:6] + [spaced_erasure])

    # Checkpoints.
    rewritten = resigned(valid, 8, SECRETARIAT, payload={"note": nfc("Nguyễn Văn B đã nộp hồ sơ tự đánh giá")})
    case("rewritten-history", ok, entries=rewritten, cp=checkpoint)
    case("rewritten-history-checkpoint", (False, None, "checkpoint-root"), dir_name="rewritten-history",
         use_checkpoint=True)
    case("checkpoint-bad-signature", (False, None, "checkpoint-signature"), lines=lines,
         cp=flip_signature_byte(checkpoint, 0, 20), use_checkpoint=True)
    case("checkpoint-bad-cosignature", (False, None, "checkpoint-cosignature"), lines=lines,
         cp=flip_signature_byte(checkpoint, 1, 30), use_checkpoint=True)
    case("checkpoint-wrong-origin", (False, None, "checkpoint-origin"), lines=lines,
         cp=checkpoint_for(valid, n, origin="travinh.gov.vn/par/2024"), use_checkpoint=True)
    case("checkpoint-not-a-log-key", (False, None, "checkpoint-signature"), lines=lines,
         cp=checkpoint_for(valid, n, log_signers=(COUNCIL_CHAIR,)), use_checkpoint=True)
    case("checkpoint-key-registered-after-size", (False, None, "checkpoint-signature"), lines=lines,
         cp=checkpoint_for(valid, 1, log_signers=(SECRETARIAT,)), use_checkpoint=True)
    case("checkpoint-by-secretariat", ok, lines=lines,
         cp=checkpoint_for(valid, n, log_signers=(SECRETARIAT,)), use_checkpoint=True)
    case("checkpoint-older", ok, lines=lines, cp=checkpoint_for(valid, 9), use_checkpoint=True)
    case("checkpoint-malformed", (False, None, "checkpoint-format"), lines=lines,
         cp=checkpoint.replace(b"\n\n", b"\nextension\n\n", 1), use_checkpoint=True)
    case("checkpoint-on-invalid-ledger", (False, 10, "signature"), dir_name="signature-from-other-key",
         use_checkpoint=True)

    write_export_checkpoints_for_missing(root_dir, cases)
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names))
    write_json(os.path.join(root_dir, "cases.json"), cases)
    return cases


def write_export_checkpoints_for_missing(root_dir: str, cases: list[dict]) -> None:
    """Every case with useCheckpoint must find DIR/checkpoint."""
    for c in cases:
        if c["useCheckpoint"]:
            assert os.path.isfile(os.path.join(root_dir, c["dir"], "checkpoint")), c["name"]


# ---------------------------------------------------------------------------------------------

def main() -> int:
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(HERE), "events", "vectors")
    os.makedirs(out_dir, exist_ok=True)
    write_json(os.path.join(out_dir, "canonical-json.json"), canonical_json_vectors())
    write_json(os.path.join(out_dir, "ed25519.json"), ed25519_vector())
    write_json(os.path.join(out_dir, "statements.json"), statement_vectors())
    write_json(os.path.join(out_dir, "merkle.json"), merkle_vectors())
    write_json(os.path.join(out_dir, "checkpoints.json"), checkpoint_vectors())
    write_json(os.path.join(out_dir, "payloads.json"), payload_vectors())
    cases = ledger_vectors(out_dir)

    # Every ledger case must get its expected verdict from the verifier.
    failures = 0
    for c in cases:
        directory = os.path.join(out_dir, "ledgers", c["dir"])
        cp = None
        if c["useCheckpoint"]:
            with open(os.path.join(directory, "checkpoint"), "rb") as f:
                cp = f.read()
        report = vl.verify_export(directory, cp)
        got = {"valid": report.valid, "seq": report.failure[0] if report.failure else None,
               "code": report.failure[1] if report.failure else None}
        if got != c["expect"]:
            failures += 1
            print(f"MISMATCH {c['name']}: expected {c['expect']}, verifier says {got} "
                  f"{report.failure[2] if report.failure else ''}", file=sys.stderr)
    print(f"wrote vectors to {out_dir}: {len(cases)} ledger cases, {failures} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
