"""Benchmark: prints figures as JSON (``make bench``). Speed targets live here, not in tests.

- engine: CPython assessments per second over all scenarios; time of ``python -m assessor check``
- browser (one Chromium session, cold cache): time to the first usable question, to engine ready,
  and the same for a bare page that only boots ``loadPyodide()``; their ratios; per-answer
  latency p50/p95 (from pressing Volgende to the next screen, through the worker)
"""

from __future__ import annotations

import json
import platform
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
    check_s = time.perf_counter() - start
    return {
        "assessments_per_second": round(rounds * len(cases) / elapsed),
        "scenarios": len(cases),
        "run_all_scenarios_ms": round(scenarios_ms, 1),
        "cli_check_seconds": round(check_s, 2),
    }


def _nav_ms(page, mark: str) -> float:
    return page.evaluate("(m) => performance.getEntriesByName(m)[0].startTime", mark)


def browser_figures(site: Path, port: int) -> dict:
    from playwright.sync_api import sync_playwright

    (site / "bare-pyodide.html").write_text(BARE_PAGE, encoding="utf-8")
    server = SiteServer(site, port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            context = browser.new_context()
            external = []
            context.on("request", lambda r: None if is_local(r.url) else external.append(r.url))
            page = context.new_page()
            page.goto(server.url + "beoordeel-uw-casus/")
            first_question = page.evaluate(
                "() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
            wait_engine(page)
            engine_ready = _nav_ms(page, "aw:engine-klaar")
            complete(page, {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "overlast_soorten": ["geluid"],
                            "woning_eigendom": "corporatie", "ernstig": "ja", "herhaaldelijk": "ja"})
            latencies = page.evaluate("""() => {
                const a = performance.getEntriesByName('aw:antwoord'), s = performance.getEntriesByName('aw:scherm');
                return a.map(x => { const next = s.find(y => y.startTime >= x.startTime); return next ? next.startTime - x.startTime : null; })
                        .filter(x => x !== null); }""")
            page.close()
            context.close()
            bare_context = browser.new_context()  # its own cold cache, like the assessor's
            bare = bare_context.new_page()
            bare.goto(server.url + "bare-pyodide.html")
            bare.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
            bare_ready = _nav_ms(bare, "bare:pyodide-klaar")
            bare_context.close()
            browser.close()
    finally:
        server.stop()
    latencies.sort()
    return {
        "first_usable_question_ms": round(first_question),
        "engine_ready_ms": round(engine_ready),
        "bare_pyodide_ready_ms": round(bare_ready),
        "ratio_first_question_to_bare_pyodide": round(first_question / bare_ready, 3),
        "ratio_engine_ready_to_bare_pyodide": round(engine_ready / bare_ready, 3),
        "answers_measured": len(latencies),
        "answer_latency_p50_ms": round(statistics.median(latencies), 1),
        "answer_latency_p95_ms": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1),
        "requests_outside_127_0_0_1": len(external),
    }


def main() -> None:
    figures = {"machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}",
               "engine": engine_figures()}
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        site = Path(tmp) / "site"
        start = time.perf_counter()
        build_site(site, f"http://127.0.0.1:{port}/")
        figures["build_seconds"] = round(time.perf_counter() - start, 2)
        figures["browser_cold"] = browser_figures(site, port)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
