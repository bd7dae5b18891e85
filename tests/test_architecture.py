"""Arrows point one way: content -> build_scripts -> model + wheel -> assessor <- CLI, worker
glue, tests. The engine never reaches into the build, and never answers from a stale model."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGINE_FILES = sorted((ROOT / "assessor").glob("*.py"))
CASE = ROOT / "content" / "scenarios" / "voorbeeld_05_onvolledig.yaml"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_the_engine_imports_nothing_of_the_build_and_starts_no_process():
    assert len(ENGINE_FILES) >= 10
    for path in ENGINE_FILES:
        imported = _imports(path)
        assert not any(name.split(".")[0] in ("build_scripts", "subprocess", "mkdocs") for name in imported), path
        text = path.read_text(encoding="utf-8")
        assert "build_scripts" not in text and "os.system" not in text and "Popen" not in text, path


def test_the_engine_needs_only_the_standard_library_in_the_browser():
    """What the browser imports (browser.py and what it reaches) is stdlib only; PyYAML is for the CLI."""
    from build_scripts.wheel import browser_modules

    modules = browser_modules()
    for module in modules:
        for node in ast.walk(ast.parse((ROOT / "assessor" / f"{module}.py").read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and not getattr(node, "level", 0):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                for name in names:
                    assert name.split(".")[0] in sys.stdlib_module_names, (module, name)
    assert "located_yaml" not in modules and "cli" not in modules


def test_the_wheel_ships_the_engine_core_only():
    """The browser never loads the CLI, the scenario runner or the YAML reader (issue 22): the
    wheel holds what its entry reaches, and the model."""
    from build_scripts.wheel import browser_modules, wheel_files

    names = sorted(wheel_files("{}"))
    assert names == sorted([f"assessor/{module}.py" for module in browser_modules()] + ["assessor/model.json"])
    for left_out in ("cli", "__main__", "scenarios", "located_yaml", "report", "errors"):
        assert f"assessor/{left_out}.py" not in names


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assessor", *args], cwd=project, capture_output=True, text=True)


def test_the_cli_never_answers_from_a_model_older_than_the_content(tmp_path):
    project = tmp_path / "project"
    for name in ("assessor", "build_scripts", "content"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "build_scripts.compile_content"], cwd=project, check=True)
    fresh = _cli(project, "assess", str(CASE), "--format", "json")
    assert fresh.returncode == 0, fresh.stderr
    assert json.loads(fresh.stdout)["instruments"]
    # An advisor edits a question text after the build: the model is now stale.
    facts = project / "content" / "feiten.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("kort: Acuut gevaar", "kort: Direct gevaar", 1), encoding="utf-8")
    stale = _cli(project, "assess", str(CASE), "--format", "json")
    assert stale.returncode == 2 and stale.stdout == ""
    assert "ouder dan de inhoud" in stale.stderr and "make model" in stale.stderr
    assert len(stale.stderr.strip().splitlines()) == 1
    # Scenarios are tests, not part of the model: editing one leaves the model current.
    subprocess.run([sys.executable, "-m", "build_scripts.compile_content"], cwd=project, check=True)
    scenario = project / "content" / "scenarios" / CASE.name
    scenario.write_text(scenario.read_text(encoding="utf-8") + "\n# opmerking\n", encoding="utf-8")
    assert _cli(project, "assess", str(CASE), "--format", "json").returncode == 0
    checked = _cli(project, "check")
    assert checked.returncode == 0 and "0 mislukt" in checked.stdout, checked.stdout + checked.stderr


def test_without_a_model_the_cli_says_how_to_build_it(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "assessor", project / "assessor", ignore=shutil.ignore_patterns("__pycache__"))
    result = _cli(project, "assess", str(CASE))
    assert result.returncode == 2 and "make model" in result.stderr


def test_the_model_holds_no_scenarios_and_knows_its_source(model):
    data = model.raw
    assert "scenarios" not in data
    assert not any("scenario" in key for key in data)


def test_a_build_leaves_the_checkout_as_it_was(request, built_site):
    """The build writes only build/ (ignored) and the site: nothing git would see changes. The
    status before is the run's, taken before any build (conftest.py); by now the site was built
    in this checkout (built_site), and other builds may be running there too."""
    from site_server import git_status

    assert git_status() == request.config.git_status_before_builds
    assert not (ROOT / "assessor" / "model.json").exists()


@pytest.mark.xdist_group("grouping-check")
def test_an_xdist_group_reaches_the_scheduler(request):
    """The deploy archive and the generated standard library are made once per run only because
    their tests share one worker (xdist_group). With pytest 9.2, pytest-xdist 3.8 silently stopped
    grouping (pytest-dev/pytest-xdist#1386): every test still passed, each fixture was made twice."""
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("alleen zinvol met --dist loadgroup (zo draait make test)")
    assert request.node.nodeid.endswith("@grouping-check"), request.node.nodeid
