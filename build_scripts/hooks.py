"""MkDocs hooks: the one build of content, engine and site (listed under ``hooks:`` in mkdocs.yml).

on_startup      remember whether this is `mkdocs serve` (no offline cache in a preview).
on_config       compile and check content/ and run every scenario; any error stops the build
                before a single file is written. Build into a staging folder.
on_files        add the generated pages (instruments, overview, partners).
on_page_content put the question forms into the assessor page.
on_post_page    small accessibility repairs to the theme's HTML (theme_fixes.py), and the
                Content-Security-Policy (csp.py).
on_post_build   add the engine wheel, the Pyodide runtime and the service worker; swap the staging folder in
                only when the build is clean, so a failed build never leaves a half site.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
import shutil
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.utils import CountHandler  # noqa: E402

from assessor.scenarios import Scenario, run_scenarios  # noqa: E402
from build_scripts.compile_content import MODEL_PATH, Compiled, compile_content, model_json, write_if_changed  # noqa: E402
from build_scripts.errors import ContentError, ContentErrors  # noqa: E402
from build_scripts.pages import assessor_app, instrument_pages, overview_page, partners_page  # noqa: E402
from build_scripts.csp import with_policy  # noqa: E402
from build_scripts.offline import write_preview_service_worker, write_service_worker  # noqa: E402
from build_scripts.theme_fixes import accessible_theme  # noqa: E402
from build_scripts.wheel import build_wheel, wheel_name  # noqa: E402
from build_scripts.stdlib_bytecode import StdlibError, stdlib_name, write_stdlib  # noqa: E402

PYODIDE_DIR = PROJECT_ROOT / "node_modules" / "pyodide"
IFRAME_WORKER_SHIM = PROJECT_ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
#: The runtime files the browser needs (the npm package ships more, for Node).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
ASSESSOR_PAGE = "beoordeel-uw-casus/index.md"
APP_MARKER = "<div data-assessor-app></div>"
STAGING_SUFFIX = ".bouwen"

_state: dict[str, object] = {}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def _scenario_errors(compiled: Compiled) -> list[ContentError]:
    scenarios = [Scenario.from_json(item) for item in compiled.model_data["scenarios"]]
    report = run_scenarios(compiled.model, scenarios)
    errors = [ContentError(f.file, f.line, f.message) for f in report.failures]
    errors += [ContentError("content/scenarios", 1, f"geen enkel scenario bereikt {item}; voeg er een toe")
               for item in report.unreached]
    return errors


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        compiled = compile_content()
        errors = _scenario_errors(compiled)
        if errors:
            raise ContentErrors(errors)
    except ContentErrors as failure:
        raise PluginError(failure.report()) from None
    for name in PYODIDE_FILES:
        if not (PYODIDE_DIR / name).is_file():
            raise PluginError(f"Pyodide ontbreekt ({PYODIDE_DIR / name}). Installeer het met 'npm ci' (of 'make setup').")
    write_if_changed(MODEL_PATH, model_json(compiled))
    _state["compiled"] = compiled
    _state["wheel_dir"] = _wheel_dir()
    config.nav = _nav_with_instruments(config.nav or [], compiled)
    final = Path(config.site_dir)
    _state["final_site"] = final
    config.site_dir = str(final.with_name(final.name + STAGING_SUFFIX))
    return config


def _nav_with_instruments(nav: list, compiled: Compiled) -> list:
    """The nav entry for instrumenten/index.md becomes a section listing every instrument."""
    kinds = list(compiled.content.data["instrumentsoorten.yaml"].data["soorten"])
    fronts = sorted((item.front.data for item in compiled.content.instruments), key=lambda f: kinds.index(f["soort"]))
    # (within a kind, content order: the instruments' `volgorde`)
    section = ["instrumenten/index.md"] + [{f["naam"]: f"instrumenten/{f['id']}.md"} for f in fronts]
    return [
        {title: section} if isinstance(entry, dict) and list(entry.values()) == ["instrumenten/index.md"]
        else entry
        for entry in nav
        for title in (next(iter(entry)) if isinstance(entry, dict) else None,)
    ]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    compiled: Compiled = _state["compiled"]  # type: ignore[assignment]
    generated = dict(instrument_pages(compiled))
    generated["instrumenten/index.md"] = overview_page(compiled)
    generated["partners.md"] = partners_page(compiled)
    for src_uri, text in generated.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            raise PluginError(f"Fout in de inhoud: docs/{src_uri}:1: deze pagina wordt gegenereerd uit content/; "
                              "verwijder het bestand uit docs/.")
        files.append(File.generated(config, src_uri, content=text))
    return files


_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def _placeholders() -> dict[str, str]:
    """Placeholders any hand-written page may use, filled from the compiled content."""
    compiled: Compiled = _state["compiled"]  # type: ignore[assignment]
    return {"{{ inhoudsversie }}": compiled.model.content_version,
            "{{ inhoudsdatum }}": str(compiled.model_data["content_date"])}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    for placeholder, value in _placeholders().items():
        markdown = markdown.replace(placeholder, value)
    return _check_links(markdown, page, files)


def _check_links(markdown: str, page: Page, files: Files) -> str:
    """Stop on a link to a page that does not exist, naming the file and line to fix.
    (MkDocs warns as well, but without the line an advisor needs.)"""
    source = page.file.abs_src_path
    if not source or page.file.generated_by:
        return markdown
    text = Path(source).read_text(encoding="utf-8")
    base = posixpath.dirname(page.file.src_uri)
    for match in _LINK.finditer(text):
        target = match.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue
        path = target.split("#", 1)[0]
        resolved = posixpath.normpath(posixpath.join(base, path)) if path else page.file.src_uri
        if path.endswith("/"):
            resolved = posixpath.join(resolved, "index.md")
        if files.get_file_from_path(resolved) is None:
            line = text.count("\n", 0, match.start()) + 1
            raise PluginError(
                f"Fout in de inhoud: docs/{page.file.src_uri}:{line}: de link '{target}' wijst naar een pagina die niet "
                f"bestaat (docs/{resolved}). Verbeter de link of maak de pagina."
            )
    return markdown


def _wheel_dir() -> str:
    """Folder of the wheel, named after the hash of engine and model so caches never serve an old one."""
    digest = hashlib.sha256(MODEL_PATH.read_bytes())
    for path in sorted((PROJECT_ROOT / "assessor").glob("*.py")):
        digest.update(path.read_bytes())
    return f"assets/engine/{digest.hexdigest()[:12]}"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri != ASSESSOR_PAGE:
        return html
    if APP_MARKER not in html:
        raise PluginError(f"docs/{ASSESSOR_PAGE} mist de regel {APP_MARKER}: daar komt de tool.")
    compiled: Compiled = _state["compiled"]  # type: ignore[assignment]
    instrument_url = "../instrumenten/{id}/" if config.use_directory_urls else "../instrumenten/{id}.html"
    instruments_url = "../instrumenten/" if config.use_directory_urls else "../instrumenten/index.html"
    app = assessor_app(
        compiled,
        wheel_url=f"../{_state['wheel_dir']}/{wheel_name(PROJECT_ROOT / 'pyproject.toml')}",
        stdlib_url=f"../{_state['wheel_dir']}/{stdlib_name(PYODIDE_DIR)}",
        worker_url="../assets/assessor/worker.js",
        instrument_url=instrument_url,
        instruments_url=instruments_url,
    )
    return html.replace(APP_MARKER, app)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = accessible_theme(output)
    if _is_file_copy(config):
        # From file:// search runs through the iframe-worker shim, which starts the search
        # worker from an inline frame script that a strict policy forbids. That copy loads
        # nothing from a network anyway.
        return output
    return with_policy(output)


def _strict_failed(config: MkDocsConfig) -> bool:
    """Whether MkDocs will abort this build for warnings in strict mode (checked after this hook)."""
    if not config.strict:
        return False
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)


def _is_file_copy(config: MkDocsConfig) -> bool:
    """The copy to read from the file system (mkdocs-file-copy.yml) uses the offline plugin."""
    return any(name.split("/")[-1] == "offline" for name in config.plugins)


def on_post_build(config: MkDocsConfig) -> None:
    staging = Path(config.site_dir)
    final: Path = _state["final_site"]  # type: ignore[assignment]
    if _strict_failed(config):
        shutil.rmtree(staging, ignore_errors=True)
        return
    runtime = staging / "assets" / "pyodide"
    runtime.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE_DIR / name, runtime / name)
    wheel = build_wheel(PROJECT_ROOT / "assessor", PROJECT_ROOT / "pyproject.toml", staging / str(_state["wheel_dir"]))
    try:  # the precompiled standard library next to the wheel, checked against the engine
        write_stdlib(PYODIDE_DIR, wheel, wheel.parent / stdlib_name(PYODIDE_DIR))
    except StdlibError as error:
        raise PluginError(str(error)) from None
    polyfills = staging / "assets" / "polyfills"
    polyfills.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(IFRAME_WORKER_SHIM, polyfills / "iframe-worker.js")
    if _state.get("command") == "serve":
        write_preview_service_worker(staging)  # live reload must show the edit, not a cached page
    elif not _is_file_copy(config):  # service workers cannot run from file://
        write_service_worker(staging)
    if final.exists():
        shutil.rmtree(final)
    staging.replace(final)
    config.site_dir = str(final)


def on_build_error(error: Exception) -> None:
    final = _state.get("final_site")
    if isinstance(final, Path):
        shutil.rmtree(final.with_name(final.name + STAGING_SUFFIX), ignore_errors=True)
