"""A new deployment, and a rollback, at the same address, as a returning reader meets them: the
first visit after each shows that deployment (its text, its engine), and offline use afterwards
shows it too. Two builds: the national site (the first deployment) and a copy of the project
with a changed question and a changed sentence on *Over deze kennisbank* (the second), each
served in turn on one port, the way the shipped nginx configuration answers (no-cache)."""

from __future__ import annotations

import os
import re
import shutil
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from assessor_driver import QUESTION, complete, outcome
from browser_support import is_local, wait_cached, wait_until
from project_copy import copy_project
from site_server import DeployedServer, build_site, free_port

pytestmark = pytest.mark.xdist_group("deployments")  # one worker builds the second deployment once

ROOT = Path(__file__).resolve().parents[2]
QUESTION_BEFORE = "Is er op dit moment acuut gevaar voor iemands leven of veiligheid?"
QUESTION_AFTER = "Is er nu, op dit moment, acuut gevaar voor iemands leven of veiligheid?"
SENTENCE_BEFORE = "Deze pagina legt uit wat deze site is, wat niet, en hoe de inhoud tot stand kwam."
SENTENCE_AFTER = "Deze pagina legt uit wat deze site is en wat niet, en hoe de inhoud tot stand is gekomen."
HENNEP = ROOT / "content" / "scenarios" / "voorbeeld_03_hennep_koopwoning.yaml"
LEGACY_WORKER = Path(__file__).resolve().parents[1] / "legacy_sw_template.js"


def _changed(text: str, before: str, after: str) -> str:
    assert text.count(before) == 1, before
    return text.replace(before, after)


def _legacy_copy(site: Path, target: Path) -> Path:
    """``site`` with the cache-first service worker that browsers installed before 2026-12-08,
    given this site's lists (its own sw.js names them)."""
    shutil.copytree(site, target)
    worker = (site / "sw.js").read_text(encoding="utf-8")
    values = {name.lower(): re.search(rf"^const {name} = (.*?);\n", worker, re.M | re.S).group(1)
              for name in ("VERSION", "FILES", "PAGES", "PACK", "RUNTIME")}
    template = LEGACY_WORKER.read_text(encoding="utf-8")
    (target / "sw.js").write_text(template % {**values, "prefix": "aanpak-woonoverlast-"}, encoding="utf-8")
    # Nor did the tool of then load its page again when its engine folder was missing.
    app = target / "assets" / "assessor" / "app.js"
    app.write_text(_changed(app.read_text(encoding="utf-8"), 'if (reason === "missing" && reloadedFor(app.dataset.wheel)) return;', ""),
                   encoding="utf-8")
    # Deployed earlier: written in the same second as the next deployment's sw.js, the test
    # server (Last-Modified only, no ETag) would answer the browser's update check with a 304.
    earlier = time.time() - 3600
    for path in (target / "sw.js", app):
        os.utime(path, (earlier, earlier))
    return target


class Deployments:
    """One address (127.0.0.1 and a port of its own); ``deploy`` puts a site there, as an
    administrator switches the link to a version, ``offline`` stops the server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"
        self.server: DeployedServer | None = None

    def deploy(self, site: Path) -> None:
        self.offline()
        self.server = DeployedServer(site, self.port)

    def offline(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
            with pytest.raises(Exception):  # the server is really gone
                urllib.request.urlopen(self.url, timeout=2)


@pytest.fixture(scope="module")
def sites(built_site, tmp_path_factory):
    """The national site as the first deployment; the changed copy, built for this module's
    address, as the second; and the first with the earlier service worker."""
    port = free_port()
    project = copy_project(tmp_path_factory.mktemp("tweede") / "project")
    facts = project / "content" / "feiten.yaml"
    facts.write_text(_changed(facts.read_text(encoding="utf-8"), QUESTION_BEFORE, QUESTION_AFTER), encoding="utf-8")
    about = project / "docs" / "over.md"
    about.write_text(_changed(about.read_text(encoding="utf-8"), SENTENCE_BEFORE, SENTENCE_AFTER), encoding="utf-8")
    first = built_site[0]
    second = project / "site-out"
    # Without the precompiled standard library: the national build's tests cover it.
    build_site(second, f"http://127.0.0.1:{port}/", extra_env={"AANPAK_PRECOMPILED_STDLIB": "false"}, project=project)
    assert _engine(first) != _engine(second), "a changed question gives another engine folder"
    legacy = _legacy_copy(first, tmp_path_factory.mktemp("eerder") / "site")
    address = Deployments(port)
    yield SimpleNamespace(first=first, second=second, legacy=legacy, address=address)
    address.offline()


def _engine(site: Path) -> str:
    """The engine's wheel, relative to the site (its folder is named by a hash of its content)."""
    (wheel,) = site.glob("assets/engine/*/*.whl")
    return wheel.relative_to(site).as_posix()


def _version(site: Path) -> str:
    return re.search(r'^const VERSION = "([0-9a-f]{16})";', (site / "sw.js").read_text(encoding="utf-8"), re.M).group(1)


#: True once the service worker of ``version`` is the active one and the caches of any earlier
#: kennisbank are gone (it has activated). Evaluated in a loop (see wait_cached).
ACTIVE = """async (version) => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration || !registration.active || registration.installing || registration.waiting) return false;
    if (registration.active.state !== 'activated' || !navigator.serviceWorker.controller) return false;
    const kennisbank = (await caches.keys()).filter((key) => /^aanpak-woonoverlast-(site|kennisbank)-/.test(key));
    return kennisbank.length === 1 && kennisbank[0].includes(version);
}"""


def wait_active(page, site: Path) -> None:
    version = _version(site)
    wait_until(page, ACTIVE, version, f"the service worker of {version} never took over")


@pytest.fixture
def context(browser):
    """A returning reader's browser: service workers allowed, nothing outside 127.0.0.1."""
    context = browser.new_context(locale="nl-NL")
    context.external, context.errors = [], []
    context.on("request", lambda request: None if is_local(request.url) else context.external.append(request.url))
    yield context
    context.close()
    assert context.external == []


def _about(page, url: str) -> str:
    page.goto(url + "over/")
    return page.locator("article").inner_text()


def test_a_reader_sees_each_deployment_and_rollback_on_the_first_visit_and_offline_after_it(context, sites):
    address, page = sites.address, context.new_page()
    address.deploy(sites.first)
    assert SENTENCE_BEFORE in _about(page, address.url)
    wait_active(page, sites.first)
    for site, sentence, other in ((sites.second, SENTENCE_AFTER, SENTENCE_BEFORE),   # a new deployment
                                  (sites.first, SENTENCE_BEFORE, SENTENCE_AFTER)):   # and back
        address.deploy(site)
        text = _about(page, address.url)
        assert sentence in text and other not in text, "the first visit shows what the server has"
        wait_active(page, site)
        address.offline()
        text = _about(page, address.url)
        assert sentence in text and other not in text, "offline, the kennisbank is the one last seen"


def _start(page, url: str) -> str:
    """Open the tool; the question it asks first once the engine is ready (it must get ready)."""
    page.goto(url + "beoordeel-uw-casus/")
    page.wait_for_selector("#aw-app[data-engine]", state="attached", timeout=60_000)
    assert page.get_attribute("#aw-app", "data-engine") == "ready", page.locator("[data-fallback]").inner_text()
    return page.locator(f"{QUESTION} .aw-question__title").inner_text()


def _hennep_case_works(page) -> None:
    complete(page, yaml.safe_load(HENNEP.read_text(encoding="utf-8"))["feiten"])
    assert outcome(page)["sluiting_13b_opiumwet"] == "aangewezen"


def test_the_tool_starts_after_each_deployment_and_rollback_and_works_offline_after_it(context, sites):
    address, page = sites.address, context.new_page()
    address.deploy(sites.first)
    assert QUESTION_BEFORE in _start(page, address.url)
    wait_cached(page, _engine(sites.first))
    wait_active(page, sites.first)
    for site, question in ((sites.second, QUESTION_AFTER), (sites.first, QUESTION_BEFORE)):
        address.deploy(site)
        assert question in _start(page, address.url), "the tool asks what this deployment asks"
        wait_active(page, site)
        wait_cached(page, _engine(site))
        address.offline()
        page.close()
        page = context.new_page()  # a tab of its own: the last one keeps its finished case
        assert question in _start(page, address.url)
        _hennep_case_works(page)


def test_a_deployment_takes_over_from_the_earlier_cache_first_worker_at_once(context, sites):
    """Browsers that visited the site before 2026-12-08 have a service worker that answered from
    its cache first: their first visit after this deployment still gets the earlier page from it
    (with the earlier engine folder, which the server no longer has). The new worker, once it has
    taken over, loads that page again from the server, and the tool starts."""
    address, page = sites.address, context.new_page()
    address.deploy(sites.legacy)
    assert SENTENCE_BEFORE in _about(page, address.url)
    wait_active(page, sites.legacy)
    address.deploy(sites.second)
    page.goto(address.url + "beoordeel-uw-casus/")
    page.wait_for_function("(question) => document.querySelector('#aw-app[data-engine=\"ready\"]')"
                           " && document.body.innerText.includes(question)", arg=QUESTION_AFTER, timeout=60_000)
    wait_active(page, sites.second)
    assert SENTENCE_AFTER in _about(page, address.url)


def test_a_missing_engine_folder_loads_the_page_once_more_and_then_explains(context, sites, tmp_path):
    """The tool's own defence (app.js), for a page of an earlier deployment that some cache still
    gives: when the server does not have the engine folder the page names, the page is loaded
    once more from the server. If the folder is still missing, the page explains, and does not
    load again and again."""
    broken = tmp_path / "site"
    shutil.copytree(sites.second, broken)
    shutil.rmtree(broken / Path(_engine(sites.second)).parent)
    address, page = sites.address, context.new_page()
    address.deploy(broken)
    page.goto(address.url + "beoordeel-uw-casus/")
    page.wait_for_selector('#aw-app[data-engine="unavailable"]', state="attached", timeout=60_000)
    # The page is marked unavailable only once it has decided not to load again.
    assert address.server.requested.count("/beoordeel-uw-casus/") == 2
    assert page.locator("[data-fallback]").is_visible()
