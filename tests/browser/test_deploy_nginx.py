"""Acceptance: the `make dist` archive on Debian's nginx, with the configuration it ships, under a
sub-path (/woonoverlast/), as an intranet would host it. The archive is built once, for
http://127.0.0.1:<port>/woonoverlast/, unpacked, and served by nginx as this test's own process.

Checked: the archive verifies with sha256sum; the wasm and the pages go out precompressed (gzip);
every page's Content-Security-Policy header equals its meta policy; cache lifetimes (long only for
hashed names, never for sw.js); a shared case completes through the page; share link, instant
navigation, the 404 page and offline use work under the sub-path; no request leaves 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
import subprocess
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from assessor_driver import complete, outcome, statuses, wait_engine
from browser_support import CSP_WATCH, debian_program, is_local, require
from html_index import site_paths
from site_server import free_port

pytestmark = pytest.mark.xdist_group("deploy")  # one worker builds the archive once for all these tests

ROOT = Path(__file__).resolve().parents[2]
SUB_PATH = "/woonoverlast/"
#: The shipped minimal nginx.conf listens here; the test only changes the port.
SHIPPED_LISTEN = "listen 127.0.0.1:8080;"
CASE = ROOT / "content" / "scenarios" / "voorbeeld_06_treiteren_corporatie.yaml"  # = shared/domain/cases/
META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped: {process.stdout.read().decode(errors='replace')}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    raise RuntimeError("nginx did not answer in time")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The dist archive, built and unpacked once, served by nginx with the shipped configuration."""
    nginx = require(debian_program("nginx", "NGINX", "/usr/sbin/nginx"),
                    "nginx ontbreekt: installeer Debian's nginx (make test doet dat als root), of zet NGINX=/pad.")
    from build_scripts.dist import build_dist

    port = free_port()
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    out = tmp_path_factory.mktemp("dist")
    info = build_dist(base, out, brotli=False)  # brotli: nginx sends only .gz without its module
    # nginx's workers run as "nobody" when the test runs as root: the tree must be world-readable.
    unpacked = Path(tempfile.mkdtemp(prefix="aw-nginx-"))
    unpacked.chmod(0o755)
    with tarfile.open(info["archive"]) as tar:
        tar.extractall(unpacked, filter="data")
    folder = unpacked / info["folder"]
    shipped = (folder / "deploy" / "nginx" / "nginx.conf").read_text(encoding="utf-8")
    assert shipped.count(SHIPPED_LISTEN) == 1
    conf = folder / "deploy" / "nginx" / "nginx-test.conf"  # beside it, so its includes resolve alike
    conf.write_text(shipped.replace(SHIPPED_LISTEN, f"listen 127.0.0.1:{port};"), encoding="utf-8")
    process = subprocess.Popen([nginx, "-p", str(folder), "-c", str(conf), "-e", "stderr", "-g", "daemon off;"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    server = SimpleNamespace(url=base, port=port, folder=folder, site=folder / "site", info=info, out=out,
                             process=process)
    try:
        _wait_until_up(base, process)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stdout.close()
        shutil.rmtree(unpacked, ignore_errors=True)


def fetch(url: str, *, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and raw body, as a browser that accepts gzip gets them."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip" if gzip_ok else "identity"})
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def body_text(headers: dict[str, str], raw: bytes) -> str:
    return (gzip.decompress(raw) if headers.get("content-encoding") == "gzip" else raw).decode("utf-8")


def test_the_archive_is_versioned_and_verifies(served):
    name = Path(served.info["archive"]).name
    version = yaml.safe_load((ROOT / "content" / "meta.yaml").read_text(encoding="utf-8"))["inhoudsversie"]
    # The content version as the pages show it: meta.yaml's, and a digest of the content.
    assert re.fullmatch(rf"aanpak-woonoverlast-landelijk-{re.escape(str(version))}\+[0-9a-f]{{8}}-([0-9a-f]{{7,}}(-dirty)?|nogit)\.tar\.gz", name)
    for folder in (served.out, served.folder):
        result = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    assert served.info["site_url"] == served.url
    assert (served.folder / "deploy" / "nginx" / "csp.conf").is_file()


def test_the_live_version_can_be_read_at_versie_json_and_is_never_kept(served):
    """What a monitor reads: the same as the archive's name and build-info.json, always asked of
    the server (no-cache, with an ETag for a short 304), and never kept by the service worker."""
    status, headers, raw = fetch(served.url + "versie.json")
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert headers["cache-control"] == "no-cache" and "etag" in headers
    live = json.loads(body_text(headers, raw))
    assert set(live) == {"inhoudsversie", "commit", "editie", "gebouwd"}
    assert {key: served.info[key] for key in live} == live
    assert Path(served.info["archive"]).name == f"aanpak-woonoverlast-{live['editie']}-{live['inhoudsversie']}-{live['commit']}.tar.gz"
    assert dt.datetime.fromisoformat(live["gebouwd"]).tzinfo is not None
    assert "versie.json" not in (served.site / "sw.js").read_text(encoding="utf-8")


def test_the_wasm_and_the_pages_go_out_precompressed_with_the_right_types(served):
    wasm = served.site / "assets" / "pyodide" / "pyodide.asm.wasm"
    status, headers, raw = fetch(served.url + "assets/pyodide/pyodide.asm.wasm")
    assert status == 200 and headers["content-type"] == "application/wasm"
    assert headers.get("content-encoding") == "gzip" and "accept-encoding" in headers.get("vary", "").lower()
    assert len(raw) < 0.5 * wasm.stat().st_size and gzip.decompress(raw) == wasm.read_bytes()
    status, headers, raw = fetch(served.url + "beoordeel-uw-casus/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert headers.get("content-encoding") == "gzip"
    assert gzip.decompress(raw) == (served.site / "beoordeel-uw-casus" / "index.html").read_bytes()
    status, headers, _ = fetch(served.url + "assets/pyodide/pyodide.asm.mjs")
    assert headers["content-type"].startswith("text/javascript") and headers.get("content-encoding") == "gzip"
    # A client that does not accept gzip gets the file itself.
    status, headers, raw = fetch(served.url + "assets/pyodide/pyodide.asm.wasm", gzip_ok=False)
    assert "content-encoding" not in headers and len(raw) == wasm.stat().st_size


def test_every_page_sends_its_meta_policy_as_the_csp_header(served):
    policy = served.info["content_security_policy"]
    assert "default-src 'self'" in policy and "'wasm-unsafe-eval'" in policy and "unsafe-inline" not in policy
    assert f'"{policy}"' in (served.folder / "deploy" / "nginx" / "csp.conf").read_text(encoding="utf-8")
    for relative in site_paths(served.site):
        status, headers, raw = fetch(served.url + relative)
        assert status == 200, relative
        metas = META_CSP.findall(body_text(headers, raw))
        assert metas == [headers.get("content-security-policy")] == [policy], relative
    status, headers, raw = fetch(served.url + "bestaat-niet/")
    assert status == 404 and headers.get("content-security-policy") == policy
    assert META_CSP.findall(body_text(headers, raw)) in ([], [policy])  # (the 404 page gets its meta tag later)


def test_long_cache_only_for_hashed_names_and_never_for_the_service_worker(served):
    site = served.site
    hashed = [*site.glob("assets/javascripts/bundle.*.min.js"), *site.glob("assets/javascripts/workers/search.*.min.js"),
              *site.glob("assets/stylesheets/*.min.css"), *site.glob("assets/engine/*/*.whl")]
    assert len(hashed) == 5, hashed
    for path in hashed:
        _, headers, _ = fetch(served.url + path.relative_to(site).as_posix())
        assert headers["cache-control"] == "public, max-age=31536000, immutable", path
    for relative in ("", "beoordeel-uw-casus/", "assets/assessor/app.js", "assets/assessor/worker.js",
                     "assets/pyodide/pyodide.asm.wasm", "search/search_index.json", "sitemap.xml", "versie.json"):
        _, headers, _ = fetch(served.url + relative)
        assert headers["cache-control"] == "no-cache", relative
        assert "etag" in headers, relative  # so "no-cache" costs a 304, not a download
    _, headers, _ = fetch(served.url + "sw.js")
    assert headers["cache-control"] == "no-store" and "max-age" not in headers["cache-control"]
    status, headers, _ = fetch(served.url.rstrip("/"))
    assert status == 200  # urllib followed the redirect from /woonoverlast to /woonoverlast/


def test_the_same_archive_works_at_another_host_name_with_the_same_path(browser, served):
    """One archive for a test and a production address (deploy/README.md, "Eén archief voor test en
    productie"): built for 127.0.0.1, opened as localhost, with the same port and path. The theme
    takes the sitemap's addresses to the host it is opened on, so instant navigation still
    intercepts links; the 404 page and the tool need only the path."""
    other = served.url.replace("//127.0.0.1:", "//localhost:")
    context = browser.new_context(locale="nl-NL", service_workers="block")
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(other + "beoordeel-uw-casus/")
        wait_engine(page)
        page.evaluate("() => { window.__sameRealm = true; }")
        page.locator('.aw-footer-links a[href$="over/"]').click()  # the tool's page has no sidebar
        page.wait_for_url(other + "over/")
        assert page.evaluate("() => window.__sameRealm === true"), "instant navigation did not intercept the link"
        response = page.goto(other + "bestaat/niet/")
        assert response.status == 404 and page.locator("h1").first.inner_text().strip() == "Deze pagina bestaat niet"
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert page.evaluate("() => window.__cspViolations") == [] and errors == []
    finally:
        context.close()


def test_a_shared_case_completes_under_the_sub_path_and_then_works_offline(browser, served):
    # Last in this file: it stops nginx (the module's server) to prove offline use.
    context = browser.new_context(locale="nl-NL")  # service workers allowed: offline use is tested too
    context.add_init_script(CSP_WATCH)
    external, errors, failed = [], [], []
    context.on("request", lambda request: None if is_local(request.url) else external.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    try:
        response = page.goto(served.url + "beoordeel-uw-casus/")
        meta = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert response.header_value("content-security-policy") == meta
        wait_engine(page)
        case = yaml.safe_load(CASE.read_text(encoding="utf-8"))
        complete(page, case["feiten"])
        online = outcome(page)
        assert {key: online[key] for key in case["verwacht"]["status"]} == case["verwacht"]["status"]
        page.locator('[data-action="kopieer-link"]').click()
        link = page.locator("[data-share-link]").input_value()
        assert link.startswith(served.url + "beoordeel-uw-casus/#antwoorden="), link

        # The service worker: registered for the sub-path, with the whole site in its cache.
        deadline = time.monotonic() + 60
        state = None
        while time.monotonic() < deadline:
            state = page.evaluate("""async () => {
                const registration = await navigator.serviceWorker.getRegistration();
                if (!registration || !registration.active || !navigator.serviceWorker.controller) return null;
                const wasm = new URL('assets/pyodide/pyodide.asm.wasm', registration.scope).href;
                const keys = (await caches.keys()).filter((key) => key.startsWith('aanpak-woonoverlast-'));
                for (const key of keys) {
                    if (await (await caches.open(key)).match(wasm)) return {scope: registration.scope, key};
                }
                return null;
            }""")
            if state:
                break
            page.wait_for_timeout(250)
        assert state and state["scope"] == served.url and state["key"].endswith(SUB_PATH), state

        # Instant navigation (needs the sitemap's URLs to be this origin and path).
        page.evaluate("() => { window.__sameRealm = true; }")
        page.locator('.aw-footer-links a[href$="over/"]').click()  # the tool's page has no sidebar
        page.wait_for_url("**/woonoverlast/over/")
        assert page.evaluate("() => window.__sameRealm === true"), "instant navigation did not intercept the link"

        # The 404 page, at any depth under the sub-path, with its styles.
        failed.clear()
        response = page.goto(served.url + "bestaat/niet/")
        assert response.status == 404 and response.header_value("content-security-policy") == meta
        assert page.locator("h1").first.inner_text().strip() == "Deze pagina bestaat niet"
        assert failed == [served.url + "bestaat/niet/"]
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"

        # Offline: nginx stopped, the shared link opens and the engine runs from the cache.
        served.process.terminate()
        served.process.wait(10)
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(served.url, timeout=2)
        page.goto(link)
        page.wait_for_selector('[data-screen="uitkomst"]:not([hidden]) [data-instrument]', state="attached", timeout=60_000)
        assert statuses(page) == online

        assert page.evaluate("() => window.__cspViolations") == []
        assert errors == []
        assert external == []
    finally:
        context.close()
