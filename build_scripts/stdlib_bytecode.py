"""The standard library the browser engine starts on: precompiled, and trimmed to what it uses.

Pyodide's ``python_stdlib.zip`` holds ``.py`` sources, which the runtime compiles at every
start (most of the time between "runtime loaded" and "engine ready"). This module makes, from
the pinned runtime in ``node_modules/pyodide/`` and never by hand, a zip of ``.pyc`` files
compiled by Pyodide's OWN interpreter under Node (so the magic number and marshal format are
the browser's), as unchecked hash-based pycs (PEP 552: no source is ever re-read). Trimmed, it
holds only the modules seen in ``sys.modules`` after running the browser's start sequence
(``loadPyodide``, the wheel on ``sys.path``, ``import assessor.browser``) and the engine on many
answer sets. The worker passes it as ``loadPyodide({stdLibURL})`` and starts again on the full
``python_stdlib.zip`` should a module be missing after all (docs/assets/assessor/worker.js).

Entries are stored uncompressed (ZIP_STORED, ``STORED``): measured on Pyodide 314.0.7 with the
trimmed zip (143 files), stored is 3.35 MB raw / 1.34 MB gzip -9 / 0.97 MB brotli 11, deflated
1.40 MB raw / 1.39 MB gzip / 1.39 MB brotli (python_stdlib.zip: 2.55 MB raw, 2.49 MB brotli);
and reading every entry in Pyodide takes 15-25 ms stored against 55-65 ms deflated. So stored
is better wherever the server compresses (or serves precompressed .gz/.br files) and worse on a
server that sends .zip as it is; set ``STORED = False`` for such a host. Same inputs give the
same bytes (sorted entries, fixed timestamps), which the tests check.

``check_parity`` runs answer sets through the generated runtime under Node (one process) and
through this Python's engine in-process, with the wheel's model, and lists every difference.
The build does both (``write_stdlib``) and stops on a difference.

Command line (figures for a wheel at hand)::

    python -m build_scripts.stdlib_bytecode --wheel site/assets/engine/<hash>/assessor-…whl \\
        --out /tmp/stdlib.pyc.zip [--full] [--deflate] [--random 300]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None  # type: ignore[assignment]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = Path(__file__).resolve().parent / "node"
COMPILE_SCRIPT = NODE_DIR / "compile_stdlib.mjs"
RUN_SCRIPT = NODE_DIR / "run_engine.mjs"
#: Everything whose change changes the generated zip (besides the runtime and the wheel).
GENERATOR_SOURCES = (Path(__file__), COMPILE_SCRIPT, RUN_SCRIPT, NODE_DIR / "boot.mjs")
#: Where checked results are kept; $AANPAK_STDLIB_CACHE lets copies of the project share one.
DEFAULT_CACHE = Path(os.environ.get("AANPAK_STDLIB_CACHE") or PROJECT_ROOT / "build" / "stdlib-cache")
#: Random answer sets the build checks besides every scenario.
PARITY_RANDOM_CASES = 300
PARITY_SEED = 12
#: Random answer sets the generator exercises the engine with (to see lazy imports).
EXERCISE_RANDOM_CASES = 60
#: The build's choice: entries stored, not deflated (see the module's docstring for the figures).
STORED = True
NODE_TIMEOUT = 300


class StdlibError(Exception):
    """The standard library could not be generated, or the generated one behaves differently."""


@dataclass
class StdlibReport:
    path: Path
    files: int
    bytes: int
    #: The standard-library modules the engine was seen to use (trimmed zip: what it holds).
    modules: list[str]
    #: Pyodide's importlib.util.MAGIC_NUMBER, hex: every entry's header starts with it.
    magic: str
    timings: dict[str, Any] = field(default_factory=dict)


@dataclass
class ParityReport:
    cases: int
    differences: list[str]
    timings: dict[str, Any]


# --- answer sets --------------------------------------------------------------------------


def wheel_model(wheel: Path) -> dict[str, Any]:
    """The compiled model packed into the engine wheel (``<package>/model.json``)."""
    with zipfile.ZipFile(wheel) as archive:
        names = [name for name in archive.namelist() if name.endswith("/model.json") and name.count("/") == 1]
        if len(names) != 1:
            raise StdlibError(f"{wheel}: expected one <package>/model.json in the wheel, found {names}")
        return json.loads(archive.read(names[0]).decode("utf-8"))


#: The advisors' scenarios: test data beside the content, never inside the model or the wheel.
SCENARIO_DIR = PROJECT_ROOT / "content" / "scenarios"


def scenario_answer_sets(model_data: dict[str, Any], folder: Path = SCENARIO_DIR) -> list[dict[str, Any]]:
    """The facts of every scenario, as answer sets (facts the model does not know are left out,
    so an edition's model can be checked with the same scenarios)."""
    from assessor.scenarios import read_scenarios

    known = {fact["id"] for fact in model_data["facts"]}
    return [{k: v for k, v in scenario.facts.items() if k in known} for scenario in read_scenarios(folder)]


def _random_value(rng: random.Random, fact: dict[str, Any]) -> Any:
    values = [value["id"] for value in fact.get("values", [])]
    roll = rng.random()
    if roll < 0.06:
        return "onbekend"  # "weet ik niet"
    if roll < 0.08:
        return None  # left out
    if roll < 0.09:  # a damaged share link: the engine must answer with its Dutch error
        return rng.choice(["misschien", 3, ["geen_waarde"], {"ja": True}, ""])
    if fact["type"] == "ja_nee":
        return rng.choice(["ja", "nee", True, False] if roll < 0.2 else ["ja", "nee"])
    if fact["type"] == "keuze":
        return rng.choice(values)
    return rng.sample(values, rng.randint(0, min(len(values), 4)))


def random_answer_sets(model_data: dict[str, Any], count: int, seed: int = PARITY_SEED) -> list[Any]:
    """``count`` answer sets drawn from the model's facts (ids, types, values), the same for the
    same seed: mostly valid answers on a random subset of facts in a random order, some
    "onbekend", and now and then a wrong value, an unknown fact or a wrong shape."""
    rng = random.Random(seed)
    facts = sorted(model_data["facts"], key=lambda fact: fact["id"])
    sets: list[Any] = []
    for index in range(count):
        if index % 50 == 49:
            sets.append(rng.choice([[], "ja", None, {"geen_feit": "ja"}]))
            continue
        # Half answer every fact (outcomes complete), half a random part (questions still open).
        size = len(facts) if index % 2 else rng.randint(0, len(facts))
        answers = {fact["id"]: _random_value(rng, fact) for fact in rng.sample(facts, size)}
        sets.append(answers)
    return sets


def parity_cases(model_data: dict[str, Any], random_cases: int = PARITY_RANDOM_CASES,
                 seed: int = PARITY_SEED) -> list[Any]:
    """Every scenario, the empty start, and ``random_cases`` random answer sets."""
    return [{}] + scenario_answer_sets(model_data) + random_answer_sets(model_data, random_cases, seed)


def _answer_texts(answer_sets: Iterable[Any]) -> list[str]:
    """The JSON text each engine gets (one text for both, so the inputs are identical)."""
    return [item if isinstance(item, str) else json.dumps(item, ensure_ascii=False) for item in answer_sets]


# --- running Node ---------------------------------------------------------------------------


def _node(script: Path, arguments: Sequence[str]) -> str:
    node = shutil.which("node")
    if node is None:
        raise StdlibError("Node.js ontbreekt: de build heeft 'node' nodig om de standaardbibliotheek voor te bereiden.")
    result = subprocess.run([node, str(script), *arguments], capture_output=True, text=True, encoding="utf-8",
                            timeout=NODE_TIMEOUT, cwd=PROJECT_ROOT)
    if result.returncode != 0:
        raise StdlibError(f"{script.name} failed ({result.returncode}):\n{result.stderr.strip()[-4000:]}")
    return result.stdout


def build_stdlib(pyodide_dir: Path, wheel: Path, out_zip: Path, *, trim: bool,
                 answer_sets: Optional[Sequence[Any]] = None, stored: bool = True) -> StdlibReport:
    """Generate the precompiled standard library from ``pyodide_dir``'s python_stdlib.zip.

    ``trim``: only the modules seen in use (start-up, loading the wheel, the engine on
    ``answer_sets``: by default every scenario of the wheel's model plus random ones).
    ``stored``: entries uncompressed (see the module's docstring) rather than deflated.
    """
    if answer_sets is None:
        model_data = wheel_model(wheel)
        answer_sets = parity_cases(model_data, EXERCISE_RANDOM_CASES, seed=PARITY_SEED + 1)
    out_zip = Path(out_zip)
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers.json"
        answers.write_text(json.dumps(_answer_texts(answer_sets), ensure_ascii=False), encoding="utf-8")
        arguments = ["--pyodide", str(pyodide_dir), "--wheel", str(wheel), "--answers", str(answers),
                     "--out", str(out_zip)]
        if not trim:
            arguments.append("--full")
        if not stored:
            arguments.append("--deflate")
        report = json.loads(_node(COMPILE_SCRIPT, arguments))
    return StdlibReport(path=out_zip, files=report["files"], bytes=report["bytes"], modules=report["modules"],
                        magic=report["magic"], timings=report["timings"])


def run_engine(pyodide_dir: Path, wheel: Path, answer_sets: Sequence[Any], *,
               stdlib_zip: Optional[Path] = None) -> tuple[str, list[str], dict[str, Any]]:
    """describe() and interview() of every answer set on Pyodide under Node (one process)."""
    with tempfile.TemporaryDirectory() as tmp:
        answers, timings = Path(tmp) / "answers.json", Path(tmp) / "timings.json"
        answers.write_text(json.dumps(_answer_texts(answer_sets), ensure_ascii=False), encoding="utf-8")
        arguments = ["--pyodide", str(pyodide_dir), "--wheel", str(wheel), "--answers", str(answers),
                     "--describe", "--timings", str(timings)]
        if stdlib_zip is not None:
            arguments += ["--stdlib", str(stdlib_zip)]
        lines = _node(RUN_SCRIPT, arguments).split("\n")  # not splitlines(): U+2028 may be in the text
        figures = json.loads(timings.read_text(encoding="utf-8"))
    if lines and lines[-1] == "":
        lines.pop()
    return lines[0], lines[1:], figures


def cpython_engine(model_data: dict[str, Any], answer_sets: Sequence[Any]) -> tuple[str, list[str]]:
    """describe() and interview() in this Python, on the given model (the wheel's)."""
    from assessor import browser
    from assessor.model import model_from_json

    model = model_from_json(json.dumps(model_data))
    packaged = browser._model
    browser._model = lambda: model  # type: ignore[assignment]  # the wheel's model, not the checkout's
    try:
        return browser.describe(), [browser.interview(text) for text in _answer_texts(answer_sets)]
    finally:
        browser._model = packaged  # type: ignore[assignment]


def _difference(label: str, expected: str, actual: str) -> str:
    try:
        ours, theirs = json.loads(expected), json.loads(actual)
        if isinstance(ours, dict) and isinstance(theirs, dict):
            keys = [key for key in sorted(set(ours) | set(theirs)) if ours.get(key) != theirs.get(key)]
            if keys:
                return f"{label}: differs in {keys}: CPython {json.dumps({k: ours.get(k) for k in keys}, ensure_ascii=False)[:300]} / Pyodide {json.dumps({k: theirs.get(k) for k in keys}, ensure_ascii=False)[:300]}"
    except ValueError:
        pass
    return f"{label}: CPython {expected[:300]!r} / Pyodide {actual[:300]!r}"


def parity(pyodide_dir: Path, wheel: Path, stdlib_zip: Optional[Path], answer_sets: Sequence[Any]) -> ParityReport:
    """Compare the engine on the generated runtime (Node) with this Python's, case by case."""
    model_data = wheel_model(wheel)
    start = time.perf_counter()
    described, results, node_timings = run_engine(pyodide_dir, wheel, answer_sets, stdlib_zip=stdlib_zip)
    node_seconds = time.perf_counter() - start
    start = time.perf_counter()
    expected_described, expected = cpython_engine(model_data, answer_sets)
    cpython_seconds = time.perf_counter() - start
    differences = []
    if stdlib_zip is not None and not node_timings.get("stdlib_bytecode"):
        differences.append(f"{stdlib_zip}: the runtime did not run on the precompiled standard library")
    if described != expected_described:
        differences.append(_difference("describe()", expected_described, described))
    if len(results) != len(expected):
        differences.append(f"{len(expected)} answer sets, but Node printed {len(results)} results")
    texts = _answer_texts(answer_sets)
    for index, (ours, theirs) in enumerate(zip(expected, results)):
        if ours != theirs:
            differences.append(_difference(f"answer set {index} {texts[index][:200]}", ours, theirs))
    return ParityReport(cases=len(texts), differences=differences, timings={
        "node_process_s": round(node_seconds, 2), "cpython_s": round(cpython_seconds, 3), **node_timings})


def check_parity(pyodide_dir: Path, wheel: Path, stdlib_zip: Optional[Path], answer_sets: Sequence[Any]) -> list[str]:
    """Differences between the engine on Pyodide with ``stdlib_zip`` and on this CPython (none: [])."""
    return parity(pyodide_dir, wheel, stdlib_zip, answer_sets).differences


# --- checking a generated zip ------------------------------------------------------------------


def invalid_entries(stdlib_zip: Path, magic: bytes) -> list[str]:
    """Entries that are not a valid unchecked hash-based pyc for ``magic`` (data files and
    folders excepted), and ``.py`` sources (which would be compiled at start-up after all)."""
    import marshal

    problems = []
    with zipfile.ZipFile(stdlib_zip) as archive:
        for info in archive.infolist():
            name = info.filename
            if name.endswith(".py"):
                problems.append(f"{name}: a source, not bytecode")
            if not name.endswith(".pyc"):
                continue
            data = archive.read(info)
            if data[:4] != magic:
                problems.append(f"{name}: magic {data[:4].hex()}, not {magic.hex()}")
            elif int.from_bytes(data[4:8], "little") != 1:
                problems.append(f"{name}: flags {int.from_bytes(data[4:8], 'little')}, not 1 (unchecked hash-based)")
            elif magic == importlib.util.MAGIC_NUMBER:  # this Python can read the code itself
                try:
                    marshal.loads(data[16:])
                except (ValueError, EOFError, TypeError) as error:
                    problems.append(f"{name}: {error}")
            elif len(data) <= 16 or data[16] & 0x7F != ord("c"):  # TYPE_CODE, possibly with FLAG_REF
                problems.append(f"{name}: no code object after the header")
    return problems


# --- the build ---------------------------------------------------------------------------------


def runtime_key(pyodide_dir: Path) -> str:
    """A hash of what the generated zip depends on besides the engine: the runtime's standard
    library and version, and this generator."""
    digest = hashlib.sha256()
    for path in (Path(pyodide_dir) / "package.json", Path(pyodide_dir) / "python_stdlib.zip", *GENERATOR_SOURCES):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def stdlib_name(pyodide_dir: Path) -> str:
    """File name of the generated zip, placed next to the wheel (whose folder is named after the
    engine and model): together the URL changes whenever anything it depends on changes."""
    return f"python_stdlib-{runtime_key(pyodide_dir)}.pyc.zip"


def write_stdlib(pyodide_dir: Path, wheel: Path, out_zip: Path, *, cache_dir: Optional[Path] = DEFAULT_CACHE,
                 random_cases: int = PARITY_RANDOM_CASES, stored: bool = STORED) -> dict[str, Any]:
    """The build's step: generate the trimmed zip, check it (valid pycs, parity on every
    scenario and ``random_cases`` random answer sets) and write it to ``out_zip``; raise
    ``StdlibError`` on any difference. A result for the same wheel and runtime is reused from
    ``cache_dir`` (checked when it was made), so an unchanged engine costs nothing."""
    wheel_bytes = Path(wheel).read_bytes()
    settings = f"{runtime_key(pyodide_dir)}/{random_cases}/{stored}".encode()
    key = hashlib.sha256(wheel_bytes + settings).hexdigest()[:16]
    cached = Path(cache_dir) / f"{key}.pyc.zip" if cache_dir else None
    out_zip = Path(out_zip)
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    with _cache_lock(cached):  # two builds at once (the tests' workers): one makes it, the other reuses it
        if cached is not None and cached.is_file():
            shutil.copyfile(cached, out_zip)
            return json.loads(cached.with_suffix(".json").read_text(encoding="utf-8"))
        return _make_stdlib(pyodide_dir, wheel, out_zip, cached, random_cases, stored)


@contextlib.contextmanager
def _cache_lock(cached: Optional[Path]) -> Iterator[None]:
    """An exclusive lock on the cache entry (POSIX; elsewhere none: at worst both builds make it)."""
    if cached is None or fcntl is None:
        yield
        return
    cached.parent.mkdir(parents=True, exist_ok=True)
    with open(cached.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _make_stdlib(pyodide_dir: Path, wheel: Path, out_zip: Path, cached: Optional[Path], random_cases: int,
                 stored: bool) -> dict[str, Any]:
    start = time.perf_counter()
    report = build_stdlib(pyodide_dir, wheel, out_zip, trim=True, stored=stored)
    generate_seconds = time.perf_counter() - start
    problems = invalid_entries(out_zip, bytes.fromhex(report.magic))
    model_data = wheel_model(wheel)
    checked = parity(pyodide_dir, wheel, out_zip, parity_cases(model_data, random_cases))
    problems += checked.differences
    if problems:
        out_zip.unlink(missing_ok=True)
        shown = "\n  ".join(problems[:20])
        raise StdlibError(f"De voorgecompileerde standaardbibliotheek werkt anders dan de engine in Python "
                          f"({len(problems)} verschil(len)):\n  {shown}")
    summary = {"files": report.files, "bytes": report.bytes, "modules": len(report.modules),
               "parity_cases": checked.cases, "generate_s": round(generate_seconds, 2), "parity": checked.timings}
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in sorted(cached.parent.glob("*.pyc.zip"), key=lambda p: p.stat().st_mtime)[:-3]:
            old.unlink(missing_ok=True)  # keep the last few only
            old.with_suffix(".json").unlink(missing_ok=True)
            old.with_suffix(".lock").unlink(missing_ok=True)
        shutil.copyfile(out_zip, cached)
        cached.with_suffix(".json").write_text(json.dumps(summary), encoding="utf-8")
    return summary


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pyodide", type=Path, default=PROJECT_ROOT / "node_modules" / "pyodide")
    parser.add_argument("--wheel", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--full", action="store_true", help="every module, not only those in use")
    parser.add_argument("--deflate", action="store_true", help="deflate the entries (default: stored)")
    parser.add_argument("--random", type=int, default=PARITY_RANDOM_CASES, help="random answer sets to compare")
    options = parser.parse_args(argv)
    start = time.perf_counter()
    report = build_stdlib(options.pyodide, options.wheel, options.out, trim=not options.full, stored=not options.deflate)
    generated = time.perf_counter() - start
    checked = parity(options.pyodide, options.wheel, options.out, parity_cases(wheel_model(options.wheel), options.random))
    problems = invalid_entries(options.out, bytes.fromhex(report.magic)) + checked.differences
    print(json.dumps({"files": report.files, "bytes": report.bytes, "modules": len(report.modules),
                      "generate_s": round(generated, 2), "generator": report.timings,
                      "parity_cases": checked.cases, "parity": checked.timings,
                      "problems": problems[:20], "problem_count": len(problems)}, indent=2))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
