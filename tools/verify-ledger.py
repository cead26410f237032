#!/usr/bin/env python3
"""Independent verifier for parledger ledger exports (events/FORMAT.md, version 1).

Usage:
    python3 tools/verify-ledger.py EXPORT_DIR [--checkpoint FILE] [--json]
    python3 tools/verify-ledger.py --proof FILE [--log-key ed25519:BASE64 ...] [--path-only] [--json] [EXPORT_DIR]

EXPORT_DIR holds `entries.jsonl` (one canonical entry per line) and `blobs/<sha256>` (FORMAT.md
§14). The verifier streams the entries and applies the checks of FORMAT.md §11 in the order the
table there gives; the first check that fails is the verdict. Blob references are judged after the
stream (§11, last paragraphs). With --checkpoint, a ledger that passed §11 is also checked against
the given signed checkpoint (§11.1, §12): the checkpoint's own signatures first, then whether the
ledger reaches its size and has its root. Keys and signatures follow the one rule of §5.1.

With --proof, an inclusion or consistency proof file (§13) is verified against trusted log keys:
those given with --log-key and, with EXPORT_DIR, the log keys of that ledger (which is verified
first, and also supplies witness keys and the roots the checkpoint must match). --path-only checks
the Merkle path alone; it proves nothing about the log, and says so.

Exit status: 0 the ledger (and checkpoint), or the proof, is valid; 1 it is invalid; 2 bad usage,
or an input cannot be read.

Output: on success a line `ok: N entries, root <base64>`; on failure a line `seq P: CODE: message`
or `checkpoint: CODE: message`. With --json, exactly one JSON object (§11.2):
    {"valid", "size", "root", "failure": null|{"seq","code","message"}, "erasedBlobs",
     "checkpoint": null|{"size","cosignatures"}}
In proof mode: `ok: …` lines or `proof: CODE: message`; with --json the object of §13:
    {"valid", "proof", "pathOnly", "failure": null|{"code","message"},
     "checkpoint": null|{"origin","size","signers","cosignatures"}}

This file depends only on the Python standard library and the `cryptography` package (Ed25519).
It is written from FORMAT.md alone and is deliberately independent of the Swift implementation.
Its functions (canonical JSON, Ed25519 point arithmetic, Merkle tree, checkpoint and proof
parsing) are also used by the test suite and by tools/gen-vectors.py.

Choices where FORMAT.md leaves room are marked "Reading:" in comments.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import datetime
import hashlib
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


# =============================================================================================
# §2 Canonical JSON: a strict parser and the canonical serialiser
# =============================================================================================

MAX_DEPTH = 64                       # deeper nesting of arrays/objects is a `syntax` fault
MAX_SAFE_INTEGER = 2 ** 53 - 1       # larger magnitudes are a `range` fault
_JSON_WHITESPACE = " \t\n\r"
_NUMBER_RE = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?", re.ASCII)
_HEX4_RE = re.compile(r"[0-9A-Fa-f]{4}", re.ASCII)
# A run of string characters that need no attention: not `"`, not `\`, not a control character.
_PLAIN_RUN_RE = re.compile(r'[^"\\\x00-\x1f]+')
_SHORT_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _quote(text: str, limit: int = 60) -> str:
    """A short, single-line rendering of a string for messages."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


class CanonicalJSONError(ValueError):
    """Rejection of a JSON text; `reason` is one of the names of FORMAT.md §2.1."""

    def __init__(self, reason: str, message: str):
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


class _Parser:
    """Recursive-descent RFC 8259 parser with the restrictions of FORMAT.md §2.1.

    Values become: dict (object), list (array), str, int, True/False, None.
    """

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def fail(self, reason: str, message: str) -> None:
        raise CanonicalJSONError(reason, f"{message} (at character {self.pos})")

    def skip_whitespace(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in _JSON_WHITESPACE:
            pos += 1
        self.pos = pos

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def parse_document(self) -> Any:
        self.skip_whitespace()
        value = self.parse_value(depth=0)
        self.skip_whitespace()
        if self.pos != len(self.text):
            self.fail("syntax", "text after the JSON value")
        return value

    def parse_value(self, depth: int) -> Any:
        c = self.peek()
        if c == "{":
            return self.parse_object(depth + 1)
        if c == "[":
            return self.parse_array(depth + 1)
        if c == '"':
            return self.parse_string()
        if c == "-" or "0" <= c <= "9":
            return self.parse_number()
        for literal, value in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(literal, self.pos):
                self.pos += len(literal)
                return value
        self.fail("syntax", "expected a JSON value" if c else "unexpected end of input")

    def parse_object(self, depth: int) -> dict:
        if depth > MAX_DEPTH:
            self.fail("syntax", f"nesting deeper than {MAX_DEPTH}")
        self.pos += 1  # '{'
        members: dict = {}
        self.skip_whitespace()
        if self.peek() == "}":
            self.pos += 1
            return members
        while True:
            self.skip_whitespace()
            if self.peek() != '"':
                self.fail("syntax", "expected a member name")
            name = self.parse_string()
            if name in members:
                self.fail("duplicate", f"duplicate member name {_quote(name)}")
            self.skip_whitespace()
            if self.peek() != ":":
                self.fail("syntax", "expected ':'")
            self.pos += 1
            self.skip_whitespace()
            members[name] = self.parse_value(depth)
            self.skip_whitespace()
            c = self.peek()
            self.pos += 1
            if c == "}":
                return members
            if c != ",":
                self.pos -= 1
                self.fail("syntax", "expected ',' or '}'")

    def parse_array(self, depth: int) -> list:
        if depth > MAX_DEPTH:
            self.fail("syntax", f"nesting deeper than {MAX_DEPTH}")
        self.pos += 1  # '['
        items: list = []
        self.skip_whitespace()
        if self.peek() == "]":
            self.pos += 1
            return items
        while True:
            self.skip_whitespace()
            items.append(self.parse_value(depth))
            self.skip_whitespace()
            c = self.peek()
            self.pos += 1
            if c == "]":
                return items
            if c != ",":
                self.pos -= 1
                self.fail("syntax", "expected ',' or ']'")

    def parse_number(self) -> int:
        match = _NUMBER_RE.match(self.text, self.pos)
        if match is None:
            self.fail("syntax", "malformed number")
        token = match.group(0)
        if match.group(1) is not None or match.group(2) is not None:
            self.fail("float", f"number {token} has a fraction or an exponent")
        if token == "-0":
            self.fail("float", "-0 is not an integer of the canonical subset")
        digits = token.lstrip("-")
        # Length test first: int() of a huge digit string is slow or refused by Python.
        if len(digits) > 16 or int(digits) > MAX_SAFE_INTEGER:
            self.fail("range", f"integer {token[:40]} exceeds 2^53 - 1 in magnitude")
        self.pos = match.end()
        return int(token)

    def _read_hex4(self) -> int:
        if not _HEX4_RE.fullmatch(self.text, self.pos, self.pos + 4):
            self.fail("syntax", "\\u must be followed by four hex digits")
        value = int(self.text[self.pos:self.pos + 4], 16)
        self.pos += 4
        return value

    def parse_string(self) -> str:
        self.pos += 1  # opening '"'
        text = self.text
        pieces: list[str] = []
        while True:
            run = _PLAIN_RUN_RE.match(text, self.pos)
            if run:
                pieces.append(run.group(0))
                self.pos = run.end()
            c = self.peek()
            if c == '"':
                self.pos += 1
                break
            if c == "":
                self.fail("syntax", "unterminated string")
            if c != "\\":
                self.fail("syntax", f"raw control character U+{ord(c):04X} in a string")
            # An escape sequence.
            self.pos += 1
            e = self.peek()
            if e in _SHORT_ESCAPES:
                pieces.append(_SHORT_ESCAPES[e])
                self.pos += 1
                continue
            if e != "u":
                self.fail("syntax", "invalid escape sequence")
            self.pos += 1
            unit = self._read_hex4()
            if 0xDC00 <= unit <= 0xDFFF:
                self.fail("surrogate", f"lone low surrogate \\u{unit:04x}")
            if 0xD800 <= unit <= 0xDBFF:
                if not text.startswith("\\u", self.pos):
                    self.fail("surrogate", f"high surrogate \\u{unit:04x} not followed by a low one")
                self.pos += 2
                low = self._read_hex4()
                if not 0xDC00 <= low <= 0xDFFF:
                    self.fail("surrogate", f"high surrogate \\u{unit:04x} not followed by a low one")
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            pieces.append(chr(unit))
        value = "".join(pieces)
        if not unicodedata.is_normalized("NFC", value):
            self.fail("nfc", f"string {_quote(value)} is not in Unicode Normalization Form C")
        return value


def parse_json(data: bytes) -> Any:
    """Parse a JSON text under FORMAT.md §2.1; raise CanonicalJSONError naming the reason.

    Reading: UTF-8 well-formedness (and the absence of a byte order mark) is checked for the
    whole input before parsing, so a `utf8` fault is reported even if a `syntax` fault precedes
    it; §2.1 allows this for multi-fault inputs.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        raise CanonicalJSONError("utf8", "byte order mark at the start")
    try:
        text = data.decode("utf-8", errors="strict")  # rejects overlongs and encoded surrogates
    except UnicodeDecodeError as error:
        raise CanonicalJSONError("utf8", f"not well-formed UTF-8 at byte {error.start}") from None
    return _Parser(text).parse_document()


def utf16_sort_key(name: str) -> bytes:
    """Sort key comparing strings as sequences of UTF-16 code units (big-endian bytes compare alike)."""
    return name.encode("utf-16-be")


_STRING_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_STRING_TRANSLATION = str.maketrans(
    {**{chr(c): f"\\u{c:04x}" for c in range(0x20)}, **_STRING_ESCAPES})


def _serialise(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise CanonicalJSONError("range", f"integer {value} exceeds 2^53 - 1 in magnitude")
        out.append(str(value))
    elif isinstance(value, str):
        out.append('"' + value.translate(_STRING_TRANSLATION) + '"')
    elif isinstance(value, list):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _serialise(item, out)
        out.append("]")
    elif isinstance(value, dict):
        out.append("{")
        for i, name in enumerate(sorted(value, key=utf16_sort_key)):
            if i:
                out.append(",")
            _serialise(name, out)
            out.append(":")
            _serialise(value[name], out)
        out.append("}")
    else:
        raise TypeError(f"not a canonical JSON value: {type(value).__name__}")


def canonicalize(value: Any) -> bytes:
    """The canonical bytes (FORMAT.md §2.2) of a parsed value.

    Values must come from parse_json or be built from NFC strings, ints, bools, None, lists and
    dicts with str keys.
    """
    out: list[str] = []
    _serialise(value, out)
    return "".join(out).encode("utf-8")


def canonicalize_bytes(data: bytes) -> bytes:
    """Parse a JSON text strictly and return its canonical form."""
    return canonicalize(parse_json(data))


# =============================================================================================
# §3 Identifiers and scalar formats
# =============================================================================================

ROLES = ("authority", "secretariat", "unitOfficer", "unitLeader", "appraiser",
         "councilChair", "surveyClerk", "auditor")

GENESIS = "ledger.genesis/v1"
KEY_REGISTERED = "key.registered/v1"
KEY_REVOKED = "key.revoked/v1"
POLICY_AMENDED = "ledger.policy.amended/v1"
EVIDENCE_ERASED = "evidence.erased/v1"
CONTROL_TYPES = (GENESIS, KEY_REGISTERED, KEY_REVOKED, POLICY_AMENDED, EVIDENCE_ERASED)

_HASH_RE = re.compile(r"[0-9a-f]{64}", re.ASCII)
_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.ASCII)
_TIMESTAMP_RE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})\.([0-9]{3})Z", re.ASCII)
_EVENT_TYPE_RE = re.compile(r"[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)*/v[1-9][0-9]*", re.ASCII)
_UNIT_RE = re.compile(r"[A-Za-z0-9._-]{1,32}", re.ASCII)
_BASE64_RE = re.compile(r"[A-Za-z0-9+/]*={0,2}", re.ASCII)
PUBLIC_KEY_PREFIX = "ed25519:"
ZERO_HASH = "0" * 64


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_hash(value: Any) -> bool:
    """A hash or a key id: 64 lowercase hex characters."""
    return isinstance(value, str) and _HASH_RE.fullmatch(value) is not None


def is_statement_id(value: Any) -> bool:
    """Reading: any lowercase 8-4-4-4-12 hex string; UUID version/variant bits are not checked."""
    return isinstance(value, str) and _UUID_RE.fullmatch(value) is not None


def is_ledger_id(value: Any) -> bool:
    return (isinstance(value, str) and 1 <= len(value) <= 128
            and all("\x21" <= c <= "\x7e" and c != "+" for c in value))


def is_timestamp(value: Any) -> bool:
    """`YYYY-MM-DDTHH:MM:SS.mmmZ`, a real date and time (Reading: years 0001-9999, as the
    proleptic Gregorian calendar of Python's datetime; seconds 00-59)."""
    if not isinstance(value, str):
        return False
    match = _TIMESTAMP_RE.fullmatch(value)
    if match is None:
        return False
    year, month, day, hour, minute, second, _ = (int(g) for g in match.groups())
    try:
        datetime.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return False
    return True


def is_event_type(value: Any) -> bool:
    return isinstance(value, str) and _EVENT_TYPE_RE.fullmatch(value) is not None


def is_role(value: Any) -> bool:
    return isinstance(value, str) and value in ROLES


def is_unit_code(value: Any) -> bool:
    return isinstance(value, str) and _UNIT_RE.fullmatch(value) is not None


def is_name(value: Any) -> bool:
    """A name or reason: 1-500 Unicode scalar values (a Python str counts code points)."""
    return isinstance(value, str) and 1 <= len(value) <= 500


def decode_base64(text: Any, length: Optional[int] = None) -> Optional[bytes]:
    """Strict base64 (RFC 4648 §4, padded) of exactly `length` bytes (any length if None), or None.

    Reading: only the one canonical encoding is accepted (unused trailing bits must be zero),
    because FORMAT.md speaks of "base64 of" the bytes, which is a single string.
    """
    if not isinstance(text, str) or _BASE64_RE.fullmatch(text) is None or len(text) % 4:
        return None
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    if length is not None and len(data) != length or base64.b64encode(data).decode("ascii") != text:
        return None
    return data


def decode_public_key(value: Any) -> Optional[bytes]:
    """`ed25519:` + base64 of 32 bytes (44 characters); returns the 32 bytes or None."""
    if not isinstance(value, str) or not value.startswith(PUBLIC_KEY_PREFIX):
        return None
    return decode_base64(value[len(PUBLIC_KEY_PREFIX):], 32)


def encode_public_key(raw: bytes) -> str:
    return PUBLIC_KEY_PREFIX + base64.b64encode(raw).decode("ascii")


def key_id(raw_public_key: bytes) -> str:
    """Key id: hex SHA-256 of the 32-byte public key."""
    return hashlib.sha256(raw_public_key).hexdigest()


# =============================================================================================
# §5 Signatures
# =============================================================================================

PAYLOAD_TYPE = b"application/vnd.parledger.statement+json;version=1"


def signing_message(statement_bytes: bytes) -> bytes:
    """DSSE v1 pre-authentication encoding of the canonical statement bytes."""
    return b"DSSEv1 %d %s %d %s" % (len(PAYLOAD_TYPE), PAYLOAD_TYPE, len(statement_bytes), statement_bytes)


# -- §5.1 Strong keys and the one signature rule ---------------------------------------------
#
# Ed25519 libraries disagree at the edges (small-order and mixed-order points, non-canonical
# encodings, the cofactor), so FORMAT.md §5.1 fixes one rule that is checked here, in plain integer
# arithmetic, before and in addition to the library. Points are in extended homogeneous coordinates
# (X, Y, Z, T) with x = X/Z, y = Y/Z, x*y = T/Z (RFC 8032 §5.1.4). Speed does not matter: a key is
# judged once (the verdict is cached per key bytes) and signatures are still verified by OpenSSL.

ED25519_P = 2 ** 255 - 19
ED25519_L = 2 ** 252 + 27742317777372353535851937790883648493   # the order of the base point B
_ED25519_D = -121665 * pow(121666, -1, ED25519_P) % ED25519_P
_SQRT_MINUS_1 = pow(2, (ED25519_P - 1) // 4, ED25519_P)
ED25519_IDENTITY = (0, 1, 1, 0)

# The eight encodings of the points of small order, which rule 2 refuses as R (§5.1).
SMALL_ORDER_ENCODINGS = frozenset(bytes.fromhex(h) for h in (
    "0100000000000000000000000000000000000000000000000000000000000000",   # the identity
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",   # order 2
    "0000000000000000000000000000000000000000000000000000000000000000",   # order 4
    "0000000000000000000000000000000000000000000000000000000000000080",   # order 4
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",   # order 8
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",   # order 8
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",   # order 8
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",   # order 8
))


def ed25519_point_add(a: tuple, b: tuple) -> tuple:
    """RFC 8032 §5.1.4 addition; complete for edwards25519, so it also doubles."""
    p = ED25519_P
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    pa = (y1 - x1) * (y2 - x2) % p
    pb = (y1 + x1) * (y2 + x2) % p
    pc = 2 * t1 * _ED25519_D * t2 % p
    pd = 2 * z1 * z2 % p
    e, f, g, h = pb - pa, pd - pc, pd + pc, pb + pa
    return (e * f % p, g * h % p, f * g % p, e * h % p)


def ed25519_point_negate(a: tuple) -> tuple:
    x, y, z, t = a
    return (-x % ED25519_P, y, z, -t % ED25519_P)


def ed25519_scalar_mult(k: int, a: tuple) -> tuple:
    """[k]A by double-and-add (variable time: only public values are multiplied here)."""
    result = ED25519_IDENTITY
    while k > 0:
        if k & 1:
            result = ed25519_point_add(result, a)
        a = ed25519_point_add(a, a)
        k >>= 1
    return result


def ed25519_is_neutral(a: tuple) -> bool:
    x, y, z, _ = a
    return x % ED25519_P == 0 and (y - z) % ED25519_P == 0


def ed25519_encode_point(a: tuple) -> bytes:
    """RFC 8032 §5.1.2: y little-endian, with the low bit of x in bit 255 (always canonical)."""
    x, y, z, _ = a
    z_inverse = pow(z, -1, ED25519_P)
    x, y = x * z_inverse % ED25519_P, y * z_inverse % ED25519_P
    return (y | (x & 1) << 255).to_bytes(32, "little")


def ed25519_decode_point(data: bytes) -> Optional[tuple]:
    """RFC 8032 §5.1.3 decoding; None when it fails (y >= p, no square root, or x = 0 with sign 1)."""
    if len(data) != 32:
        return None
    p = ED25519_P
    n = int.from_bytes(data, "little")
    y, sign = n & (1 << 255) - 1, n >> 255
    if y >= p:
        return None
    u, v = (y * y - 1) % p, (_ED25519_D * y * y + 1) % p
    x = u * pow(v, 3, p) * pow(u * pow(v, 7, p), (p - 5) // 8, p) % p
    if v * x * x % p == u:
        pass
    elif v * x * x % p == -u % p:
        x = x * _SQRT_MINUS_1 % p
    else:
        return None
    if x == 0 and sign:
        return None
    if x & 1 != sign:
        x = p - x
    return (x, y, 1, x * y % p)


ED25519_BASE = ed25519_decode_point((4 * pow(5, -1, ED25519_P) % ED25519_P).to_bytes(32, "little"))

_strong_key_verdicts: dict[bytes, Optional[str]] = {}


def strong_key_problem(raw_public_key: bytes) -> Optional[str]:
    """Why `raw_public_key` is not a strong key (FORMAT.md §5.1), or None when it is one.

    The verdict is cached per key bytes: a ledger names each key once but uses it many times.
    """
    verdict = _strong_key_verdicts.get(raw_public_key, "")
    if verdict == "":
        verdict = _judge_key(raw_public_key)
        _strong_key_verdicts[bytes(raw_public_key)] = verdict
    return verdict


def is_strong_key(raw_public_key: bytes) -> bool:
    return strong_key_problem(raw_public_key) is None


def _judge_key(raw: bytes) -> Optional[str]:
    if len(raw) != 32:
        return "it is not 32 bytes"
    n = int.from_bytes(raw, "little")
    y, sign = n & (1 << 255) - 1, n >> 255
    # 1 canonical: x = 0 exactly when y = 1 or y = p - 1, and then the sign bit must be 0.
    if y >= ED25519_P:
        return "its encoding is not canonical (y >= p)"
    if y in (1, ED25519_P - 1) and sign:
        return "its encoding is not canonical (x = 0 with the sign bit set)"
    # 2 on the curve.
    point = ed25519_decode_point(raw)
    if point is None:
        return "it is not a point of the curve"
    # 3 of prime order L: not the neutral element, and no small-order component.
    if ed25519_is_neutral(point):
        return "it is the neutral element"
    if not ed25519_is_neutral(ed25519_scalar_mult(ED25519_L, point)):
        if ed25519_is_neutral(ed25519_scalar_mult(8, point)):
            return "it is a point of small order"
        return "it has a small-order component (mixed order)"
    return None


def ed25519_verify(raw_public_key: bytes, signature: Optional[bytes], message: bytes) -> bool:
    """FORMAT.md §5.1: whether `signature` of `message` verifies under `raw_public_key`.

    The key must be strong (a signature never verifies under another key, whatever the library
    would say); S < L; R is not a small-order encoding; then OpenSSL's cofactorless RFC 8032 §5.1.7
    check (which compares the encoding of [S]B - [k]A with R byte for byte).
    """
    if signature is None or len(signature) != 64 or not is_strong_key(raw_public_key):
        return False
    if int.from_bytes(signature[32:], "little") >= ED25519_L:      # rule 1
        return False
    if signature[:32] in SMALL_ORDER_ENCODINGS:                    # rule 2
        return False
    try:                                                            # rule 3
        Ed25519PublicKey.from_public_bytes(raw_public_key).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


# =============================================================================================
# §6, §7 Entry hashes and the RFC 9162 Merkle tree
# =============================================================================================

def leaf_hash(data: bytes) -> bytes:
    """RFC 9162 leaf hash; for an entry, SHA-256(0x00 || entry bytes) is its entry hash."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


EMPTY_ROOT = hashlib.sha256(b"").digest()


class MerkleRightEdge:
    """Streaming tree head: keeps one perfect-subtree hash per set bit of the size."""

    def __init__(self) -> None:
        self.size = 0
        self._edge: list[bytes] = []     # roots of perfect subtrees, largest (leftmost) first

    def append(self, leaf: bytes) -> None:
        node, size = leaf, self.size
        while size & 1:                  # merge equal-sized subtrees, like a binary carry
            node = node_hash(self._edge.pop(), node)
            size >>= 1
        self._edge.append(node)
        self.size += 1

    def root(self) -> bytes:
        if not self._edge:
            return EMPTY_ROOT
        node = self._edge[-1]
        for left in reversed(self._edge[:-1]):
            node = node_hash(left, node)
        return node


def merkle_root(leaves: list[bytes]) -> bytes:
    """MTH over a list of leaf hashes (RFC 9162 §2.1.1), recursively."""
    n = len(leaves)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaves[0]
    k = 1 << ((n - 1).bit_length() - 1)  # largest power of two smaller than n
    return node_hash(merkle_root(leaves[:k]), merkle_root(leaves[k:]))


def verify_inclusion(index: int, size: int, leaf: bytes, path: list[bytes], root: bytes) -> bool:
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first: int, second: int, first_root: bytes, second_root: bytes,
                       proof: list[bytes]) -> bool:
    """RFC 9162 §2.1.4.2, plus FORMAT.md §7: the proof from size 0 or between equal sizes is empty.

    Reading: from size 0 the old root must also be the root of no entries, SHA-256() (the proof
    claims it is the root of the first 0 entries; the RFC's algorithm does not cover size 0).
    """
    if first > second:
        return False
    if first == second:
        return not proof and first_root == second_root
    if first == 0:
        return not proof and first_root == EMPTY_ROOT
    if not proof:
        return False
    if first & (first - 1) == 0:         # first is a power of two: its root starts the proof
        proof = [first_root] + proof
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_root and sr == second_root and sn == 0


# =============================================================================================
# §12 Checkpoints (C2SP signed note + tlog-checkpoint + cosignature/v1)
# =============================================================================================

EM_DASH_PREFIX = "\u2014 "
_SIZE_RE = re.compile(r"0|[1-9][0-9]*", re.ASCII)
MAX_TREE_SIZE = 2 ** 63 - 1            # sizes and proof numbers are 0 … 2^63 − 1 (§12, §13)
MAX_SIGNATURE_LINES = 1000
# The Unicode spaces (White_Space, Go's unicode.IsSpace) that a key name may not contain (§12).
# Spelled out rather than str.isspace(), whose set is not the same one.
_KEY_NAME_SPACES = frozenset("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
                             + "".join(chr(c) for c in range(0x2000, 0x200B)))


class CheckpointFailure(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass
class SignatureLine:
    name: str
    key_id: bytes       # 4 bytes
    signature: bytes    # the rest of the decoded base64


@dataclass
class Checkpoint:
    origin: str
    size: int
    root: bytes
    text: bytes         # the note text: the three body lines with their newlines
    signatures: list[SignatureLine]


def note_key_id(name: str, algorithm: int, raw_public_key: bytes) -> bytes:
    """signed-note key ID: first 4 bytes of SHA-256(name || 0x0A || algorithm || public key)."""
    return hashlib.sha256(name.encode("utf-8") + b"\n" + bytes([algorithm]) + raw_public_key).digest()[:4]


def _format_failure(message: str) -> CheckpointFailure:
    return CheckpointFailure("checkpoint-format", message)


def _decode_note(data: bytes) -> str:
    """The note's rules for every character (§12): well-formed UTF-8, no control character but LF.

    Reading: "UTF-8" excludes a byte order mark (FORMAT.md introduction), so a leading one is
    refused too. U+007F and every character from U+0080 on are allowed here.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        raise _format_failure("the note starts with a byte order mark")
    try:
        note = data.decode("utf-8")      # strict: rejects overlongs and encoded surrogates
    except UnicodeDecodeError as error:
        raise _format_failure(f"the note is not well-formed UTF-8 (byte {error.start})") from None
    bad = next((c for c in note if c < "\x20" and c != "\n"), None)
    if bad is not None:
        raise _format_failure(f"the note contains the control character U+{ord(bad):04X}")
    return note


def _parse_body(text: str) -> tuple[str, int, bytes]:
    """The tlog-checkpoint body of §12: exactly `origin LF size LF root LF`."""
    if not text.endswith("\n"):
        raise _format_failure("the checkpoint body does not end with a newline")
    lines = text[:-1].split("\n")
    if len(lines) != 3:
        raise _format_failure(f"the checkpoint body has {len(lines)} lines, not 3 (no extension lines)")
    origin, size_text, root_text = lines
    if not origin:
        raise _format_failure("empty origin line")
    if _SIZE_RE.fullmatch(size_text) is None or len(size_text) > 19 or int(size_text) > MAX_TREE_SIZE:
        raise _format_failure("the tree size is not a decimal integer 0 … 2^63 − 1 without leading zeros")
    root = decode_base64(root_text, 32)
    if root is None:
        raise _format_failure("the root hash is not the canonical base64 of 32 bytes")
    return origin, int(size_text), root


def _parse_signature_line(line: str) -> SignatureLine:
    """`— keyname sig` (§12); the key name has no `+` and no Unicode space, so one space splits."""
    if not line.startswith(EM_DASH_PREFIX):
        raise _format_failure("a line after the blank line is not a signature line")
    parts = line[len(EM_DASH_PREFIX):].split(" ")
    if len(parts) != 2:
        raise _format_failure("a signature line does not have exactly a key name and a signature")
    name, encoded = parts
    if not name:
        raise _format_failure("a signature line has an empty key name")
    bad = next((c for c in name if c == "+" or c in _KEY_NAME_SPACES), None)
    if bad is not None:
        raise _format_failure(f"a key name contains U+{ord(bad):04X} (a space or '+')")
    decoded = decode_base64(encoded)
    if decoded is None or len(decoded) < 5:
        raise _format_failure("a signature is not the canonical base64 of at least 5 bytes")
    return SignatureLine(name, decoded[:4], decoded[4:])


def parse_checkpoint(data: bytes, allow_bare_body: bool = False) -> Checkpoint:
    """Parse a signed checkpoint note under the grammar of §12; raise CheckpointFailure('checkpoint-format').

    With allow_bare_body (the path-only check of §13), a bare body without a blank line and
    signatures is accepted too; its checkpoint has no signature lines. A note whose origin is not
    the expected one parses: that is the caller's `checkpoint-origin`.
    """
    note = _decode_note(data)
    split = note.rfind("\n\n")           # the text ends at the LAST blank line
    if split < 0:
        if allow_bare_body:
            origin, size, root = _parse_body(note)
            return Checkpoint(origin, size, root, data, [])
        raise _format_failure("no blank line and no signature line: the checkpoint is not signed")
    text, block = note[:split + 1], note[split + 2:]
    if not block:
        raise _format_failure("no signature line after the last blank line")
    if not block.endswith("\n"):
        raise _format_failure("the note does not end with the newline of a signature line")
    lines = block[:-1].split("\n")       # non-empty: block does not start with "\n" (last blank line)
    if len(lines) > MAX_SIGNATURE_LINES:
        raise _format_failure(f"the note has {len(lines)} signature lines, more than {MAX_SIGNATURE_LINES}")
    signatures = [_parse_signature_line(line) for line in lines]
    origin, size, root = _parse_body(text)
    return Checkpoint(origin, size, root, text.encode("utf-8"), signatures)


def verify_log_signatures(checkpoint: Checkpoint, log_keys: list[bytes]) -> list[str]:
    """§11.1 #3: every line that belongs to a log key verifies, and there is at least one.

    A line belongs to a log key when its name is the origin and its key ID is that key's (§12);
    other lines are ignored. Returns the sorted key ids of the log keys with a verified line.
    Reading: should two trusted keys share a 4-byte key ID, a line of that ID verifies when it
    verifies under either (one key's holder cannot then make the other's checkpoints fail).
    """
    by_note_id: dict[bytes, list[bytes]] = {}
    for raw in dict.fromkeys(log_keys):
        by_note_id.setdefault(note_key_id(checkpoint.origin, 0x01, raw), []).append(raw)

    signers: set[str] = set()
    for line in checkpoint.signatures:
        candidates = by_note_id.get(line.key_id) if line.name == checkpoint.origin else None
        if not candidates:
            continue
        signer = next((raw for raw in candidates
                       if len(line.signature) == 64 and ed25519_verify(raw, line.signature, checkpoint.text)), None)
        if signer is None:
            raise CheckpointFailure("checkpoint-signature",
                                    f"the log signature with key ID {line.key_id.hex()} does not verify")
        signers.add(key_id(signer))
    if not signers:
        raise CheckpointFailure("checkpoint-signature", "no signature line of a trusted log key")
    return sorted(signers)


def verify_cosignatures(checkpoint: Checkpoint, witness_keys: dict[str, bytes]) -> int:
    """§11.1 #4: every cosignature line of a witness key verifies; returns the number of witnesses.

    witness_keys: key id (64 lowercase hex, the witness's key name) -> raw public key. A witness
    with several good lines (cosigned at several times) counts once.
    """
    cosigned: set[str] = set()
    for line in checkpoint.signatures:
        raw = witness_keys.get(line.name)
        if raw is None or line.key_id != note_key_id(line.name, 0x04, raw):
            continue
        ok = len(line.signature) == 72
        if ok:
            timestamp = int.from_bytes(line.signature[:8], "big")
            message = b"cosignature/v1\ntime %d\n" % timestamp + checkpoint.text
            ok = ed25519_verify(raw, line.signature[8:], message)
        if not ok:
            raise CheckpointFailure("checkpoint-cosignature",
                                    f"a cosignature of witness {line.name} does not verify")
        cosigned.add(line.name)
    return len(cosigned)


def verify_checkpoint_signatures(checkpoint: Checkpoint, log_keys: list[bytes],
                                 witness_keys: dict[str, bytes]) -> int:
    """The log signature(s), then the cosignatures (§11.1 #3, #4); returns the cosignature count.

    log_keys: raw public keys that may sign as the log (key name = origin). Raises
    CheckpointFailure('checkpoint-signature' | 'checkpoint-cosignature', …).
    """
    verify_log_signatures(checkpoint, log_keys)
    return verify_cosignatures(checkpoint, witness_keys)


# =============================================================================================
# §8-§11 The ledger: state and per-entry checks
# =============================================================================================

ENTRY_MEMBERS = frozenset({"prev", "recordedAt", "seq", "signature", "statement"})
STATEMENT_MEMBERS = frozenset({"actor", "claimedAt", "ledger", "payload", "statementId", "type"})


class EntryFailure(Exception):
    """A failed check of §11 at position `seq`."""

    def __init__(self, seq: int, code: str, message: str):
        super().__init__(f"seq {seq}: {code}: {message}")
        self.seq = seq
        self.code = code
        self.message = message


class PayloadError(Exception):
    pass


@dataclass
class Key:
    key_id: str
    public_key: bytes
    role: str
    unit: Optional[str]
    registered_at: int
    revoked_at: Optional[int] = None


@dataclass
class BlobReference:
    seq: int
    sha256: str
    size: int


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PayloadError(message)


def _require_strong_key(raw: bytes, member: str) -> None:
    """§3, §5.1: a key enters a ledger (genesis authority, registration) only when it is strong."""
    problem = strong_key_problem(raw)
    _require(problem is None, f"{member} is not a strong Ed25519 key: {problem}")


def _exact_members(obj: Any, required: set[str], optional: set[str] = frozenset()) -> None:
    """Reading: control payloads have exactly the members §8 lists (like statements and entries)."""
    _require(isinstance(obj, dict), "expected an object")
    missing = required - obj.keys()
    extra = obj.keys() - required - optional
    _require(not missing, f"missing member(s) {sorted(missing)}")
    _require(not extra, f"unexpected member(s) {sorted(extra)}")


def _check_grants(grants: Any, allow_empty: bool) -> None:
    """A genesis policy or amendment grants: {domain event type: [distinct roles]}."""
    _require(isinstance(grants, dict), "policy must be an object")
    for event_type, roles in grants.items():
        _require(is_event_type(event_type), f"policy key {_quote(event_type)} is not an event type")
        _require(event_type not in CONTROL_TYPES, f"policy may not grant control type {event_type}")
        _require(isinstance(roles, list) and all(is_role(r) for r in roles),
                 f"policy value for {event_type} is not an array of roles")
        _require(allow_empty or roles, f"policy value for {event_type} is empty")
        _require(len(set(roles)) == len(roles), f"policy value for {event_type} repeats a role")


def blob_references(payload: dict) -> list[tuple[str, int]]:
    """Every `blob` member at any depth, in the order of the canonical bytes (§10).

    Reading: arrays are searched too, and a blob object's own members are searched (pre-order).
    """
    found: list[tuple[str, int]] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for name in sorted(value, key=utf16_sort_key):
                member = value[name]
                if name == "blob":
                    _require(isinstance(member, dict) and is_hash(member.get("sha256"))
                             and is_int(member.get("size")) and member["size"] >= 0,
                             "a `blob` member is not {\"sha256\": hash, \"size\": integer >= 0, ...}")
                    found.append((member["sha256"], member["size"]))
                walk(member)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(payload)
    return found


class Ledger:
    """The verifier's state while it reads entries in order (§11)."""

    def __init__(self) -> None:
        self.size = 0                                 # entries that passed checks 1-10
        self.prev_hash = ZERO_HASH
        self.prev_recorded_at: Optional[str] = None
        self.ledger_id: Optional[str] = None
        self.keys: dict[str, Key] = {}
        self.policy: dict[str, list[str]] = {}
        self.statement_ids: set[str] = set()
        self.tree = MerkleRightEdge()
        self.blob_refs: list[BlobReference] = []
        self.erasures: set[str] = set()

    # -- the ten checks --------------------------------------------------------------------

    def append(self, line: bytes) -> None:
        """Check the entry at position self.size; on success apply its effects, else raise EntryFailure."""
        p = self.size

        def fail(code: str, message: str) -> EntryFailure:
            return EntryFailure(p, code, message)

        # 1 encoding
        entry = self._decode_entry(line, fail)
        statement = entry["statement"]
        payload = statement["payload"]
        event_type = statement["type"]
        # 2 seq
        if entry["seq"] != p:
            raise fail("seq", f"entry says seq {entry['seq']} at position {p}")
        # 3 prev
        if entry["prev"] != self.prev_hash:
            raise fail("prev", f"prev is {entry['prev']}, expected {self.prev_hash}")
        # 4 time
        if p > 0 and entry["recordedAt"] < self.prev_recorded_at:
            raise fail("time", f"recordedAt {entry['recordedAt']} is earlier than {self.prev_recorded_at}")
        # 5 ledger
        if p > 0 and statement["ledger"] != self.ledger_id:
            raise fail("ledger", f"statement is for ledger {statement['ledger']}, not {self.ledger_id}")
        # 6 genesis (p = 0) / the actor's key (p > 0)
        if p == 0:
            try:
                signer = self._check_genesis(statement)
            except PayloadError as error:
                raise fail("payload", f"not a valid genesis: {error}") from None
        else:
            signer = self.keys.get(statement["actor"])
            if signer is None:
                raise fail("key-unknown", f"actor {statement['actor']} is not a registered key")
            if signer.revoked_at is not None:
                raise fail("key-revoked", f"actor {signer.key_id} was revoked at seq {signer.revoked_at}")
        # 7 signature
        signature = decode_base64(entry["signature"], 64)
        if not ed25519_verify(signer.public_key, signature, signing_message(canonicalize(statement))):
            raise fail("signature", f"the signature does not verify under key {signer.key_id}")
        # 8 role
        if p > 0 and not self._may_emit(signer.role, event_type):
            raise fail("role", f"role {signer.role} may not emit {event_type} here")
        # 9 payload
        try:
            effect = self._check_control_payload(event_type, payload, signer) if p > 0 else None
            references = blob_references(payload)
        except PayloadError as error:
            raise fail("payload", str(error)) from None
        # 10 duplicate
        if statement["statementId"] in self.statement_ids:
            raise fail("duplicate", f"statementId {statement['statementId']} was used before")

        # The entry passed: it takes effect.
        if p == 0:
            self.ledger_id = statement["ledger"]
            self.policy = {t: list(r) for t, r in payload["policy"].items()}
            self.keys[signer.key_id] = signer
        elif effect is not None:
            effect()
        self.blob_refs.extend(BlobReference(p, sha, size) for sha, size in references)
        self.statement_ids.add(statement["statementId"])
        entry_hash = leaf_hash(line)
        self.tree.append(entry_hash)
        self.prev_hash = entry_hash.hex()
        self.prev_recorded_at = entry["recordedAt"]
        self.size += 1

    @staticmethod
    def _decode_entry(line: bytes, fail) -> dict:
        """Check 1: canonical JSON, and every member of the entry and statement present and well-formed."""
        try:
            entry = parse_json(line)
        except CanonicalJSONError as error:
            raise fail("encoding", f"not canonical JSON ({error.reason}: {error.message})") from None
        if canonicalize(entry) != line:
            raise fail("encoding", "the entry bytes are not in canonical form")

        def malformed(what: str) -> EntryFailure:
            return fail("encoding", f"{what} is missing or malformed")

        if not isinstance(entry, dict) or entry.keys() != ENTRY_MEMBERS:
            raise fail("encoding", "the entry does not have exactly the members "
                                   "prev, recordedAt, seq, signature, statement")
        statement = entry["statement"]
        if not isinstance(statement, dict) or statement.keys() != STATEMENT_MEMBERS:
            raise fail("encoding", "the statement does not have exactly the members "
                                   "actor, claimedAt, ledger, payload, statementId, type")
        # Reading: seq must be an integer; a negative one is left to check 2 (`seq`).
        checks = [
            ("prev", is_hash(entry["prev"])),
            ("recordedAt", is_timestamp(entry["recordedAt"])),
            ("seq", is_int(entry["seq"])),
            ("signature", decode_base64(entry["signature"], 64) is not None),
            ("statement.actor", is_hash(statement["actor"])),
            ("statement.claimedAt", is_timestamp(statement["claimedAt"])),
            ("statement.ledger", is_ledger_id(statement["ledger"])),
            ("statement.payload", isinstance(statement["payload"], dict)),
            ("statement.statementId", is_statement_id(statement["statementId"])),
            ("statement.type", is_event_type(statement["type"])),
        ]
        for name, ok in checks:
            if not ok:
                raise malformed(name)
        return entry

    def _check_genesis(self, statement: dict) -> Key:
        """Check 6 at p = 0 (§8.1). Returns the authority key the genesis registers."""
        _require(statement["type"] == GENESIS, f"entry 0 has type {statement['type']}, not {GENESIS}")
        payload = statement["payload"]
        _exact_members(payload, {"authority", "policy"})
        authority = payload["authority"]
        _exact_members(authority, {"keyId", "name", "publicKey"})
        raw = decode_public_key(authority["publicKey"])
        _require(raw is not None, "authority.publicKey is malformed")
        _require_strong_key(raw, "authority.publicKey")
        _require(is_hash(authority["keyId"]) and authority["keyId"] == key_id(raw),
                 "authority.keyId is not the key id of authority.publicKey")
        _require(is_name(authority["name"]), "authority.name is malformed")
        _require(statement["actor"] == authority["keyId"], "the genesis is not signed by its authority")
        # Reading: the policy object itself may be empty (only amendments must be non-empty).
        _check_grants(payload["policy"], allow_empty=False)
        return Key(authority["keyId"], raw, "authority", None, registered_at=0)

    def _may_emit(self, role: str, event_type: str) -> bool:
        """Check 8 (§8 "Emitted by", §9 policy) for p > 0."""
        if event_type == GENESIS:
            return False
        if event_type in (KEY_REGISTERED, KEY_REVOKED):
            return role in ("authority", "secretariat")
        if event_type in (POLICY_AMENDED, EVIDENCE_ERASED):
            return role == "authority"
        return role in self.policy.get(event_type, ())

    def _check_control_payload(self, event_type: str, payload: dict, signer: Key):
        """Check 9 for control events (§8). Returns a function applying the entry's effect, or None."""
        p = self.size
        if event_type == KEY_REGISTERED:
            _exact_members(payload, {"keyId", "name", "publicKey", "role"}, {"unit"})
            raw = decode_public_key(payload["publicKey"])
            _require(raw is not None, "publicKey is malformed")
            _require_strong_key(raw, "publicKey")
            _require(is_hash(payload["keyId"]) and payload["keyId"] == key_id(raw),
                     "keyId is not the key id of publicKey")
            _require(is_name(payload["name"]), "name is malformed")
            role = payload["role"]
            _require(is_role(role), "role is not a role")
            _require(payload["keyId"] not in self.keys, f"key {payload['keyId']} was registered before")
            _require(not (signer.role == "secretariat" and role in ("authority", "secretariat")),
                     f"a secretariat key may not register a key with role {role}")
            unit = payload.get("unit")
            if role in ("unitOfficer", "unitLeader"):
                _require("unit" in payload, f"role {role} requires a unit")
            elif role != "appraiser":
                _require("unit" not in payload, f"role {role} takes no unit")
            _require(unit is None and "unit" not in payload or is_unit_code(unit), "unit is malformed")
            new_key = Key(payload["keyId"], raw, role, unit, registered_at=p)
            return lambda: self.keys.__setitem__(new_key.key_id, new_key)

        if event_type == KEY_REVOKED:
            _exact_members(payload, {"keyId", "reason"})
            _require(is_hash(payload["keyId"]), "keyId is malformed")
            _require(is_name(payload["reason"]), "reason is malformed")
            target = self.keys.get(payload["keyId"])
            _require(target is not None, f"key {payload['keyId']} is not registered")
            _require(target.revoked_at is None, f"key {target.key_id} is already revoked")
            _require(not (signer.role == "secretariat" and target.role in ("authority", "secretariat")),
                     f"a secretariat key may not revoke a {target.role} key")
            if target.role == "authority":
                _require(any(k.role == "authority" and k.revoked_at is None and k.key_id != target.key_id
                             for k in self.keys.values()),
                         "revoking the last unrevoked authority key")
            return lambda: setattr(target, "revoked_at", p)

        if event_type == POLICY_AMENDED:
            _exact_members(payload, {"grants"})
            grants = payload["grants"]
            _require(isinstance(grants, dict) and grants, "grants must be a non-empty object")
            _check_grants(grants, allow_empty=True)
            return lambda: self.policy.update({t: list(r) for t, r in grants.items()})

        if event_type == EVIDENCE_ERASED:
            _exact_members(payload, {"reason", "sha256"})
            _require(is_name(payload["reason"]), "reason is malformed")
            _require(is_hash(payload["sha256"]), "sha256 is malformed")
            return lambda: self.erasures.add(payload["sha256"])

        return None  # a domain event: only its blob references are checked (§9, §10)

    # -- after the stream --------------------------------------------------------------------

    def log_keys(self, size: int) -> list[bytes]:
        """§11.1 log keys for a checkpoint of `size`: role authority/secretariat, registered by one of
        the entries 0 … min(size, n)−1 and not revoked by any of them (only verified entries count, so
        a key registered by an entry missing from a short ledger is unknown)."""
        return [k.public_key for k in self.keys.values()
                if k.role in ("authority", "secretariat") and k.registered_at < size
                and (k.revoked_at is None or k.revoked_at >= size)]

    def witness_keys(self) -> dict[str, bytes]:
        """Every key registered anywhere in the verified ledger, by key id."""
        return {k.key_id: k.public_key for k in self.keys.values()}


class BlobStore:
    """blobs/<hash> of an export; each file is hashed at most once.

    Reading: a missing blobs/ directory is an empty store; only regular files count as present.
    """

    def __init__(self, directory: str):
        self.directory = directory
        self._cache: dict[str, Optional[tuple[str, int]]] = {}

    def lookup(self, sha: str) -> Optional[tuple[str, int]]:
        """(actual sha256 hex, length) of blob `sha`, or None if it is absent."""
        if sha not in self._cache:
            path = os.path.join(self.directory, sha)
            if not os.path.isfile(path):
                self._cache[sha] = None
            else:
                digest, length = hashlib.sha256(), 0
                with open(path, "rb") as f:
                    for chunk in iter(lambda: f.read(1 << 20), b""):
                        digest.update(chunk)
                        length += len(chunk)
                self._cache[sha] = (digest.hexdigest(), length)
        return self._cache[sha]


def check_blobs(ledger: Ledger, store: BlobStore) -> tuple[Optional[EntryFailure], list[str]]:
    """§10/§11: judge the blob references of the verified entries in order.

    Returns the first failure (or None) and the sorted erased blobs. Reading: every reference is
    looked at, so erasedBlobs lists all erased referenced blobs even after a failure.
    """
    failure: Optional[EntryFailure] = None
    erased: set[str] = set()
    for ref in ledger.blob_refs:
        found = store.lookup(ref.sha256)
        problem = None
        if found is None:
            if ref.sha256 in ledger.erasures:
                erased.add(ref.sha256)
            else:
                problem = ("blob-missing", f"blob {ref.sha256} is absent and was not erased")
        elif found[0] != ref.sha256:
            problem = ("blob-corrupt", f"blob {ref.sha256} hashes to {found[0]}")
        elif found[1] != ref.size:
            problem = ("blob-corrupt", f"blob {ref.sha256} has {found[1]} bytes, the reference says {ref.size}")
        if problem and failure is None:
            failure = EntryFailure(ref.seq, *problem)
    return failure, sorted(erased)


# =============================================================================================
# Verifying an export
# =============================================================================================

@dataclass
class Report:
    """The verdict (§11.2).

    `size` is the number of leading entries that passed checks 1-10 (the position of the first
    entry that failed them; a blob failure does not change it). `root` is the root of those entries,
    given only when the ledger passed §11 including blobs, so also when only the checkpoint failed
    (`truncated` included). `checkpoint` is given only when the checkpoint verified.
    """

    valid: bool = False
    size: int = 0
    root: Optional[bytes] = None
    failure: Optional[tuple[Optional[int], str, str]] = None   # (seq or None, code, message)
    erased_blobs: list[str] = field(default_factory=list)
    checkpoint: Optional[tuple[int, int]] = None                # (size, cosignatures)

    def to_json(self) -> dict:
        return {
            "valid": self.valid,
            "size": self.size,
            "root": base64.b64encode(self.root).decode("ascii") if self.root is not None else None,
            "failure": None if self.failure is None else
            {"seq": self.failure[0], "code": self.failure[1], "message": self.failure[2]},
            "erasedBlobs": self.erased_blobs,
            "checkpoint": None if self.checkpoint is None else
            {"size": self.checkpoint[0], "cosignatures": self.checkpoint[1]},
        }

    def to_text(self) -> str:
        if self.failure is not None:
            seq, code, message = self.failure
            where = "checkpoint" if seq is None else f"seq {seq}"
            return f"{where}: {code}: {message}"
        lines = [f"ok: {self.size} entries, root {base64.b64encode(self.root).decode('ascii')}"]
        lines += [f"erased blob: {h}" for h in self.erased_blobs]
        if self.checkpoint is not None:
            lines.append(f"checkpoint: size {self.checkpoint[0]}, {self.checkpoint[1]} cosignature(s) verified")
        return "\n".join(lines)


def read_lines(path: str) -> Iterator[bytes]:
    """Line i of entries.jsonl is the entry at position i; lines are split on 0x0A only."""
    with open(path, "rb") as f:
        for line in f:                   # binary iteration splits on b"\n" only
            yield line[:-1] if line.endswith(b"\n") else line


def verify_ledger(export_dir: str, root_sizes: Iterable[int] = ()) -> tuple[Report, Ledger, dict[int, bytes]]:
    """§11 over an export, without a checkpoint. I/O errors propagate.

    Returns the report, the ledger's state after its verified entries, and the root of the first
    s entries for each s of root_sizes that the verified entries reach. Reading stops at the first
    entry that fails: nothing after it counts (§11.2 `size`).
    """
    wanted = set(root_sizes)
    roots = {0: EMPTY_ROOT} if 0 in wanted else {}
    report = Report()
    ledger = Ledger()
    entry_failure: Optional[EntryFailure] = None
    lines = read_lines(os.path.join(export_dir, "entries.jsonl"))
    try:
        for line in lines:
            try:
                ledger.append(line)
            except EntryFailure as error:
                entry_failure = error
                break
            if ledger.size in wanted:
                roots[ledger.size] = ledger.tree.root()
    finally:
        lines.close()
    report.size = ledger.size
    if ledger.size == 0 and entry_failure is None:
        entry_failure = EntryFailure(0, "encoding", "the ledger has no genesis entry")

    blob_failure, report.erased_blobs = check_blobs(ledger, BlobStore(os.path.join(export_dir, "blobs")))
    failure = blob_failure or entry_failure
    if failure is not None:
        report.failure = (failure.seq, failure.code, failure.message)
    else:
        report.root = ledger.tree.root()
        report.valid = True
    return report, ledger, roots


def verify_export(export_dir: str, checkpoint_data: Optional[bytes] = None) -> Report:
    """Verify an export directory (§11) and optionally a checkpoint's bytes (§11.1). I/O errors propagate.

    The checkpoint is judged on its own first (format, origin, log signature, cosignatures), and only
    then compared with the ledger (truncated, root), so an edited checkpoint is reported as such.
    """
    checkpoint: Optional[Checkpoint] = None
    checkpoint_error: Optional[CheckpointFailure] = None
    if checkpoint_data is not None:
        try:
            checkpoint = parse_checkpoint(checkpoint_data)
        except CheckpointFailure as error:
            checkpoint_error = error
    report, ledger, roots = verify_ledger(export_dir, [checkpoint.size] if checkpoint is not None else [])
    if not report.valid or checkpoint_data is None:
        return report

    report.valid = False
    try:
        if checkpoint_error is not None:                                           # 1 format
            raise checkpoint_error
        if checkpoint.origin != ledger.ledger_id:                                  # 2 origin
            raise CheckpointFailure("checkpoint-origin",
                                    f"origin {_quote(checkpoint.origin)} is not the ledger id {ledger.ledger_id}")
        verify_log_signatures(checkpoint, ledger.log_keys(checkpoint.size))        # 3 signature
        cosignatures = verify_cosignatures(checkpoint, ledger.witness_keys())      # 4 cosignature
    except CheckpointFailure as error:
        report.failure = (None, error.code, error.message)
        return report
    if ledger.size < checkpoint.size:                                              # 5 truncated
        report.failure = (ledger.size, "truncated",
                          f"the ledger has {ledger.size} entries, the checkpoint commits to {checkpoint.size}")
        return report
    if roots[checkpoint.size] != checkpoint.root:                                  # 6 root
        report.failure = (None, "checkpoint-root",
                          f"the root of the first {checkpoint.size} entries differs from the checkpoint's")
        return report
    report.checkpoint = (checkpoint.size, cosignatures)
    report.valid = True
    return report


# =============================================================================================
# §13 Proof files
# =============================================================================================

INCLUSION_HEADER = "c2sp.org/tlog-proof@v1"
CONSISTENCY_HEADER = "parledger/consistency-proof@v1"
_PROOF_KINDS = {INCLUSION_HEADER: "inclusion", CONSISTENCY_HEADER: "consistency"}


@dataclass
class Proof:
    kind: str               # "inclusion" or "consistency"
    number: int             # inclusion: the index; consistency: the old size m
    data: bytes             # inclusion: the entry bytes (`extra`); consistency: the old root
    hashes: list[bytes]     # PATH or PROOF, as listed
    note: bytes             # everything after the first blank line: the checkpoint


def proof_kind(data: bytes) -> Optional[str]:
    """"inclusion" or "consistency" from the first line, or None when it is neither."""
    first = data.split(b"\n", 1)[0]
    return _PROOF_KINDS.get(first.decode("ascii", errors="replace"))


def _proof_number(text: str) -> Optional[int]:
    """ASCII decimal without leading zeros, 0 … 2^63 − 1."""
    if _SIZE_RE.fullmatch(text) is None or len(text) > 19 or int(text) > MAX_TREE_SIZE:
        return None
    return int(text)


def parse_proof(data: bytes) -> Proof:
    """Parse a proof file's layout (§13); raise CheckpointFailure('proof-format', …).

    The checkpoint after the first blank line is not parsed here (that is check 2).
    Reading: the `extra` line is required (tlog-proof makes it optional; FORMAT.md's layout lists it).
    """
    def bad(message: str) -> CheckpointFailure:
        return CheckpointFailure("proof-format", message)

    split = data.find(b"\n\n")
    if split < 0:
        raise bad("no blank line before the checkpoint")
    try:
        lines = data[:split].decode("ascii").split("\n")
    except UnicodeDecodeError:
        raise bad("a line before the checkpoint is not ASCII") from None
    kind = _PROOF_KINDS.get(lines[0])
    if kind is None:
        raise bad(f"the first line is neither {INCLUSION_HEADER} nor {CONSISTENCY_HEADER}")
    if len(lines) < 3:
        raise bad("the header is missing lines")
    if kind == "inclusion":
        first, second = ("extra ", "index ")
    else:
        first, second = ("old ", "oldroot ")
    if not lines[1].startswith(first) or not lines[2].startswith(second):
        raise bad(f"the lines after the header must be '{first.strip()}' and '{second.strip()}'")
    if kind == "inclusion":
        payload = decode_base64(lines[1][len(first):])
        number = _proof_number(lines[2][len(second):])
        if payload is None:
            raise bad("extra is not canonical base64")
        if number is None:
            raise bad("index is not a decimal 0 … 2^63 − 1 without leading zeros")
    else:
        number = _proof_number(lines[1][len(first):])
        payload = decode_base64(lines[2][len(second):], 32)
        if number is None:
            raise bad("old is not a decimal 0 … 2^63 − 1 without leading zeros")
        if payload is None:
            raise bad("oldroot is not the canonical base64 of 32 bytes")
    hashes = []
    for line in lines[3:]:
        node = decode_base64(line, 32)
        if node is None:
            raise bad("a proof line is not the canonical base64 of a 32-byte hash")
        hashes.append(node)
    return Proof(kind, number, payload, hashes, data[split + 2:])


@dataclass
class LedgerView:
    """What proof verification (§13) uses of a ledger that passed §11."""

    ledger_id: str
    size: int
    roots: dict[int, bytes]                    # the root of the first s entries, for the sizes known
    log_keys_at: Callable[[int], list[bytes]] = field(default=lambda size: [])   # §11.1 log keys for size s

    def root_at(self, size: int) -> Optional[bytes]:
        return EMPTY_ROOT if size == 0 else self.roots.get(size)

    def log_keys(self, size: int) -> list[bytes]:
        return self.log_keys_at(size)


PATH_ONLY_WARNING = ("nothing was proven about the log: the checkpoint's signatures were not checked, "
                     "and anyone can compute a Merkle path to a root they made up")


@dataclass
class ProofReport:
    """The verdict on a proof file (§13); to_json() is its JSON object."""

    valid: bool = False
    kind: Optional[str] = None                  # None only when the header names no known kind
    path_only: bool = False
    failure: Optional[tuple[str, str]] = None   # (code, message)
    proof: Optional[Proof] = None
    checkpoint: Optional[Checkpoint] = None
    signers: list[str] = field(default_factory=list)
    cosignatures: int = 0
    witnesses_known: bool = False               # a ledger named the witnesses (for the text output)

    def to_json(self) -> dict:
        cp = self.checkpoint
        return {
            "valid": self.valid,
            "proof": self.kind,
            "pathOnly": self.path_only,
            "failure": None if self.failure is None else {"code": self.failure[0], "message": self.failure[1]},
            "checkpoint": None if cp is None else
            {"origin": cp.origin, "size": cp.size, "signers": self.signers, "cosignatures": self.cosignatures},
        }

    def to_text(self) -> str:
        if self.failure is not None:
            lines = [f"proof: {self.failure[0]}: {self.failure[1]}"]
        else:
            proof, cp = self.proof, self.checkpoint
            tree = f"the tree of size {cp.size}, root {base64.b64encode(cp.root).decode('ascii')}"
            if proof.kind == "inclusion":
                claim = f"entry {proof.number} is in {tree}"
            else:
                claim = (f"{tree} extends the tree of size {proof.number}, "
                         f"root {base64.b64encode(proof.data).decode('ascii')}")
            if self.path_only:
                lines = [f"path-only check passed: {claim}, as the checkpoint {_quote(cp.origin)} states"]
            else:
                lines = [f"ok: {claim}, of the log {_quote(cp.origin)}",
                         f"signed by log key(s): {', '.join(self.signers)}",
                         f"{self.cosignatures} cosignature(s) verified" if self.witnesses_known else
                         "cosignatures not checked: witness keys come from a ledger (EXPORT_DIR)"]
        if self.path_only:
            lines.append(f"path-only: {PATH_ONLY_WARNING}")
        return "\n".join(lines)


def verify_proof(data: bytes, log_keys: list[bytes], witness_keys: dict[str, bytes],
                 ledger: Optional[LedgerView] = None, path_only: bool = False) -> ProofReport:
    """Verify a proof file (§13) with the checks in the order of its table.

    log_keys: trusted log keys given by the user; with a ledger, its log keys for the checkpoint's
    size (§11.1) are trusted too. witness_keys: key id -> raw key (a ledger's witness keys).
    ledger: a ledger that passed §11, for the origin, truncated and root checks, or None.
    path_only: run checks 1, 2 and 8 only (a bare checkpoint body is accepted); proves nothing.
    """
    report = ProofReport(kind=proof_kind(data), path_only=path_only, witnesses_known=bool(witness_keys))
    try:
        proof = report.proof = parse_proof(data)                                  # 1 proof-format
        cp = report.checkpoint = parse_checkpoint(proof.note, allow_bare_body=path_only)   # 2 format
        if not path_only:
            if ledger is not None and cp.origin != ledger.ledger_id:              # 3 origin
                raise CheckpointFailure("checkpoint-origin",
                                        f"origin {_quote(cp.origin)} is not the ledger id {ledger.ledger_id}")
            trusted = list(log_keys) + (ledger.log_keys(cp.size) if ledger is not None else [])
            report.signers = verify_log_signatures(cp, trusted)                   # 4 signature
            report.cosignatures = verify_cosignatures(cp, witness_keys)           # 5 cosignature
            if ledger is not None:
                if ledger.size < cp.size:                                         # 6 truncated
                    raise CheckpointFailure("truncated", f"the ledger has {ledger.size} entries, "
                                                         f"the checkpoint commits to {cp.size}")
                if ledger.root_at(cp.size) != cp.root:                            # 7 root
                    raise CheckpointFailure("checkpoint-root", f"the ledger's root at size {cp.size} "
                                                               "differs from the checkpoint's: a fork")
        if proof.kind == "inclusion":                                              # 8 the path
            if proof.number >= cp.size:
                raise CheckpointFailure("inclusion", f"index {proof.number} is not below the size {cp.size}")
            if not verify_inclusion(proof.number, cp.size, leaf_hash(proof.data), proof.hashes, cp.root):
                raise CheckpointFailure("inclusion", "the path does not lead from the entry to the checkpoint's root")
        else:
            if proof.number > cp.size:
                raise CheckpointFailure("consistency", f"old size {proof.number} exceeds the size {cp.size}")
            if not verify_consistency(proof.number, cp.size, proof.data, cp.root, proof.hashes):
                raise CheckpointFailure("consistency",
                                        "the proof does not lead from the old root to the checkpoint's root")
    except CheckpointFailure as error:
        report.failure = (error.code, error.message)
        return report
    report.valid = True
    return report


def _checkpoint_size_of_proof(data: bytes) -> Optional[int]:
    """The size of a proof's checkpoint, if the proof parses that far (to know which root to keep)."""
    try:
        return parse_checkpoint(parse_proof(data).note).size
    except CheckpointFailure:
        return None


def verify_proof_with_export(data: bytes, export_dir: str, log_keys: list[bytes]) -> ProofReport:
    """§13 with a ledger: the export is verified (§11) first, and an invalid ledger is the verdict.

    I/O errors propagate.
    """
    size = _checkpoint_size_of_proof(data)
    ledger_report, ledger, roots = verify_ledger(export_dir, [size] if size is not None else [])
    if not ledger_report.valid:
        seq, code, message = ledger_report.failure
        return ProofReport(kind=proof_kind(data), failure=(code, f"the ledger is invalid: seq {seq}: {message}"))
    view = LedgerView(ledger.ledger_id, ledger.size, roots, ledger.log_keys)
    return verify_proof(data, log_keys, ledger.witness_keys(), view)


# =============================================================================================
# Command line
# =============================================================================================

def _trusted_log_key(parser: argparse.ArgumentParser, text: str) -> bytes:
    """A --log-key argument: `ed25519:` + base64 of a strong key (§5.1), or bad usage."""
    raw = decode_public_key(text)
    if raw is None:
        parser.error(f"--log-key {text}: not ed25519: followed by the base64 of a 32-byte public key")
    problem = strong_key_problem(raw)
    if problem is not None:
        parser.error(f"--log-key {text}: not a strong Ed25519 key (FORMAT.md §5.1): {problem}")
    return raw


def _check_export_dir(export_dir: str) -> None:
    entries_path = os.path.join(export_dir, "entries.jsonl")
    if not os.path.isdir(export_dir):
        raise OSError(f"{export_dir}: not a directory")
    if not os.path.isfile(entries_path):
        raise OSError(f"{entries_path}: no such file")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="verify-ledger.py", allow_abbrev=False,
        usage="%(prog)s EXPORT_DIR [--checkpoint FILE] [--json]\n"
              "       %(prog)s --proof FILE [--log-key ed25519:BASE64 ...] [--path-only] [--json] [EXPORT_DIR]",
        description="Verify a parledger ledger export, or a proof file, against events/FORMAT.md.")
    parser.add_argument("export_dir", metavar="EXPORT_DIR", nargs="?",
                        help="directory with entries.jsonl and blobs/ (with --proof: the ledger the proof is about)")
    # Reading: EXPORT_DIR/checkpoint is not used unless it is passed explicitly.
    parser.add_argument("--checkpoint", metavar="FILE", help="a signed checkpoint to check the ledger against")
    parser.add_argument("--proof", metavar="FILE", help="verify an inclusion or consistency proof file (§13)")
    parser.add_argument("--log-key", metavar="ed25519:BASE64", action="append", default=[],
                        help="with --proof: a trusted log key (repeatable)")
    parser.add_argument("--path-only", action="store_true",
                        help="with --proof: check the Merkle path alone, which proves nothing about the log")
    parser.add_argument("--json", action="store_true", help="print one JSON object (FORMAT.md §11.2 or §13)")
    args = parser.parse_args(argv)  # exits with status 2 on bad usage

    if args.proof is None:
        if args.export_dir is None:
            parser.error("give EXPORT_DIR, or --proof FILE")
        if args.log_key or args.path_only:
            parser.error("--log-key and --path-only are options of --proof")
        try:
            _check_export_dir(args.export_dir)
            checkpoint_data = None
            if args.checkpoint is not None:
                with open(args.checkpoint, "rb") as f:
                    checkpoint_data = f.read()
            report = verify_export(args.export_dir, checkpoint_data)
        except OSError as error:
            print(f"verify-ledger: cannot read input: {error}", file=sys.stderr)
            return 2
    else:
        if args.checkpoint is not None:
            parser.error("--checkpoint is not used with --proof: the proof file carries its checkpoint")
        log_keys = [_trusted_log_key(parser, text) for text in args.log_key]
        if args.path_only and (log_keys or args.export_dir is not None):
            parser.error("--path-only checks no signature and no ledger: give it without --log-key and EXPORT_DIR")
        if not args.path_only and not log_keys and args.export_dir is None:
            parser.error("a proof is valid only against trusted log keys: give --log-key ed25519:BASE64 or "
                         "EXPORT_DIR (whose log keys are trusted), or --path-only to check the path alone "
                         "(which proves nothing about the log)")
        try:
            with open(args.proof, "rb") as f:
                proof_data = f.read()
            if args.export_dir is not None:
                _check_export_dir(args.export_dir)
                report = verify_proof_with_export(proof_data, args.export_dir, log_keys)
            else:
                report = verify_proof(proof_data, log_keys, {}, None, path_only=args.path_only)
        except OSError as error:
            print(f"verify-ledger: cannot read input: {error}", file=sys.stderr)
            return 2

    sys.stdout.reconfigure(errors="backslashreplace")
    if args.json:
        print(json.dumps(report.to_json()))
    else:
        print(report.to_text())
    return 0 if report.valid else 1


if __name__ == "__main__":
    sys.exit(main())
