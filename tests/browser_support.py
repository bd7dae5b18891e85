"""Headless Chromium through Playwright, using Debian's browser (Playwright cannot download
its own here). Every test fails on a request that leaves 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-sync",
]
#: For the tests (not the benchmark):
#: - WebAssembly compiled by Liftoff only. Tests check behaviour; TurboFan's background
#:   compilation of the 9.6 MB runtime costs each engine start about 0.5 s of processor time on
#:   two cores, and a test run starts the engine some fifty times.
#: - Every request outside 127.0.0.1 refused by the browser itself: it goes to a proxy that is not
#:   there (port 9), while Chromium never sends 127.0.0.1 through a proxy. PageWatch still reports
#:   each such request. Routing every request through Playwright instead switched the browser's
#:   HTTP cache off and cost processor time: three pages, an engine start and a case took 5.4 s
#:   that way, 4.1 s this way (with the cache, as in an officer's browser).
TEST_ARGS = [*CHROMIUM_ARGS, "--js-flags=--liftoff-only", "--proxy-server=http://127.0.0.1:9"]
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
#: What axe-core checks: WCAG 2.1 A and AA, and its best practices. Every rule runs; only the
#: violations are reported in full (resultTypes: axe's documented way to spare the work of
#: listing every passing element, which no test reads).
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
        "resultTypes": ["violations"]}
#: axe.run with WCAG on the element a selector names (the whole document without one), as one
#: line per violation; axe must be on the page already.
AXE_RUN = f"""async (root) => (await axe.run(root ? document.querySelector(root) : document, {json.dumps(WCAG)})).violations.map(
  (v) => `${{v.id}} (${{v.impact}}): ${{v.help}} — ${{JSON.stringify(v.nodes.slice(0, 4).map((n) => n.target))}}`)"""


def axe_violations(page, root: str | None = None) -> list[str]:
    """axe on the page as it is now. axe must be in the page: a test marked ``axe`` gets it in
    every page it opens, as an init script (which the site's policy does not apply to), with
    reduced motion, so that colours are measured at rest (the theme then has no transitions; a
    button caught halfway through its 125 ms focus transition made color-contrast fail now and
    then)."""
    return page.evaluate(AXE_RUN, root)


#: Collects the page's Content-Security-Policy violations in window.__cspViolations (an init script).
CSP_WATCH = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`));"""


def debian_program(name: str, variable: str, debian_path: str) -> str | None:
    """A program the tests run, as make test installs it: named by $variable, at Debian's path,
    or on the PATH."""
    for candidate in (os.environ.get(variable), debian_path, shutil.which(name)):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def chromium_path() -> str | None:
    return debian_program("chromium", "CHROMIUM", "/usr/bin/chromium")


def require(path: str | None, message: str) -> str:
    """The program's path; without it the test fails in CI (nothing may be skipped there) and is
    skipped elsewhere, with ``message`` saying how to install it."""
    if path is None:
        import pytest

        (pytest.fail if os.environ.get("CI") else pytest.skip)(message)
    return path


def watched_page(context):
    """A new page of ``context`` with its PageWatch as ``page.watch``: the one way the tests'
    page fixtures open a page (call ``page.watch.check()`` when the test is done with it)."""
    page = context.new_page()
    page.watch = PageWatch(page)
    return page


class PageWatch:
    """Requests that left 127.0.0.1, and uncaught page errors, for assertions."""

    def __init__(self, page):
        self.external: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: None if is_local(request.url) else self.external.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def check(self) -> None:
        """Nothing left 127.0.0.1 and no error went uncaught; a page shared by several tests
        then starts the next test with empty lists."""
        external, errors = self.external[:], self.errors[:]
        self.external.clear()
        self.errors.clear()
        assert external == [], f"requests left 127.0.0.1: {external}"
        assert errors == [], f"uncaught page errors: {errors}"


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "chrome-error", "file"):
        return True
    return parsed.hostname in ("127.0.0.1", "localhost")


#: True once the service worker controls the page and keeps ``path`` (relative to its scope) in a
#: cache of this site. Evaluated in a loop: wait_for_function would take the Promise for true.
CACHED = """async (path) => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration || !registration.active || !navigator.serviceWorker.controller) return false;
    const url = new URL(path, registration.scope).href;
    for (const key of await caches.keys()) {
        if (key.startsWith('aanpak-woonoverlast-') && await (await caches.open(key)).match(url)) return true;
    }
    return false;
}"""


def wait_until(page, script: str, arg: object, failure: str, timeout: float = 60) -> None:
    """Evaluate the async ``script`` with ``arg`` every 0.25 s until it answers true."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        if time.monotonic() > deadline:
            raise AssertionError(failure)
        page.wait_for_timeout(250)


def wait_cached(page, path: str, timeout: float = 60) -> None:
    wait_until(page, CACHED, path, f"{path} never reached the service worker's cache", timeout)
