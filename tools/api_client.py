"""What the binary tests need of the HTTP API as a client: a JSON read, and a session token for a
key file (signed in as the web page does). Shared by tools/browser_test.py and tools/schema_test.py."""

import base64
import json
import urllib.request


def get_json(url, token=None):
    """A JSON answer of the API, read with the session `token` when given (reads are gated by role)."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def api_token(url, key_file):
    """A session token for an unprotected key file, signed in through the API as the page does."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    with open(key_file) as file:
        key = json.load(file)

    def post(path, body):
        request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    challenge = post("/api/session/challenge", {"keyId": key["keyId"]})
    signature = Ed25519PrivateKey.from_private_bytes(base64.b64decode(key["seed"])).sign(challenge["message"].encode())
    return post("/api/session", {"keyId": key["keyId"], "challenge": challenge["challenge"],
                                 "signature": base64.b64encode(signature).decode()})["token"]
