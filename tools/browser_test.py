#!/usr/bin/env python3
"""The web UI in a real browser: headless Chromium (Debian's), driven over the Chrome DevTools
Protocol, against `parledger serve`.

Flows: every act of events/CATALOG.md a person does in the pages, each checked by its effect: a
unit officer scoring, attaching and withdrawing evidence, claiming N/A and a bonus; the leader
submitting (confirmed in a dialog); an appraiser appraising, seeing each document's particulars and
deciding the N/A claim; the secretariat reopening a unit, proposing a deduction, issuing preliminary
results, recording and invalidating survey forms, registering and revoking a key; the officer
explaining and objecting with evidence and seeing it listed; the council chair resolving,
deciding claims, appraising and approving the report; the authority publishing and correcting; survey
clerks keying paper forms one at a time by keyboard, in two passes compared before signing. And
the presentation: Vietnamese figures and dates, no English words in Vietnamese pages, no page-wide
scrolling at 375 px, a print stylesheet, the public standings as of a date, a unit's page, the
English switch and the verify page. Screenshots of each main page go to .build/screenshots/.

Usage: tools/browser_test.py [PATH_TO_PARLEDGER]   (default .build/debug/parledger)
"""
import datetime
import json
import base64
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

# These scripts stand in for a demonstration: the demo's key files and the keys made here are
# unprotected (no passphrase), which parledger refuses unless told so.
os.environ.setdefault("PARLEDGER_UNPROTECTED", "1")

import websocket

from api_client import api_token, get_json  # tools/api_client.py, beside this script

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARLEDGER = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/parledger"))
SHOTS = os.path.join(ROOT, ".build", "screenshots")
WINDOW = 60  # seconds of self-scoring left when the test's campaign opens

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
    "adjustments": {"bonusCap": "2", "deductionCap": "3", "items": [
        {"code": "B1", "name": "Sáng kiến CCHC được công nhận", "kind": "bonus", "maxPoints": "1"},
        {"code": "D1", "name": "Báo cáo định kỳ trễ hạn", "kind": "deduction", "maxPoints": "0.5"}]},
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

    def submit_confirmed(self, form, accept=True):
        """Submits a form whose act is irreversible: a modal dialog must ask first. Returns the dialog's
        text and, when accepted, the refusal (or None) as `submit` does."""
        before = self.ready()
        self.eval(f"window.__form = {form}; window.__form.requestSubmit(); true")
        self.wait("document.querySelector('dialog#confirm-dialog[open]')", f"the confirm dialog of {form}")
        asked = self.eval("document.querySelector('dialog#confirm-dialog').innerText")
        modal = self.eval("document.querySelector('dialog#confirm-dialog').matches(':modal')")
        if not accept:
            self.eval("document.querySelector('#confirm-cancel').click(); true")
            self.wait("!document.querySelector('dialog#confirm-dialog')", "the dialog closed")
            return asked, modal, None
        self.eval("document.querySelector('#confirm-go').click(); true")
        self.wait(f"document.body.dataset.ready !== {json.dumps(before)} || window.__form.querySelector('.error')", form)
        refusal = self.eval("window.__form.isConnected && window.__form.querySelector('.error') ? "
                            "{code: window.__form.querySelector('.error').dataset.code, text: window.__form.querySelector('.error').textContent} : null")
        return asked, modal, refusal

    def viewport(self, width=None):
        """A phone-width viewport (or back to the window's own size)."""
        if width:
            self.send("Emulation.setDeviceMetricsOverride", width=width, height=800, deviceScaleFactor=2, mobile=True)
        else:
            self.send("Emulation.clearDeviceMetricsOverride")

    def overflow(self):
        """How many pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
        return self.eval("document.documentElement.scrollWidth - document.documentElement.clientWidth")

    def english_words(self):
        """English words (and raw codes) in the page's visible text, outside code blocks: there must be
        none in Vietnamese mode. Long tokens (hashes, roots, key ids) are left out."""
        return self.eval("""(() => {
          // The live page's innerText (a detached copy would run cells together), less its code blocks.
          let text = document.body.innerText;
          for (const code of document.querySelectorAll('pre')) text = text.split(code.innerText).join(' ');
          text = text.replace(/[A-Za-z0-9+\\/=_-]{20,}/g, ' ');
          const words = ['the', 'and', 'of', 'is', 'not', 'rank', 'unit', 'index', 'band', 'total', 'points', 'round',
            'evidence', 'submit', 'submitted', 'save', 'status', 'pending', 'confirmed', 'rejected', 'open', 'resolved',
            'accepted', 'department', 'district', 'citizens', 'unitOfficer', 'unitLeader', 'appraiser', 'councilChair',
            'secretariat', 'authority', 'auditor', 'seq', 'root', 'loading', 'provisional', 'published', 'self', 'score',
            'appraised', 'survey', 'deadline', 'late', 'download', 'entries', 'digest', 'true', 'false', 'null',
            'undefined', 'NaN', 'leaf', 'event', 'details', 'by', 'with', 'for', 'from', 'withheld', 'error', 'v1'];
          const found = new Set();
          for (const word of text.match(/[A-Za-z][A-Za-z.\\/]*[A-Za-z0-9]/g) ?? []) {
            for (const part of word.split(/[.\\/]/)) if (words.includes(part.toLowerCase()) || words.includes(part)) found.add(word);
          }
          if (/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]/.test(text)) found.add('raw timestamp');
          return [...found];
        })()""")

    def click(self, selector):
        """Clicks a button that re-renders the page, and waits for it."""
        before = self.ready()
        self.eval(f"document.querySelector({json.dumps(selector)}).click(); true")
        self.wait(f"document.body.dataset.ready !== {json.dumps(before)}", selector)

    def fill(self, form, values):
        if not self.eval(f"(() => {{ try {{ return Boolean({form}); }} catch {{ return false; }} }})()"):
            raise AssertionError(f"no form {form}; page says: {self.eval('document.body.innerText')[:3000]}")
        for name, value in values.items():
            self.eval(f"{form}.elements[{json.dumps(name)}].value = {json.dumps(value)}; true")

    def files(self, selector, paths):
        handle = self.send("Runtime.evaluate", expression=f"document.querySelector({json.dumps(selector)})")
        self.send("DOM.setFileInputFiles", files=paths, objectId=handle["result"]["objectId"])

    def text(self, selector):
        return self.eval(f"document.querySelector({json.dumps(selector)})?.textContent ?? null")

    # Keys as the keyboard sends them: (windows virtual key code, text typed).
    NAMED_KEYS = {"Enter": (13, "\r"), "Tab": (9, None), "Backspace": (8, None), "Delete": (46, None),
                  "PageUp": (33, None), "PageDown": (34, None), "ArrowLeft": (37, None), "ArrowUp": (38, None),
                  "ArrowRight": (39, None), "ArrowDown": (40, None)}

    def press(self, key, modifiers=0):
        """One key pressed and released on the focused element (`key` a character or a name of
        NAMED_KEYS; `modifiers` 1 Alt, 2 Ctrl, 4 Meta, 8 Shift; an upper-case letter adds Shift)."""
        if key in self.NAMED_KEYS:
            code, (virtual, text) = key, self.NAMED_KEYS[key]
        else:
            virtual, text = ord(key.upper()), key
            code = f"Key{key.upper()}" if key.isalpha() else f"Digit{key}"
            if key.isupper():
                modifiers |= 8
        event = {"key": key, "code": code, "windowsVirtualKeyCode": virtual, "nativeVirtualKeyCode": virtual, "modifiers": modifiers}
        if text and not modifiers & 7:
            self.send("Input.dispatchKeyEvent", type="keyDown", text=text, unmodifiedText=text, **event)
        else:
            self.send("Input.dispatchKeyEvent", type="rawKeyDown", **event)
        self.send("Input.dispatchKeyEvent", type="keyUp", **event)

    def type_text(self, text):
        """Text typed into the focused field (as a keyboard's input method commits it: Vietnamese too)."""
        self.send("Input.insertText", text=text)

    def focused(self):
        """What has the keyboard: a question's code, else the element's id (or data-demo)."""
        return self.eval("(() => { const at = document.activeElement; return at?.dataset?.question ?? at?.dataset?.demo ?? at?.id ?? ''; })()")

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


def campaign_ledger(folder, respondents=(), quotas=()):
    """A ledger whose campaign is open now, with self-scoring closing WINDOW seconds from now
    (`respondents` and `quotas`: respondent groups and survey quotas besides the citizens')."""
    key = lambda name: os.path.join(folder, name + ".key")
    store = os.path.join(folder, "ledger.sqlite")

    def new_key(name, person):
        parledger("key", "new", "--out", key(name), "--name", person, "--unprotected")
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
    appraiser = register("appraiser", "Lê Phúc", "appraiser", unit="STP")
    register("chair", "Phạm Minh Đức", "councilChair")
    register("appraiser2", "Võ Thanh Hải", "appraiser", unit="SNV")
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
        "respondentGroups": [{"code": "citizens", "name": "Người dân, tổ chức"}, *respondents],
        "surveyQuotas": [{"group": "department", "respondentGroup": "citizens", "formsPerUnit": 20}, *quotas],
        "scoring": {"publicationDecimals": 2, "bands": [{"name": "Tốt", "minimumIndex": "90"}, {"name": "Yếu", "minimumIndex": "0"}],
                    "tieBreak": ["surveyTotal"], "minimumSampleShare": "0.5", "formValidShare": "0.7",
                    "notApplicableDefault": "excludeFromMax", "lateSubmissionDeduction": "1", "clockSkewSeconds": 300},
    }
    with open(os.path.join(folder, "campaign.json"), "w") as file:
        json.dump(plan, file, ensure_ascii=False)
    act("authority", "campaign", "open", os.path.join(folder, "campaign.json"))
    for code, name in [("SNV", "Sở Nội vụ"), ("STP", "Sở Tư pháp")]:
        act("secretariat", "unit", "enrol", "--code", code, "--name", name, "--group", "department")
    # A unit's keys name an enrolled unit (events/CATALOG.md, Keys).
    register("officer", "Nguyễn Văn An", "unitOfficer", unit="SNV", by="secretariat")
    register("leader", "Trần Thị Bình", "unitLeader", unit="SNV", by="secretariat")
    act("secretariat", "appraiser", "assign", "--key-id", appraiser, "--domains", "1,2", "--own-unit", "STP")
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


def sign_in(browser, key_file, passphrase=None):
    browser.go("#/key")
    browser.files("#sign-in-form input[type=file]", [key_file])
    if passphrase is not None:
        browser.fill("document.querySelector('#sign-in-form')", {"passphrase": passphrase})
    refusal = browser.submit("document.querySelector('#sign-in-form')")
    check(refusal is None and browser.text("#signed-in") is not None, f"signed in with {os.path.basename(key_file)}")


def vietnam_local(moment):
    """A time as typed in the pages, "HH:MM dd/mm/yyyy" in Vietnam's time (UTC+7)."""
    return (moment.astimezone(datetime.timezone.utc) + datetime.timedelta(hours=7)).strftime("%H:%M %d/%m/%Y")


def check_vietnamese(browser, page, shot=None):
    """No English word in the Vietnamese page, and no page-wide sideways scrolling at 375 px."""
    words = browser.english_words()
    check(words == [], f"{page}: no English words or raw codes in Vietnamese mode{': ' + ', '.join(words) if words else ''}")
    browser.viewport(375)
    try:
        overflow = browser.overflow()
        check(overflow <= 0, f"{page}: nothing scrolls sideways at 375 px (page {overflow} px too wide)")
        if shot:
            browser.screenshot(shot)
    finally:
        browser.viewport(None)


def unit_flows(browser, folder):
    store, key, closes = campaign_ledger(folder)
    server = Server(store)
    try:
        browser.go(server.url + "/")
        check(browser.eval("crypto.subtle.generateKey({name: 'Ed25519'}, true, ['sign']).then(() => true)"),
              "this Chromium signs with WebCrypto Ed25519")
        check(browser.eval("import('/assets/i18n.js').then((i18n) => i18n.missingWords())") == [],
              "every word of the pages exists in Vietnamese and in English")

        vectors(browser)
        shown = browser.eval("""import('/assets/format.js').then((f) => [f.number('1278'), f.number('82.66'), f.number('75.10'),
          f.number('0.25'), f.dateTime('2023-12-04T10:00:00.000Z'), f.date('2024-04-25'), f.calendarDate('4/12/2023'),
          f.calendarDate('2023-12-04'), f.vietnamTimeToTimestamp('17:00 04/12/2023')])""")
        check(shown == ["1.278", "82,66", "75,10", "0,25", "17:00 04/12/2023", "25/04/2024", "2023-12-04", "2023-12-04",
                        "2023-12-04T10:00:00.000Z"],
              f"figures, dates and times are written and read the Vietnamese way: {shown}")

        print("unit officer: scores, attaches and withdraws evidence, claims N/A and a bonus, is refused beside a field")
        sign_in(browser, key("officer"))
        browser.go("#/officer")
        check("Tiến độ" in browser.text("main") and browser.text("#progress") == "0/3", "Vietnamese page with progress 0/3")
        check("Tự chấm điểm các tiêu chí còn thiếu" in (browser.text("#inbox li[data-kind=selfScore]") or ""),
              f"the inbox says what waits on the officer: {browser.text('#inbox')}")
        leaf = lambda code, form: f"document.querySelector('[data-leaf=\"{code}\"] .{form}')"
        browser.fill(leaf("1.2", "score-form"), {"points": "5", "note": "Đủ báo cáo"})
        refusal = browser.submit(leaf("1.2", "score-form"))
        check(refusal and refusal["code"] == "points-out-of-range" and "Điểm vượt quá" in refusal["text"]
              and refusal["after"] == "points", "points above max refused in Vietnamese next to the points field")
        check("(" not in refusal["text"], f"the refusal is the Vietnamese message alone, no English detail: {refusal['text']}")
        evidence = os.path.join(folder, "ke-hoach-cchc.pdf")
        with open(evidence, "wb") as file:
            file.write("Kế hoạch cải cách hành chính năm 2023".encode())
        draft = os.path.join(folder, "du-thao.pdf")
        with open(draft, "wb") as file:
            file.write("Dự thảo kế hoạch (nộp nhầm)".encode())
        for path, number in [(evidence, "12/KH-SNV"), (draft, "09/DT-SNV")]:
            browser.files("[data-leaf=\"1.1\"] .evidence-form input[type=file]", [path])
            browser.fill(leaf("1.1", "evidence-form"), {"number": number, "issuer": "Sở Nội vụ", "issuedOn": "10/01/2023"})
            check(browser.submit(leaf("1.1", "evidence-form")) is None, f"evidence {number} uploaded and attached")
        check("Minh chứng: 2" in browser.text("[data-leaf=\"1.1\"] .current"), "leaf 1.1 shows its two files")
        check("12/KH-SNV — Sở Nội vụ — 10/01/2023" in browser.text("[data-leaf=\"1.1\"] ul.evidence"),
              "each file is listed with its document's number, issuer and date (dd/mm/yyyy)")
        withdraw = "document.querySelectorAll('[data-leaf=\"1.1\"] .withdraw-form')[1]"
        browser.fill(withdraw, {"reason": "Nộp nhầm bản dự thảo"})
        check(browser.submit(withdraw) is None, "the mistaken file is withdrawn")
        check("(đã rút)" in browser.text("[data-leaf=\"1.1\"] ul.evidence li:nth-child(2)")
              and "Minh chứng: 1" in browser.text("[data-leaf=\"1.1\"] .current"), "it is shown withdrawn, one file left")
        browser.fill(leaf("2.1", "na-form"), {"reason": "Năm 2023 sở không tham mưu văn bản quy phạm pháp luật"})
        check(browser.submit(leaf("2.1", "na-form")) is None, "N/A claimed for 2.1")
        check("chờ quyết định" in browser.text("[data-leaf=\"2.1\"] .na-state"), "2.1 shows its claim awaiting decision (chờ quyết định)")
        for code, points, note in [("1.1", "1", ""), ("1.2", "2", "Đủ báo cáo 4 quý"), ("2.1", "5", "Đã rà soát toàn bộ văn bản")]:
            browser.fill(leaf(code, "score-form"), {"points": points, "note": note})
            check(browser.submit(leaf(code, "score-form")) is None, f"self-scored {code} = {points}")
        check(browser.text("#progress") == "3/3", "progress 3/3")
        bonus_file = os.path.join(folder, "bang-khen.pdf")
        with open(bonus_file, "wb") as file:
            file.write("Bằng khen sáng kiến CCHC".encode())
        browser.fill("document.querySelector('#bonus-form')", {"adjustmentItem": "B1", "points": "0,5", "reason": "Sáng kiến một cửa số được công nhận",
                                                                  "evidenceNumber": "88/QĐ-UBND", "evidenceIssuer": "UBND tỉnh Trà Vinh",
                                                                  "evidenceIssuedOn": "01/09/2023"})
        browser.files("#bonus-form input[type=file]", [bonus_file])
        check(browser.submit("document.querySelector('#bonus-form')") is None, "bonus B1 claimed with a decision as evidence")
        check_vietnamese(browser, "the officer's page")
        browser.screenshot("officer")

        print("unit leader: submits, after a dialog that says it cannot be undone")
        sign_in(browser, key("leader"))
        browser.go("#/officer")
        asked, modal, _ = browser.submit_confirmed("document.querySelector('#submit-form')", accept=False)
        check(modal and "không thể hoàn tác" in asked and browser.text("#unit-status") == "Chưa chốt",
              "the submission asks first in a modal dialog; cancelled, nothing is submitted")
        # The unit's signed report goes with the submission, as a document the act records.
        report = os.path.join(folder, "bao-cao-tu-danh-gia.pdf")
        with open(report, "wb") as file:
            file.write("Báo cáo tự đánh giá Chỉ số CCHC năm 2023 của Sở Nội vụ".encode())
        browser.files("#submit-form input[type=file]", [report])
        browser.fill("document.querySelector('#submit-form')",
                     {"evidenceNumber": "215/BC-SNV", "evidenceIssuer": "Sở Nội vụ", "evidenceIssuedOn": "01/12/2023"})
        asked, modal, refusal = browser.submit_confirmed("document.querySelector('#submit-form')")
        check(refusal is None and "không thể hoàn tác" in asked, f"confirmed and submitted: {refusal}")
        history = get_json(server.url + "/api/units/SNV/history", page_token(browser))
        files = {item["name"] for leaf in history["leaves"] for event in leaf["events"]
                 if event["type"] == "selfAssessment.submitted/v1" for item in event["evidence"]}
        check(files == {"bao-cao-tu-danh-gia.pdf"}, f"the signed report is recorded with the submission: {files}")
        status = browser.text("#unit-status")
        check(status.startswith("Đã chốt") and re.search(r"\d{2}:\d{2} \d{2}/\d{2}/\d{4}$", status),
              f"status says submitted, at a Vietnamese time (HH:MM dd/mm/yyyy): {status}")
        check(get_json(server.url + "/api/campaign")["units"][0]["submittedAt"] is not None, "the ledger has the submission")

        print("appraiser: sees the documents, decides the N/A claim, appraises with a reason, is refused without one")
        sign_in(browser, key("appraiser"))
        browser.go("#/appraiser?unit=SNV")
        check(browser.text("#domains") == "1, 2", "assigned domains 1 and 2")
        browser.wait("document.querySelector('#inbox li')", "the appraiser's inbox")
        claim = "document.querySelector('#inbox li[data-kind=decideNotApplicable]')"
        check("Quyết định đề nghị không phát sinh" in (browser.text("#inbox li[data-kind=decideNotApplicable]") or "")
              and "SNV" in browser.text("#inbox li[data-kind=decideNotApplicable]")
              and browser.eval(f"{claim}.querySelector('a').getAttribute('href')") == "#/appraiser?unit=SNV",
              f"the inbox lists SNV's N/A claim, linked to the unit: {browser.text('#inbox')}")
        check(browser.eval("document.querySelector('[data-leaf=\"1.1\"] .evidence a')?.download") == "ke-hoach-cchc.pdf",
              "the evidence is downloadable")
        check("12/KH-SNV — Sở Nội vụ — 10/01/2023" in browser.text("[data-leaf=\"1.1\"] .evidence"),
              "the appraiser sees the document's number, issuer and date")
        check("Số thứ tự" in browser.text("[data-leaf=\"1.1\"] table.history") and "Đính kèm minh chứng" in browser.text("[data-leaf=\"1.1\"] table.history"),
              "the history names its columns and events in Vietnamese")
        form = leaf("2.1", "na-decide-form")
        check("không tham mưu" in browser.text("[data-leaf=\"2.1\"] .claim-reason"), "the N/A claim's reason is shown")
        browser.fill(form, {"decision": "confirmed", "reason": "Đúng, năm 2023 không phát sinh"})
        check(browser.submit(form) is None, "N/A of 2.1 confirmed")
        check("đã xác nhận" in browser.text("[data-leaf=\"2.1\"] .na-state"), "2.1 now shows đã xác nhận")
        browser.fill(leaf("1.2", "appraise-form"), {"points": "1", "reason": ""})
        refusal = browser.submit(leaf("1.2", "appraise-form"))
        check(refusal and refusal["code"] == "reason-missing" and refusal["after"] == "reason",
              "a lower appraisal without a reason is refused next to the reason field")
        browser.fill(leaf("1.2", "appraise-form"), {"points": "2", "reason": ""})
        check(browser.submit(leaf("1.2", "appraise-form")) is None, "appraised 1.2 = 2, as self-scored")
        browser.fill(leaf("1.1", "appraise-form"), {"points": "0", "reason": "Kế hoạch ban hành trễ hạn"})
        check(browser.submit(leaf("1.1", "appraise-form")) is None, "appraised 1.1 = 0 with a reason")
        check_vietnamese(browser, "the appraiser's page")
        browser.screenshot("appraiser")

        print("secretariat: reopens a unit, proposes a deduction, issues preliminary results after the deadline")
        wait = (closes - datetime.datetime.now(datetime.timezone.utc)).total_seconds() + 1
        if wait > 0:
            print(f"  waiting {wait:.0f} s for self-scoring to close")
            time.sleep(wait)
        sign_in(browser, key("secretariat"))
        browser.go("#/secretariat")
        check("Đã chốt" in browser.text("#submissions"), "the dashboard shows SNV submitted")
        browser.wait("document.querySelector('#inbox li')", "the secretariat's inbox")
        check("Thông báo kết quả sơ bộ" in (browser.text("#inbox li[data-kind=issuePreliminary]") or ""),
              f"self-scoring closed: the inbox asks for the preliminary results: {browser.text('#inbox')}")
        check(re.fullmatch(r"\d{2}:\d{2} \d{2}/\d{2}/\d{4}", browser.text("#deadline") or ""), "the deadline reads HH:MM dd/mm/yyyy")
        check("Sở, ban, ngành" in browser.text("#submissions") and "department" not in browser.text("#submissions"),
              "the group is named, not coded")
        until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
        form = "document.querySelector('#reopen-form')"
        browser.fill(form, {"unit": "STP", "reason": "Đơn vị gặp sự cố phần mềm", "until": vietnam_local(until)})
        check(browser.submit(form) is None, "STP's self-assessment reopened")
        row = browser.eval("[...document.querySelectorAll('#submissions tr')].find((row) => row.textContent.includes('STP')).textContent")
        check(f"Mở lại đến {(until + datetime.timedelta(hours=7)).strftime('%H:%M %d/%m/%Y')}" in row, f"STP shows reopened until Vietnam time: {row}")
        form = "document.querySelector('#claim-form')"
        browser.fill(form, {"unit": "STP", "adjustmentItem": "D1", "points": "0.25", "reason": "Nộp báo cáo quý III trễ hạn"})
        check(browser.submit(form) is None, "deduction D1 proposed for STP")
        check(browser.eval("[...document.querySelectorAll('#claims .claim')].map((claim) => claim.dataset.state).sort().join()") == "pending,pending"
              and "Sở Nội vụ — Mục B1" in browser.text("#claims") and "Sở Tư pháp — Mục D1" in browser.text("#claims"),
              "both claims (the unit's bonus, the secretariat's deduction) are listed awaiting decision")
        asked, modal, refusal = browser.submit_confirmed("document.querySelector('#preliminary-form')")
        check(refusal is None and modal and "không thể hoàn tác" in asked, "preliminary results issued after a confirm dialog")
        check(browser.text("#preliminary-issued") is not None and get_json(server.url + "/api/campaign")["preliminaryIssuedAt"],
              "the page and the ledger show them issued")
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
        # A second appraiser (of SNV) is assigned in the page; they appraise STP, so that every leaf
        # is appraised before the council's report.
        second = json.loads(parledger("key", "show", key("appraiser2"), "--format", "json"))["keyId"]
        form = "document.querySelector('#assign-form')"
        browser.fill(form, {"keyId": second, "domains": "1, 2", "ownUnit": "SNV"})
        check(browser.submit(form) is None, "a second appraiser assigned in the page")
        assigned = next(item for item in get_json(server.url + "/api/campaign")["assignments"] if item["keyId"] == second)
        check(assigned["domains"] == ["1", "2"] and assigned["ownUnit"] == "SNV", f"the ledger has the assignment: {assigned}")
        revised = os.path.join(folder, "template-v2.json")
        with open(os.path.join(folder, "template.json")) as file:
            template = json.load(file)
        template["version"] = 2
        with open(revised, "w") as file:
            json.dump(template, file, ensure_ascii=False)
        form = "document.querySelector('#file-act-form')"
        browser.fill(form, {"type": "surveyTemplate.published/v1"})
        browser.files("#file-act-form input[type=file]", [revised])
        check(browser.submit(form) is None, "a revised survey template issued from its file")
        check(len(get_json(server.url + "/api/survey/templates")["templates"]) == 2, "the ledger has both versions")
        form = "document.querySelector('#invalidate-form')"
        browser.fill(form, {"serial": "KS-002", "reason": "Phiếu ghi sai đơn vị"})
        check(browser.submit(form) is None, "form KS-002 invalidated")
        coverage = get_json(server.url + "/api/survey/coverage", page_token(browser))
        stp = next(unit for unit in coverage["units"] if unit["unit"] == "STP")
        check(stp["groups"][0]["invalidated"] == 1, "the ledger counts it invalidated")
        # Decisions that keep the campaign moving: a deadline moved by decision (a time typed wrong
        # is refused beside its field), and a unit's withdrawal, which a dialog asks about first.
        form = "document.querySelector('#amend-form')"
        browser.fill(form, {"number": "120/QĐ-UBND", "reason": "Gia hạn thẩm định vòng 2", "round2Closes": "31/02/2024"})
        refusal = browser.submit(form)
        check(refusal is not None and refusal["code"] == "bad-time" and refusal["after"] == "round2Closes",
              f"a time that is none is refused beside its field: {refusal}")
        later = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0) + datetime.timedelta(days=60)
        browser.fill(form, {"number": "120/QĐ-UBND", "reason": "Gia hạn thẩm định vòng 2", "round2Closes": vietnam_local(later)})
        check(browser.submit(form) is None, "round 2's deadline amended by decision in the page")
        amended = get_json(server.url + "/api/campaign")
        check(amended["deadlines"]["round2Closes"] == stamp(later) and amended["amendments"][0]["number"] == "120/QĐ-UBND",
              f"the ledger has the amended deadline and its decision: {amended['deadlines']['round2Closes']}")
        form = "document.querySelector('#withdraw-unit-form')"
        browser.fill(form, {"unit": "STP", "number": "121/QĐ-UBND", "reason": "Sáp nhập vào Sở Nội vụ", "successor": "SNV"})
        asked, modal, _ = browser.submit_confirmed(form, accept=False)
        check(modal and "không còn được đánh giá" in asked and "không thể hoàn tác" in asked,
              f"withdrawing a unit asks first, saying what it does: {asked}")
        check(not any(unit.get("withdrawn") for unit in get_json(server.url + "/api/campaign")["units"]),
              "cancelled, nothing is recorded")
        check_vietnamese(browser, "the secretariat's page")

        print("a key generated in the browser, registered by the secretariat, signs in, and is revoked")
        browser.go("#/key")
        form = "document.querySelector('#generate-form')"
        passphrase = "Mật khẩu của bà Mai"
        browser.fill(form, {"name": "Kiểm toán viên Hồ Thị Mai", "passphrase": "ngắn", "passphraseAgain": "ngắn"})
        refusal = browser.submit(form)
        check(refusal is not None and refusal["code"] == "passphrase-short" and refusal["after"] == "passphrase",
              f"a passphrase under 8 characters is refused beside it: {refusal}")
        browser.fill(form, {"passphrase": passphrase, "passphraseAgain": passphrase + "."})
        refusal = browser.submit(form)
        check(refusal is not None and refusal["code"] == "passphrase-mismatch" and refusal["after"] == "passphraseAgain",
              f"two different passphrases are refused beside the repeat: {refusal}")
        browser.fill(form, {"passphrase": passphrase, "passphraseAgain": passphrase})
        browser.eval(f"{form}.requestSubmit(); true")
        browser.wait("document.querySelector('#generated a')", "the generated key")
        generated = os.path.join(folder, "generated.key")
        with open(generated, "w") as file:
            file.write(browser.eval("fetch(document.querySelector('#generated a').href).then((r) => r.text())"))
        with open(generated) as file:
            check(json.load(file)["format"] == "parledger-key/v2", "the downloaded key file is sealed by its passphrase")
        shown = json.loads(parledger("key", "show", generated, "--format", "json"))
        check(browser.text("#new-public-key").startswith(shown["publicKey"]), "its key file reads with parledger key show")
        browser.go("#/secretariat")
        form = "document.querySelector('#register-form')"
        identity = "ed25519:" + base64.b64encode(bytes([1] + [0] * 31)).decode()
        browser.fill(form, {"publicKey": identity, "name": "Khóa yếu", "role": "auditor"})
        refusal = browser.submit(form)
        check(refusal is not None and refusal["code"] == "public-key" and "bậc nhỏ" in refusal["text"],
              f"a small-order public key is refused in the page before anything is signed: {refusal}")
        browser.fill(form, {"publicKey": shown["publicKey"], "name": shown["name"], "role": "unitOfficer",
                            "unit": "KHONGCO"})
        refusal = browser.submit(form)
        check(refusal is not None and refusal["code"] == "key-unit-not-enrolled" and refusal["after"] == "unit",
              f"a unit officer's key for a unit that is not enrolled is refused beside the unit: {refusal}")
        browser.fill(form, {"publicKey": shown["publicKey"], "name": shown["name"], "role": "auditor", "unit": ""})
        check(browser.submit(form) is None, "the same key, registered by the secretariat")
        check(get_json(server.url + "/api/keys/" + shown["keyId"])["role"] == "auditor", "the ledger knows it as an auditor")
        browser.go("#/key")
        browser.files("#sign-in-form input[type=file]", [generated])
        browser.fill("document.querySelector('#sign-in-form')", {"passphrase": passphrase + "!"})
        refusal = browser.submit("document.querySelector('#sign-in-form')")
        check(refusal is not None and refusal["code"] == "passphrase" and refusal["after"] == "passphrase",
              f"a wrong passphrase is refused beside it: {refusal}")
        sign_in(browser, generated, passphrase)
        check(browser.text("#unprotected-warning") is None, "a key file with a passphrase brings no warning")
        # The page's file opens in the CLI, which seals it anew under another passphrase; that file
        # opens in the page again.
        old_file, new_file = os.path.join(folder, "old.txt"), os.path.join(folder, "new.txt")
        with open(old_file, "w") as file:
            file.write(passphrase + "\n")
        with open(new_file, "w") as file:
            file.write("Mật khẩu mới của bà Mai\n")
        parledger("key", "passphrase", generated, "--passphrase-file", old_file, "--new-passphrase-file", new_file)
        sign_in(browser, generated, "Mật khẩu mới của bà Mai")
        check(browser.text("#signed-in") is not None, "a key file the CLI sealed signs in on the page")
        sign_in(browser, key("secretariat"))
        browser.go("#/secretariat")
        form = "document.querySelector('#revoke-form')"
        browser.fill(form, {"keyId": shown["keyId"], "reason": "Kiểm toán viên chuyển công tác"})
        browser.eval(f"{form}.elements.keyId.dispatchEvent(new Event('input')); true")
        browser.wait("document.querySelector('#revoke-key-found').textContent.includes('Hồ Thị Mai')", "whose key it is")
        asked, modal, refusal = browser.submit_confirmed(form)
        check(refusal is None and "không bao giờ đăng ký lại" in asked, "the key is revoked after a dialog saying it is final")
        check(get_json(server.url + "/api/keys/" + shown["keyId"])["revoked"] is True, "the ledger knows it revoked")

        print("secretariat: hands a key over in one batch, prints its receipt, reads the answers by unit")
        leaving, successor = os.path.join(folder, "leaving.key"), os.path.join(folder, "successor.key")
        parledger("key", "new", "--out", leaving, "--name", "Trịnh Văn Cũ", "--unprotected")
        parledger("key", "new", "--out", successor, "--name", "Ngô Thị Mới", "--unprotected")
        old = json.loads(parledger("key", "show", leaving, "--format", "json"))
        new = json.loads(parledger("key", "show", successor, "--format", "json"))
        parledger("key", "register", "--store", store, "--as", key("secretariat"), "--public-key", old["publicKey"],
                  "--role", "unitOfficer", "--unit", "STP", "--name", old["name"])
        browser.go("#/secretariat")
        form = "document.querySelector('#handover-form')"
        browser.fill(form, {"keyId": old["keyId"], "publicKey": new["publicKey"], "name": new["name"],
                            "reason": "Chuyển công tác"})
        browser.eval(f"{form}.elements.keyId.dispatchEvent(new Event('input')); true")
        browser.wait("document.querySelector('#handover-key-found').textContent.includes('Trịnh Văn Cũ')", "whose key it is")
        size = get_json(server.url + "/api/ledger")["size"]
        asked, modal, refusal = browser.submit_confirmed(form)
        check(refusal is None and modal and "một lần ghi" in asked, f"the handover asks first, then is recorded: {refusal}")
        check(get_json(server.url + "/api/ledger")["size"] == size + 2, "one batch of two entries")
        check(get_json(server.url + "/api/keys/" + old["keyId"])["revoked"] is True, "the old key is revoked")
        successor_key = get_json(server.url + "/api/keys/" + new["keyId"])
        check(successor_key["unit"] == "STP" and successor_key["role"] == "unitOfficer",
              f"the successor acts for the same unit in the same role: {successor_key}")
        browser.fill(form, {"keyId": old["keyId"], "publicKey": new["publicKey"], "name": new["name"],
                            "reason": "Chuyển công tác"})
        asked, modal, refusal = browser.submit_confirmed(form)
        check(refusal is not None and refusal["code"] == "handover" and "bàn giao" in refusal["text"],
              f"the same handover again is refused, in Vietnamese: {refusal}")
        form = "document.querySelector('#receipt-form')"
        browser.fill(form, {"keyId": new["keyId"]})
        browser.eval(f"{form}.elements.keyId.dispatchEvent(new Event('input')); true")
        browser.wait("document.querySelector('#receipt-links a[data-format=pdf]')", "the receipt's links")
        receipt = browser.eval("fetch(document.querySelector('#receipt-links a[data-format=html]').href).then((r) => r.text())")
        check("GIẤY BIÊN NHẬN" in receipt and "Ngô Thị Mới" in receipt and new["keyId"] in receipt and "<svg" in receipt,
              "the receipt names the holder and the key, with its QR code")
        browser.go("#/secretariat?by=unit")
        browser.wait("document.querySelector('section.answers[data-question=Q1]')", "the answers by question")
        answers = browser.text("section.answers[data-question=Q1]")
        check("Sở Nội vụ (SNV)" in answers and "STP" not in answers and "1,0000" in answers,
              f"each unit's answers and mean coefficient, written the Vietnamese way (STP's form invalidated): {answers}")
        check_vietnamese(browser, "the secretariat's page with the answers")

        print("unit officer: sees the appraisal and its reason, explains and objects with evidence, sees both listed")
        sign_in(browser, key("officer"))
        browser.go("#/officer")
        check("Kế hoạch ban hành trễ hạn" in browser.text("#preliminary [data-leaf=\"1.1\"]"), "the appraisal's reason is shown")
        form = "document.querySelector('#preliminary [data-leaf=\"1.1\"] .object-form')"
        browser.fill(form, {"text": "Kế hoạch đã ban hành đúng hạn, có văn bản kèm theo", "evidenceNumber": "12/KH-SNV",
                            "evidenceIssuer": "Sở Nội vụ", "evidenceIssuedOn": "10/01/2023"})
        browser.files("#preliminary [data-leaf=\"1.1\"] .object-form input[type=file]", [evidence])
        check(browser.submit(form) is None, "objection filed with its evidence")
        listed = browser.text("#preliminary [data-leaf=\"1.1\"] .sent-list") or ""
        check("Kiến nghị" in listed and "đúng hạn, có văn bản" in listed and "ke-hoach-cchc.pdf" in listed,
              f"the officer sees the objection listed at once, with its file: {listed}")
        disputes = get_json(server.url + "/api/disputes?status=open", api_token(server.url, key("secretariat")))["disputes"]
        check(len(disputes) == 1, "one open dispute")
        objection_entry = next(event for event in get_json(server.url + "/api/units/SNV/leaves/1.1/history", page_token(browser))["events"]
                               if event["type"] == "objection.filed/v1")
        check(objection_entry["evidence"] and objection_entry["evidence"][0]["name"] == "ke-hoach-cchc.pdf",
              "the objection's payload carries the evidence, not an empty list")
        form = "document.querySelector('#preliminary [data-leaf=\"1.2\"] .explain-form')"
        browser.fill(form, {"text": "Đã gửi đủ 4 báo cáo quý"})
        check(browser.submit(form) is None, "explanation sent")
        check("Đã gửi đủ 4 báo cáo quý" in (browser.text("#preliminary [data-leaf=\"1.2\"] .sent-list") or ""), "and listed")
        check_vietnamese(browser, "the officer's page after preliminary results", shot="officer-375px")
        browser.screenshot("officer-preliminary")

        print("council chair: resolves the objection, decides the claims; a second appraiser appraises STP; the chair approves the report")
        sign_in(browser, key("chair"))
        browser.go("#/appraiser")
        check("đúng hạn, có văn bản" in browser.text("#objections .objection-text"), "the chair reads the objection's text")
        check(browser.eval("document.querySelector('#na-claims [data-unit=\"SNV\"][data-leaf=\"2.1\"] .claim-state')?.textContent") == "đã xác nhận"
              and "không tham mưu" in browser.text("#na-claims"), "the chair sees the N/A claim, its reason and that it was confirmed")
        form = "document.querySelector('#objections .resolve-form')"
        browser.fill(form, {"outcome": "accepted", "points": "1", "reasoning": "Có văn bản chứng minh ban hành đúng hạn"})
        asked, modal, refusal = browser.submit_confirmed(form)
        check(refusal is None and modal, "objection resolved after a confirm dialog")
        check(len(get_json(server.url + "/api/disputes?status=open", page_token(browser))["disputes"]) == 0, "no open dispute left")
        for item, decision, points in [("B1", "accepted", "0,5"), ("D1", "rejected", "")]:
            form = (f"[...document.querySelectorAll('#claims .claim')].find((claim) => claim.textContent.includes('{item}'))"
                    ".querySelector('.claim-decide-form')")
            browser.fill(form, {"decision": decision, "points": points, "reason": "Hội đồng xem xét"})
            check(browser.submit(form) is None, f"claim {item} {decision}")
        states = browser.eval("[...document.querySelectorAll('#claims .claim-state')].map((state) => state.textContent).sort().join()")
        check(states == "bị bác,đã chấp nhận", f"the claims now read đã chấp nhận / bị bác: {states}")
        sign_in(browser, key("appraiser2"))
        browser.go("#/appraiser?unit=STP")
        for code in ["1.1", "1.2", "2.1"]:
            browser.fill(leaf(code, "appraise-form"), {"round": "2", "points": "0", "reason": "Đơn vị không tự đánh giá"})
            refusal = browser.submit(leaf(code, "appraise-form"))
            check(refusal is None, f"STP {code} appraised in round 2{': ' + str(refusal) if refusal else ''}")
        sign_in(browser, key("chair"))
        browser.go("#/appraiser")
        form = "document.querySelector('#report-form')"
        browser.fill(form, {"number": "05/BC-HĐTĐ", "summary": "Hội đồng thống nhất kết quả thẩm định"})
        asked, modal, refusal = browser.submit_confirmed(form)
        check(refusal is None and "không thể hoàn tác" in asked, f"the council's report approved after a confirm dialog: {refusal}")
        check(browser.text("#report-approved") is not None and get_json(server.url + "/api/campaign")["councilReportApproved"],
              "the page and the ledger show the report approved")

        print("authority: publishes, then corrects, each after a confirm dialog")
        sign_in(browser, key("authority"))
        browser.go("#/secretariat")
        form = "document.querySelector('#publish-form')"
        browser.fill(form, {"number": "812/QĐ-UBND"})
        asked, modal, refusal = browser.submit_confirmed(form)
        check(refusal is None and "quyết định điều chỉnh" in asked, f"results published after a dialog: {refusal}")
        check(get_json(server.url + "/api/campaign")["decisions"] == ["812/QĐ-UBND"] and "812/QĐ-UBND" in browser.text("#published"),
              "the ledger and the page name the decision")
        form = "document.querySelector('#correct-form')"
        browser.fill(form, {"number": "901/QĐ-UBND", "reason": "Điều chỉnh theo kết luận thanh tra", "unit": "SNV", "leaf": "1.2",
                            "points": "1,5", "changeReason": "Thiếu báo cáo quý IV"})
        asked, modal, refusal = browser.submit_confirmed(form)
        check(refusal is None, f"results corrected after a dialog: {refusal}")
        check(get_json(server.url + "/api/campaign")["decisions"] == ["812/QĐ-UBND", "901/QĐ-UBND"], "the correction is the ledger's latest decision")
        scores = get_json(server.url + "/api/units/SNV/scores")
        check(next(leaf for leaf in scores["leaves"] if leaf["leaf"] == "1.2")["appraised"] == "1.5", "SNV 1.2 is now 1.5")

        print("anyone: the published standings, with documents to download")
        browser.eval("import('/assets/api.js').then((api) => api.signOut())")
        browser.go("#/")
        check(browser.text("#provisional") is None and browser.text("table.standings") is not None, "published standings, not provisional")
        link = browser.eval("document.querySelector('#downloads [data-report=\"results\"] a[data-format=\"pdf\"]')?.getAttribute('href')")
        check(link is not None and link.startswith("/api/reports/results?format=pdf") and "lang=vi" in link,
              f"the results are offered for download: {link}")
        check_vietnamese(browser, "the published standings")
    finally:
        server.stop()


KEYING_TEMPLATE = {
    "template": "keying-2023", "version": 1, "group": "department", "name": "Phiếu khảo sát nhập từng phiếu",
    "options": [{"code": "A", "label": "Rất hài lòng", "coefficient": "1"}, {"code": "B", "label": "Hài lòng", "coefficient": "0.6"},
                {"code": "C", "label": "Bình thường", "coefficient": "0.2"}, {"code": "D", "label": "Không hài lòng", "coefficient": "0"},
                {"code": "E", "label": "Không biết", "coefficient": None}],
    "questions": [{"code": "Q1", "text": "Thái độ phục vụ của công chức?", "leaf": "1.3", "respondentGroups": ["citizens"]},
                  {"code": "Q2", "text": "Hiệu quả chỉ đạo, điều hành?", "leaf": "1.3", "respondentGroups": ["unit-leaders"]},
                  {"code": "Q3", "text": "Thời gian giải quyết hồ sơ?", "leaf": "1.3", "respondentGroups": ["citizens", "unit-leaders"]}],
}


def survey_keying_flows(browser, folder):
    """Survey clerks key paper forms one at a time by keyboard (#/survey): the draft survives a
    reload; a second clerk keys the same stack, the differences block signing until fixed; the
    batch is checked by the server and recorded."""
    folder = os.path.join(folder, "keying")
    os.makedirs(folder)
    store, key, _ = campaign_ledger(folder, respondents=[{"code": "unit-leaders", "name": "Lãnh đạo phòng, đơn vị thuộc sở"}],
                                    quotas=[{"group": "department", "respondentGroup": "unit-leaders", "formsPerUnit": 2}])
    with open(os.path.join(folder, "keying-template.json"), "w") as file:
        json.dump(KEYING_TEMPLATE, file, ensure_ascii=False)
    parledger("survey", "template", os.path.join(folder, "keying-template.json"), "--store", store, "--key", key("secretariat"))
    for name, person in [("clerk", "Trần Thị Thu"), ("clerk2", "Lê Văn Tâm")]:
        parledger("key", "new", "--out", key(name), "--name", person, "--unprotected")
        shown = json.loads(parledger("key", "show", key(name), "--format", "json"))
        parledger("key", "register", "--store", store, "--as", key("secretariat"), "--public-key", shown["publicKey"],
                  "--role", "surveyClerk", "--name", person)
    server = Server(store)
    stack = 22  # SNV: 20 citizens' forms and 2 unit leaders' (the quotas)
    answer = lambda code: browser.eval(f"document.querySelector('#keying-form [data-question=\"{code}\"]')?.dataset.answer ?? null")
    serial = lambda: browser.eval("document.querySelector('#keying-serial').value")
    progress = lambda: browser.text("#keying-progress")
    try:
        try:
            browser.send("Emulation.setFocusEmulationEnabled", enabled=True)  # the headless page has the keyboard
        except RuntimeError:
            pass
        browser.go(server.url + "/#/survey")
        check(browser.text("#keying-sign-in") is not None, "signed out, #/survey asks for a key")
        sign_in(browser, key("officer"))
        browser.go("#/survey")
        check("cán bộ nhập phiếu" in (browser.text("#keying-role") or ""), f"a unit officer is told whom the screen is for: {browser.text('main')}")

        print("survey clerk: opens SNV's stack and keys two forms by keyboard only")
        sign_in(browser, key("clerk"))
        browser.go("#/survey")
        check(browser.eval("document.querySelector('header nav a[href=\"#/survey\"]')?.textContent") == "Nhập phiếu", "the header links the keying screen")
        browser.wait("document.querySelector('#inbox')", "the clerk's inbox")
        missing = browser.text("#inbox li[data-kind=keyForms]") or ""
        check("Nhập phiếu khảo sát còn thiếu" in missing and f"SNV — còn thiếu {stack} phiếu" in missing,
              f"the inbox says which unit's forms are still to key in: {browser.text('#inbox')}")
        form = "document.querySelector('#keying-setup')"
        browser.fill(form, {"template": "keying-2023@1"})
        browser.eval(f"{form}.elements.template.dispatchEvent(new Event('change')); true")
        browser.fill(form, {"unit": "SNV", "pass": "1"})
        check(browser.submit(form) is None, "the stack is opened")
        browser.wait("document.querySelector('#survey-keying')", "the keying screen")
        hash = browser.eval("location.hash")
        check(hash == "#/survey?template=keying-2023&version=1&unit=SNV&pass=1", f"the address names the stack: {hash}")
        check(progress() == f"Phiếu 1/{stack}, đã nhập 0", f"the progress line: {progress()}")
        check(serial() == "2023-SNV-CIT-001" and browser.eval("document.querySelector('#keying-serial').readOnly"),
              "the first form's serial comes from the sheet, not editable")
        check(browser.eval("document.querySelector('#keying-form [data-question=\"Q2\"]').getAttribute('aria-disabled')") == "true"
              and "không hỏi đối tượng này" in browser.text("#keying-form [data-question=\"Q2\"]"),
              "Q2, asked of unit leaders only, is shown disabled on a citizen's form")
        form = "document.querySelector('#keying-demo-form')"
        browser.fill(form, {"demoName": "gioiTinh"})
        browser.eval(f"{form}.requestSubmit(); true")
        browser.wait("document.querySelector('#keying-form .keying-demo[data-demo=\"gioiTinh\"]')", "the gioiTinh field")
        check(browser.focused() == "Q1", f"the keyboard is on Q1: {browser.focused()}")
        browser.press("a")
        check(answer("Q1") == "A" and browser.focused() == "Q3", f"'a' answers Q1 with A and skips Q2 to Q3: {browser.focused()}")
        browser.press("e")
        check(answer("Q3") == "E" and browser.focused() == "gioiTinh", "'e' answers Q3, then the respondent's details")
        browser.type_text("Nữ")
        browser.press("Enter")
        check(progress() == f"Phiếu 2/{stack}, đã nhập 1" and serial() == "2023-SNV-CIT-002" and browser.focused() == "Q1",
              f"Enter saves the form and opens the next one at Q1: {progress()}")
        browser.press("c")
        browser.press("ArrowUp")
        check(browser.focused() == "Q1", "↑ goes back to Q1")
        browser.press("Backspace")
        check(answer("Q1") == "", "Backspace clears the answer")
        browser.press("B")
        browser.press("a")
        browser.press("Enter")
        check(progress() == f"Phiếu 3/{stack}, đã nhập 2" and serial() == "2023-SNV-CIT-003", f"two forms keyed: {progress()}")
        browser.press("PageUp")
        check(serial() == "2023-SNV-CIT-002" and answer("Q1") == "B" and answer("Q3") == "A", "PageUp shows form 2 as keyed")
        browser.press("ArrowRight", modifiers=1)
        check(serial() == "2023-SNV-CIT-003", "Alt+→ moves to the next form")
        browser.eval("document.querySelector('#keying-form [data-question=\"Q1\"] [data-option=\"D\"]').click(); true")
        check(answer("Q1") == "D" and "đã nhập 3" in progress(), "an option can be clicked too")
        browser.eval("document.querySelector('#keying-form [data-question=\"Q1\"] [data-option=\"D\"]').click(); true")
        check(answer("Q1") == "" and "đã nhập 2" in progress(), "clicking the chosen option again clears it")

        print("survey clerk: the draft survives a reload; the keyed forms download as the import's CSV")
        before = browser.ready()
        browser.send("Page.reload")
        browser.wait(f"document.body && document.body.dataset.ready && document.body.dataset.ready !== {json.dumps(before)}", "the reload")
        check(browser.text("#keying-sign-in") is not None, "after the reload the clerk signs in again")
        sign_in(browser, key("clerk"))
        browser.go("#/survey")
        browser.wait("document.querySelector('#survey-keying')", "the keying screen")
        check(progress() == f"Phiếu 3/{stack}, đã nhập 2", f"the same stack resumes at form 3 with two forms keyed: {progress()}")
        browser.press("PageUp")
        browser.press("PageUp")
        check(serial() == "2023-SNV-CIT-001" and answer("Q1") == "A" and answer("Q3") == "E"
              and browser.eval("document.querySelector('#keying-form .keying-demo[data-demo=\"gioiTinh\"]').value") == "Nữ",
              "form 1 kept its answers and details")
        browser.eval("document.querySelector('#keying-download').click(); true")
        first_pass = bytes(browser.eval("fetch(document.querySelector('#keying-download-link').href)"
                                        ".then((response) => response.arrayBuffer()).then((bytes) => Array.from(new Uint8Array(bytes)))"))
        expected = ("\ufeffSTT,serial,unit,respondentGroup,Q1,Q2,Q3,demo:gioiTinh\r\n"
                    "1,2023-SNV-CIT-001,SNV,citizens,A,,E,Nữ\r\n2,2023-SNV-CIT-002,SNV,citizens,B,,A,\r\n").encode()
        check(first_pass == expected, f"the CSV is the import layout, UTF-8 with a BOM: {first_pass!r}")
        check(browser.eval("document.querySelector('#keying-download-link').download").endswith(".csv"), "it downloads as a .csv file")
        pass_file = os.path.join(folder, "lan-nhap-1.csv")
        with open(pass_file, "wb") as file:
            file.write(first_pass)
        # Respondent groups show by their codes (citizens, unit-leaders): the API names none.
        words = [word for word in browser.english_words() if word not in ("citizens", "unit")]
        check(words == [], f"the keying screen: no English words in Vietnamese mode{': ' + ', '.join(words) if words else ''}")
        browser.viewport(375)
        try:
            check(browser.overflow() <= 0, "the keying screen: nothing scrolls sideways at 375 px")
        finally:
            browser.viewport(None)
        browser.screenshot("survey-keying")

        print("second clerk: keys the same stack again; a difference blocks signing until fixed")
        sign_in(browser, key("clerk2"))
        browser.go("#/survey?template=keying-2023&version=1&unit=SNV&pass=2")
        browser.wait("document.querySelector('#survey-keying')", "the second pass")
        check(progress() == f"Phiếu 1/{stack}, đã nhập 0", f"the second pass has its own draft: {progress()}")
        browser.files("#keying-pass1-file", [pass_file])
        browser.eval("document.querySelector('#keying-pass1-form').requestSubmit(); true")
        browser.wait("document.querySelector('#keying-pass1-summary')", "the first pass read")
        check(browser.eval("document.querySelectorAll('#keying-differences tr[data-field=\"only-first\"]').length") == 2,
              "before keying, both forms are only in the first pass")
        check(browser.eval("Boolean(document.querySelector('#keying-form .keying-demo[data-demo=\"gioiTinh\"]'))"),
              "the first pass's gioiTinh column is keyed in this pass too")
        check(browser.focused() == "Q1", f"the keyboard is back on Q1: {browser.focused()}")
        for keys, text in [("ae", "Nữ"), ("bb", "")]:  # form 2's Q3 keyed B, where the paper (and the first pass) says A
            for character in keys:
                browser.press(character)
            if text:
                browser.type_text(text)
            browser.press("Enter")
        check(progress() == f"Phiếu 3/{stack}, đã nhập 2", f"two forms keyed in the second pass: {progress()}")
        rows = browser.eval("[...document.querySelectorAll('#keying-differences tbody tr')].map((row) =>"
                            " [row.dataset.serial, row.dataset.field, row.querySelector('.first').textContent, row.querySelector('.second').textContent])")
        check(rows == [["2023-SNV-CIT-002", "Q3", "A", "B"]], f"the one difference is listed with both values: {rows}")
        browser.eval("document.querySelector('#keying-check').click(); true")
        browser.wait("document.querySelector('#keying-checked, #keying-refused')", "the server's answer")
        check(browser.eval("document.querySelector('#keying-checked')?.dataset.forms") == "2", f"the server reads 2 forms: {browser.text('#keying-result')}")
        check(browser.eval("document.querySelector('#keying-record').disabled") and "khác nhau" in browser.text("#keying-record-blocked"),
              f"signing is disabled while the passes differ: {browser.text('#keying-record-blocked')}")
        browser.press("PageUp")
        browser.press("ArrowDown")
        check(serial() == "2023-SNV-CIT-002" and browser.focused() == "Q3", "back on form 2, at Q3")
        browser.press("a")
        check(browser.text("#keying-no-differences") is not None and browser.eval("document.querySelector('#keying-differences').dataset.count") == "0",
              "corrected: the two passes agree")
        check(browser.eval("document.querySelector('#keying-record').disabled") and "kiểm tra lại" in browser.text("#keying-record-blocked"),
              "changed since the check: check again before signing")
        browser.eval("document.querySelector('#keying-check').click(); true")
        browser.wait("document.querySelector('#keying-checked') && !document.querySelector('#keying-record').disabled", "the batch checked again")
        browser.eval("document.querySelector('#keying-record').click(); true")
        browser.wait("document.querySelector('#keying-recorded, #keying-record-error')", "the batch recorded")
        check(browser.text("#keying-recorded") is not None, f"the batch is signed and recorded: {browser.text('#keying-result')}")
        coverage = get_json(server.url + "/api/survey/coverage", page_token(browser))
        snv = next(unit for unit in coverage["units"] if unit["unit"] == "SNV")
        citizens = next(group for group in snv["groups"] if group["respondentGroup"] == "citizens")
        check(citizens["received"] == 2 and citizens["valid"] == 2, f"the ledger has SNV's two citizens' forms: {citizens}")
        check(browser.eval("Object.keys(localStorage).filter((name) => name.startsWith('parledger.survey.draft/'))") == [],
              "both passes' drafts are cleared")
        check("đã ghi vào sổ cái 2" in progress(), f"the stack shows the two forms recorded: {progress()}")

        print("second clerk: a form the ledger already has is refused by its line; the draft is deleted after a dialog")
        browser.eval("document.querySelector('#keying-add').click(); true")
        check(browser.focused() == "keying-serial" and serial() == "" and progress().startswith(f"Phiếu {stack + 1}/{stack + 1}"),
              f"an added form starts at its serial: {progress()}")
        browser.type_text("2023-SNV-CIT-001")
        for character in ["Enter", "Enter", "Enter", "a", "a", "Enter"]:
            browser.press(character)
        browser.eval("document.querySelector('#keying-check').click(); true")
        browser.wait("document.querySelector('#keying-checked, #keying-refused')", "the server's answer")
        refused = browser.eval("[...document.querySelectorAll('#keying-refused-rows tbody tr')].map((row) => [row.dataset.line, row.dataset.serial])")
        check(refused == [["2", "2023-SNV-CIT-001"]] and browser.eval("document.querySelector('#keying-record').disabled"),
              f"the refusal names line 2 and its form: {browser.text('#keying-result')}")
        browser.eval("document.querySelector('#keying-discard').click(); true")
        browser.wait("document.querySelector('dialog#confirm-dialog[open]')", "the confirm dialog")
        check("không thể hoàn tác" in browser.eval("document.querySelector('dialog#confirm-dialog').innerText"), "deleting the draft asks first")
        before = browser.ready()
        browser.eval("document.querySelector('#confirm-go').click(); true")
        browser.wait(f"document.body.dataset.ready !== {json.dumps(before)}", "the page again")
        check(progress() == f"Phiếu 1/{stack}, đã nhập 0, đã ghi vào sổ cái 2", f"the draft is gone: {progress()}")
        browser.click("#lang")
        check(progress() == f"Form 1/{stack}, keyed 0, recorded in the ledger 2", f"in English: {progress()}")
        browser.click("#lang")
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
        published = get_json(server.url + "/api/standings")
        top = published["groups"][0]["standings"][0]
        cells = browser.eval("[...document.querySelectorAll('table.standings tbody tr:first-child td')].map((cell) => cell.textContent)")
        check(cells[2] == top["index"].replace(".", ",") and re.fullmatch(r"\d{1,3},\d{2}", cells[2]),
              f"the index is written with a decimal comma ({top['index']} → {cells[2]})")
        check(cells[8] == top["total"].replace(".", ",") and cells[3] == top["band"], f"and so is the total; the band is named: {cells}")
        check(not re.search(r"\b\d{1,3}\.\d{2}\b", browser.eval("document.querySelector('main').innerText")),
              "no figure with a decimal point on the page")
        check(browser.eval("document.querySelector('#downloads [data-report=\"results\"] a[data-format=\"xlsx\"]')?.getAttribute('href') ?? ''")
              .startswith("/api/reports/results?format=xlsx"), "anyone may download the published results")
        check_vietnamese(browser, "the published standings")
        browser.send("Emulation.setEmulatedMedia", media="print")
        try:
            printed = browser.eval("({header: getComputedStyle(document.querySelector('header')).display,"
                                   " form: getComputedStyle(document.querySelector('#asof-form')).display,"
                                   " wrap: getComputedStyle(document.querySelector('.table-wrap')).overflowX,"
                                   " color: getComputedStyle(document.querySelector('td')).color,"
                                   " background: getComputedStyle(document.body).backgroundColor,"
                                   " row: getComputedStyle(document.querySelector('tbody tr')).breakInside})")
        finally:
            browser.send("Emulation.setEmulatedMedia", media="")
        check(printed == {"header": "none", "form": "none", "wrap": "visible", "color": "rgb(0, 0, 0)",
                          "background": "rgb(255, 255, 255)", "row": "avoid"},
              f"printed: no navigation or forms, black on white, tables whole and rows unbroken: {printed}")
        pdf = base64.b64decode(browser.send("Page.printToPDF", printBackground=False)["data"])
        check(pdf.startswith(b"%PDF") and len(pdf) > 10000, f"the standings print to PDF ({len(pdf)} bytes)")
        browser.screenshot("standings")
        # Before publication the standings are the council's working papers: withheld from anyone …
        browser.fill("document.querySelector('#asof-form')", {"asOf": "31/01/2024"})
        browser.eval("document.querySelector('#asof-form').requestSubmit(); true")
        browser.wait("document.querySelector('#withheld')", "the withheld notice")
        check("chưa được công bố" in browser.text("#withheld"), "anyone is told the draft standings are not published")
        # … and shown to an auditor, marked provisional.
        sign_in(browser, os.path.join(demo, "keys", "auditor.key"))
        check("không có mật khẩu bảo vệ" in (browser.text("#unprotected-warning") or ""),
              "a demo key file (no passphrase) signs in, and the page warns that it is unprotected")
        browser.go(server.url + "/#/?asOf=2024-01-31")
        browser.wait("document.querySelector('p.prefix')", "the as-of standings")
        check("Tạm tính" in (browser.text("#provisional") or ""), "an auditor sees them marked provisional")
        prefix = browser.text("p.prefix")
        size = int(prefix.split(": ")[1].split(" ")[0].replace(".", ""))
        expected = get_json(server.url + "/api/standings?asOf=2024-01-31", page_token(browser))
        check("Tính đến ngày 23:59 31/01/2024" in prefix and size == expected["ledger"]["size"] and size < now_size,
              f"as of 31/01/2024 (the end of that day in Vietnam): {size} of {now_size} entries; {prefix}")
        check(f"{size // 1000}.{size % 1000:03d} bản ghi" in prefix if size >= 1000 else True,
              "the entry count has a '.' between thousands")
        first = browser.eval("document.querySelector('table.standings tbody tr td:nth-child(3)').textContent")
        check(first.startswith(expected["groups"][0]["standings"][0]["index"].replace(".", ",")), "the as-of ranking is the API's")
        check(browser.eval("[...document.querySelectorAll('table.standings tbody tr')].every((row) =>"
                           " !row.textContent.includes('tạm tính') || row.children[3].textContent === '—')"),
              "before publication a provisional unit shows no band")
        check_vietnamese(browser, "the provisional standings")
        browser.screenshot("standings-asof")
        browser.click("#lang")
        check(browser.text("h1") == "Standings" and "Rank" in browser.text("table.standings"), "English switch")
        english = browser.english_words()
        check("Rank" in english and "root" in english, f"the English-word check finds them on the English page: {english[:8]}")
        check(re.search(r"\b\d{1,3}\.\d{2}\b", browser.eval("document.querySelector('table.standings').innerText")),
              "and English figures have a decimal point")
        browser.click("#lang")
        check(browser.text("h1") == "Bảng xếp hạng", "back to Vietnamese")
        unit = browser.eval("document.querySelector('table.standings a').getAttribute('href')")
        browser.go(unit)
        check(browser.eval("document.querySelectorAll('svg.chart rect.self').length") > 1, "self-vs-appraised chart per domain")
        check(re.search(r"\d+,\d{2}%", browser.text("p.result") or ""), f"the unit's index has a decimal comma: {browser.text('p.result')}")
        check_vietnamese(browser, "a unit's page")
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
        # The demo goes on into 2024: the dashboard is the latest campaign's.
        check(browser.text("#deadline") == "17:00 04/12/2024", f"2024-12-04T10:00:00.000Z reads 17:00 04/12/2024: {browser.text('#deadline')}")
        check("UBND huyện, thị xã, thành phố" in browser.text("#submissions"), "district units are in their named group")
        check_vietnamese(browser, "the secretariat's dashboard", shot="secretariat-375px")
        browser.screenshot("secretariat-demo")
        # The demo's 27 units and hundreds of entries: the pages must still fit a phone.
        sign_in(browser, os.path.join(demo, "keys", "appraiser-SNV.key"))
        browser.go("#/appraiser")
        check("30/09/2024" in (browser.text("#appraise-unit .evidence") or ""), "a demo appraiser sees evidence dates as dd/mm/yyyy")
        check_vietnamese(browser, "a demo appraiser's page (27 units to choose from)", shot="appraiser-375px")
        sign_in(browser, os.path.join(demo, "keys", "officer-SNV.key"))
        browser.go("#/officer")
        check_vietnamese(browser, "a demo officer's page")
        # The unit witnesses the ledger: its key cosigns the latest checkpoint in the browser.
        browser.eval("document.querySelector('#cosign-form').requestSubmit(); true")
        browser.wait("document.querySelector('#cosign-form .cosigned, #cosign-form .error')", "the cosignature")
        cosigned = browser.text("#cosign-form .cosigned") or ""
        check(re.search(r"đến \d{1,3}(\.\d{3})* bản ghi", cosigned) is not None,
              f"the officer cosigns the latest checkpoint: {browser.text('#cosign-form')}")
        note = urllib.request.urlopen(server.url + "/api/checkpoint/note").read().decode()
        officer_id = json.load(open(os.path.join(demo, "keys", "officer-SNV.key")))["keyId"]
        check(f"— {officer_id} " in note, "the kept checkpoint carries the officer's cosignature")
        browser.go("#/unit/KHONGCO")
        browser.wait("document.querySelector('main .error')", "the error")
        check(browser.text("main .loading") is None and "Đang tải" not in browser.text("main"),
              f"an error replaces 'Đang tải…': {browser.text('main')}")
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
            survey_keying_flows(browser, folder)
        finally:
            browser.close()
    print("browser tests passed")


if __name__ == "__main__":
    main()
