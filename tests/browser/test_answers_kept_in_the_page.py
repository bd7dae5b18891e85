"""Every answer an officer gives stays (issue 20, section 2), in headless Chromium: violence and a
weapon ticked together on the incidents screen both reach the check page, the outcome (174a's
reasons name ground b and ground c), the print and the share link; an answer a change made
irrelevant is named on the check page and in the record, and counts again once changed back."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import yaml

from assessor_driver import QUESTION, answer, answer_screen, checked, complete, outcome, wait_engine

ROOT = Path(__file__).resolve().parents[2]
ASSESSOR = "beoordeel-uw-casus/"
#: The review's case A as scenario s14 (an explosive at the door) with a weapon found as well.
CASE = {**yaml.safe_load((ROOT / "content/scenarios/s14_explosief_bij_koopwoning.yaml").read_text(encoding="utf-8"))["feiten"],
        "wapen_aangetroffen": "ja"}
INCIDENTS = ("geweld_bij_woning", "wapen_aangetroffen", "drugs_in_woning", "verstoring_openbare_orde")
REASONS_174A = '[data-instrument="sluiting_174a"] .aw-reasons'
SET_ASIDE = '[data-screen="controle"] [data-set-aside]'


def _fact(fact_id: str):
    from assessor.modelfile import load_model

    return load_model().facts[fact_id]


def _to_check_page(page, facts) -> list[str]:
    asked = complete(page, facts)
    page.wait_for_selector('[data-screen="controle"]:not([hidden])')
    return asked


def _change_incidents(page, facts) -> list[str]:
    """Wijzig at the weapon opens the incidents screen; answer it anew, then what is asked next."""
    page.locator('[data-screen="controle"] [data-action="wijzig"][data-fact="wapen_aangetroffen"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="voorvallen"]')
    answer_screen(page, {fact_id: facts[fact_id] for fact_id in INCIDENTS})
    return _to_check_page(page, facts)


def _printed(page) -> str:
    """The outcome screen's text as printed (the answers are in the record only on paper)."""
    page.emulate_media(media="print")
    try:
        return page.locator('[data-screen="uitkomst"]').inner_text()
    finally:
        page.emulate_media(media="screen")


def test_violence_and_a_weapon_both_count_and_a_changed_answer_names_what_it_set_aside(page, site_url):
    weapon, violence, order = _fact("wapen_aangetroffen"), _fact("geweld_bij_woning"), _fact("openbare_orde_ernstig")
    page.goto(site_url + ASSESSOR)
    wait_engine(page)
    answer(page, "acuut_gevaar", "nee")
    answer(page, "huiselijk_geweld", "nee")
    page.wait_for_selector(f'{QUESTION}[data-fact="voorvallen"]')
    answer_screen(page, {fact_id: CASE[fact_id] for fact_id in INCIDENTS})
    _to_check_page(page, CASE)

    # The check page lists the weapon; going back to its screen shows it ticked.
    summary = page.locator("[data-summary]")
    assert f"{weapon.short}\nJa" in summary.inner_text() and f"{violence.short}\nJa" in summary.inner_text()
    assert page.locator(SET_ASIDE).count() == 0 or page.locator(SET_ASIDE).is_hidden()
    page.locator('[data-action="wijzig"][data-fact="wapen_aangetroffen"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="voorvallen"]')
    assert checked(page, "voorvallen") == ["ja", "ja", "nee", "nee"]
    page.locator(f'{QUESTION} [data-action="volgende"]').click()
    page.wait_for_selector('[data-screen="controle"]:not([hidden])')

    # The outcome: 174a rests on ground b and ground c, each reason with its own article.
    assert outcome(page)["sluiting_174a"] == "aangewezen"
    reasons = page.locator(f"{REASONS_174A} li").all_inner_texts()
    cited = {fact.id: next(text for text in reasons if fact.statements["ja"] in text) for fact in (violence, weapon, order)}
    assert "onder b" in cited[violence.id] and "onder c" in cited[weapon.id]
    assert "onder b" in cited[order.id] and "onder c" in cited[order.id], "public order counts under both grounds"
    # The print (the decision record) names both answers.
    printed = _printed(page)
    assert f"{weapon.short}\tJa" in printed or f"{weapon.short}\nJa" in printed, printed[-1500:]
    assert weapon.statements["ja"] in printed

    # The share link carries the weapon, and the colleague who opens it sees ground c.
    page.locator('[data-action="kopieer-link"]').click()
    link = page.locator("[data-share-link]").input_value()
    assert json.loads(unquote(link.split("#antwoorden=", 1)[1]))["wapen_aangetroffen"] == "ja"
    other = page.context.new_page()
    other.goto(link)
    other.wait_for_selector('[data-screen="uitkomst"]:not([hidden]) [data-instrument]', state="attached")
    assert weapon.statements["ja"] in other.locator(REASONS_174A).inner_text()
    assert weapon.short in other.locator("[data-print-summary]").text_content()
    other.close()

    # No violence and no weapon after all: the answer on public order no longer matters. The check
    # page says so, with the question and the answer given; so does the record.
    page.locator('[data-action="wijzig-antwoorden"]').click()
    page.wait_for_selector('[data-screen="controle"]:not([hidden])')
    changed = {**CASE, "geweld_bij_woning": "nee", "wapen_aangetroffen": "nee"}
    _change_incidents(page, changed)
    notice = page.locator(SET_ASIDE)
    assert notice.is_visible()
    text = notice.inner_text()
    assert "Niet meer van belang na een wijziging" in text and f"{' '.join(order.question.split())}\nJa" in text
    assert order.short not in summary.inner_text()
    outcome(page)
    assert "Niet meer van belang na een wijziging" in _printed(page)
    page.locator('[data-action="kopieer-link"]').click()
    link = page.locator("[data-share-link]").input_value()
    assert json.loads(unquote(link.split("#antwoorden=", 1)[1]))["openbare_orde_ernstig"] == "ja", "the link keeps it"

    # Changed back: the answer counts again without being asked, and 174a is back.
    page.locator('[data-action="wijzig-antwoorden"]').click()
    page.wait_for_selector('[data-screen="controle"]:not([hidden])')
    assert "openbare_orde_ernstig" not in _change_incidents(page, CASE)
    assert f"{order.short}\nJa" in summary.inner_text()
    assert "openbare_orde_ernstig" not in page.eval_on_selector_all(
        f"{SET_ASIDE} [data-set-aside-fact]", "nodes => nodes.map((n) => n.dataset.setAsideFact)")
    assert outcome(page)["sluiting_174a"] == "aangewezen"
