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
    ed25519-edges.json    keys and signatures at every edge of the one rule of §5.1 (strong keys, S < L,
                          small-order R, the cofactorless equation), with what OpenSSL does
    checkpoints.json      signed checkpoint notes with cosignatures, rule by rule of the grammar (§12)
    payloads.json         appraisal event payloads and their verdicts (events/CATALOG.md; built by
                          tools/payload_vectors.py, checked against events/schemas/ by tools/test_catalog.py)
    ledgers/              a valid export and tampered copies, with ledgers/cases.json (§10, §11, §14)
    proofs.json           inclusion and consistency proof files and their forgeries (§13)

The expected values written here are cross-checked against hand-written literals (RFC examples)
and against tools/verify-ledger.py, whose functions this script reuses for canonical bytes.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import importlib.util
import json
import os
import re
import shutil
import sys
import unicodedata
import uuid
from typing import Any, Optional

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
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


def write_json(path: str, value: Any, escaping: str = "") -> None:
    """Writes `value`; the characters of the regular-expression class `escaping` as `\\uXXXX`."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = _dump(value)
    if escaping:
        # Such characters stand only inside strings, where an escape is the same JSON value.
        text = re.sub(escaping, lambda m: f"\\u{ord(m.group()):04x}", text)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text + "\n")


# The code points the payload vectors refuse in texts (and their invisible neighbours), written
# escaped so that the file reads the same in every editor and diff: raw, U+202E would reverse the
# lines that hold it, which is what those vectors are about.
INVISIBLE = "[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"


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
# b2. ed25519-edges.json: keys and signatures at every edge of FORMAT.md §5.1
# ---------------------------------------------------------------------------------------------
#
# Expectations come from plain integer arithmetic (the point operations of verify-ledger.py and the
# cofactorless equation written out below); what OpenSSL (through `cryptography`) does with each
# signature is asked and written into "why", to show where the rule and the library part ways.

P, L = vl.ED25519_P, vl.ED25519_L
EDGE_MESSAGE = b"parledger: Ed25519 edge vector"


def _h512(*parts: bytes) -> int:
    return int.from_bytes(hashlib.sha512(b"".join(parts)).digest(), "little")


def secret_scalar(seed: bytes) -> int:
    """RFC 8032 §5.1.5: the clamped secret scalar a of a seed (the key is [a]B)."""
    a = int.from_bytes(hashlib.sha512(seed).digest()[:32], "little")
    return a & (1 << 254) - 8 | 1 << 254


def point(data: bytes) -> tuple:
    decoded = vl.ed25519_decode_point(data)
    assert decoded is not None, data.hex()
    return decoded


def encode(pt: tuple) -> bytes:
    return vl.ed25519_encode_point(pt)


def le32(n: int) -> bytes:
    return n.to_bytes(32, "little")


def cofactorless_equation_holds(public: bytes, signature: bytes, message: bytes) -> bool:
    """RFC 8032 §5.1.7 without the cofactor: encode([S]B − [k]A) == R, k = SHA-512(R || A || M) mod L."""
    a_point = vl.ed25519_decode_point(public)
    if a_point is None or len(signature) != 64:
        return False
    r, s = signature[:32], int.from_bytes(signature[32:], "little")
    k = _h512(r, public, message) % L
    check = vl.ed25519_point_add(vl.ed25519_scalar_mult(s, vl.ED25519_BASE),
                                 vl.ed25519_point_negate(vl.ed25519_scalar_mult(k, a_point)))
    return encode(check) == r


def expected_verdict(public: bytes, signature: bytes, message: bytes, strong: bool) -> bool:
    """§5.1 written out: a strong key, S < L, R not small-order, and the cofactorless equation."""
    return (strong and len(signature) == 64 and int.from_bytes(signature[32:], "little") < L
            and signature[:32] not in vl.SMALL_ORDER_ENCODINGS
            and cofactorless_equation_holds(public, signature, message))


def openssl_accepts(public: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def torsion_points() -> dict[int, tuple]:
    """A point of each small order 2, 4, 8 (from the order-8 encoding of FORMAT.md §5.1)."""
    t8 = point(bytes.fromhex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"))
    t4 = vl.ed25519_point_add(t8, t8)
    t2 = vl.ed25519_point_add(t4, t4)
    assert vl.ed25519_is_neutral(vl.ed25519_point_add(t2, t2)) and not vl.ed25519_is_neutral(t2)
    assert not vl.ed25519_is_neutral(vl.ed25519_point_add(t4, t4))
    # The eight multiples of t8 are exactly the eight encodings FORMAT.md lists.
    multiples, q = set(), vl.ED25519_IDENTITY
    for _ in range(8):
        multiples.add(encode(q))
        q = vl.ed25519_point_add(q, t8)
    assert multiples == vl.SMALL_ORDER_ENCODINGS
    return {2: t2, 4: t4, 8: t8}


def ed25519_edge_vectors() -> dict:
    torsion = torsion_points()
    a = secret_scalar(RFC8032_TEST1_SEED)
    public = RFC8032_TEST1_PUBLIC
    assert encode(vl.ed25519_scalar_mult(a, vl.ED25519_BASE)) == public
    identity = encode(vl.ED25519_IDENTITY)
    # No point of prime order has y < 19 = 2^255 − p, so no strong key has a second spelling
    # y + p; the non-canonical spellings that exist all name points of small or mixed order.
    assert not any(vl.is_strong_key(le32(y | s << 255)) for y in range(19) for s in (0, 1))

    def mixed(order: int) -> bytes:
        return encode(vl.ed25519_point_add(point(public), torsion[order]))

    small_order = [
        ("identity", identity, "the neutral element (order 1): with R = identity and S = 0 it 'signs' every message"),
        ("order-2", encode(torsion[2]), "the point (0, −1) of order 2"),
    ] + [(f"order-4-{i}", e, "a point of order 4 (y = 0)") for i, e in enumerate(
        sorted({encode(torsion[4]), encode(vl.ed25519_point_negate(torsion[4]))}), 1)] + [
        (f"order-8-{i}", e, "a point of order 8") for i, e in enumerate(sorted(
            e for e in vl.SMALL_ORDER_ENCODINGS if not vl.ed25519_is_neutral(
                vl.ed25519_scalar_mult(4, point(e)))), 1)]
    assert len(small_order) == 8 and {e for _, e, _ in small_order} == vl.SMALL_ORDER_ENCODINGS
    y3 = point(le32(3))
    assert not vl.ed25519_is_neutral(vl.ed25519_scalar_mult(L, y3))
    keys = [
        ("rfc8032-test1", public, True, "RFC 8032 §7.1 TEST 1 key, [a]B: strong"),
        ("base-point", encode(vl.ED25519_BASE), True, "the base point B itself (y = 4/5): of prime order L"),
    ] + [(name, e, False, why + ": not of prime order") for name, e, why in small_order] + [
        ("non-canonical-y-equals-p", le32(P), False,
         "y = p, a second spelling of y = 0 (a point of order 4): not canonical (y ≥ p)"),
        ("non-canonical-y-equals-p-plus-1", le32(P + 1), False,
         "y = p + 1, a second spelling of the identity: not canonical (y ≥ p); OpenSSL accepts the "
         "identity forgery under it (see the signatures)"),
        ("non-canonical-y-equals-3-plus-p", le32(3 + P), False,
         "y = 3 + p, a second spelling of the point y = 3 (of mixed order): not canonical (y ≥ p). No point "
         "of prime order has y < 19 = 2^255 − p, so no strong key has a second spelling"),
        ("negative-zero-y-1", le32(1 | 1 << 255), False,
         "y = 1 with the sign bit set: x = 0 cannot be negative (not canonical); a spelling of the identity"),
        ("negative-zero-y-p-minus-1", le32(P - 1 | 1 << 255), False,
         "y = p − 1 with the sign bit set: x = 0 cannot be negative (not canonical); a spelling of the order-2 point"),
        ("not-on-curve-y-2", le32(2), False, "y = 2: (y² − 1)/(d·y² + 1) has no square root, so no x exists"),
        ("mixed-order-2", mixed(2), False, "the RFC 8032 TEST 1 key plus the point of order 2: [L]A ≠ identity"),
        ("mixed-order-4", mixed(4), False, "the RFC 8032 TEST 1 key plus a point of order 4: [L]A ≠ identity"),
        ("mixed-order-8", mixed(8), False, "the RFC 8032 TEST 1 key plus a point of order 8: [L]A ≠ identity"),
    ]
    out_keys = []
    for name, raw, strong, why in keys:
        assert vl.is_strong_key(raw) == strong, (name, vl.strong_key_problem(raw))
        out_keys.append({"name": name, "publicKeyHex": raw.hex(), "publicKey": vl.encode_public_key(raw),
                         "strong": strong, "why": why})
    strong_of = {raw: strong for _, raw, strong, _ in keys}

    # Signatures. `made` signs as the key holder: R = [r]B + extra, S = r + k·a with a chosen r.
    def made(message: bytes, label: bytes, r_extra: Optional[tuple] = None, key: bytes = public,
             k_divisible_by: int = 1) -> bytes:
        for counter in range(256):
            r = _h512(b"parledger edge nonce", label, bytes([counter])) % L
            r_point = vl.ed25519_scalar_mult(r, vl.ED25519_BASE)
            if r_extra is not None:
                r_point = vl.ed25519_point_add(r_point, r_extra)
            r_bytes = encode(r_point)
            k = _h512(r_bytes, key, message) % L
            if k % k_divisible_by == 0:
                return r_bytes + le32((r + k * a) % L)
        raise AssertionError("no nonce found")

    def key_holder_with_r(r_bytes: bytes, message: bytes) -> bytes:
        """R given (its discrete log is 0: a spelling of the identity), S = k·a."""
        return r_bytes + le32(_h512(r_bytes, public, message) % L * a % L)

    good = RFC8032_TEST1_SIGNATURE
    good_s = int.from_bytes(good[32:], "little")
    order2_key = encode(torsion[2])
    order2_forgery_message = next(m for m in (EDGE_MESSAGE + b" %d" % i for i in range(64))
                                  if _h512(identity, order2_key, m) % L % 2 == 0)
    signatures = [
        ("good", public, b"", good, "RFC 8032 §7.1 TEST 1: verifies"),
        ("good-other-message", public, b"\x00", good, "the TEST 1 signature of another message"),
        ("truncated-63-bytes", public, b"", good[:63], "not 64 bytes"),
        ("s-plus-l", public, b"", good[:32] + le32(good_s + L), "S + L: the malleable second spelling of S (rule 1)"),
        ("s-equals-l", public, b"", good[:32] + le32(L), "S = L (rule 1)"),
        ("s-all-ones", public, b"", good[:32] + b"\xff" * 32, "S = 2^256 − 1 (rule 1)"),
        ("r-identity-by-key-holder", public, EDGE_MESSAGE, key_holder_with_r(identity, EDGE_MESSAGE),
         "R = identity, S = k·a, made by the key holder: the cofactorless equation holds; rule 2 refuses it"),
        ("r-non-canonical-identity", public, EDGE_MESSAGE, key_holder_with_r(le32(P + 1), EDGE_MESSAGE),
         "R = the identity spelled y = p + 1, S = k·a: [S]B − [k]A is the identity, whose canonical encoding "
         "differs from R (rule 3)"),
        ("r-negative-zero-identity", public, EDGE_MESSAGE, key_holder_with_r(le32(1 | 1 << 255), EDGE_MESSAGE),
         "R = the identity spelled with the sign bit set, S = k·a: not the canonical encoding (rule 3)"),
        ("r-with-order-8-component", public, EDGE_MESSAGE,
         made(EDGE_MESSAGE, b"r+t8", r_extra=torsion[8]),
         "R = [r]B + T (T of order 8), S = r + k·a: [S]B − [k]A = [r]B ≠ R, so the cofactorless equation "
         "fails (a cofactored verifier would accept)"),
        ("identity-key-forgery", identity, EDGE_MESSAGE, identity + bytes(32),
         "A = identity, R = identity, S = 0 verifies every message under the plain equation: key not strong "
         "(and R is the identity, rule 2)"),
        ("identity-key-forgery-non-canonical-key", le32(P + 1), EDGE_MESSAGE, identity + bytes(32),
         "the same forgery under the identity spelled y = p + 1: key not strong (not canonical)"),
        ("order-2-key-forgery", order2_key, order2_forgery_message, identity + bytes(32),
         "A of order 2, R = identity, S = 0, for a message whose k is even: key not strong"),
        ("mixed-order-key-signature", mixed(8), EDGE_MESSAGE,
         made(EDGE_MESSAGE, b"mixed-8", key=mixed(8), k_divisible_by=8),
         "signed by the holder of a, under A = [a]B + T (T of order 8), with k ≡ 0 mod 8 so that the "
         "cofactorless equation holds: key not strong (mixed order)"),
    ]
    out_signatures = []
    for name, key, message, signature, why in signatures:
        strong = strong_of.get(key, vl.is_strong_key(key))
        valid = expected_verdict(key, signature, message, strong)
        assert vl.ed25519_verify(key, signature, message) == valid, name
        library = openssl_accepts(key, signature, message)
        equation = len(signature) == 64 and cofactorless_equation_holds(key, signature, message)
        if valid:
            assert library, name                      # a signature the rule accepts, OpenSSL accepts
        why += "; " + ("OpenSSL accepts it" if library else "OpenSSL refuses it too")
        if not valid and library:
            why += " (the rule of §5.1 refuses what OpenSSL alone would accept)"
        assert name not in ("identity-key-forgery", "mixed-order-key-signature", "r-identity-by-key-holder") \
            or equation and library, name
        out_signatures.append({"name": name, "publicKeyHex": key.hex(), "messageHex": message.hex(),
                               "signatureHex": signature.hex(), "valid": valid, "why": why})
    assert [s["name"] for s in out_signatures if s["valid"]] == ["good"]
    return {"keys": out_keys, "signatures": out_signatures}


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

    # The grammar of §12 rule by rule, and which lines count. New valid vectors carry "cosignatures",
    # the count a verifier must report (it differs from the number of listed witnesses when a
    # trusted witness's line is ignored); "noteKeyIdHex" is the key ID of the first signature line.
    def lines_of(note: bytes) -> tuple[bytes, list[str]]:
        """The note's text without its final newline, and its signature lines without theirs."""
        text, block = note.split(b"\n\n")
        return text, block.decode("utf-8").split("\n")[:-1]

    def joined(text: bytes, lines: list[str]) -> bytes:
        return text + b"\n\n" + "".join(line + "\n" for line in lines).encode("utf-8")

    def ignored(name: str) -> str:
        return f"\u2014 {name} {b64(bytes(5))}"      # the shortest well-formed line: key ID + 1 byte

    log_line, chair_line = lines_of(good)[1]
    second_chair_line = lines_of(make_checkpoint(LEDGER_ID, size, root, [AUTHORITY], [(COUNCIL_CHAIR, COSIGN_TIME)]))[1][1]
    outsider_log_line = f"\u2014 {LEDGER_ID} {b64(vl.note_key_id(LEDGER_ID, 0x01, OUTSIDER.public) + bytes(64))}"
    upper_message = b"cosignature/v1\ntime %d\n" % chair[1] + text
    upper_name = COUNCIL_CHAIR.key_id.upper()
    upper_line = (f"\u2014 {upper_name} " + b64(vl.note_key_id(upper_name, 0x04, COUNCIL_CHAIR.public)
                                                  + chair[1].to_bytes(8, "big") + COUNCIL_CHAIR.sign(upper_message)))
    other_origin = nfc("sổ-cái/par/2023")

    def valid_vector(name: str, note: bytes, witnesses: list, cosignatures: int, origin: str = LEDGER_ID,
                     note_size: int = size, note_root: bytes = root) -> None:
        first_key_id = vl.parse_checkpoint(note).signatures[0].key_id.hex()
        valid.append({
            "name": name, "origin": origin, "size": note_size, "rootHex": note_root.hex(),
            "note": note.decode("utf-8"), "logKey": {"publicKey": AUTHORITY.public_key, "keyName": origin},
            "witnesses": [witness(s, t) for s, t in witnesses], "noteKeyIdHex": first_key_id,
            "cosignatures": cosignatures,
        })

    max_size = 2 ** 63 - 1
    valid_vector("size-2^63-1", make_checkpoint(LEDGER_ID, max_size, root, [AUTHORITY], [chair]), [chair], 1,
                 note_size=max_size)
    valid_vector("size-0-empty-tree", make_checkpoint(LEDGER_ID, 0, vl.EMPTY_ROOT, [AUTHORITY], [chair]), [chair], 1,
                 note_size=0, note_root=vl.EMPTY_ROOT)
    for label, char in (("delete-u+007f", "\x7f"), ("zero-width-space-u+200b", "\u200b"),
                        ("mongolian-vowel-separator-u+180e", "\u180e")):
        # Characters that are not White_Space may be in a key name: the line is well-formed and ignored.
        valid_vector(f"key-name-with-{label}-ignored", joined(text, [log_line, chair_line, ignored(f"wit{char}ness")]),
                     [chair], 1)
    valid_vector("origin-not-a-ledger-id", make_checkpoint(other_origin, size, root, [AUTHORITY], [chair]), [chair], 1,
                 origin=other_origin)
    valid_vector("1000-signature-lines", joined(text, [log_line, chair_line] + [ignored("other")] * 998), [chair], 1)
    valid_vector("duplicate-log-signature-lines", joined(text, [log_line, log_line, chair_line]), [chair], 1)
    valid_vector("duplicate-cosignature-lines-count-once", joined(text, [log_line, chair_line, chair_line]), [chair], 1)
    valid_vector("witness-cosigned-twice-counts-once", joined(text, [log_line, chair_line, second_chair_line]),
                 [chair], 1)
    valid_vector("cosignature-timestamp-2^64-1",
                 make_checkpoint(LEDGER_ID, size, root, [AUTHORITY], [(COUNCIL_CHAIR, 2 ** 64 - 1)]),
                 [(COUNCIL_CHAIR, 2 ** 64 - 1)], 1)
    valid_vector("log-name-with-other-key-id-ignored", joined(text, [outsider_log_line, log_line, chair_line]),
                 [chair], 1)
    valid_vector("witness-name-in-upper-case-hex-ignored", joined(text, [log_line, upper_line]), [chair], 0)
    # Names match byte for byte (signed-note compares strings, not their Unicode equivalence): a line
    # named by the NFD spelling of the origin, with the log key's key ID and a bad signature, is ignored.
    other_note = make_checkpoint(other_origin, size, root, [AUTHORITY], [chair])
    other_text, other_lines = lines_of(other_note)
    nfd_origin = unicodedata.normalize("NFD", other_origin)
    assert nfd_origin != other_origin
    nfd_line = f"\u2014 {nfd_origin} {b64(vl.note_key_id(other_origin, 0x01, AUTHORITY.public) + bytes(64))}"
    valid_vector("log-name-canonically-equivalent-to-origin-ignored", joined(other_text, other_lines + [nfd_line]),
                 [chair], 1, origin=other_origin)

    def invalid_vector(name: str, note: bytes, expect: str) -> None:
        invalid.append({"name": name, "note": note.decode("utf-8"), "logKey": log_key,
                        "witnesses": [witness(*chair)], "expect": expect})

    fmt = "checkpoint-format"
    for code_point in (0x85, 0xA0, 0x1680, 0x2000, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000):
        invalid_vector(f"key-name-with-u+{code_point:04x}",
                       joined(text, [log_line, chair_line, ignored(f"wit{chr(code_point)}ness")]), fmt)
    invalid_vector("key-name-with-plus", joined(text, [log_line, chair_line, ignored("wit+ness")]), fmt)
    invalid_vector("key-name-with-tab", joined(text, [log_line, chair_line, ignored("wit\tness")]), fmt)
    invalid_vector("key-name-empty", joined(text, [log_line, chair_line, ignored("")]), fmt)
    invalid_vector("size-2^63", make_checkpoint(LEDGER_ID, 2 ** 63, root, [AUTHORITY], [chair]), fmt)
    invalid_vector("size-minus-1", good.replace(b"\n13\n", b"\n-1\n", 1), fmt)
    invalid_vector("size-with-plus-sign", good.replace(b"\n13\n", b"\n+13\n", 1), fmt)
    invalid_vector("empty-origin", joined(f"\n{size}\n{b64(root)}".encode(), [ignored("x")]), fmt)
    invalid_vector("missing-final-newline", good[:-1], fmt)
    invalid_vector("trailing-blank-line", good + b"\n", fmt)
    invalid_vector("cr-before-lf-in-signature-line", joined(text, [log_line, chair_line + "\r"]), fmt)
    invalid_vector("cr-before-lf-in-body", good.replace(b"\n13\n", b"\n13\r\n", 1), fmt)
    invalid_vector("control-character-in-origin",
                   make_checkpoint(LEDGER_ID + "\x01", size, root, [AUTHORITY], [chair]), fmt)
    invalid_vector("byte-order-mark", "\ufeff".encode() + good, fmt)    # "UTF-8" excludes a BOM (FORMAT.md intro)
    non_canonical_root = b64(root)[:-2] + chr(ord(b64(root)[-2]) + 1) + "="
    assert base64.b64decode(non_canonical_root) == root
    invalid_vector("root-non-canonical-base64",
                   make_checkpoint(LEDGER_ID, size, root, [AUTHORITY], [chair]).replace(
                       b64(root).encode(), non_canonical_root.encode()), fmt)
    invalid_vector("root-31-bytes", good.replace(b64(root).encode(), b64(root[:31]).encode()), fmt)
    dash, name, encoded = log_line.split(" ")
    non_canonical_sig = encoded[:-2] + chr(ord(encoded[-2]) + 1) + "="
    assert base64.b64decode(non_canonical_sig) == base64.b64decode(encoded) and non_canonical_sig != encoded
    invalid_vector("signature-non-canonical-base64", joined(text, [f"{dash} {name} {non_canonical_sig}", chair_line]),
                   fmt)
    invalid_vector("signature-of-4-bytes", joined(text, [log_line, chair_line, f"\u2014 other {b64(bytes(4))}"]), fmt)
    invalid_vector("1001-signature-lines", joined(text, [log_line, chair_line] + [ignored("other")] * 999), fmt)
    invalid_vector("origin-with-space-has-no-log-line",
                   joined(f"travinh gov/par\n{size}\n{b64(root)}".encode(), [log_line]), "checkpoint-signature")

    flipped_log_line = lines_of(flip_signature_byte(good, 0, 10))[1][0]
    flipped_chair_line = lines_of(flip_signature_byte(good, 1, 4 + 8 + 10))[1][1]
    invalid_vector("second-log-line-corrupted", joined(text, [log_line, flipped_log_line, chair_line]),
                   "checkpoint-signature")
    raw_log = base64.b64decode(encoded)
    invalid_vector("log-signature-63-bytes", joined(text, [f"{dash} {name} {b64(raw_log[:-1])}", chair_line]),
                   "checkpoint-signature")
    s_plus_l = raw_log[:36] + (int.from_bytes(raw_log[36:], "little") + L).to_bytes(32, "little")
    invalid_vector("log-signature-s-plus-l", joined(text, [f"{dash} {name} {b64(s_plus_l)}", chair_line]),
                   "checkpoint-signature")
    _, chair_name, chair_encoded = chair_line.split(" ")
    raw_chair = base64.b64decode(chair_encoded)
    invalid_vector("cosignature-71-bytes", joined(text, [log_line, f"{dash} {chair_name} {b64(raw_chair[:-1])}"]),
                   "checkpoint-cosignature")
    invalid_vector("witness-good-line-then-bad-line", joined(text, [log_line, chair_line, flipped_chair_line]),
                   "checkpoint-cosignature")
    invalid_vector("bad-log-line-before-bad-cosignature", joined(text, [flipped_log_line, flipped_chair_line]),
                   "checkpoint-signature")

    # Every vector gets its verdict from the verifier of this repository.
    for v in valid:
        cp = vl.parse_checkpoint(v["note"].encode("utf-8"))
        witnesses = {w["keyId"]: vl.decode_public_key(w["publicKey"]) for w in v["witnesses"]}
        count = vl.verify_checkpoint_signatures(cp, [vl.decode_public_key(v["logKey"]["publicKey"])], witnesses)
        assert count == v.get("cosignatures", len(v["witnesses"])), v["name"]
        assert (cp.origin, cp.size, cp.root.hex()) == (v["origin"], v["size"], v["rootHex"]), v["name"]
    for v in invalid:
        try:
            cp = vl.parse_checkpoint(v["note"].encode("utf-8"))
            vl.verify_checkpoint_signatures(cp, [vl.decode_public_key(log_key["publicKey"])],
                                            {w["keyId"]: vl.decode_public_key(w["publicKey"]) for w in v["witnesses"]})
        except vl.CheckpointFailure as error:
            assert error.code == v["expect"], (v["name"], error.code, error.message)
        else:
            raise AssertionError(f"{v['name']} verified")
    names = [v["name"] for v in valid + invalid]
    assert len(names) == len(set(names))
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

    # FORMAT.md §11.1: the checkpoint is judged on its own before it judges the ledger, so an edited
    # checkpoint is refused as such (before this order, the first two read as truncated and rewritten).
    case("checkpoint-size-edited", (False, None, "checkpoint-signature"), lines=lines,
         cp=checkpoint.replace(b"\n%d\n" % n, b"\n%d\n" % (n + 1), 1), use_checkpoint=True)
    edited_root = b64(hashlib.sha256(b"parledger test vectors, edited root").digest()).encode()
    case("checkpoint-root-edited", (False, None, "checkpoint-signature"), lines=lines,
         cp=checkpoint.replace(b64(tree_root(valid)).encode(), edited_root, 1), use_checkpoint=True)
    longer = appended(valid, SECRETARIAT, "note.recorded/v1", {"note": nfc("Ghi chú sau khi xuất")}, "later-note")
    case("checkpoint-larger-than-ledger", (False, n, "truncated"), lines=lines,
         cp=checkpoint_for(longer, n + 1), use_checkpoint=True)
    case("checkpoint-by-key-beyond-ledger-end", (False, None, "checkpoint-signature"), lines=lines[:1],
         cp=checkpoint_for(valid, n, log_signers=(SECRETARIAT,)), use_checkpoint=True)

    # FORMAT.md §5.1: only strong keys enter a ledger, and one rule for signatures.
    identity = encode(vl.ED25519_IDENTITY)
    identity_id = vl.key_id(identity)
    forgery = identity + bytes(32)       # R = identity, S = 0: the plain equation holds for every message
    forged_genesis = {**genesis_statement(), "actor": identity_id, "payload": {
        "authority": {"keyId": identity_id, "name": nfc("Khóa đơn vị"), "publicKey": vl.encode_public_key(identity)},
        "policy": POLICY}}
    forged_registration = {**make_statement(AUTHORITY, vl.KEY_REGISTERED, key_payload(
        OUTSIDER, "Người lạ", "secretariat"), "identity-registers-outsider", timestamp(4, 30)), "actor": identity_id}
    for statement in (forged_genesis, forged_registration):
        # Without the rule, OpenSSL would take this two-entry ledger as valid.
        assert openssl_accepts(identity, forgery, vl.signing_message(canonicalize(statement)))
    case("genesis-identity-authority", (False, 0, "payload"), blob_store={}, entries=rechain([
        make_entry(forged_genesis, b64(forgery), timestamp(0)),
        make_entry(forged_registration, b64(forgery), timestamp(5))]))

    def raw_key_payload(raw: bytes, name: str, role: str) -> dict:
        return {"keyId": vl.key_id(raw), "name": nfc(name), "publicKey": vl.encode_public_key(raw), "role": role}

    order_8 = bytes.fromhex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")
    case("key-registered-small-order", (False, n, "payload"), entries=appended(
        valid, AUTHORITY, vl.KEY_REGISTERED, raw_key_payload(order_8, "Khóa bậc tám", "secretariat"), "reg-order-8"))
    mixed = encode(vl.ed25519_point_add(point(OUTSIDER.public), torsion_points()[8]))
    case("key-registered-mixed-order", (False, n, "payload"), entries=appended(
        valid, AUTHORITY, vl.KEY_REGISTERED, raw_key_payload(mixed, "Khóa bậc hỗn hợp", "appraiser"), "reg-mixed"))

    last_signature = base64.b64decode(valid[12]["signature"])
    malleated = [dict(e) for e in valid]
    malleated[12] = {**valid[12], "signature": b64(
        last_signature[:32] + le32(int.from_bytes(last_signature[32:], "little") + L))}
    case("signature-non-canonical-s", (False, 12, "signature"), entries=rechain(malleated, 12))
    message = vl.signing_message(canonicalize(valid[12]["statement"]))
    identity_r = identity + le32(_h512(identity, COUNCIL_CHAIR.public, message) % L
                                 * secret_scalar(COUNCIL_CHAIR.seed) % L)
    assert openssl_accepts(COUNCIL_CHAIR.public, identity_r, message)     # refused by rule 2 only
    with_identity_r = [dict(e) for e in valid]
    with_identity_r[12] = {**valid[12], "signature": b64(identity_r)}
    case("signature-identity-r", (False, 12, "signature"), entries=rechain(with_identity_r, 12))

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
# g. proofs.json: proof files (FORMAT.md §13) over the valid ledger, and their forgeries
# ---------------------------------------------------------------------------------------------

def inclusion_file(entry: bytes, index: int | str, path: list[bytes], note: bytes) -> bytes:
    """C2SP tlog-proof: header, extra, index, the path, a blank line, the checkpoint verbatim."""
    head = [vl.INCLUSION_HEADER, f"extra {b64(entry)}", f"index {index}"] + [b64(h) for h in path]
    return ("\n".join(head) + "\n\n").encode("utf-8") + note


def consistency_file(old: int | str, old_root: bytes, proof: list[bytes], note: bytes) -> bytes:
    head = [vl.CONSISTENCY_HEADER, f"old {old}", f"oldroot {b64(old_root)}"] + [b64(h) for h in proof]
    return ("\n".join(head) + "\n\n").encode("utf-8") + note


def run_proof_vector(v: dict) -> Any:
    """Verify one vector of proofs.json with the verifier's verify_proof (also used by the tests)."""
    ledger = None
    if v["ledger"] is not None:
        ledger = vl.LedgerView(v["ledger"]["id"], v["ledger"]["size"],
                               {int(s): base64.b64decode(r) for s, r in v["ledger"]["roots"].items()})
    return vl.verify_proof(v["file"].encode("utf-8"), [vl.decode_public_key(k) for k in v["logKeys"]],
                           {i: vl.decode_public_key(k) for i, k in v["witnessKeys"].items()}, ledger, v["pathOnly"])


def proof_vectors() -> list[dict]:
    entries = build_valid_ledger()
    lines = ledger_lines(entries)
    n = len(lines)
    leaves = [vl.leaf_hash(line) for line in lines]
    roots = [mth(leaves[:s]) for s in range(n + 1)]
    chair = (COUNCIL_CHAIR, COSIGN_TIME)

    def state(size: int) -> Any:
        ledger = vl.Ledger()
        for line in lines[:size]:
            ledger.append(line)
        return ledger

    states = {size: state(size) for size in (9, n)}
    vectors: list[dict] = []

    def vector(name: str, file: bytes, expect: Optional[str], *, ledger_size: Optional[int] = None,
               keys: tuple = (), path_only: bool = False) -> None:
        """ledger_size: the proof is checked with the first ledger_size entries as the verifier's ledger
        (its log keys for the checkpoint's size and its witness keys are written out); keys: trusted
        log keys given by the user; path_only: the path-only check, with no key."""
        log_keys, witnesses, ledger = list(keys), {}, None
        if ledger_size is not None:
            try:
                cp_size = vl.parse_checkpoint(vl.parse_proof(file).note).size
            except vl.CheckpointFailure:
                cp_size = ledger_size
            log_keys += [k for k in states[ledger_size].log_keys(cp_size) if k not in log_keys]
            witnesses = dict(sorted(states[ledger_size].witness_keys().items()))
            ledger = {"id": LEDGER_ID, "size": ledger_size,
                      "roots": {str(s): b64(roots[s]) for s in range(ledger_size + 1)}}
        vectors.append({"name": name, "file": file.decode("utf-8"),
                        "logKeys": [vl.encode_public_key(k) for k in log_keys],
                        "witnessKeys": {i: vl.encode_public_key(k) for i, k in witnesses.items()},
                        "ledger": ledger, "pathOnly": path_only, "expect": expect})

    with_ledger = {"ledger_size": n}
    with_key = {"keys": (AUTHORITY.public,)}
    path_only = {"path_only": True}

    cp13 = make_checkpoint(LEDGER_ID, n, roots[n], [AUTHORITY], [chair])
    cp9 = make_checkpoint(LEDGER_ID, 9, roots[9], [AUTHORITY], [chair])
    bare13 = f"{LEDGER_ID}\n{n}\n{b64(roots[n])}\n".encode()
    inc5 = inclusion_file(lines[5], 5, inclusion_path(5, leaves), cp13)
    cons9 = consistency_file(9, roots[9], consistency_proof(9, leaves), cp13)

    # Valid proofs against a signed and cosigned checkpoint.
    vector("inclusion-with-ledger", inc5, None, **with_ledger)
    vector("inclusion-with-log-key", inc5, None, **with_key)
    vector("inclusion-first-entry", inclusion_file(lines[0], 0, inclusion_path(0, leaves), cp13), None, **with_key)
    vector("inclusion-last-entry", inclusion_file(lines[12], 12, inclusion_path(12, leaves), cp13), None, **with_ledger)
    vector("inclusion-tree-of-one", inclusion_file(lines[0], 0, [], make_checkpoint(
        LEDGER_ID, 1, roots[1], [AUTHORITY])), None, **with_ledger)
    vector("inclusion-older-checkpoint-with-ledger", inclusion_file(lines[8], 8, inclusion_path(8, leaves[:9]), cp9),
           None, **with_ledger)
    vector("inclusion-checkpoint-by-secretariat-with-ledger", inclusion_file(
        lines[5], 5, inclusion_path(5, leaves), make_checkpoint(LEDGER_ID, n, roots[n], [SECRETARIAT], [chair])),
        None, **with_ledger)
    vector("consistency-with-ledger", cons9, None, **with_ledger)
    vector("consistency-with-log-key", cons9, None, **with_key)
    vector("consistency-from-0", consistency_file(0, vl.EMPTY_ROOT, [], cp13), None, **with_ledger)
    vector("consistency-same-size", consistency_file(n, roots[n], [], cp13), None, **with_key)
    vector("consistency-from-power-of-two", consistency_file(8, roots[8], consistency_proof(8, leaves), cp13), None,
           **with_key)

    # 1 proof-format: the layout of §13.
    padded = next(i for i, line in enumerate(lines) if len(line) % 3)
    extra = b64(lines[padded])
    non_canonical_extra = extra.rstrip("=")[:-1] + chr(ord(extra.rstrip("=")[-1]) + 1) + "=" * extra.count("=")
    assert base64.b64decode(non_canonical_extra) == lines[padded]
    path5 = inclusion_path(5, leaves)
    head5 = [vl.INCLUSION_HEADER, f"extra {b64(lines[5])}", "index 5"] + [b64(h) for h in path5]

    def raw(head: list[str], note: bytes = cp13) -> bytes:
        return ("\n".join(head) + "\n\n").encode() + note

    non_canonical_node = b64(path5[0])[:-2] + chr(ord(b64(path5[0])[-2]) + 1) + "="
    assert base64.b64decode(non_canonical_node) == path5[0]
    for name, file in [
        ("empty-file", b""),
        ("unknown-header", raw(["c2sp.org/tlog-proof@v2"] + head5[1:])),
        ("no-blank-line", ("\n".join(head5) + "\n").encode()),
        ("missing-extra-line", raw([head5[0]] + head5[2:])),
        ("missing-index-line", raw(head5[:2])),
        ("lines-out-of-order", raw([head5[0], head5[2], head5[1]] + head5[3:])),
        ("extra-non-canonical-base64", raw([head5[0], f"extra {non_canonical_extra}", f"index {padded}"]
                                           + [b64(h) for h in inclusion_path(padded, leaves)])),
        ("index-leading-zero", raw([head5[0], head5[1], "index 05"] + head5[3:])),
        ("index-2^63", raw([head5[0], head5[1], f"index {2 ** 63}"] + head5[3:])),
        ("index-minus-1", raw([head5[0], head5[1], "index -1"] + head5[3:])),
        ("index-trailing-space", raw([head5[0], head5[1], "index 5 "] + head5[3:])),
        ("hash-line-31-bytes", raw(head5[:3] + [b64(path5[0][:31])] + head5[4:])),
        ("hash-line-non-canonical-base64", raw(head5[:3] + [non_canonical_node] + head5[4:])),
        ("hash-line-in-hex", raw(head5[:3] + [path5[0].hex()] + head5[4:])),
        ("unknown-line-before-blank-line", raw(head5 + ["comment made by hand"])),
        ("crlf-line-endings", raw([line + "\r" for line in head5])),
        ("inclusion-header-with-consistency-lines", raw([vl.INCLUSION_HEADER, "old 9", f"oldroot {b64(roots[9])}"])),
        ("consistency-missing-oldroot", raw([vl.CONSISTENCY_HEADER, "old 9"] + [b64(h) for h in consistency_proof(9, leaves)])),
        ("consistency-old-leading-zero", raw([vl.CONSISTENCY_HEADER, "old 09", f"oldroot {b64(roots[9])}"]
                                             + [b64(h) for h in consistency_proof(9, leaves)])),
        ("consistency-oldroot-31-bytes", raw([vl.CONSISTENCY_HEADER, "old 9", f"oldroot {b64(roots[9][:31])}"]
                                             + [b64(h) for h in consistency_proof(9, leaves)])),
        ("proof-format-before-checkpoint-format", raw([head5[0], head5[1], "index 05"] + head5[3:],
                                                      cp13.replace(b"\n\n", b"\nextension\n\n", 1))),
    ]:
        vector(name, file, "proof-format", **with_key)
    vector("proof-format-with-ledger", raw([head5[0], head5[2], head5[1]] + head5[3:]), "proof-format", **with_ledger)

    # 2 checkpoint-format, and forgery (a): a made-up entry in a made-up tree of 8 leaves, with an
    # unsigned checkpoint. Anyone can compute this path; only the path-only check accepts it.
    made_up_entry = canonicalize({**entries[10], "seq": 3, "statement": {
        **entries[10]["statement"], "payload": {"criterion": "1.1", "points": 10}}})
    made_up = [vl.leaf_hash(b"made-up leaf %d" % i) for i in range(8)]
    made_up[3] = vl.leaf_hash(made_up_entry)
    forgery_a = inclusion_file(made_up_entry, 3, inclusion_path(3, made_up),
                               f"{LEDGER_ID}\n8\n{b64(mth(made_up))}\n".encode())
    vector("forgery-a-made-up-tree-with-log-key", forgery_a, "checkpoint-format", **with_key)
    vector("forgery-a-made-up-tree-with-ledger", forgery_a, "checkpoint-format", **with_ledger)
    vector("forgery-a-made-up-tree-path-only", forgery_a, None, **path_only)
    # Forgery (b): the real last entry under a root made up from invented siblings.
    invented = leaves[:12] + [leaves[12]]
    invented[0] = vl.leaf_hash(b"invented")
    forgery_b_path = inclusion_path(12, invented)
    forgery_b = inclusion_file(lines[12], 12, forgery_b_path, f"{LEDGER_ID}\n{n}\n{b64(mth(invented))}\n".encode())
    vector("forgery-b-wrong-root-unsigned-with-log-key", forgery_b, "checkpoint-format", **with_key)
    vector("forgery-b-wrong-root-unsigned-path-only", forgery_b, None, **path_only)
    forgery_b_signed = inclusion_file(lines[12], 12, forgery_b_path,
                                      make_checkpoint(LEDGER_ID, n, mth(invented), [OUTSIDER]))
    vector("forgery-b-wrong-root-signed-by-untrusted-key", forgery_b_signed, "checkpoint-signature", **with_key)
    vector("forgery-b-wrong-root-signed-by-untrusted-key-with-ledger", forgery_b_signed, "checkpoint-signature",
           **with_ledger)
    vector("checkpoint-with-extension-line", inclusion_file(lines[5], 5, path5, cp13.replace(
        b"\n\n", b"\nextension\n\n", 1)), "checkpoint-format", **with_ledger)
    vector("checkpoint-without-signature-lines", inclusion_file(lines[5], 5, path5, bare13 + b"\n"),
           "checkpoint-format", **with_key)

    # 3 checkpoint-origin (only a ledger knows the origin to expect).
    other_origin = "travinh.gov.vn/par/2024"
    vector("wrong-origin-with-ledger", inclusion_file(lines[5], 5, path5, make_checkpoint(
        other_origin, n, roots[n], [AUTHORITY], [chair])), "checkpoint-origin", **with_ledger)
    vector("wrong-origin-before-signature-with-ledger", inclusion_file(lines[5], 5, path5, make_checkpoint(
        other_origin, n, roots[n], [OUTSIDER])), "checkpoint-origin", **with_ledger)
    vector("wrong-origin-without-ledger-is-not-checked", inclusion_file(lines[5], 5, path5, make_checkpoint(
        other_origin, n, roots[n], [AUTHORITY])), None, **with_key)

    # 4 checkpoint-signature.
    vector("signed-by-unit-officer-with-ledger", inclusion_file(lines[5], 5, path5, make_checkpoint(
        LEDGER_ID, n, roots[n], [UNIT_OFFICER])), "checkpoint-signature", **with_ledger)
    vector("signed-by-secretariat-but-only-authority-trusted", inclusion_file(lines[5], 5, path5, make_checkpoint(
        LEDGER_ID, n, roots[n], [SECRETARIAT])), "checkpoint-signature", **with_key)
    vector("log-signature-corrupted", inclusion_file(lines[5], 5, path5, flip_signature_byte(cp13, 0, 20)),
           "checkpoint-signature", **with_ledger)
    text13, block13 = cp13.split(b"\n\n")
    first_line = block13.split(b"\n")[0]
    vector("second-log-line-corrupted", inclusion_file(lines[5], 5, path5, text13 + b"\n\n" + first_line + b"\n"
                                                       + flip_signature_byte(cp13, 0, 20).split(b"\n\n")[1]),
           "checkpoint-signature", **with_ledger)
    vector("signed-by-key-registered-after-checkpoint-size-with-ledger", inclusion_file(
        lines[0], 0, [], make_checkpoint(LEDGER_ID, 1, roots[1], [SECRETARIAT])), "checkpoint-signature",
        **with_ledger)
    vector("signature-before-cosignature", inclusion_file(lines[5], 5, path5, flip_signature_byte(
        flip_signature_byte(cp13, 0, 20), 1, 30)), "checkpoint-signature", **with_ledger)

    # 5 checkpoint-cosignature: a registered witness's line must verify (a ledger names the witnesses).
    bad_cosignature = flip_signature_byte(cp13, 1, 30)
    vector("cosignature-corrupted-with-ledger", inclusion_file(lines[5], 5, path5, bad_cosignature),
           "checkpoint-cosignature", **with_ledger)
    vector("cosignature-corrupted-without-ledger-is-ignored", inclusion_file(lines[5], 5, path5, bad_cosignature),
           None, **with_key)

    # Forgery (c): a fork that keeps the first 10 entries, signed by the real log key. Only the
    # ledger (--store / EXPORT_DIR) tells it from the real tree.
    fork = entries[:10]
    for i, note in enumerate(("Bản ghi rẽ nhánh một", "Bản ghi rẽ nhánh hai", "Bản ghi rẽ nhánh ba")):
        fork = appended(fork, SECRETARIAT, "note.recorded/v1", {"note": nfc(note)}, f"fork-{i}")
    fork_leaves = [vl.leaf_hash(line) for line in ledger_lines(fork)]
    assert fork_leaves[:10] == leaves[:10] and mth(fork_leaves) != roots[n]
    fork_cp = make_checkpoint(LEDGER_ID, n, mth(fork_leaves), [AUTHORITY])
    forgery_c = consistency_file(9, roots[9], consistency_proof(9, fork_leaves), fork_cp)
    vector("forgery-c-forked-consistency-with-ledger", forgery_c, "checkpoint-root", **with_ledger)
    vector("forgery-c-forked-consistency-log-key-only", forgery_c, None, **with_key)
    vector("forgery-c-forked-consistency-path-only", forgery_c, None, **path_only)
    forked_inclusion = inclusion_file(lines[5], 5, inclusion_path(5, fork_leaves), fork_cp)
    vector("forked-root-inclusion-with-ledger", forked_inclusion, "checkpoint-root", **with_ledger)
    vector("forked-root-inclusion-log-key-only", forked_inclusion, None, **with_key)
    vector("forked-root-before-path", inclusion_file(lines[5], 5, path5, fork_cp), "checkpoint-root", **with_ledger)
    vector("cosignature-before-root", inclusion_file(lines[5], 5, inclusion_path(5, fork_leaves), flip_signature_byte(
        make_checkpoint(LEDGER_ID, n, mth(fork_leaves), [AUTHORITY], [chair]), 1, 30)), "checkpoint-cosignature",
        **with_ledger)

    # 6 truncated: the verifier's ledger (the first 9 entries) is shorter than the checkpoint.
    vector("truncated-ledger", inc5, "truncated", ledger_size=9)
    vector("truncated-before-path", inclusion_file(lines[5], 5, path5[:-1], cp13), "truncated", ledger_size=9)
    vector("older-checkpoint-with-shorter-ledger", inclusion_file(lines[8], 8, inclusion_path(8, leaves[:9]), cp9),
           None, ledger_size=9)

    # 8 inclusion.
    last_path = inclusion_path(12, leaves)
    for name, file in [
        ("index-equals-size", inclusion_file(lines[12], 13, last_path, cp13)),
        ("index-2^63-1", inclusion_file(lines[12], 2 ** 63 - 1, last_path, cp13)),
        ("path-truncated", inclusion_file(lines[5], 5, path5[:-1], cp13)),
        ("path-extra-node", inclusion_file(lines[5], 5, path5 + [roots[1]], cp13)),
        ("path-empty", inclusion_file(lines[5], 5, [], cp13)),
        ("path-node-changed", inclusion_file(lines[5], 5, [path5[0]] + [vl.leaf_hash(b"x")] + path5[2:], cp13)),
        ("wrong-leaf", inclusion_file(lines[6], 5, path5, cp13)),
        ("wrong-index", inclusion_file(lines[5], 4, path5, cp13)),
    ]:
        vector(name, file, "inclusion", **with_key)
    vector("inclusion-fails-with-ledger", inclusion_file(lines[6], 5, path5, cp13), "inclusion", **with_ledger)

    # 8 consistency.
    proof9 = consistency_proof(9, leaves)
    for name, file in [
        ("old-beyond-size", consistency_file(n + 1, roots[n], [], cp13)),
        ("wrong-old-root", consistency_file(9, roots[8], proof9, cp13)),
        ("consistency-proof-truncated", consistency_file(9, roots[9], proof9[:-1], cp13)),
        ("consistency-proof-node-changed", consistency_file(9, roots[9], [vl.leaf_hash(b"x")] + proof9[1:], cp13)),
        ("old-0-with-non-empty-proof", consistency_file(0, vl.EMPTY_ROOT, [roots[n]], cp13)),
        ("old-0-with-other-old-root", consistency_file(0, roots[1], [], cp13)),
        ("same-size-other-root", consistency_file(n, roots[n - 1], [], cp13)),
        ("same-size-non-empty-proof", consistency_file(n, roots[n], [roots[n]], cp13)),
    ]:
        vector(name, file, "consistency", **with_key)
    vector("consistency-fails-with-ledger", consistency_file(9, roots[8], proof9, cp13), "consistency", **with_ledger)

    # The path-only check: 1, 2 and 8 only, a bare body accepted, and nothing proven about the log.
    vector("path-only-signed-checkpoint", inc5, None, **path_only)
    vector("path-only-bare-body", inclusion_file(lines[5], 5, path5, bare13), None, **path_only)
    vector("path-only-signature-not-checked", inclusion_file(lines[5], 5, path5, flip_signature_byte(cp13, 0, 20)),
           None, **path_only)
    vector("path-only-consistency-bare-body", consistency_file(9, roots[9], proof9, bare13), None, **path_only)
    vector("path-only-wrong-path", inclusion_file(lines[5], 5, path5[:-1], bare13), "inclusion", **path_only)
    vector("path-only-wrong-consistency", consistency_file(9, roots[8], proof9, bare13), "consistency", **path_only)
    vector("path-only-bare-body-with-4-lines", inclusion_file(lines[5], 5, path5, bare13 + b"extension\n"),
           "checkpoint-format", **path_only)
    vector("path-only-proof-format", raw([head5[0], head5[2], head5[1]] + head5[3:], bare13), "proof-format",
           **path_only)

    names = [v["name"] for v in vectors]
    assert len(names) == len(set(names))
    return vectors


# ---------------------------------------------------------------------------------------------

def clock_vectors() -> dict:
    """The one-clock rules of events/CATALOG.md, "Time": what an append records, or why it is refused."""
    def at(seconds: int) -> str:
        moment = datetime.datetime(2023, 10, 16, 8, tzinfo=datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def case(name, skew, last, clock, claimed, recorded=None, refused=None):
        return {
            "name": name, "skewSeconds": skew, "lastRecordedAt": last, "clock": clock, "claimedAt": claimed,
            "expect": {"recordedAt": recorded, "refused": refused},
        }

    return {
        "description": (
            "The ledger's clock (events/CATALOG.md, \"Time\"). An append happens when the ledger's clock reads "
            "`clock`, after an entry recorded at `lastRecordedAt` (null: the first entry), for a statement "
            "claiming `claimedAt`, with `skewSeconds` allowed. `expect.recordedAt` is the time the entry is "
            "recorded at; `expect.refused` is `clock-behind` (the clock is behind the last entry by more than "
            "the skew: refused by the store, nothing written) or `clock-skew` (the statement's claimed time is "
            "more than the skew from the recorded time: refused by the rules, for every event type). The clock "
            "is checked before the claimed time."
        ),
        "cases": [
            case("first entry: recorded at the clock", 300, None, at(0), at(0), recorded=at(0)),
            case("clock after the last entry", 300, at(0), at(60), at(59), recorded=at(60)),
            case("clock equal to the last entry", 300, at(60), at(60), at(60), recorded=at(60)),
            case("clock 1 s behind: recorded at the last entry's time", 300, at(60), at(59), at(59), recorded=at(60)),
            case("clock exactly the skew behind: recorded at the last entry's time", 300, at(400), at(100), at(100),
                 recorded=at(400)),
            case("clock 1 s more than the skew behind: refused", 300, at(401), at(100), at(100), refused="clock-behind"),
            case("clock a year behind (the ledger's time was moved ahead): refused", 300, at(365 * 86400), at(0), at(0),
                 refused="clock-behind"),
            case("campaign's skew of 60 s: 61 s behind is refused", 60, at(161), at(100), at(100),
                 refused="clock-behind"),
            case("claimed exactly the skew before", 300, at(0), at(1000), at(700), recorded=at(1000)),
            case("claimed 1 s more than the skew before: refused", 300, at(0), at(1000), at(699), refused="clock-skew"),
            case("claimed exactly the skew after", 300, at(0), at(1000), at(1300), recorded=at(1000)),
            case("claimed 1 s more than the skew after: refused", 300, at(0), at(1000), at(1301), refused="clock-skew"),
            case("a signer's clock a year ahead: refused", 300, at(0), at(1000), at(1000 + 365 * 86400),
                 refused="clock-skew"),
            case("claimed time compared with the recorded time, not the clock", 300, at(500), at(400), at(790),
                 recorded=at(500)),
            case("claimed near the clock but too far from the recorded time: refused", 300, at(700), at(500), at(390),
                 refused="clock-skew"),
            case("a behind clock is refused before the claimed time is looked at", 300, at(1000), at(0), at(5000),
                 refused="clock-behind"),
        ],
    }


def main() -> int:
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(HERE), "events", "vectors")
    os.makedirs(out_dir, exist_ok=True)
    write_json(os.path.join(out_dir, "canonical-json.json"), canonical_json_vectors())
    write_json(os.path.join(out_dir, "ed25519.json"), ed25519_vector())
    write_json(os.path.join(out_dir, "ed25519-edges.json"), ed25519_edge_vectors())
    write_json(os.path.join(out_dir, "statements.json"), statement_vectors())
    write_json(os.path.join(out_dir, "merkle.json"), merkle_vectors())
    write_json(os.path.join(out_dir, "checkpoints.json"), checkpoint_vectors())
    write_json(os.path.join(out_dir, "payloads.json"), payload_vectors(), escaping=INVISIBLE)
    write_json(os.path.join(out_dir, "clock.json"), clock_vectors())
    cases = ledger_vectors(out_dir)
    proofs = proof_vectors()
    write_json(os.path.join(out_dir, "proofs.json"), proofs)

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
    # Every proof vector must get its expected verdict too.
    for v in proofs:
        report = run_proof_vector(v)
        got = report.failure[0] if report.failure else None
        if got != v["expect"] or report.valid != (v["expect"] is None):
            failures += 1
            print(f"MISMATCH proof {v['name']}: expected {v['expect']}, verifier says {got} "
                  f"{report.failure[1] if report.failure else ''}", file=sys.stderr)
    print(f"wrote vectors to {out_dir}: {len(cases)} ledger cases, {len(proofs)} proofs, {failures} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
