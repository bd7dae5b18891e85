"""The court's proportionality test on the outcome (issue 21): a 13b case with children and a
resident not to blame (s64) shows the three steps, each factor with this case's answer, what
the dossier must show, and at least one ruling by ECLI; the same factors stand on the 13b
instrument page and as fields in the model decision. axe finds nothing on the card."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from assessor_driver import wait_engine
from browser_support import axe_violations

pytestmark = pytest.mark.axe

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"
CASE = ROOT / "content" / "scenarios" / "s64_dealende_zoon_moeder_wist_niets.yaml"
CARD = '[data-screen="uitkomst"]:not([hidden]) article[data-instrument="sluiting_13b_opiumwet"]'
TEST = CARD + " [data-proportionality]"
#: What s64 answers to the facts the factors ask about, as the card must show them.
EXPECTED_ANSWERS = {
    "rol_woning": ["Rol van de woning in de drugshandel: Ja"],
    "kinderen": ["Minderjarige kinderen in de woning: Ja", "Zorgen om kinderen: Nee"],
    "kwetsbare_huisgenoot": ["Kwetsbare huisgenoot: Nee"],
    "verwijtbaarheid": ["Bewoner is iets te verwijten: Nee"],
}
READ = """(test) => [...test.querySelectorAll('[data-step]')].map((step) => ({
  step: step.dataset.step,
  factors: [...step.querySelectorAll('[data-factor]')].map((f) => ({
    id: f.dataset.factor, answer: f.querySelector('[data-answer]').textContent,
    dossier: f.querySelector('.aw-factor__dossier').textContent,
    eclis: [...f.querySelectorAll('a[data-ecli]')].map((a) => [a.dataset.ecli, a.getAttribute('href')])}))}))"""


def test_a_13b_case_with_children_shows_the_three_steps_with_its_answers_and_rulings(page, site_url):
    facts = yaml.safe_load(CASE.read_text(encoding="utf-8"))["feiten"]
    page.goto(site_url + "beoordeel-uw-casus/#antwoorden=" + quote(json.dumps(facts)))
    wait_engine(page)
    page.wait_for_selector(TEST, state="attached")
    assert page.locator(CARD).get_attribute("data-status") == "aangewezen"
    test = page.locator(TEST)
    assert test.locator("summary").inner_text() == "Evenredigheid: de toets van de rechter"
    steps = test.evaluate(READ)
    assert [step["step"] for step in steps] == ["geschikt", "noodzakelijk", "evenwichtig"]
    factors = {f["id"]: f for step in steps for f in step["factors"]}
    for factor_id, answers in EXPECTED_ANSWERS.items():
        for answer in answers:
            assert answer in factors[factor_id]["answer"], (factor_id, factors[factor_id]["answer"])
    for factor in factors.values():
        assert factor["eclis"], f"{factor['id']} has no ruling"
        for ecli, href in factor["eclis"]:
            assert href == f"https://uitspraken.rechtspraak.nl/inziendocument?id={ecli}"
        assert factor["dossier"].startswith("Het dossier laat zien: ") and len(factor["dossier"]) > 40
        if factor["id"] not in EXPECTED_ANSWERS:
            assert factor["answer"].endswith("niet gevraagd; leg vast in het dossier"), factor
    assert {"terugkeer", "duur", "eerste_overtreding"} <= set(factors)
    # The dossier checklist names the factors, from the same content file.
    checklist = page.locator(CARD + " [data-dossier] li").evaluate_all("(items) => items.map((li) => li.textContent)")
    assert any(text.startswith("Per factor van de evenredigheidstoets") and "kinderen in de woning" in text
               for text in checklist), checklist
    test.locator("summary").click()
    SHOTS.mkdir(exist_ok=True)
    page.locator(CARD).screenshot(path=str(SHOTS / "evenredigheid-kaart.png"))
    assert axe_violations(page, CARD) == []

    # On paper (content's "afdrukken" names 13b): each step as a line, with answers and rulings.
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.locator(CARD).screenshot(path=str(SHOTS / "evenredigheid-afdruk.png"))
    assert page.locator(TEST + ' [data-factor="kinderen"] [data-answer]').is_visible()
    assert page.locator(TEST + ' [data-factor="kinderen"] a[data-ecli]').first.is_visible()
    assert page.locator(TEST + ' [data-factor="kinderen"] .aw-factor__dossier').is_hidden()
    page.emulate_media(media="screen")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")

    # The same factors and rulings on the 13b instrument page, and as fields in the model decision.
    page.goto(site_url + "instrumenten/sluiting_13b_opiumwet/")
    section = page.locator("#evenredigheidstoets")
    section.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "evenredigheid-instrumentpagina.png"))
    text = page.locator("article").inner_text()
    start = text.index("De toets van de rechter in drie stappen")
    part = text[start:text.index("Procedure", start)]
    for title in ("1. Geschikt", "2. Noodzakelijk", "3. Evenwichtig"):
        assert title in part
    for factor in factors.values():
        assert all(ecli in part for ecli, _ in factor["eclis"]), factor["id"]
    decision = page.goto(site_url + "modeldocumenten/sluiting-13b-opiumwet/")
    assert decision.ok
    body = page.locator("article").inner_text()
    for field in ("«doel maatregel»", "«rol woning»", "«toepassing beleid»", "«kinderen»", "«kwetsbare huisgenoot»",
                  "«verwijtbaarheid»", "«terugkeer»", "«duur afweging»"):
        assert field in body, field
