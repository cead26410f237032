#!/usr/bin/env python3
"""The appraiser's page, loaded cold in headless Chromium (tools/PERFORMANCE.md §7).

A national ledger of one province (20 departments and --communes communes: about 20,000 entries
with the default 50) from `parledger-bench scenario`, with a new appraiser of every domain, served
by a `parledger serve` that has answered nothing yet (release build), started after the ledger's
files left the operating system's page cache; Chromium starts with a new profile. Timed inside the page (performance.now(), each time the page marks itself ready):

- the page itself: from navigation to the key page's first render (HTML, CSS, the JavaScript modules);
- the appraiser's page after signing in: from the click to its render, its requests the server's
  first folds of the ledger (the campaign, then the unit's criteria, scores and histories);
- the same page again, as the server keeps its answers.

Target: the page and the appraiser's page together, cold, under 1 s.

Usage: tools/bench-pages.py [--communes 50] [--no-build]
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = os.path.join(ROOT, ".build", "release")

# Each time the page marks itself ready (app.js sets body's data-ready after every render), the
# moment is recorded, in ms since the navigation started.
RECORDER = """
window.__ready = [];
new MutationObserver(() => window.__ready.push(performance.now()))
  .observe(document, {attributes: true, subtree: true, attributeFilter: ['data-ready']});
"""


def browser_module():
    """tools/browser_test.py as a module: its Chromium driver and server wrapper."""
    spec = importlib.util.spec_from_file_location("browser_test", os.path.join(ROOT, "tools", "browser_test.py"))
    module = importlib.util.module_from_spec(spec)
    sys.argv = [sys.argv[0], os.path.join(RELEASE, "parledger")]
    spec.loader.exec_module(module)
    return module


def evict(paths):
    """Drops the files' cached pages (written out first), so the server reads them from disk."""
    for path in paths:
        if os.path.exists(path):
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(descriptor)


def timed_render(browser, action):
    """Runs `action` (JavaScript) and returns the ms from it to the page's next render."""
    count = browser.eval("window.__ready.length")
    start = browser.eval(f"(() => {{ const t = performance.now(); {action}; return t; }})()")
    browser.wait(f"window.__ready.length > {count}", action, timeout=60)
    return browser.eval(f"window.__ready[{count}]") - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--communes", type=int, default=50, help="communes of the province (and 20 departments)")
    parser.add_argument("--no-build", action="store_true", help="use the release build as it is")
    parser.add_argument("--bin", help="the folder of parledger and parledger-bench (a debug build's, say); implies --no-build")
    arguments = parser.parse_args()
    global RELEASE
    if arguments.bin:
        RELEASE = os.path.abspath(arguments.bin)
    elif not arguments.no_build:
        for product in ["parledger", "parledger-bench"]:
            subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
    chromium = browser_module()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([os.path.join(RELEASE, "parledger-bench"), "scenario", "--dir", os.path.join(folder, "s"),
                        "--ledger", "national", "--provinces", "1", "--communes", str(arguments.communes),
                        "--writers", "0", "--appraiser"], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(folder, "s", "scenario.json"), encoding="utf-8") as file:
            scenario = json.load(file)
        ledger = scenario["ledger"]
        evict([ledger + suffix for suffix in ["", "-wal", ".cache", ".cache-wal"]])
        server = chromium.Server(ledger)
        browser = chromium.Browser(os.path.join(folder, "profile"))
        try:
            browser.send("Page.addScriptToEvaluateOnNewDocument", source=RECORDER)
            browser.send("Page.navigate", url=server.url + "/#/key")
            browser.wait("window.__ready && window.__ready.length > 0", "the key page")
            page = browser.eval("window.__ready[0]")
            browser.files("#sign-in-form input[type=file]", [scenario["appraiser"]["key"]])
            timed_render(browser, "document.querySelector('#sign-in-form').requestSubmit()")
            if browser.text("#signed-in") is None:
                raise SystemExit("the appraiser could not sign in: " + browser.eval("document.body.innerText")[:500])
            cold = timed_render(browser, "location.hash = '#/appraiser'")
            leaves = browser.eval("document.querySelectorAll('#appraise-unit .leaf').length")
            unit = browser.eval("document.querySelector('#appraise-unit')?.dataset.unit")
            if not leaves:
                raise SystemExit("the appraiser's page shows no leaf: " + browser.eval("document.body.innerText")[:500])
            timed_render(browser, "location.hash = '#/key'")
            warm = timed_render(browser, "location.hash = '#/appraiser'")
        finally:
            browser.close()
            server.stop()
    total = page + cold
    verdict = "met" if total < 1000 else "NOT met"
    print(f"# tools/bench-pages.py — {os.cpu_count()} cores, {scenario['entries']} entries, "
          f"{len(scenario['units'])} units")
    print()
    print("| step | ms |")
    print("|---|---:|")
    print(f"| the page (fresh profile): navigation to the first render | {page:.0f} |")
    print(f"| the appraiser's page, server cold: unit {unit}, {leaves} leaves | {cold:.0f} |")
    print(f"| both, cold | {total:.0f} |")
    print(f"| the appraiser's page again (answers kept) | {warm:.0f} |")
    print()
    print(f"Target: cold under 1 s: {total / 1000:.2f} × the target ({verdict}).")


if __name__ == "__main__":
    main()
