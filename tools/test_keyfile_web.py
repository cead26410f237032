"""The web's key files (Sources/Server/Web/keys.js, scrypt.js) against RFC 7914 and Python.

scrypt.js must give RFC 7914's vectors and hashlib.scrypt's bytes; a parledger-key/v2 file sealed
here opens in keys.js (and is refused when wrong or damaged); a file keys.js writes opens here.
Runs the page's modules in Node (20+: WebCrypto with Ed25519); skipped only when node is missing.
"""

import base64
import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import unittest
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
WEB = ROOT / "Sources" / "Server" / "Web"
NODE = shutil.which("node")

try:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
except ImportError:  # the verifier's own dependency; say so rather than fail obscurely
    Ed25519PrivateKey = None


def node(script):
    """Runs an ES module in Node; it prints one JSON value, returned here."""
    result = subprocess.run([NODE, "--input-type=module"], input=script, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise AssertionError(f"node failed ({result.returncode}): {result.stderr}")
    return json.loads(result.stdout)


def module(name):
    return json.dumps((WEB / name).as_uri())


def b64(data):
    return base64.b64encode(data).decode()


def canonical(value):
    """canonical.js's text for the values of a key file (keys sorted, no spaces, UTF-8)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def kdf(passphrase, salt, n, r, p):
    return hashlib.scrypt(unicodedata.normalize("NFC", passphrase).encode(), salt=salt, n=n, r=r, p=p,
                          maxmem=128 * n * r * p + 256 * r + (1 << 20), dklen=32)


def public_bytes(seed):
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def sealed_file(seed, name, passphrase, n=32768, r=8, p=1, kdf_n=None, sealed_seed=None, edit=None):
    """A parledger-key/v2 file as the CLI writes it. `kdf_n` seals with another cost than the file
    states, `sealed_seed` seals other bytes than `seed`, `edit` changes the value before writing."""
    public = public_bytes(seed)
    public_text = "ed25519:" + b64(public)
    salt, nonce = os.urandom(16), os.urandom(12)
    key = kdf(passphrase, salt, kdf_n or n, r, p)
    sealed = AESGCM(key).encrypt(nonce, sealed_seed or seed, public_text.encode())
    value = {"format": "parledger-key/v2", "keyId": hashlib.sha256(public).hexdigest(), "name": name,
             "protection": {"cipher": "aes-256-gcm", "kdf": "scrypt", "n": n, "nonce": b64(nonce), "p": p, "r": r,
                            "salt": b64(salt)},
             "publicKey": public_text, "sealedSeed": b64(sealed)}
    if edit:
        edit(value)
    return canonical(value) + "\n"


def import_results(cases):
    """keys.js importKeyFile(text, passphrase) on each [text, passphrase]: the key's public part, or the error."""
    return node(f"""
      const {{ importKeyFile }} = await import({module('keys.js')});
      const out = [];
      for (const [text, passphrase] of {json.dumps(cases)}) {{
        try {{
          const key = await importKeyFile(text, passphrase ?? undefined);
          out.push({{ keyId: key.keyId, publicKey: key.publicKey, name: key.name, unprotected: key.unprotected }});
        }} catch (error) {{
          out.push({{ error: error.message }});
        }}
      }}
      console.log(JSON.stringify(out));
    """)


@unittest.skipUnless(NODE, "node is not installed")
class ScryptTest(unittest.TestCase):
    def scrypt(self, cases):
        return node(f"""
          const {{ scrypt }} = await import({module('scrypt.js')});
          const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
          const fromHex = (text) => new Uint8Array((text.match(/../g) ?? []).map((pair) => parseInt(pair, 16)));
          const out = [];
          for (const [password, salt, n, r, p, dkLen] of {json.dumps(cases)}) {{
            const started = performance.now();
            const key = await scrypt(fromHex(password), fromHex(salt), n, r, p, dkLen);
            out.push({{ key: hex(key), seconds: (performance.now() - started) / 1000 }});
          }}
          console.log(JSON.stringify(out));
        """)

    def test_rfc7914_vectors(self):
        vectors = [  # RFC 7914 §12
            (b"", b"", 16, 1, 1, "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                                 "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"),
            (b"password", b"NaCl", 1024, 8, 16, "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                                                "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"),
            (b"pleaseletmein", b"SodiumChloride", 16384, 8, 1,
             "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
             "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"),
        ]
        results = self.scrypt([[pw.hex(), salt.hex(), n, r, p, 64] for pw, salt, n, r, p, _ in vectors])
        for (pw, salt, n, r, p, expected), result in zip(vectors, results):
            self.assertEqual(result["key"], expected, f"RFC 7914 vector N={n} r={r} p={p}")

    def test_matches_hashlib_at_the_key_file_cost(self):
        password = unicodedata.normalize("NFC", "Mật khẩu của tôi ").encode() + os.urandom(9)
        salt = os.urandom(16)
        expected = hashlib.scrypt(password, salt=salt, n=32768, r=8, p=1, maxmem=64 << 20, dklen=32).hex()
        [result] = self.scrypt([[password.hex(), salt.hex(), 32768, 8, 1, 32]])
        self.assertEqual(result["key"], expected)
        # 0.2 s here; a bound far above it still catches an allocation per word or per block.
        self.assertLess(result["seconds"], 5, "scrypt N=32768 r=8 must stay well under a couple of seconds")


@unittest.skipUnless(NODE, "node is not installed")
@unittest.skipIf(Ed25519PrivateKey is None, "the cryptography package is not installed")
class KeyFileTest(unittest.TestCase):
    PASSPHRASE = "Trăm năm trong cõi người ta"

    def test_python_sealed_file_opens_in_the_page(self):
        seed = os.urandom(32)
        name = "Nguyễn Thị Hoa"
        text = sealed_file(seed, name, self.PASSPHRASE)
        public = public_bytes(seed)
        other_seed = os.urandom(32)

        def flip_sealed(value):
            sealed = bytearray(base64.b64decode(value["sealedSeed"]))
            sealed[5] ^= 0x01
            value["sealedSeed"] = b64(bytes(sealed))

        def other_public_key(value):  # with its own keyId: only the sealing's additional data tells
            value["publicKey"] = "ed25519:" + b64(public_bytes(other_seed))
            value["keyId"] = hashlib.sha256(public_bytes(other_seed)).hexdigest()

        def protection(**changes):
            return lambda value: value["protection"].update(changes)

        cases = {
            # The passphrase as typed may be decomposed (NFD): both sides normalise to NFC.
            "right": [text, unicodedata.normalize("NFD", self.PASSPHRASE)],
            "wrong": [text, self.PASSPHRASE + "!"],
            "none": [text, None],
            "flipped": [sealed_file(seed, name, self.PASSPHRASE, edit=flip_sealed), self.PASSPHRASE],
            "public key swapped": [sealed_file(seed, name, self.PASSPHRASE, edit=other_public_key), self.PASSPHRASE],
            "seals another seed": [sealed_file(seed, name, self.PASSPHRASE, sealed_seed=other_seed), self.PASSPHRASE],
            "keyId altered": [sealed_file(seed, name, self.PASSPHRASE, edit=lambda value: value.update(keyId="0" * 64)),
                              self.PASSPHRASE],
            "no keyId": [sealed_file(seed, name, self.PASSPHRASE, edit=lambda value: value.pop("keyId")), self.PASSPHRASE],
            "n 2^21": [sealed_file(seed, name, self.PASSPHRASE, n=2 ** 21, kdf_n=32768), self.PASSPHRASE],
            # r = 1 keeps 128·n·r within 256 MiB: only the bound on n refuses these.
            "n 2^21 r 1": [sealed_file(seed, name, self.PASSPHRASE, n=2 ** 21, r=1, kdf_n=32768), self.PASSPHRASE],
            "n 2^13": [sealed_file(seed, name, self.PASSPHRASE, edit=protection(n=2 ** 13)), self.PASSPHRASE],
            "n not a power of two": [sealed_file(seed, name, self.PASSPHRASE, edit=protection(n=32767)), self.PASSPHRASE],
            "r 17": [sealed_file(seed, name, self.PASSPHRASE, edit=protection(r=17)), self.PASSPHRASE],
            "over 256 MiB": [sealed_file(seed, name, self.PASSPHRASE, edit=protection(n=2 ** 20, r=4)), self.PASSPHRASE],
            "short salt": [sealed_file(seed, name, self.PASSPHRASE, edit=protection(salt=b64(bytes(15)))), self.PASSPHRASE],
            "other kdf": [sealed_file(seed, name, self.PASSPHRASE, edit=protection(kdf="pbkdf2")), self.PASSPHRASE],
            "v1": [canonical({"format": "parledger-key/v1", "keyId": hashlib.sha256(public).hexdigest(), "name": name,
                              "publicKey": "ed25519:" + b64(public), "seed": b64(seed)}) + "\n", None],
        }
        results = dict(zip(cases, import_results(list(cases.values()))))
        expected = {"keyId": hashlib.sha256(public).hexdigest(), "publicKey": "ed25519:" + b64(public), "name": name}
        self.assertEqual(results["right"], {**expected, "unprotected": False})
        self.assertEqual(results["v1"], {**expected, "unprotected": True})
        self.assertEqual(results["wrong"], {"error": "passphrase"})
        self.assertEqual(results["none"], {"error": "passphrase-required"})
        # AES-GCM cannot tell an altered file from a wrong passphrase: the same refusal.
        self.assertEqual(results["flipped"], {"error": "passphrase"})
        self.assertEqual(results["public key swapped"], {"error": "passphrase"})
        self.assertEqual(results["seals another seed"], {"error": "key-file"})
        self.assertEqual(results["keyId altered"], {"error": "key-file"})
        self.assertEqual(results["no keyId"], {"error": "key-file"})
        for case in ("n 2^21", "n 2^21 r 1", "n 2^13", "n not a power of two", "r 17", "over 256 MiB", "short salt", "other kdf"):
            self.assertEqual(results[case], {"error": "key-file"}, case)

    def test_page_generated_file_opens_in_python(self):
        name = "Kiểm toán viên Hồ Thị Mai"
        made = node(f"""
          const {{ generateKey, importKeyFile }} = await import({module('keys.js')});
          const refused = async (passphrase) => generateKey('x', passphrase).then(() => null, (error) => error.message);
          const {{ key, fileText }} = await generateKey({json.dumps(name)}, {json.dumps(self.PASSPHRASE)});
          const again = await importKeyFile(fileText, {json.dumps(unicodedata.normalize("NFD", self.PASSPHRASE))});
          console.log(JSON.stringify({{
            fileText, keyId: key.keyId, publicKey: key.publicKey, reopened: again.keyId,
            // 7 code points (14 UTF-16 units); 8 code points that NFC makes 4.
            short: [await refused('1234567'), await refused('😀'.repeat(7)), await refused('e\\u0301'.repeat(4))],
            eight: await refused('😀'.repeat(8)),
          }}));
        """)
        text = made["fileText"]
        self.assertTrue(text.endswith("}\n") and not text.endswith("\n\n"), "one newline ends the file")
        value = json.loads(text)
        self.assertEqual(canonical(value) + "\n", text, "canonical JSON")
        self.assertEqual(set(value), {"format", "keyId", "name", "protection", "publicKey", "sealedSeed"})
        self.assertEqual(value["format"], "parledger-key/v2")
        self.assertEqual(value["name"], name)
        protection = value["protection"]
        self.assertEqual({k: protection[k] for k in ("cipher", "kdf", "n", "r", "p")},
                         {"cipher": "aes-256-gcm", "kdf": "scrypt", "n": 32768, "r": 8, "p": 1})
        self.assertEqual(set(protection), {"cipher", "kdf", "n", "r", "p", "salt", "nonce"})
        salt, nonce = base64.b64decode(protection["salt"]), base64.b64decode(protection["nonce"])
        self.assertEqual((len(salt), len(nonce)), (16, 12))

        sealed = base64.b64decode(value["sealedSeed"])
        self.assertEqual(len(sealed), 48)
        key = kdf(self.PASSPHRASE, salt, 32768, 8, 1)
        seed = AESGCM(key).decrypt(nonce, sealed, value["publicKey"].encode())
        public = public_bytes(seed)
        self.assertEqual(value["publicKey"], "ed25519:" + b64(public))
        self.assertEqual(value["keyId"], hashlib.sha256(public).hexdigest())
        self.assertEqual((made["publicKey"], made["keyId"], made["reopened"]), (value["publicKey"], value["keyId"], value["keyId"]))
        with self.assertRaises(Exception):
            AESGCM(kdf(self.PASSPHRASE + ".", salt, 32768, 8, 1)).decrypt(nonce, sealed, value["publicKey"].encode())

        self.assertEqual(made["short"], ["passphrase-short"] * 3)
        self.assertIsNone(made["eight"])


if __name__ == "__main__":
    unittest.main()
