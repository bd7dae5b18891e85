"""WCAG 2.1 AA as checked by axe-core (from npm, injected offline): zero violations on every
screen of the assessor (every kind of page is checked in test_offline_privacy.py, in the visit
that also checks the Content-Security-Policy)."""

from __future__ import annotations

import pytest

from assessor_driver import QUESTION, complete, outcome, wait_engine
from browser_support import axe_violations

pytestmark = pytest.mark.axe


def test_every_assessor_screen_has_no_axe_violations(page, site_url):
    page.goto(site_url + "beoordeel-uw-casus/")
    screens = {"eerste vraag (voor de rekenmodule)": axe_violations(page)}
    wait_engine(page)
    page.locator('[data-action="volgende"]').click()
    screens["foutmelding"] = axe_violations(page)
    page.locator('input[name="acuut_gevaar"][value="nee"]').check()
    page.locator('[data-action="volgende"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="veiligheid_thuis"]')
    page.locator('[data-action="geen-van-deze"]').click()
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
    for fold in ('[data-group="niet_van_toepassing"]', "[data-record-fold]", ".aw-ladder-fold"):
        page.locator(f"{fold} summary").first.click()
    page.locator('[data-action="kopieer-link"]').click()
    screens["uitkomst, alles open, met link"] = axe_violations(page)
    assert {name: found for name, found in screens.items() if found} == {}


def test_the_fallback_screen_has_no_axe_violations(page, site_url):
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(site_url + "beoordeel-uw-casus/")
    page.locator("[data-fallback]").wait_for(state="visible", timeout=60_000)
    assert axe_violations(page) == []
