#!/usr/bin/env python3
"""The web UI in a real browser: headless Chromium (Debian's), driven over the Chrome DevTools
Protocol, against `parledger serve`.

Flows: a unit officer scoring, uploading evidence and submitting (with a refusal shown next to
its field); an appraiser appraising; the secretariat issuing preliminary results; the officer
objecting and the council chair resolving; the public standings as of a date, a unit's page, the
English switch and the verify page. Screenshots of each main page go to .build/screenshots/.

Usage: tools/browser_test.py [PATH_TO_PARLEDGER]   (default .build/debug/parledger)
"""
import datetime
import json
import base64
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARLEDGER = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/parledger"))
SHOTS = os.path.join(ROOT, ".build", "screenshots")
WINDOW = 25  # seconds of self-scoring left when the test's campaign opens

CRITERIA = {
    "set": "department", "version": 1, "name": "Bộ tiêu chí cấp sở (thử nghiệm)", "totalPoints": "10",
    "decision": {"number": "534/QĐ-UBND", "date": "2023-04-17"},
    "domains": [
        {"code": "1", "name": "Chỉ đạo, điều hành", "children": [
            {"code": "1.1", "name": "Kế hoạch CCHC", "maxPoints": "1", "method": "TĐG", "rule": "Ban hành đúng hạn: 1 điểm",
             "evidence": ["Kế hoạch CCHC năm"], "notApplicable": "notAllowed", "allowedValues": ["0", "1"]},
            {"code": "1.2", "name": "Báo cáo định kỳ", "maxPoints": "2", "method": "TĐG", "rule": "Đủ 4 quý: 2 điểm",
             "evidence": [], "notApplicable": "notAllowed"},
            {"code": "1.3", "name": "Hiệu quả chỉ đạo", "maxPoints": "2", "method": "XHH", "rule": "Khảo sát",
             "evidence": [], "notApplicable": "notAllowed"}]},
        {"code": "2", "name": "Thể chế", "children": [
            {"code": "2.1", "name": "Rà soát văn bản", "maxPoints": "5", "method": "TĐG", "rule": "Đạt: 5 điểm",
             "evidence": [], "notApplicable": "allowed"}]}],
    "adjustments": {"bonusCap": "2", "deductionCap": "3", "items": []},
}


def stamp(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def parledger(*arguments):
    result = subprocess.run([PARLEDGER, *arguments], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"parledger {' '.join(arguments)} failed: {result.stderr}")
    return result.stdout


def get_json(url, token=None):
    """A JSON answer of the API, read with the session `token` when given (reads are gated by role)."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def api_token(url, key_file):
    """A session token for a key file, signed in through the API as the page does."""
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


def page_token(browser):
    """The session token of the person signed in in the page."""
    return browser.eval("import('/assets/api.js').then((api) => api.session.token)")


class Server:
    def __init__(self, store):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([PARLEDGER, "serve", "--store", store, "--port", str(self.port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(100):
            try:
                get_json(self.url + "/api/ledger")
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("parledger serve did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class Browser:
    """Headless Chromium over the DevTools protocol."""

    def __init__(self, profile):
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            raise SystemExit("chromium is not installed (tools/test installs Debian's chromium)")
        port = free_port()
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             f"--remote-debugging-port={port}", f"--user-data-dir={profile}", "--window-size=1280,1400",
             "--lang=vi", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                targets = get_json(f"http://127.0.0.1:{port}/json/list")
                page = next(t for t in targets if t["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.1)
        else:
            raise SystemExit("chromium did not start")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.send("Page.enable")
        self.send("Runtime.enable")

    def send(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("method") == "Runtime.exceptionThrown":
                print("page exception:", message["params"]["exceptionDetails"].get("exception", {}).get("description"))
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def eval(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}…: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, condition, what, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.eval(f"Boolean({condition})"):
                return
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; page says: {self.eval('document.body.innerText')[:1500]}")

    def ready(self):
        return self.eval("document.body.dataset.ready || ''")

    def go(self, url):
        before = self.ready() if self.eval("location.href.startsWith('http')") else ""
        if url.startswith("#"):
            # The same hash again fires no hashchange: render it anew all the same.
            self.eval(f"if (location.hash === {json.dumps(url)}) window.dispatchEvent(new HashChangeEvent('hashchange'));"
                      f" else location.hash = {json.dumps(url)}; true")
        else:
            self.send("Page.navigate", url=url)
        self.wait(f"document.body && document.body.dataset.ready && document.body.dataset.ready !== {json.dumps(before)}", url)

    def submit(self, form):
        """Submits a form; waits for the page to re-render or for a refusal to appear beside a field."""
        before = self.ready()
        self.eval(f"window.__form = {form}; window.__form.requestSubmit(); true")
        self.wait(f"document.body.dataset.ready !== {json.dumps(before)} || window.__form.querySelector('.error')", form)
        return self.eval("window.__form.isConnected && window.__form.querySelector('.error') ? "
                         "{code: window.__form.querySelector('.error').dataset.code, text: window.__form.querySelector('.error').textContent,"
                         " after: window.__form.querySelector('.error').previousElementSibling?.querySelector('input,select')?.name} : null")

    def click(self, selector):
        """Clicks a button that re-renders the page, and waits for it."""
        before = self.ready()
        self.eval(f"document.querySelector({json.dumps(selector)}).click(); true")
        self.wait(f"document.body.dataset.ready !== {json.dumps(before)}", selector)

    def fill(self, form, values):
        for name, value in values.items():
            self.eval(f"{form}.elements[{json.dumps(name)}].value = {json.dumps(value)}; true")

    def files(self, selector, paths):
        handle = self.send("Runtime.evaluate", expression=f"document.querySelector({json.dumps(selector)})")
        self.send("DOM.setFileInputFiles", files=paths, objectId=handle["result"]["objectId"])

    def text(self, selector):
        return self.eval(f"document.querySelector({json.dumps(selector)})?.textContent ?? null")

    def screenshot(self, name):
        os.makedirs(SHOTS, exist_ok=True)
        data = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        path = os.path.join(SHOTS, name + ".png")
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))
        print(f"  screenshot {os.path.relpath(path, ROOT)}")

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=10)


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print(f"  ok: {message}")


def campaign_ledger(folder):
    """A ledger whose campaign is open now, with self-scoring closing WINDOW seconds from now."""
    key = lambda name: os.path.join(folder, name + ".key")
    store = os.path.join(folder, "ledger.sqlite")

    def new_key(name, person):
        parledger("key", "new", "--out", key(name), "--name", person)
        return json.loads(parledger("key", "show", key(name), "--format", "json"))

    def register(name, person, role, unit=None, by="authority"):
        shown = new_key(name, person)
        arguments = ["key", "register", "--store", store, "--as", key(by), "--public-key", shown["publicKey"],
                     "--role", role, "--name", person]
        parledger(*(arguments + (["--unit", unit] if unit else [])))
        return shown["keyId"]

    def act(signer, *arguments):
        return parledger(*arguments, "--store", store, "--key", key(signer))

    new_key("authority", "UBND tỉnh Trà Vinh")
    parledger("init", "--store", store, "--ledger-id", "test.travinh.gov.vn/par/web", "--authority-key", key("authority"))
    register("secretariat", "Sở Nội vụ", "secretariat")
    register("officer", "Nguyễn Văn An", "unitOfficer", unit="SNV", by="secretariat")
    register("leader", "Trần Thị Bình", "unitLeader", unit="SNV", by="secretariat")
    appraiser = register("appraiser", "Lê Phúc", "appraiser", unit="STP")
    register("chair", "Phạm Minh Đức", "councilChair")
    with open(os.path.join(folder, "criteria.json"), "w") as file:
        json.dump(CRITERIA, file, ensure_ascii=False)
    act("secretariat", "criteria", "publish", os.path.join(folder, "criteria.json"))
    now = datetime.datetime.now(datetime.timezone.utc)
    closes = now + datetime.timedelta(seconds=WINDOW)
    plan = {
        "plan": {"number": "43/KH-UBND", "date": "2023-05-09"}, "year": 2023,
        "groups": [{"code": "department", "name": "Sở, ban, ngành", "criteria": {"set": "department", "version": 1}}],
        "deadlines": {"selfScoringOpens": stamp(now - datetime.timedelta(hours=1)), "selfScoringCloses": stamp(closes),
                      "round1Closes": stamp(closes + datetime.timedelta(hours=1)),
                      "explanationCloses": stamp(closes + datetime.timedelta(hours=2)),
                      "round2Closes": stamp(closes + datetime.timedelta(hours=3))},
        "respondentGroups": [{"code": "citizens", "name": "Người dân, tổ chức"}],
        "surveyQuotas": [{"group": "department", "respondentGroup": "citizens", "formsPerUnit": 20}],
        "scoring": {"publicationDecimals": 2, "bands": [{"name": "Tốt", "minimumIndex": "90"}, {"name": "Yếu", "minimumIndex": "0"}],
                    "tieBreak": ["surveyTotal"], "minimumSampleShare": "0.5", "formValidShare": "0.7",
                    "notApplicableDefault": "excludeFromMax", "lateSubmissionDeduction": "1", "clockSkewSeconds": 300},
    }
    with open(os.path.join(folder, "campaign.json"), "w") as file:
        json.dump(plan, file, ensure_ascii=False)
    act("authority", "campaign", "open", os.path.join(folder, "campaign.json"))
    for code, name in [("SNV", "Sở Nội vụ"), ("STP", "Sở Tư pháp")]:
        act("secretariat", "unit", "enrol", "--code", code, "--name", name, "--group", "department")
    act("secretariat", "appraiser", "assign", "--key-id", appraiser, "--domains", "1", "--own-unit", "STP")
    template = {
        "template": "department-2023", "version": 1, "group": "department", "name": "Phiếu khảo sát cấp sở",
        "options": [{"code": "A", "label": "Rất tốt", "coefficient": "1"}, {"code": "B", "label": "Tốt", "coefficient": "0.6"},
                    {"code": "E", "label": "Không biết", "coefficient": None}],
        "questions": [{"code": "Q1", "text": "Hiệu quả chỉ đạo?", "leaf": "1.3", "respondentGroups": ["citizens"]}],
    }
    with open(os.path.join(folder, "template.json"), "w") as file:
        json.dump(template, file, ensure_ascii=False)
    act("secretariat", "survey", "template", os.path.join(folder, "template.json"))
    return store, key, closes


def vectors(browser):
    """The page's canonical JSON encoder and signer give the bytes of events/vectors."""
    with open(os.path.join(ROOT, "events/vectors/canonical-json.json")) as file:
        canonical = json.load(file)["valid"]
    with open(os.path.join(ROOT, "events/vectors/statements.json")) as file:
        statements = json.load(file)
    script = """(async (canonicalVectors, statementVectors) => {
      const { canonicalBytes, signingMessage } = await import('/assets/canonical.js');
      const { importKeyFile, sign, hex, base64 } = await import('/assets/keys.js');
      const fromHex = (text) => new Uint8Array(text.match(/../g).map((pair) => parseInt(pair, 16)));
      const failures = [];
      for (const vector of canonicalVectors) {
        const input = new TextDecoder().decode(fromHex(vector.inputHex));
        if (hex(canonicalBytes(JSON.parse(input))) !== vector.canonicalHex) failures.push(vector.name);
      }
      for (const vector of statementVectors) {
        const bytes = canonicalBytes(vector.statement);
        if (hex(bytes) !== vector.statementCanonicalHex) failures.push(vector.name + ' bytes');
        if (hex(signingMessage(bytes)) !== vector.signingMessageHex) failures.push(vector.name + ' message');
        const key = await importKeyFile(JSON.stringify({ format: 'parledger-key/v1', name: 'vector',
          seed: base64.encode(fromHex(vector.signerSeedHex)) }));
        if (base64.encode(await sign(key, signingMessage(bytes))) !== vector.signature) failures.push(vector.name + ' signature');
      }
      return failures;
    })""" + f"({json.dumps(canonical)}, {json.dumps(statements)})"
    failures = browser.eval(script)
    check(failures == [], f"canonical JSON ({len(canonical)} vectors) and signatures ({len(statements)} statements)"
          f" in the browser match events/vectors{': ' + ', '.join(failures) if failures else ''}")

    with open(os.path.join(ROOT, "events/vectors/ed25519-edges.json")) as file:
        edges = json.load(file)
    script = """(async (keys, signatures) => {
      const { publicKeyProblem, verifySignature } = await import('/assets/ed25519.js');
      const fromHex = (text) => new Uint8Array((text.match(/../g) ?? []).map((pair) => parseInt(pair, 16)));
      const failures = [];
      for (const vector of keys) {
        if ((publicKeyProblem(fromHex(vector.publicKeyHex)) === null) !== vector.strong) failures.push(vector.name);
      }
      for (const vector of signatures) {
        const valid = await verifySignature(fromHex(vector.publicKeyHex), fromHex(vector.signatureHex), fromHex(vector.messageHex));
        if (valid !== vector.valid) failures.push(vector.name);
      }
      return failures;
    })""" + f"({json.dumps(edges['keys'])}, {json.dumps(edges['signatures'])})"
    failures = browser.eval(script)
    check(failures == [], f"the browser's key and signature rule (FORMAT.md §5.1) gives the verdicts of "
          f"events/vectors/ed25519-edges.json ({len(edges['keys'])} keys, {len(edges['signatures'])} signatures)"
          f"{': ' + ', '.join(failures) if failures else ''}")


def sign_in(browser, key_file):
    browser.go("#/key")
    browser.files("#sign-in-form input[type=file]", [key_file])
    refusal = browser.submit("document.querySelector('#sign-in-form')")
    check(refusal is None and browser.text("#signed-in") is not None, f"signed in with {os.path.basename(key_file)}")


def unit_flows(browser, folder):
    store, key, closes = campaign_ledger(folder)
    server = Server(store)
    try:
        browser.go(server.url + "/")
        check(browser.eval("crypto.subtle.generateKey({name: 'Ed25519'}, true, ['sign']).then(() => true)"),
              "this Chromium signs with WebCrypto Ed25519")

        vectors(browser)

        print("unit officer: scores, uploads evidence, is refused beside a field")
        sign_in(browser, key("officer"))
        browser.go("#/officer")
        check("Tiến độ" in browser.text("main") and browser.text("#progress") == "0/3", "Vietnamese page with progress 0/3")
        leaf = lambda code, form: f"document.querySelector('[data-leaf=\"{code}\"] .{form}')"
        browser.fill(leaf("1.2", "score-form"), {"points": "5", "note": "Đủ báo cáo"})
        refusal = browser.submit(leaf("1.2", "score-form"))
        check(refusal and refusal["code"] == "points-out-of-range" and "Điểm vượt quá" in refusal["text"]
              and refusal["after"] == "points", "points above max refused in Vietnamese next to the points field")
        evidence = os.path.join(folder, "ke-hoach-cchc.pdf")
        with open(evidence, "wb") as file:
            file.write("Kế hoạch cải cách hành chính năm 2023".encode())
        browser.files("[data-leaf=\"1.1\"] .evidence-form input[type=file]", [evidence])
        browser.fill(leaf("1.1", "evidence-form"), {"number": "12/KH-SNV", "issuer": "Sở Nội vụ", "issuedOn": "2023-01-10"})
        check(browser.submit(leaf("1.1", "evidence-form")) is None, "evidence uploaded and attached")
        check("Minh chứng: 1" in browser.text("[data-leaf=\"1.1\"] .current"), "leaf 1.1 shows its evidence")
        for code, points, note in [("1.1", "1", ""), ("1.2", "2", "Đủ báo cáo 4 quý"), ("2.1", "5", "Đã rà soát toàn bộ văn bản")]:
            browser.fill(leaf(code, "score-form"), {"points": points, "note": note})
            check(browser.submit(leaf(code, "score-form")) is None, f"self-scored {code} = {points}")
        check(browser.text("#progress") == "3/3", "progress 3/3")
        browser.screenshot("officer")

        print("unit leader: submits")
        sign_in(browser, key("leader"))
        browser.go("#/officer")
        check(browser.submit("document.querySelector('#submit-form')") is None, "submitted")
        check(browser.text("#unit-status").startswith("Đã chốt"), "status says submitted (Đã chốt)")

        print("appraiser: appraises with a reason, is refused without one")
        sign_in(browser, key("appraiser"))
        browser.go("#/appraiser?unit=SNV")
        check(browser.text("#domains") == "1", "assigned domain 1")
        check(browser.eval("document.querySelector('[data-leaf=\"1.1\"] .evidence a')?.download") == "ke-hoach-cchc.pdf",
              "the evidence is downloadable")
        browser.fill(leaf("1.2", "appraise-form"), {"points": "1", "reason": ""})
        refusal = browser.submit(leaf("1.2", "appraise-form"))
        check(refusal and refusal["code"] == "reason-missing" and refusal["after"] == "reason",
              "a lower appraisal without a reason is refused next to the reason field")
        browser.fill(leaf("1.1", "appraise-form"), {"points": "0", "reason": "Kế hoạch ban hành trễ hạn"})
        check(browser.submit(leaf("1.1", "appraise-form")) is None, "appraised 1.1 = 0 with a reason")
        browser.screenshot("appraiser")

        print("secretariat: dashboard, preliminary results after the deadline")
        wait = (closes - datetime.datetime.now(datetime.timezone.utc)).total_seconds() + 1
        if wait > 0:
            print(f"  waiting {wait:.0f} s for self-scoring to close")
            time.sleep(wait)
        sign_in(browser, key("secretariat"))
        browser.go("#/secretariat")
        check("Đã chốt" in browser.text("#submissions"), "the dashboard shows SNV submitted")
        check(browser.submit("document.querySelector('#preliminary-form')") is None, "preliminary results issued")
        browser.screenshot("secretariat")
        forms = os.path.join(folder, "phieu-khao-sat.csv")
        with open(forms, "w", encoding="utf-8") as file:
            file.write("serial,unit,respondentGroup,Q1\nKS-001,SNV,citizens,A\nKS-002,STP,citizens,B\n")
        browser.files("#survey-form input[type=file]", [forms])
        browser.eval("document.querySelector('#survey-form').requestSubmit(); true")
        browser.wait("document.querySelector('#survey-read').textContent.length > 0"
                     " || document.querySelector('#survey-form .error')", "the survey file read")
        check("2" in (browser.text("#survey-read") or "") and browser.text("#survey-form .error") is None,
              f"the survey file is read and checked in the page: {browser.text('#survey-form')}")
        browser.click("#survey-record")
        check(get_json(server.url + "/api/survey/coverage", page_token(browser))["received"] == 2, "the batch of 2 forms is signed and recorded")

        print("a key generated in the browser, registered by the secretariat, signs in")
        browser.go("#/key")
        browser.fill("document.querySelector('#generate-form')", {"name": "Kiểm toán viên Hồ Thị Mai"})
        browser.eval("document.querySelector('#generate-form').requestSubmit(); true")
        browser.wait("document.querySelector('#generated a')", "the generated key")
        generated = os.path.join(folder, "generated.key")
        with open(generated, "w") as file:
            file.write(browser.eval("fetch(document.querySelector('#generated a').href).then((r) => r.text())"))
        shown = json.loads(parledger("key", "show", generated, "--format", "json"))
        check(browser.text("#new-public-key").startswith(shown["publicKey"]), "its key file reads with parledger key show")
        browser.go("#/secretariat")
        form = "document.querySelector('#register-form')"
        identity = "ed25519:" + base64.b64encode(bytes([1] + [0] * 31)).decode()
        browser.fill(form, {"publicKey": identity, "name": "Khóa yếu", "role": "auditor"})
        refusal = browser.submit(form)
        check(refusal is not None and refusal["code"] == "public-key" and "bậc nhỏ" in refusal["text"],
              f"a small-order public key is refused in the page before anything is signed: {refusal}")
        browser.fill(form, {"publicKey": shown["publicKey"], "name": shown["name"], "role": "auditor"})
        check(browser.submit(form) is None, "registered by the secretariat")
        check(get_json(server.url + "/api/keys/" + shown["keyId"])["role"] == "auditor", "the ledger knows it as an auditor")
        sign_in(browser, generated)

        print("unit officer: sees the appraisal and its reason, objects")
        sign_in(browser, key("officer"))
        browser.go("#/officer")
        check("Kế hoạch ban hành trễ hạn" in browser.text("#preliminary [data-leaf=\"1.1\"]"), "the appraisal's reason is shown")
        form = "document.querySelector('#preliminary [data-leaf=\"1.1\"] .object-form')"
        browser.fill(form, {"text": "Kế hoạch đã ban hành đúng hạn, có văn bản kèm theo"})
        check(browser.submit(form) is None, "objection filed")
        check(len(get_json(server.url + "/api/disputes?status=open", api_token(server.url, key("secretariat")))["disputes"]) == 1,
              "one open dispute")
        browser.screenshot("officer-preliminary")

        print("council chair: resolves the objection")
        sign_in(browser, key("chair"))
        browser.go("#/appraiser")
        form = "document.querySelector('#objections .resolve-form')"
        browser.fill(form, {"outcome": "accepted", "points": "1", "reasoning": "Có văn bản chứng minh ban hành đúng hạn"})
        check(browser.submit(form) is None, "objection resolved")
        check(len(get_json(server.url + "/api/disputes?status=open", page_token(browser))["disputes"]) == 0, "no open dispute left")
    finally:
        server.stop()


def public_flows(browser, folder):
    demo = os.path.join(folder, "demo")
    parledger("demo", "--dir", demo)
    server = Server(os.path.join(demo, "ledger.sqlite"))
    try:
        print("a request half sent is cut off: the server does not wait for its head")
        host, port = server.url.split("//")[1].split(":")
        started = time.monotonic()
        with socket.create_connection((host, int(port)), timeout=30) as half:
            half.sendall(b"GET /api/campaign HTTP/1.1\r\nHost: parledger\r\n")
            closed = half.recv(1) == b""
        check(closed and time.monotonic() - started < 20,
              f"closed after {time.monotonic() - started:.0f} s without the rest of its head")
        print("public: standings now and as of a date, a unit's page, English, verify")
        browser.go(server.url + "/#/")
        check(browser.text("h1") == "Bảng xếp hạng", "Vietnamese by default")
        check(browser.eval("document.querySelectorAll('table.standings').length") == 2, "two groups' standings")
        check(browser.eval("document.querySelectorAll('svg.chart').length") >= 2, "ranking charts")
        now_size = get_json(server.url + "/api/ledger")["size"]
        check(browser.text("#provisional") is None, "published standings are not marked provisional")
        browser.screenshot("standings")
        # Before publication the standings are the council's working papers: withheld from anyone …
        browser.fill("document.querySelector('#asof-form')", {"asOf": "2024-01-31"})
        browser.eval("document.querySelector('#asof-form').requestSubmit(); true")
        browser.wait("document.querySelector('#withheld')", "the withheld notice")
        check("chưa được công bố" in browser.text("#withheld"), "anyone is told the draft standings are not published")
        # … and shown to an auditor, marked provisional.
        sign_in(browser, os.path.join(demo, "keys", "auditor.key"))
        browser.go(server.url + "/#/?asOf=2024-01-31")
        browser.wait("document.querySelector('p.prefix')", "the as-of standings")
        check("Tạm tính" in (browser.text("#provisional") or ""), "an auditor sees them marked provisional")
        prefix = browser.text("p.prefix")
        size = int(prefix.split(": ")[1].split(" ")[0])
        expected = get_json(server.url + "/api/standings?asOf=2024-01-31", page_token(browser))
        check("Tính đến ngày" in prefix and size == expected["ledger"]["size"] and size < now_size,
              f"as of 2024-01-31: {size} of {now_size} entries")
        first = browser.eval("document.querySelector('table.standings tbody tr td:nth-child(3)').textContent")
        check(first.startswith(expected["groups"][0]["standings"][0]["index"]), "the as-of ranking is the API's")
        browser.screenshot("standings-asof")
        browser.click("#lang")
        check(browser.text("h1") == "Standings" and "Rank" in browser.text("table.standings"), "English switch")
        browser.click("#lang")
        check(browser.text("h1") == "Bảng xếp hạng", "back to Vietnamese")
        unit = browser.eval("document.querySelector('table.standings a').getAttribute('href')")
        browser.go(unit)
        check(browser.eval("document.querySelectorAll('svg.chart rect.self').length") > 1, "self-vs-appraised chart per domain")
        browser.screenshot("unit")
        browser.go("#/verify")
        check(browser.text("#checkpoint-note").startswith("travinh.gov.vn"), "the verify page shows the signed checkpoint")
        check((browser.text("#checkpoint-check") or "").startswith("✓"), "the page checks the log's signature itself")
        browser.go("#/")
        browser.go("#/verify")
        check((browser.text("#consistency-check") or "").startswith("✓"),
              f"and that the checkpoint extends the one it saw before: {browser.text('#consistency-check')}")
        browser.screenshot("verify")
        # The auditor's commands, run as they stand: download, verify with the Python verifier, check proofs.
        auditor = os.path.join(folder, "auditor")
        os.makedirs(auditor)
        os.symlink(os.path.join(ROOT, "tools"), os.path.join(auditor, "tools"))
        environment = dict(os.environ, PATH=os.path.dirname(PARLEDGER) + os.pathsep + os.environ["PATH"])
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", browser.text("#verify-commands")], cwd=auditor,
                                env=environment, capture_output=True, text=True)
        check(result.returncode == 0 and result.stdout.startswith(f"ok: {now_size} entries") and result.stdout.count("ok: checkpoint signed by") == 2
              and result.stdout.count("signed by log key(s)") == 2,
              "the page's verification commands pass as they stand"
              + ("" if result.returncode == 0 and result.stdout.startswith("ok") else f": {result.stderr}\n{result.stdout}"))
        blobs = len(os.listdir(os.path.join(auditor, "export", "blobs")))
        check(blobs == len(get_json(server.url + "/api/export/blobs", page_token(browser))["blobs"]) and blobs > 0, f"{blobs} evidence files downloaded")
        browser.go("#/secretariat")
        browser.screenshot("secretariat-demo")
    finally:
        server.stop()


def main():
    if not os.path.exists(PARLEDGER):
        raise SystemExit(f"{PARLEDGER} is not built (swift build --product parledger)")
    with tempfile.TemporaryDirectory() as folder:
        browser = Browser(os.path.join(folder, "profile"))
        try:
            public_flows(browser, folder)
            unit_flows(browser, folder)
        finally:
            browser.close()
    print("browser tests passed")


if __name__ == "__main__":
    main()
