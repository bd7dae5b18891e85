"""`make serve`: an open page follows the edits; a content mistake made while the preview runs
shows in the browser with file and line, and the site comes back once it is fixed. Before, the
pages' Content-Security-Policy refused MkDocs' inline live-reload script (an edit never reached
an open page), and after a failed build every request waited for a good one.

Runs `mkdocs serve` on a copy of the project, as `make serve` does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from project_copy import ROOT, copy_project
from site_server import free_port
from test_content_errors import BB, FIXTURES, Fixture, _apply, _expected_line

#: How long a (re)build may take on a busy machine before the test gives up: a deadline, not a
#: measurement.
DEADLINE = 240


def _get(url: str) -> tuple[int, str]:
    """Status and text of a page; (0, "") while the server holds the request or is not up."""
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status, reply.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0, ""


def _wait_for(url: str, wanted: str, server: subprocess.Popen) -> tuple[int, str]:
    end = time.monotonic() + DEADLINE
    status, text = 0, ""
    while time.monotonic() < end:
        assert server.poll() is None, "mkdocs serve stopped"
        status, text = _get(url)
        if wanted in text:
            return status, text
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {wanted!r} (last status {status}): {text[:500]}")


@pytest.fixture
def serving(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/",
           "AANPAK_STDLIB_CACHE": str(ROOT / "build" / "stdlib-cache")}
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield project, f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _wait_in_page(page, wanted: str, server: subprocess.Popen) -> str:
    """The open page's HTML once it shows ``wanted``: the page must reload itself."""
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        assert server.poll() is None, "mkdocs serve stopped"
        try:
            text = page.content()
        except Exception:  # noqa: BLE001 - the page is navigating (it reloads itself)
            text = ""
        if wanted in text:
            return text
        page.wait_for_timeout(500)
    raise AssertionError(f"the open page never showed {wanted!r}")


def test_an_open_page_shows_a_content_mistake_with_file_and_line_and_comes_back(serving, page):
    project, url, server = serving
    address = url + "beoordeel-uw-casus/"
    _wait_for(address, 'id="aw-app"', server)
    page.goto(url + "over/")
    _apply(project, Fixture("bewerking", "docs/over.md", "Deze pagina legt uit", "Bewerkt: deze pagina legt uit", "", None))
    _wait_in_page(page, "Bewerkt: deze pagina legt uit", server)  # live reload reaches an open page

    page.goto(address)
    fixture = next(f for f in FIXTURES if f.name == "onbekend_feit_in_regel")
    _apply(project, fixture)
    line = _expected_line(project / BB, fixture.marker)
    text = _wait_in_page(page, "Fout in de inhoud", server)
    shown = page.locator("[data-build-errors]").inner_text()
    assert f"{BB}:{line}: fout in de regel: onbekend feit 'partijen_willen'" in shown
    assert "Herstel de fout en sla het bestand op; deze pagina vernieuwt zich vanzelf." in page.locator("main").inner_text()
    home = _get(url)[1]
    assert "Fout in de inhoud" in home and f"{BB}:{line}:" in home, "every address shows the error, the home page too"

    _apply(project, Fixture("herstel", BB, fixture.new, fixture.old, "", None))
    _wait_in_page(page, 'id="aw-app"', server)
    assert "Fout in de inhoud" not in page.content()
    status, text = _get(address)
    assert status == 200 and 'id="aw-app"' in text
