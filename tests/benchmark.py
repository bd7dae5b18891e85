"""Benchmark (``make bench``): prints figures as JSON. Speed targets live here, not in tests.

engine     CPython assessments per second over all scenarios; time of ``python -m assessor check``
build      full ``mkdocs build`` (hooks: compile, scenarios, generated pages, wheel, runtime) and
           a plain ``mkdocs build`` of the same pages without the hooks
browser    in one Chromium run, cold (new profile) and warm (same profile, browser restarted):
           time to the first usable question and to engine ready, next to a bare page that only
           boots ``loadPyodide()``; their ratios; bytes sent by the server for the assessor and a
           kennisbank page; per-answer latency p50/p95 (Volgende pressed -> next screen shown)
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from assessor_driver import complete, wait_engine  # noqa: E402
from browser_support import CHROMIUM_ARGS, chromium_path, is_local  # noqa: E402
from site_server import SiteServer, build_site, free_port  # noqa: E402

BARE_PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>bare</title></head><body>
<script type="module">
const { loadPyodide } = await import("./assets/pyodide/pyodide.mjs");
await loadPyodide({ indexURL: new URL("./assets/pyodide/", location.href).href });
performance.mark("bare:pyodide-klaar");
document.body.dataset.ready = "1";
</script></body></html>"""
SW_COMPLETE = """async () => {
  const registration = await navigator.serviceWorker.ready;
  if (!registration.active) return false;
  const keys = (await caches.keys()).filter((key) => key.startsWith('aanpak-woonoverlast-'));
  if (!keys.length) return false;
  return Boolean(await (await caches.open(keys[0])).match('assets/pyodide/pyodide.asm.wasm'));
}"""


def engine_figures() -> dict:
    from assessor.engine import assess
    from assessor.scenarios import Scenario, run_scenarios
    from build_scripts.compile_content import compile_content

    compiled = compile_content()
    model = compiled.model
    cases = [item["feiten"] for item in compiled.model_data["scenarios"]]
    rounds, start = 0, time.perf_counter()
    while time.perf_counter() - start < 2.0:
        for case in cases:
            assess(model, case)
        rounds += 1
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    run_scenarios(model, [Scenario.from_json(item) for item in compiled.model_data["scenarios"]])
    scenarios_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "assessor", "check"], cwd=ROOT, check=True, capture_output=True)
    return {
        "assessments_per_second": round(rounds * len(cases) / elapsed),
        "scenarios": len(cases),
        "run_all_scenarios_ms": round(scenarios_ms, 1),
        "cli_check_seconds": round(time.perf_counter() - start, 2),
    }


def plain_build_seconds(full_site: Path, tmp: Path) -> float:
    """The same pages (generated ones written out as files) built by MkDocs without our hooks."""
    from build_scripts.compile_content import compile_content
    from build_scripts.pages import instrument_pages, overview_page, partners_page

    compiled = compile_content()
    docs = tmp / "plain-docs"
    shutil.copytree(ROOT / "docs", docs)
    pages = {**instrument_pages(compiled), "instrumenten/index.md": overview_page(compiled),
             "partners.md": partners_page(compiled)}
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = tmp / "mkdocs-plain.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\nsite_dir: {tmp / 'plain-site'}\nhooks: []\n"
                      f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\nwatch: []\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], cwd=ROOT, check=True,
                   capture_output=True, env=env)
    return time.perf_counter() - start


def _mark(page, name: str) -> float:
    return page.evaluate("(m) => performance.getEntriesByName(m)[0].startTime", name)


def _dom_ready(page) -> float:
    return page.evaluate("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")


class Browser:
    def __init__(self, playwright, server: SiteServer, profiles: Path):
        self.playwright, self.server, self.profiles = playwright, server, profiles
        self.external: list[str] = []

    def profile(self, name: str):
        context = self.playwright.chromium.launch_persistent_context(
            str(self.profiles / name), executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context.on("request", lambda r: None if is_local(r.url) else self.external.append(r.url))
        return context

    def visit(self, name: str, path: str, ready, *, settle=None) -> dict:
        context = self.profile(name)
        page = context.pages[0] if context.pages else context.new_page()
        before = self.server.bytes_sent
        page.goto(self.server.url + path)
        figures = ready(page)
        if settle:
            page.wait_for_function(settle, timeout=120_000, polling=500)
        figures["bytes_sent"] = self.server.bytes_sent - before
        context.close()
        return figures


def assessor_ready(page) -> dict:
    first = _dom_ready(page)
    wait_engine(page, timeout=120_000)
    return {"first_question_ms": first, "engine_ready_ms": _mark(page, "aw:engine-klaar")}


def bare_ready(page) -> dict:
    page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
    return {"pyodide_ready_ms": _mark(page, "bare:pyodide-klaar")}


def page_ready(page) -> dict:
    page.wait_for_load_state("networkidle")
    return {"loaded_ms": page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")}


def answer_latencies(browser: Browser) -> list[float]:
    context = browser.profile("latency")
    page = context.new_page()
    page.goto(browser.server.url + "beoordeel-uw-casus/")
    wait_engine(page, timeout=120_000)
    complete(page, {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "overlast_soorten": ["geluid", "vervuiling"],
                    "woning_eigendom": "corporatie", "ernstig": "ja", "herhaaldelijk": "ja"})
    latencies = page.evaluate("""() => {
        const a = performance.getEntriesByName('aw:antwoord'), s = performance.getEntriesByName('aw:scherm');
        return a.map((x) => { const next = s.find((y) => y.startTime >= x.startTime); return next ? next.startTime - x.startTime : null; })
                .filter((x) => x !== null); }""")
    context.close()
    return sorted(latencies)


def browser_figures(site: Path, port: int, profiles: Path) -> dict:
    from playwright.sync_api import sync_playwright

    (site / "bare-pyodide.html").write_text(BARE_PAGE, encoding="utf-8")
    server = SiteServer(site, port)
    try:
        with sync_playwright() as playwright:
            browser = Browser(playwright, server, profiles)
            cold = browser.visit("assessor", "beoordeel-uw-casus/", assessor_ready, settle=SW_COMPLETE)
            warm = browser.visit("assessor", "beoordeel-uw-casus/", assessor_ready)
            bare_cold = browser.visit("bare", "bare-pyodide.html", bare_ready)
            bare_warm = browser.visit("bare", "bare-pyodide.html", bare_ready)
            page_cold = browser.visit("kennisbank", "praktijkvoorbeelden/den-haag/", page_ready, settle=SW_COMPLETE)
            page_warm = browser.visit("kennisbank", "praktijkvoorbeelden/den-haag/", page_ready)
            latencies = answer_latencies(browser)
    finally:
        server.stop()

    def side_by_side(ours: dict, bare: dict) -> dict:
        return {
            "first_question_ms": round(ours["first_question_ms"]),
            "engine_ready_ms": round(ours["engine_ready_ms"]),
            "bare_pyodide_ready_ms": round(bare["pyodide_ready_ms"]),
            "ratio_first_question_to_bare_pyodide": round(ours["first_question_ms"] / bare["pyodide_ready_ms"], 3),
            "ratio_engine_ready_to_bare_pyodide": round(ours["engine_ready_ms"] / bare["pyodide_ready_ms"], 3),
            "assessor_bytes_sent": ours["bytes_sent"],
            "bare_pyodide_bytes_sent": bare["bytes_sent"],
        }

    return {
        "cold": {**side_by_side(cold, bare_cold), "kennisbank_page_ms": round(page_cold["loaded_ms"]),
                 "kennisbank_page_bytes_sent": page_cold["bytes_sent"]},
        "warm": {**side_by_side(warm, bare_warm), "kennisbank_page_ms": round(page_warm["loaded_ms"]),
                 "kennisbank_page_bytes_sent": page_warm["bytes_sent"]},
        "notes": ("cold bytes include the service worker precaching the whole site after the first visit; "
                  "warm = same browser profile after a restart (ours from the service worker, bare Pyodide "
                  "from the HTTP cache)"),
        "answers_measured": len(latencies),
        "answer_latency_p50_ms": round(statistics.median(latencies), 1),
        "answer_latency_p95_ms": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1),
        "requests_outside_127_0_0_1": len(browser.external),
    }


def main() -> None:
    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}, Python {platform.python_version()}",
        "engine": engine_figures(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        port = free_port()
        site = tmp_path / "site"
        start = time.perf_counter()
        build_site(site, f"http://127.0.0.1:{port}/")
        figures["build"] = {
            "full_build_seconds": round(time.perf_counter() - start, 2),
            "plain_mkdocs_build_seconds": round(plain_build_seconds(site, tmp_path), 2),
        }
        figures["browser"] = browser_figures(site, port, tmp_path / "profiles")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
