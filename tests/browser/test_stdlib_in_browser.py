"""The engine in Chromium on the build's precompiled standard library: each runtime file fetched
once, Pyodide's full python_stdlib.zip not at all, and the worker's recovery when the
precompiled library lacks a module (the Node-level checks are in tests/test_stdlib_bytecode.py)."""

from __future__ import annotations

import io
import zipfile
from collections import Counter

from assessor_driver import complete, outcome, wait_engine

ASSESSOR = "beoordeel-uw-casus/"
FACTS = {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "overlast_soorten": ["geluid"],
         "woning_eigendom": "corporatie", "ernstig": "ja", "herhaaldelijk": "ja"}


def _fetches(page) -> Counter:
    counts: Counter = Counter()
    page.on("request", lambda request: counts.update([request.url.split("?")[0].rsplit("/", 1)[-1]]))
    return counts


def _infos(page) -> list[str]:
    """console.info lines, the worker's included (Chromium reports them on the page)."""
    infos: list[str] = []
    page.on("console", lambda message: infos.append(message.text) if message.type == "info" else None)
    return infos


def test_the_engine_starts_on_the_precompiled_stdlib_and_fetches_each_runtime_file_once(page, site_url):
    fetched, infos = _fetches(page), _infos(page)
    page.goto(site_url + ASSESSOR)
    wait_engine(page)
    complete(page, FACTS)
    assert outcome(page)
    stdlib = [name for name in fetched if name.endswith(".pyc.zip")]
    assert len(stdlib) == 1 and fetched[stdlib[0]] == 1
    assert fetched["python_stdlib.zip"] == 0, "the worker fell back on the full standard library"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "worker.js", "assessor-0.1.0-py3-none-any.whl"):
        assert fetched[name] == 1, (name, fetched[name])
    assert fetched["pyodide-lock.json"] == 0, "the page passes the lock file's header"
    assert not [text for text in infos if "Rekenmodule" in text]


def test_a_module_missing_from_the_precompiled_stdlib_costs_only_a_restart(page, site_url):
    """The precompiled library served without a module the engine needs in its first call: the
    worker starts again on python_stdlib.zip and the officer sees the questions and outcome."""
    fetched, infos = _fetches(page), _infos(page)

    def without_a_module(route):
        response = route.fetch()
        source, out = zipfile.ZipFile(io.BytesIO(response.body())), io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                if info.filename != "importlib/readers.pyc":
                    target.writestr(info, source.read(info))
        route.fulfill(response=response, body=out.getvalue())

    page.route("**/*.pyc.zip", without_a_module)
    page.goto(site_url + ASSESSOR)
    wait_engine(page, timeout=120_000)
    complete(page, FACTS)
    assert outcome(page)
    assert fetched["python_stdlib.zip"] == 1
    assert page.locator("[data-fallback]").is_hidden()
    [info] = [text for text in infos if "Rekenmodule" in text]  # for support, in the console only
    assert info.endswith("ModuleNotFoundError: No module named 'importlib.readers'")


def test_a_runtime_that_cannot_start_still_ends_in_the_explanation(page, site_url):
    """pyodide.asm.wasm answered with a 404: Pyodide only logs the failed instantiation and its
    loadPyodide never settles; the worker fails the start itself, tries the full library once,
    and the page shows its explanation rather than loading for ever."""
    fetched, infos = _fetches(page), _infos(page)
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="niet gevonden"))
    page.goto(site_url + ASSESSOR)
    page.locator("[data-fallback]").wait_for(state="visible", timeout=30_000)
    assert page.locator("#aw-app").get_attribute("data-engine") == "unavailable"
    assert fetched["pyodide.asm.wasm"] == 2 and fetched["python_stdlib.zip"] == 1  # one more try, no more
    assert len([text for text in infos if "Rekenmodule" in text]) == 1
