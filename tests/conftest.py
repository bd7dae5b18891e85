from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from site_server import SiteServer, build_site, free_port, git_status  # noqa: E402
from browser_support import TEST_ARGS, PageWatch, chromium_path, is_local, require  # noqa: E402


def pytest_configure(config):
    """The engine's tests read the compiled model as the CLI does (build/model.json); make sure
    it is there and current before any test module is imported. Once, in the controlling
    process: xdist's workers start after it."""
    if hasattr(config, "workerinput"):
        config.git_status_before_builds = config.workerinput["git_status_before_builds"]
        return
    config.git_status_before_builds = git_status()
    from build_scripts.compile_content import compile_content, write_model

    write_model(compile_content())


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """xdist: each worker gets the checkout's status from before any build (test_architecture.py)."""
    node.workerinput["git_status_before_builds"] = node.config.git_status_before_builds


@pytest.fixture(scope="session")
def compiled():
    from build_scripts.compile_content import compile_content

    return compile_content()


@pytest.fixture(scope="session")
def model():
    from assessor.modelfile import load_model

    return load_model()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site built once for the whole run, with site_url set to the port it is served on."""
    port = free_port()
    site = tmp_path_factory.mktemp("build") / "site"
    build_site(site, f"http://127.0.0.1:{port}/")
    return site, port


@pytest.fixture(scope="session")
def site_url(built_site):
    site, port = built_site
    server = SiteServer(site, port)
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def browser():
    path = require(chromium_path(), "Chromium ontbreekt: installeer Debian's chromium (make test doet dat als root).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=TEST_ARGS)
        yield browser
        browser.close()


def new_context(browser, *, bypass_csp: bool = False):
    """A context as an officer's browser has it (Dutch, a laptop's window), with every request
    outside 127.0.0.1 refused and service workers off (the offline tests turn them on)."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900},
                                  service_workers="block", bypass_csp=bypass_csp)
    context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
    return context


@pytest.fixture(scope="session")
def shared_context(browser, tmp_path_factory):
    """One context for a worker's tests, each in a page of its own, kept going by a page on
    127.0.0.1 (every test site is on that host, so one "site" to Chromium): Chromium then keeps
    that site's renderer process between tests, and starting the engine in the next test's page
    costs about 1.5 s of processor time instead of 2.3 in a new context (measured on two cores).
    Each page starts with empty storage: ``page`` clears its origin's storage after the test."""
    context = new_context(browser)
    host = SiteServer(tmp_path_factory.mktemp("keeper"), free_port())
    keeper = context.new_page()
    keeper.goto(host.url)
    yield context
    context.close()
    host.stop()


@pytest.fixture
def context(browser, request):
    """The shared context; a context of its own for a test that injects tools (axe-core), which
    are inline scripts the site's CSP rightly blocks unless the context bypasses it."""
    if request.node.get_closest_marker("bypass_csp") is None:
        yield request.getfixturevalue("shared_context")
        return
    context = new_context(browser, bypass_csp=True)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.watch = PageWatch(page)
    yield page
    if page.url.startswith("http"):  # what the test stored stays with the test
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.close()
    assert page.watch.external == [], f"requests left 127.0.0.1: {page.watch.external}"
    assert page.watch.errors == [], f"uncaught page errors: {page.watch.errors}"
