"""The precompiled standard library the browser engine starts on (build_scripts/stdlib_bytecode.py)
and the worker's recovery when it lacks a module. Runs Pyodide under Node; no browser."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from build_scripts.plugin import lock_header
from build_scripts.stdlib_bytecode import (
    STORED, StdlibReport, build_stdlib, check_parity, invalid_entries, parity_cases, random_answer_sets,
    scenario_answer_sets, wheel_model,
)

pytestmark = pytest.mark.xdist_group("stdlib")  # one worker generates the zip once for all these tests

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
WORKER = ROOT / "docs" / "assets" / "assessor" / "worker.js"
HARNESS = Path(__file__).resolve().parent / "node" / "worker_harness.mjs"


@pytest.fixture(scope="module")
def site_engine(built_site) -> tuple[Path, Path]:
    """The wheel and the precompiled standard library the build put into the site."""
    site, _ = built_site
    [wheel] = (site / "assets" / "engine").glob("*/assessor-*-py3-none-any.whl")
    [stdlib] = wheel.parent.glob("python_stdlib-*.pyc.zip")
    return wheel, stdlib


@pytest.fixture(scope="module")
def generated(site_engine, tmp_path_factory) -> StdlibReport:
    wheel, _ = site_engine
    return build_stdlib(PYODIDE, wheel, tmp_path_factory.mktemp("stdlib") / "a.pyc.zip", trim=True, stored=STORED)


def test_the_assessor_page_points_the_worker_at_the_generated_zip(built_site, site_engine):
    site, _ = built_site
    _, stdlib = site_engine
    html = (site / "beoordeel-uw-casus" / "index.html").read_text(encoding="utf-8")
    [url] = re.findall(r'data-stdlib="([^"]+)"', html)
    assert (site / "beoordeel-uw-casus" / url).resolve() == stdlib.resolve()


def test_generated_zip_is_deterministic(site_engine, generated):
    _, stdlib = site_engine
    # Two separate generations from the same wheel: the build's (or the one it cached) and this one.
    assert stdlib.read_bytes() == generated.path.read_bytes()
    with zipfile.ZipFile(stdlib) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    method = zipfile.ZIP_STORED if STORED else zipfile.ZIP_DEFLATED
    assert {info.compress_type for info in infos if not info.filename.endswith("/")} == {method}
    assert generated.files == len([name for name in names if not name.endswith("/")])
    assert generated.bytes == stdlib.stat().st_size


def test_every_entry_is_an_unchecked_pyc_for_pyodides_magic_number(site_engine, generated):
    _, stdlib = site_engine
    magic = bytes.fromhex(generated.magic)
    assert magic != importlib.util.MAGIC_NUMBER, "the magic number must be Pyodide's, not this Python's"
    assert invalid_entries(stdlib, magic) == []
    with zipfile.ZipFile(PYODIDE / "python_stdlib.zip") as original, zipfile.ZipFile(stdlib) as ours:
        sources = set(original.namelist())
        for name in ours.namelist():
            if name.endswith(".pyc"):
                assert name[:-1] in sources, f"{name}: no such module in Pyodide's standard library"
            else:  # folders and data files: copied as they are
                assert name in sources and ours.read(name) == original.read(name), name


def test_the_trimmed_zip_holds_what_the_engine_and_start_up_import(site_engine, generated):
    _, stdlib = site_engine
    with zipfile.ZipFile(stdlib) as archive:
        names = set(archive.namelist())
    for needed in ("json/__init__.pyc", "dataclasses.pyc", "typing.pyc", "importlib/resources/__init__.pyc",
                   "importlib/readers.pyc", "encodings/__init__.pyc", "encodings/utf_8.pyc",
                   "_pyodide/__init__.pyc", "pyodide/__init__.pyc"):
        assert needed in names, needed
    assert "unittest/__init__.pyc" not in names and "xml/__init__.pyc" not in names  # trimmed indeed
    # Pyodide's package loader is not used (the engine is imported from the wheel on sys.path).
    assert "tarfile.pyc" not in names and "importlib/metadata/__init__.pyc" not in names
    for module in generated.modules:  # every module seen in use is in the zip
        path = module.replace(".", "/")
        assert f"{path}.pyc" in names or f"{path}/__init__.pyc" in names, module


def test_random_answer_sets_are_seeded_and_drawn_from_the_model(site_engine):
    wheel, _ = site_engine
    model = wheel_model(wheel)
    first, again = random_answer_sets(model, 120, seed=5), random_answer_sets(model, 120, seed=5)
    assert first == again and first != random_answer_sets(model, 120, seed=6)
    facts = {fact["id"] for fact in model["facts"]}
    used = {key for item in first if isinstance(item, dict) for key in item}
    assert used <= facts | {"geen_feit"} and len(used & facts) == len(facts)


def test_parity_every_scenario_and_hundreds_of_random_cases(site_engine):
    """The engine on the generated runtime (Pyodide under Node) answers exactly as in CPython."""
    wheel, stdlib = site_engine
    model = wheel_model(wheel)
    cases = parity_cases(model, random_cases=300)
    scenarios = sorted((ROOT / "content" / "scenarios").glob("*.yaml"))
    assert len(scenario_answer_sets(model)) == len(scenarios) > 50
    assert len(cases) == 1 + len(scenarios) + 300  # the empty start, every scenario, 300 random
    assert check_parity(PYODIDE, wheel, stdlib, cases) == []


# --- the worker's recovery, run under Node (tests/node/worker_harness.mjs) --------------------------


def _without(stdlib: Path, target: Path, *names: str) -> Path:
    with zipfile.ZipFile(stdlib) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            if info.filename not in names:
                out.writestr(info, source.read(info))
    return target


def _run_worker(start: dict, calls: list[dict]) -> dict:
    # Liftoff only: these runs start the runtime and make three calls; TurboFan's compilation of
    # the 9.6 MB runtime would double each run's processor time for code that never gets hot.
    result = subprocess.run(["node", "--liftoff-only", str(HARNESS), str(WORKER), str(PYODIDE), json.dumps(start), json.dumps(calls)],
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().split("\n")[-1])


#: The lock file's header, as the page passes it (build_scripts/plugin.py).
LOCK = json.loads(lock_header(PYODIDE / "pyodide-lock.json"))
CALLS = [{"method": "describe", "arg": ""}, {"method": "interview", "arg": "{}"},
         {"method": "interview", "arg": json.dumps({"acuut_gevaar": "ja"})}]


def _assert_answers(outcome: dict) -> None:
    assert outcome["start"] == {"type": "ready"}
    assert all("result" in call for call in outcome["calls"]), outcome["calls"]
    assert "facts" in json.loads(outcome["calls"][0]["result"])
    assert json.loads(outcome["calls"][1]["result"])["next"] == "acuut_gevaar"


def test_worker_starts_on_the_generated_zip_without_recovery(site_engine):
    wheel, stdlib = site_engine
    outcome = _run_worker({"type": "start", "wheel": wheel.as_uri(), "stdlib": stdlib.as_uri(), "lock": LOCK}, CALLS)
    _assert_answers(outcome)
    assert outcome["stdlibs"] == [stdlib.as_uri()] and outcome["info"] == []


def test_worker_without_a_stdlib_url_starts_as_before(site_engine):
    wheel, _ = site_engine
    outcome = _run_worker({"type": "start", "wheel": wheel.as_uri(), "lock": LOCK}, CALLS)
    _assert_answers(outcome)
    assert outcome["stdlibs"] == [None] and outcome["info"] == []


@pytest.mark.parametrize("missing, when", [
    ("importlib/readers.pyc", "ModuleNotFoundError: No module named 'importlib.readers'"),  # in the first call
    ("pyodide/webloop.pyc", "ModuleNotFoundError: No module named 'pyodide.webloop'"),  # in Pyodide's start-up
    ("encodings/utf_8.pyc", "exit(1)"),  # the interpreter cannot even start
    (None, "no such file"),  # the zip itself cannot be loaded
])
def test_a_missing_module_makes_the_worker_start_again_on_the_full_stdlib(site_engine, tmp_path, missing, when):
    wheel, stdlib = site_engine
    broken = _without(stdlib, tmp_path / "broken.pyc.zip", missing) if missing else tmp_path / "absent.pyc.zip"
    outcome = _run_worker({"type": "start", "wheel": wheel.as_uri(), "stdlib": broken.as_uri(), "lock": LOCK}, CALLS)
    _assert_answers(outcome)  # the officer gets every answer; no error reaches the page
    assert outcome["stdlibs"] == [broken.as_uri(), None]  # once more, on python_stdlib.zip, and only once
    [message] = outcome["info"]
    assert message.startswith("Rekenmodule: start opnieuw") and when in message
