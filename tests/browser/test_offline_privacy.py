"""The promises for closed intranets and laptops on the road: offline after a first visit,
readable from a folder, no third-party request and no CSP violation on any page, and content
or answers containing HTML shown as text, never run."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml

from html_index import TEMPLATE_PAGES
from assessor_driver import QUESTION, complete, outcome, wait_engine
from browser_support import CSP_WATCH, TEST_ARGS, axe_violations, chromium_path, is_local, wait_cached, watched_page
from project_copy import copy_project
from site_server import SiteServer, free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.axe
def test_every_kind_of_page_runs_without_csp_violation_or_third_party_request_or_axe_violation(page, site_url):
    """The policy itself is checked on every page from the static HTML (test_site.py); here each
    kind of page runs in a browser under it, and axe-core checks it (WCAG 2.1 AA, see
    test_accessibility.py) in the same visit. axe comes in as an init script, which the page's
    policy does not apply to: no need to switch the policy off. No request leaves 127.0.0.1 and
    no error goes uncaught (the page fixture checks both)."""
    page.add_init_script(CSP_WATCH)
    violations, axe_failures = {}, {}
    # The assessor last: its visit goes on below, on the engine it started.
    for relative in sorted(TEMPLATE_PAGES, key=lambda relative: relative == "beoordeel-uw-casus/"):
        page.goto(site_url + relative)
        inaccessible = axe_violations(page)  # while what the page loads late (search) comes in
        if inaccessible:
            axe_failures[relative] = inaccessible
        page.wait_for_load_state("networkidle")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "default-src 'self'" in policy and "'wasm-unsafe-eval'" in policy and "unsafe-inline" not in policy
        found = page.evaluate("() => window.__cspViolations")
        if found:
            violations[relative] = found
    wait_engine(page)
    complete(page, {"acuut_gevaar": "nee", "overlast_soorten": ["drugs"], "drugs_in_woning": "ja"})
    outcome(page)
    with page.expect_download():  # the decision record is built in the page, under its policy
        page.locator('[data-action="download"]').click()
    page.locator(".md-search__input").click()
    page.keyboard.type("Damocles")
    page.wait_for_selector(".md-search-result__item")
    violations["assessor, download and search"] = page.evaluate("() => window.__cspViolations")
    assert {key: value for key, value in violations.items() if value} == {}
    assert axe_failures == {}
    assert page.evaluate("() => document.cookie") == ""


def test_the_test_browser_refuses_a_request_outside_127_0_0_1_and_reports_it(browser, tmp_path):
    """What every browser test relies on: a request to another host fails at once (TEST_ARGS)
    and the page's watch reports it, so a test that makes one fails. The other host is this same
    server under another name (elders.test), so only the refusal keeps it from answering; on a
    page without the site's policy, which would refuse such a fetch before it became a request."""
    server = SiteServer(tmp_path, free_port())
    other = browser.browser_type.launch(executable_path=chromium_path(),
                                        args=[*TEST_ARGS, "--host-resolver-rules=MAP elders.test 127.0.0.1"])
    try:
        page = watched_page(other)
        page.goto(server.url)
        elsewhere = f"http://elders.test:{server.httpd.server_port}/"
        outcomes = page.evaluate("""async (urls) => Promise.all(urls.map((url) =>
            fetch(url, { mode: "no-cors" }).then(() => `${url} geladen`, () => `${url} geweigerd`)))""", [elsewhere, server.url])
        assert outcomes == [f"{elsewhere} geweigerd", f"{server.url} geladen"]
        with pytest.raises(AssertionError, match="requests left 127.0.0.1"):
            page.watch.check()
    finally:
        other.close()
        server.stop()


RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")

@pytest.fixture
def served(built_site):
    """The built site on its own server (it is stopped to go offline), in a fresh browser profile
    with service workers allowed."""
    site, _ = built_site
    server = SiteServer(site, free_port())
    yield server
    server.stop()


def _offline_context(browser, profile=None):
    """Service workers allowed, no request routing. With ``profile`` a normal browser profile,
    whose HTTP cache keeps large files (an incognito context does not keep the 9.6 MB wasm)."""
    if profile is None:
        context = browser.new_context()
    else:
        context = browser.browser_type.launch_persistent_context(
            str(profile), executable_path=chromium_path(), args=TEST_ARGS, locale="nl-NL")
    context.external = []
    context.on("request", lambda request: None if is_local(request.url) else context.external.append(request.url))
    return context


def _go_offline(server) -> None:
    server.stop()
    with pytest.raises(Exception):  # the server is really gone
        urllib.request.urlopen(server.url, timeout=2)


def _hennep_case_works(page) -> None:
    case_file = ROOT / "content" / "scenarios" / "voorbeeld_03_hennep_koopwoning.yaml"
    complete(page, yaml.safe_load(case_file.read_text(encoding="utf-8"))["feiten"])
    assert outcome(page)["sluiting_13b_opiumwet"] == "aangewezen"


def test_a_knowledge_base_visit_never_fetches_the_runtime(browser, served):
    context = _offline_context(browser)
    page = context.new_page()
    page.goto(served.url + "instrumenten/sluiting_13b_opiumwet/")
    wait_cached(page, "partners/")  # the kennisbank is precached on this first visit
    page.goto(served.url + "partners/")
    page.wait_for_timeout(500)
    fetched = [path for path in served.requested if path.startswith("/assets/pyodide/") or path.startswith("/assets/engine/")]
    assert fetched == [], "a reader of the kennisbank never pays for the runtime"
    assert not any(path.endswith(".map") or "lunr.de." in path for path in served.requested)
    assert context.external == []
    context.close()


def test_a_first_assessor_visit_fetches_each_runtime_file_once_and_then_works_offline(browser, served, tmp_path):
    context = _offline_context(browser, tmp_path / "profiel")
    page = context.new_page()
    page.goto(served.url + "beoordeel-uw-casus/")
    wait_engine(page)
    wait_cached(page, "assets/pyodide/pyodide.asm.wasm")  # kept from the page's own download
    wait_cached(page, "instrumenten/sluiting_13b_opiumwet/")
    for name in RUNTIME:
        assert served.requested.count(f"/assets/pyodide/{name}") == 1, (name, served.requested)
    engine = [path for path in served.requested if path.startswith("/assets/engine/")]
    assert len(engine) == len(set(engine)) == 2, engine  # the wheel and the precompiled stdlib, once each
    assert "/assets/pyodide/python_stdlib.zip" not in served.requested, "only for recovery, never ahead"
    _go_offline(served)
    page.reload()
    wait_engine(page)
    _hennep_case_works(page)
    page.goto(served.url + "instrumenten/sluiting_13b_opiumwet/")
    assert "Damocles" in page.locator("article").inner_text()
    assert context.external == []
    context.close()


def test_the_offline_button_on_a_knowledge_base_page_makes_the_tool_work_offline(browser, served):
    context = _offline_context(browser)
    page = context.new_page()
    page.goto(served.url + "over/")
    wait_cached(page, "over/")
    button = page.locator("[data-offline-action]")
    assert "MB" in page.locator("article").inner_text()
    button.click()
    page.wait_for_function("() => /Klaar/.test(document.querySelector('[data-offline-status]').textContent)", timeout=120_000)
    wait_cached(page, "assets/pyodide/pyodide.asm.wasm")
    _go_offline(served)
    page.goto(served.url + "beoordeel-uw-casus/")
    wait_engine(page)
    _hennep_case_works(page)
    assert context.external == []
    context.close()


@pytest.fixture(scope="module")
def file_copy(tmp_path_factory):
    target = tmp_path_factory.mktemp("file-copy") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs-file-copy.yml",
                             "--site-dir", str(target)], cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def test_the_file_system_copy_opens_and_searches(browser, file_copy):
    assert not (file_copy / "sw.js").exists()
    assert not any("unpkg" in p.read_text(encoding="utf-8") for p in file_copy.rglob("*.html"))
    context = browser.new_context()
    external = []
    context.on("request", lambda request: None if is_local(request.url) else external.append(request.url))
    page = context.new_page()
    page.goto((file_copy / "index.html").as_uri())
    page.locator('article a[href="praktijkvoorbeelden/den-haag.html"]').first.click()
    page.wait_for_url("**/den-haag.html")
    assert "Meld- en Steunpunt Woonoverlast" in page.locator("article").inner_text()
    page.locator(".md-search__input").click()
    page.keyboard.type("Damocles")
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=30_000)
    assert "13b" in page.locator(".md-search-result").inner_text() or "Damocles" in page.locator(".md-search-result").inner_text()
    page.goto((file_copy / "beoordeel-uw-casus" / "index.html").as_uri())
    fallback = page.locator("[data-fallback]")
    fallback.wait_for(state="visible", timeout=30_000)
    assert "als bestand" in fallback.inner_text()
    fallback.locator("a").first.click()
    page.wait_for_url("**/instrumenten/index.html")
    assert external == []
    context.close()


HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A project whose content and labels contain HTML and script, built and served."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    instrument = project / "content" / "instrumenten" / "buurtbemiddeling.md"
    text = instrument.read_text(encoding="utf-8")
    text = text.replace("naam: Buurtbemiddeling", f"naam: 'Buurtbemiddeling {HOSTILE}'", 1)
    text = text.replace("  - tekst: Deelname is vrijwillig;", f"  - tekst: '{HOSTILE}'\n    bron: https://buurtbemiddelingeindhoven.nl/?page_id=44\n"
                        "  - tekst: Deelname is vrijwillig;", 1)
    instrument.write_text(text, encoding="utf-8")
    facts = project / "content" / "feiten.yaml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace("    vraag: Is er op dit moment acuut gevaar voor iemands leven of veiligheid?",
                        f"    vraag: 'Acuut gevaar? {HOSTILE}'", 1)
    text = text.replace('gesprek: {label: "Gesprek van de melder met de buren"',
                        f'gesprek: {{label: "Gesprek {HOSTILE.replace(chr(34), chr(39))}"', 1)
    facts.write_text(text, encoding="utf-8")
    port = free_port()
    server = SiteServer(build_in(project, project / "site-out", f"http://127.0.0.1:{port}/"), port)
    yield server.url
    server.stop()


def build_in(project: Path, site: Path, url: str) -> Path:
    # Without the precompiled standard library: the national build's tests cover it.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url, "AANPAK_PRECOMPILED_STDLIB": "false"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_html_in_content_and_answers_is_shown_as_text_never_run(page, hostile_site):
    page.goto(hostile_site + "instrumenten/buurtbemiddeling/")
    article = page.locator("article")
    assert "<img src=x" in article.inner_text()
    assert page.locator("article img[src=x]").count() == 0
    page.goto(hostile_site + "beoordeel-uw-casus/")
    assert "<img src=x" in page.locator(f'{QUESTION} .aw-question__title').inner_text()
    wait_engine(page)
    complete(page, {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "overlast_soorten": ["geluid"],
                    "woning_eigendom": "corporatie", "ernstig": "nee", "geweld_bij_woning": "nee",
                    "drugs_in_woning": "nee", "gericht_op_buren": "nee", "zorgsignalen": "nee",
                    "partijen_bereid": "ja", "geprobeerd": ["gesprek"]})
    assert "Gesprek <img" in page.locator("[data-summary]").inner_text()
    outcome(page)
    assert "Buurtbemiddeling <img" in page.locator('[data-instrument="buurtbemiddeling"] h4').inner_text()
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("() => window.__pwned") is None


def test_share_link_decoder_fuzzed_with_hypothesis(page, site_url):
    """The JavaScript decoder of share links: any fragment decodes to plain answers or throws a
    Dutch message; it never returns anything else."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    page.goto(site_url + "beoordeel-uw-casus/")
    page.evaluate("async () => { window.__share = await import('../assets/assessor/share.js'); }")

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.text(max_size=300) | st.builds(lambda s: "%7B" + s, st.text(max_size=100)))
    def decode(fragment):
        outcome = page.evaluate("""(hash) => {
            try {
              const answers = window.__share.decodeAnswers(hash);
              const ok = Object.entries(answers).every(([k, v]) => /^[a-z][a-z0-9_]*$/.test(k)
                && (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))));
              return ok ? 'ok' : 'bad shape';
            } catch (error) { return error instanceof Error && /[a-z]/.test(error.message) ? 'message' : 'bad error'; }
        }""", "#antwoorden=" + fragment)
        assert outcome in ("ok", "message")

    decode()
