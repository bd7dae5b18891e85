"""The Aanpak Woonoverlast MkDocs plugin: one build of content, engine and site.

Made like mkdocs-material's own plugins: options in ``config.py``, state on the plugin object.

on_startup        remember whether this is `mkdocs serve` (no offline cache in a preview).
on_config         compile and check content/, run every scenario; any error stops the build
                  before a single file is written. Write build/model.json. Build into a staging
                  folder, so a failed build never leaves a half site.
                  Write the glossary's abbreviations (glossary.py) for pymdownx.snippets.
on_files          add the generated pages (instruments, overview, partners, model documents
                  with their Word files, glossary).
on_page_markdown  fill placeholders; stop on a broken link or a malformed law link (links.py).
on_page_content   put the question forms into the assessor page.
on_post_page      small accessibility repairs (theme_fixes.py) and the Content-Security-Policy
                  (csp.py); on_post_template does the same for the 404 page.
on_post_build     add the engine wheel, the Pyodide runtime, versie.json and the service worker;
                  swap the staging folder in only when the build is clean.
on_serve          in the live preview only, a failed rebuild shows its messages in the browser
                  (serve_errors.py) instead of leaving the page waiting; the preview's pages load
                  a reload script from the site (the pages' policy refuses MkDocs' inline one).
"""

from __future__ import annotations

import json
import logging
import posixpath
import shutil
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from assessor.errors import ContentErrors

from .citations import Laws
from .scenario_check import ACCEPT_HINT
from .compile_content import PROJECT_ROOT, Compiled, check_scenarios, compile_content, write_model
from .compact import compact
from .config import AanpakConfig
from .csp import with_policy
from .links import link_errors
from .model_output import model_json
from .glossary import TidyTooltips, configured_append, snippets_folder, write_abbreviations, ABBREVIATIONS_FILE
from .nav import with_documents, with_instruments
from .offline import write_preview_service_worker, write_service_worker
from .municipality import palette_css
from .serve_errors import PREVIEW_RELOAD, RELOAD_SCRIPT, showing_errors
from .pages import assessor_app, edition_banner, generated_files, ladder_markdown
from .theme_fixes import accessible_theme
from .version_file import version_info, write_version_file
from .stdlib_bytecode import StdlibError, stdlib_name, write_stdlib
from .wheel import build_wheel, wheel_digest, wheel_name

PYODIDE_DIR = PROJECT_ROOT / "node_modules" / "pyodide"
IFRAME_WORKER_SHIM = PROJECT_ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
#: The runtime files the browser needs (the npm package ships more, for Node).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
#: Read at build time only: the worker gets its header (see lock_header), not the 120 KB file.
PYODIDE_LOCK = PYODIDE_DIR / "pyodide-lock.json"
ASSESSOR_PAGE = "beoordeel-uw-casus/index.md"
#: The municipality's colours (generated when its profile gives them).
EDITION_CSS = "assets/stylesheets/gemeente.css"
#: The pages that say which municipality's edition this is.
EDITION_PAGES = ("index.md", "over.md")
APP_MARKER = "<div data-assessor-app></div>"
STAGING_SUFFIX = ".bouwen"


class AanpakPlugin(BasePlugin[AanpakConfig]):
    def __init__(self) -> None:
        self.command = ""
        self.compiled: Optional[Compiled] = None
        self.laws: Optional[Laws] = None
        self.final_site: Optional[Path] = None
        self.wheel_dir = ""
        self.stdlib_file = ""  # the generated standard library's file name, when the build makes one
        self.edition_css: Optional[str] = None
        #: The size of what "Ook offline beschikbaar maken" stores, for the page that offers it.
        self.runtime_megabytes = 0
        self.edition_logo: Optional[Path] = None

    # Compile -----------------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            compiled = compile_content(gemeente=self.config.gemeente or None)
        except ContentErrors as failure:
            raise PluginError(failure.report()) from None
        try:
            check_scenarios(compiled)
        except ContentErrors as failure:
            raise PluginError(f"{failure.report()}\n{ACCEPT_HINT}") from None
        for name in (*PYODIDE_FILES, PYODIDE_LOCK.name):
            if not (PYODIDE_DIR / name).is_file():
                raise PluginError(f"Pyodide ontbreekt ({PYODIDE_DIR / name}). Installeer het met 'npm ci' (of 'make setup').")
        write_model(compiled)
        self.compiled = compiled
        self.runtime_megabytes = round(sum((PYODIDE_DIR / name).stat().st_size for name in PYODIDE_FILES) / 1e6)
        self.laws = Laws(compiled.content.data["wetten.yaml"].data["wetten"])
        self.wheel_dir = f"assets/engine/{wheel_digest(model_json(compiled.model_data))}"
        # Hashes the runtime's 2.5 MB standard library: once per build, for the page and the file.
        self.stdlib_file = stdlib_name(PYODIDE_DIR) if self._precompiled_stdlib else ""
        config.nav = with_documents(with_instruments(config.nav or [], compiled), compiled)
        self._glossary(config, compiled)
        if compiled.profile is not None:
            self._edition(config, compiled)
        if not self.config.file_copy:
            # The theme's <head> script names the site's scope as a path relative to each page
            # ("." / ".." / "../.."), so its CSP hash differed per folder depth. The site's
            # absolute path gives the same script, so the same policy, on every page (404 too):
            # a server can send it as one header (deploy/). Storage keys keep the same path.
            config.extra.setdefault("scope", urlsplit(config.site_url or "/").path or "/")
        if self.command == "serve":
            config.extra_javascript.append(PREVIEW_RELOAD)  # live reload under the pages' policy
        self.final_site = Path(config.site_dir)
        config.site_dir = str(self.final_site.with_name(self.final_site.name + STAGING_SUFFIX))
        return config

    def _edition(self, config: MkDocsConfig, compiled: Compiled) -> None:
        """A municipality's edition: its name in the site title, its colours and logo."""
        municipality = compiled.model_data["municipality"]
        config.site_name = f"{config.site_name} – {municipality['name']}"
        self.edition_css = palette_css(municipality["colours"])
        if self.edition_css:
            config.extra_css.append(EDITION_CSS)
        logo = (compiled.profile.data.get("huisstijl") or {}).get("logo")
        if logo:
            self.edition_logo = compiled.profile.path.parent / logo
            config.theme["logo"] = f"assets/gemeente/{self.edition_logo.name}"

    def _glossary(self, config: MkDocsConfig, compiled: Compiled) -> None:
        """The glossary as abbreviations on every page: written under build/ (never committed),
        appended by pymdownx.snippets (mkdocs.yml), tidied by TidyTooltips."""
        appended = configured_append(config.mdx_configs)
        if appended is None or "abbr" not in config.markdown_extensions:
            return
        if appended != [ABBREVIATIONS_FILE]:
            raise PluginError(f"mkdocs.yml: pymdownx.snippets moet precies '{ABBREVIATIONS_FILE}' toevoegen (auto_append).")
        folder = snippets_folder(Path(config.config_file_path).resolve().parent)
        write_abbreviations(folder, compiled.check.reference.terms)
        config.mdx_configs["pymdownx.snippets"]["base_path"] = [str(folder)]
        config.markdown_extensions.append(TidyTooltips())

    # Pages -------------------------------------------------------------------------------
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.compiled is not None
        generated = generated_files(self.compiled)
        if self.edition_css:
            files.append(File.generated(config, EDITION_CSS, content=self.edition_css))
        if self.command == "serve":
            files.append(File.generated(config, PREVIEW_RELOAD, content=RELOAD_SCRIPT))
        if self.edition_logo:
            files.append(File.generated(config, f"assets/gemeente/{self.edition_logo.name}", abs_src_path=str(self.edition_logo)))
        for src_uri, text in generated.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"Fout in de inhoud: docs/{src_uri}:1: deze pagina wordt gegenereerd uit content/; "
                                  "verwijder het bestand uit docs/.")
            files.append(File.generated(config, src_uri, content=text))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.compiled is not None and self.laws is not None
        compiled = self.compiled
        placeholders = {"{{ inhoudsversie }}": lambda: compiled.model.content_version,
                        "{{ inhoudsdatum }}": lambda: str(compiled.model_data["content_date"]),
                        "{{ escalatieladder }}": lambda: ladder_markdown(compiled, posixpath.dirname(page.file.src_uri)),
                        "{{ runtime_grootte }}": lambda: f"{self.runtime_megabytes} MB"}
        for placeholder, value in placeholders.items():  # made only for the few pages that use them
            if placeholder in markdown:
                markdown = markdown.replace(placeholder, value())
        if page.file.src_uri in EDITION_PAGES and self.compiled.profile is not None:
            markdown = edition_banner(self.compiled, markdown)
        errors = link_errors(page, files, self.laws)
        if errors:
            raise PluginError(ContentErrors(errors).report())
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri != ASSESSOR_PAGE:
            return html
        if APP_MARKER not in html:
            raise PluginError(f"docs/{ASSESSOR_PAGE} mist de regel {APP_MARKER}: daar komt de tool.")
        assert self.compiled is not None
        directory_urls = config.use_directory_urls
        return html.replace(APP_MARKER, assessor_app(
            self.compiled,
            wheel_url=f"../{self.wheel_dir}/{wheel_name()}",
            stdlib_url=f"../{self.wheel_dir}/{self.stdlib_file}" if self.stdlib_file else "",
            worker_url="../assets/assessor/worker.js",
            lock_header=lock_header(PYODIDE_LOCK),
            instrument_url="../instrumenten/{id}/" if directory_urls else "../instrumenten/{id}.html",
            instruments_url="../instrumenten/" if directory_urls else "../instrumenten/index.html",
        ))

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self._finish_html(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return self._finish_html(output_content) if template_name == "404.html" else output_content

    @property
    def _precompiled_stdlib(self) -> bool:
        """Not in the live preview: making and checking it takes seconds after every edit, and a
        start on Pyodide's own standard library gives the same answers."""
        return self.command != "serve" and self.config.precompiled_stdlib

    def _finish_html(self, output: str) -> str:
        output = compact(accessible_theme(output))
        return with_policy(output) if self.config.csp and not self.config.file_copy else output

    # Site --------------------------------------------------------------------------------
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        staging = Path(config.site_dir)
        assert self.final_site is not None and self.compiled is not None
        if _strict_failed(config):
            shutil.rmtree(staging, ignore_errors=True)
            return
        runtime = staging / "assets" / "pyodide"
        runtime.mkdir(parents=True, exist_ok=True)
        for name in PYODIDE_FILES:
            shutil.copyfile(PYODIDE_DIR / name, runtime / name)
        wheel = build_wheel(staging / self.wheel_dir, model_json(self.compiled.model_data))
        if self._precompiled_stdlib:
            try:  # the precompiled standard library beside the wheel, checked against the engine
                write_stdlib(PYODIDE_DIR, wheel, wheel.parent / self.stdlib_file)
            except StdlibError as error:
                raise PluginError(str(error)) from None
        polyfills = staging / "assets" / "polyfills"
        polyfills.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(IFRAME_WORKER_SHIM, polyfills / "iframe-worker.js")
        edition = self.compiled.profile.id if self.compiled.profile is not None else None
        write_version_file(staging, version_info(self.compiled.model.content_version, edition, PROJECT_ROOT))
        if self.command == "serve":
            write_preview_service_worker(staging)  # live reload must show the edit, not a cached page
        elif self.config.service_worker and not self.config.file_copy:  # no service worker from file://
            write_service_worker(staging)
        if self.final_site.exists():
            shutil.rmtree(self.final_site)
        staging.replace(self.final_site)
        config.site_dir = str(self.final_site)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
        server.builder = showing_errors(server.builder, Path(server.root))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        if self.final_site is not None:
            shutil.rmtree(self.final_site.with_name(self.final_site.name + STAGING_SUFFIX), ignore_errors=True)


def lock_header(lock_file: Path) -> str:
    """The runtime's lock file without its packages, as JSON: the engine loads no package by name,
    and Pyodide only checks the header (its ABI version)."""
    return json.dumps(json.loads(lock_file.read_text(encoding="utf-8"))["info"], separators=(",", ":"), sort_keys=True)


def _strict_failed(config: MkDocsConfig) -> bool:
    """Whether MkDocs will abort this build for warnings in strict mode (checked after this hook)."""
    if not config.strict:
        return False
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)
