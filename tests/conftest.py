from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from site_server import SiteServer, build_site, free_port, git_status  # noqa: E402
from browser_support import AXE, TEST_ARGS, chromium_path, require, watched_page  # noqa: E402


class NationalSite:
    """The national site, built once per run, with site_url set to the address it is served on:
    by the controlling process, in the background while xdist starts its workers, and served by
    it; the workers wait for it and share it (one build where each worker made its own)."""

    def __init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="aanpak-testsite-"))
        self.site = self.directory / "site"
        self.server = SiteServer(self.site, free_port())  # answers 404 until the build is in place
        self.done = self.directory / "klaar"  # written when the build ends: empty, or its error
        self.builder = threading.Thread(target=self._build, daemon=True)
        self.builder.start()

    def _build(self) -> None:
        try:
            build_site(self.site, self.server.url)
            outcome = ""
        except Exception as error:  # noqa: BLE001 - reported to every test that needs the site
            outcome = f"{error}" or repr(error)
        self.done.with_suffix(".tmp").write_text(outcome, encoding="utf-8")
        self.done.with_suffix(".tmp").replace(self.done)

    def address(self) -> dict[str, str | int]:
        return {"site": str(self.site), "port": self.server.httpd.server_port, "url": self.server.url,
                "done": str(self.done)}

    def stop(self) -> None:
        self.builder.join()  # a run that needed no site still lets the build end before cleaning up
        self.server.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def pytest_configure(config):
    """The engine's tests read the compiled model as the CLI does (build/model.json); make sure
    it is there and current before any test module is imported. Once, in the controlling
    process (xdist's workers start after it), which also starts the national site's build."""
    if hasattr(config, "workerinput"):
        config.git_status_before_builds = config.workerinput["git_status_before_builds"]
        config.national_site = config.workerinput["national_site"]
        return
    config.git_status_before_builds = git_status()
    from build_scripts.compile_content import compile_content, write_model

    write_model(compile_content())
    config.national = NationalSite()
    config.national_site = config.national.address()


def pytest_unconfigure(config):
    if hasattr(config, "national"):
        config.national.stop()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """xdist: each worker gets the checkout's status from before any build (test_architecture.py)
    and the address of the national site."""
    node.workerinput["git_status_before_builds"] = node.config.git_status_before_builds
    node.workerinput["national_site"] = node.config.national_site


@pytest.fixture(scope="session")
def compiled():
    from build_scripts.compile_content import compile_content

    return compile_content()


@pytest.fixture(scope="session")
def model():
    from assessor.modelfile import load_model

    return load_model()


@pytest.fixture(scope="session")
def built_site(pytestconfig) -> tuple[Path, int]:
    """The national site (see NationalSite), once its build is done: its folder and its port."""
    address = pytestconfig.national_site
    done = Path(address["done"])
    deadline = time.monotonic() + 600
    while not done.exists():
        if time.monotonic() > deadline:
            raise RuntimeError("the national site was not built within 10 minutes")
        time.sleep(0.05)
    error = done.read_text(encoding="utf-8")
    if error:
        raise RuntimeError(error)
    return Path(address["site"]), address["port"]


@pytest.fixture(scope="session")
def site_url(built_site, pytestconfig) -> str:
    return pytestconfig.national_site["url"]


@pytest.fixture(scope="session")
def browser():
    path = require(chromium_path(), "Chromium ontbreekt: installeer Debian's chromium (make test doet dat als root).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=TEST_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def shared_context(browser, tmp_path_factory):
    """One context for a worker's tests, each in a page of its own, kept going by a page on
    127.0.0.1 (every test site is on that host, so one "site" to Chromium): Chromium then keeps
    that site's renderer process between tests, and starting the engine in the next test's page
    costs about 1.5 s of processor time instead of 2.3 in a new context (measured on two cores).
    As an officer's browser: Dutch, a laptop's window, service workers off (the offline tests
    turn them on in contexts of their own), and every request outside 127.0.0.1 refused (by the
    browser: TEST_ARGS)."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900}, service_workers="block")
    host = SiteServer(tmp_path_factory.mktemp("keeper"), free_port())
    keeper = context.new_page()
    keeper.goto(host.url)
    yield context
    context.close()
    host.stop()


@pytest.fixture
def page(shared_context, request):
    """A new page, which leaves no storage behind for the next test. In a test marked ``axe``,
    axe-core comes into every page it opens (see browser_support.axe_violations)."""
    page = watched_page(shared_context)
    if request.node.get_closest_marker("axe"):
        page.add_init_script(path=str(AXE))
        page.emulate_media(reduced_motion="reduce")
    yield page
    if page.url.startswith("http"):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.close()
    page.watch.check()
