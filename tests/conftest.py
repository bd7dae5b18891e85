from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from site_server import SiteServer, build_site, free_port  # noqa: E402
from browser_support import TEST_ARGS, chromium_path, is_local, require  # noqa: E402


def pytest_configure(config):
    """The engine's tests read the compiled model as the CLI does (build/model.json); make sure
    it is there and current before any test module is imported."""
    from build_scripts.compile_content import compile_content, write_model

    write_model(compile_content())


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


class PageWatch:
    """Requests that left 127.0.0.1, and uncaught page errors, for assertions."""

    def __init__(self, page):
        self.external: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: None if is_local(request.url) else self.external.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))


@pytest.fixture
def context(browser, request):
    # Tools injected into the page (axe-core) are inline scripts the site's CSP rightly blocks.
    bypass = request.node.get_closest_marker("bypass_csp") is not None
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900},
                                  service_workers="block", bypass_csp=bypass)
    context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.watch = PageWatch(page)
    yield page
    assert page.watch.external == [], f"requests left 127.0.0.1: {page.watch.external}"
    assert page.watch.errors == [], f"uncaught page errors: {page.watch.errors}"
