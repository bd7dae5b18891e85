"""WCAG 2.1 AA as checked by axe-core (from npm, injected offline): zero violations on every
page of the knowledge base and on every screen of the assessor."""

from __future__ import annotations

import pytest

from html_index import TEMPLATE_PAGES
from assessor_driver import QUESTION, complete, outcome, wait_engine
from browser_support import AXE

pytestmark = pytest.mark.bypass_csp  # axe-core is injected as an inline script

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async (options) => (await axe.run(document, options)).violations", WCAG)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:4]}" for v in violations]


def test_every_kind_of_page_has_no_axe_violations(page, site_url):
    failures = {}
    for relative in TEMPLATE_PAGES:
        page.goto(site_url + relative)
        found = axe_violations(page)
        if found:
            failures[relative] = found
    assert failures == {}


def test_every_assessor_screen_has_no_axe_violations(page, site_url):
    page.goto(site_url + "beoordeel-uw-casus/")
    screens = {"eerste vraag (voor de rekenmodule)": axe_violations(page)}
    wait_engine(page)
    page.locator('[data-action="volgende"]').click()
    screens["foutmelding"] = axe_violations(page)
    page.locator('input[name="acuut_gevaar"][value="nee"]').check()
    page.locator('[data-action="volgende"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="huiselijk_geweld"]')
    page.locator('input[name="huiselijk_geweld"][value="nee"]').check()
    page.locator('[data-action="volgende"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="voorvallen"]')
    page.locator('[data-action="volgende"]').click()
    screens["groep van vragen, met foutmeldingen"] = axe_violations(page)
    page.locator('[data-action="geen-van-deze"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="overlast_soorten"]')
    screens["meerkeuzevraag"] = axe_violations(page)
    complete(page, {"overlast_soorten": ["geluid", "vervuiling"], "woning_eigendom": "corporatie", "ernstig": "ja",
                    "herhaaldelijk": "ja", "zorgsignalen": "ja", "minderjarige_kinderen": "ja"})
    screens["controleer antwoorden"] = axe_violations(page)
    outcome(page)
    screens["uitkomst"] = axe_violations(page)
    page.locator('[data-group="niet_van_toepassing"] summary').first.click()
    page.locator('[data-action="kopieer-link"]').click()
    screens["uitkomst, alles open, met link"] = axe_violations(page)
    assert {name: found for name, found in screens.items() if found} == {}


def test_the_fallback_screen_has_no_axe_violations(page, site_url):
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(site_url + "beoordeel-uw-casus/")
    page.locator("[data-fallback]").wait_for(state="visible", timeout=60_000)
    assert axe_violations(page) == []
