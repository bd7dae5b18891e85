"""The outcome's first screen says what to do (issue 20, section 3): on a laptop (1280×800) and a
phone (390×844), the step plan's "now" steps and the actions (print, Word, save, share link)
are within the viewport without scrolling, for the review's housing, public-order and
social-domain cases; the dossier fields are not the first thing; the cards follow the plan; a
link to a card does not land under the sticky header. Geometry, not time."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from assessor_driver import QUESTION, wait_engine
from browser_support import axe_violations
from outcome_heights import CASES, VIEWPORTS

pytestmark = pytest.mark.axe

ASSESSOR = "beoordeel-uw-casus/"
SHOWN = '[data-screen="uitkomst"]:not([hidden]) [data-outcome] [data-instrument]'
ACTIONS = ("afdrukken", "download-word", "bewaar-casus", "kopieer-link")
#: What the first screen holds, measured from the top of the page: the plan's "now" steps (each
#: as some link to its card that lies wholly within the viewport), the action buttons, and the
#: top of the first record field that is shown (null when it is folded away).
FIRST_SCREEN = """([actions]) => {
  const viewport = window.innerHeight;
  const box = (node) => node.getBoundingClientRect();
  const inView = (node) => node.getClientRects().length > 0 && box(node).top >= 0 && box(node).bottom <= viewport;
  const now = [...document.querySelectorAll('[data-plan] [data-phase="nu"] a[data-card-link]')].map((a) => a.dataset.cardLink);
  const nowShown = now.filter((id) => [...document.querySelectorAll(`[data-screen="uitkomst"] a[data-card-link="${id}"]`)].some(inView));
  const buttons = actions.filter((action) => inView(document.querySelector(`[data-screen="uitkomst"] [data-action="${action}"]`)));
  const fields = [...document.querySelectorAll('[data-record-field]')].filter((n) => n.getClientRects().length);
  const firstNow = Math.min(...[...document.querySelectorAll('[data-screen="uitkomst"] a[data-card-link]')]
    .filter((a) => now.includes(a.dataset.cardLink) && a.getClientRects().length).map((a) => box(a).top));
  return { now, nowShown, buttons, fieldTop: fields.length ? Math.min(...fields.map((n) => box(n).top)) : null, firstNow };
}"""


def show_case(page, facts: dict) -> None:
    """A new case, then this case's share link pasted into the tab: its outcome, read in place."""
    page.locator('[data-screen="uitkomst"] [data-action="opnieuw"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="acuut_gevaar"]')
    page.evaluate("(hash) => { location.hash = hash; }", "antwoorden=" + quote(json.dumps(facts)))
    page.wait_for_selector(SHOWN, state="attached")


def test_the_first_screen_shows_the_now_steps_and_the_actions_on_a_laptop_and_a_phone(page, site_url):
    first = next(iter(CASES.values()))
    page.goto(site_url + ASSESSOR + "#antwoorden=" + quote(json.dumps(first)))
    wait_engine(page)
    page.wait_for_selector(SHOWN, state="attached")
    missing, orders = {}, {}
    for index, (case, facts) in enumerate(CASES.items()):
        if index:
            show_case(page, facts)
        for device, (width, height) in VIEWPORTS.items():
            page.set_viewport_size({"width": width, "height": height})
            page.evaluate("() => window.scrollTo(0, 0)")
            seen = page.evaluate(FIRST_SCREEN, [list(ACTIONS)])
            assert seen["now"], f"{case}: the plan has a 'now' step"
            problems = [f"'nu' {id} not in view" for id in seen["now"] if id not in seen["nowShown"]]
            problems += [f"{action} not in view" for action in ACTIONS if action not in seen["buttons"]]
            if seen["fieldTop"] is not None and seen["fieldTop"] < seen["firstNow"]:
                problems.append("the record fields come before what to do")
            if problems:
                missing[f"{case} {width}×{height}"] = problems
        # The cards follow the step plan: nu, daarna, als dat niet werkt.
        plan = page.eval_on_selector_all("[data-plan] [data-phase] a[data-card-link]", "links => links.map((a) => a.dataset.cardLink)")
        cards = page.eval_on_selector_all("[data-outcome] article[data-instrument]", "cards => cards.map((c) => c.dataset.instrument)")
        orders[case] = [card for card in cards if card in plan] == plan
    assert missing == {}
    assert orders == {case: True for case in CASES}


def test_the_outcome_below_the_first_screen(page, site_url):
    """A link from the plan lands the card's heading below the sticky header; the card says what
    the instrument is before its folded dossier list; the ladder is folded; a warning over the
    whole plan is not repeated on the cards; the dossier fields open for saving without a
    kenmerk; and the whole outcome, every fold open, at a phone's width, passes axe."""
    facts = CASES["wonen"]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + ASSESSOR + "#antwoorden=" + quote(json.dumps(facts)))
    wait_engine(page)
    page.wait_for_selector(SHOWN, state="attached")
    plan = page.eval_on_selector_all("[data-plan] [data-phase] a[data-card-link]", "links => links.map((a) => a.dataset.cardLink)")
    page.locator(f'[data-plan] a[data-card-link="{plan[-1]}"]').click()
    landed = page.evaluate("""(id) => ({
      header: document.querySelector('.md-header').getBoundingClientRect().bottom,
      heading: document.querySelector(`#aw-kaart-${id} .aw-instrument__name`).getBoundingClientRect().top,
      focused: document.activeElement.id })""", plan[-1])
    assert landed["focused"] == f"aw-kaart-{plan[-1]}"
    assert landed["heading"] >= landed["header"], landed

    order = page.evaluate("""() => [...document.querySelectorAll('[data-outcome] article[data-instrument]')]
      .filter((card) => card.querySelector('[data-dossier]'))
      .map((card) => Boolean(card.querySelector('.aw-instrument__summary').compareDocumentPosition(
        card.querySelector('[data-dossier]')) & Node.DOCUMENT_POSITION_FOLLOWING))""")
    assert order and all(order), "the description comes before the dossier list"
    assert page.evaluate("() => document.querySelector('[data-ladder]').closest('details').open") is False
    # A warning that heads the plan is written there once; each card that carries it points to it.
    repeated = page.evaluate("""() => [...document.querySelectorAll('[data-plan] > [data-warning]')].map((box) => box.dataset.warning)
      .map((id) => [id, document.querySelectorAll(`[data-outcome] .aw-warning[data-warning="${id}"]`).length,
                    document.querySelectorAll(`[data-outcome] .aw-warning-ref[data-warning="${id}"] a[data-place-link]`).length])""")
    assert repeated and all(full == 0 and pointers > 0 for _, full, pointers in repeated), repeated

    page.locator('[data-action="bewaar-casus"]').click()  # no kenmerk: the fold opens at the field
    assert page.locator("[data-record-error]").is_visible()
    assert page.evaluate("() => document.activeElement.dataset.recordField") == "kenmerk"
    page.evaluate("() => document.querySelectorAll('[data-screen=\"uitkomst\"] details').forEach((d) => { d.open = true; })")
    assert axe_violations(page) == []


def test_the_advice_fits_the_case(page, site_url):
    """An owner-occupied home whose mayor already warned (scenario s01): the card of the mayor's
    order names no landlord and does not advise the warning again, though its page lists both
    steps; the neighbours' own claim is advice to the complainant after the plan, not a step of
    it; and the plan says plainly that nothing heavier fits."""
    import yaml

    from assessor.modelfile import scenario_dir

    directory = scenario_dir()
    assert directory is not None
    facts = yaml.safe_load((directory / "s01_geluid_koopwoning.yaml").read_text(encoding="utf-8"))["feiten"]
    page.goto(site_url + ASSESSOR + "#antwoorden=" + quote(json.dumps(facts)))
    wait_engine(page)
    page.wait_for_selector(SHOWN, state="attached")
    steps = page.eval_on_selector_all('[data-outcome] article[data-instrument="gedragsaanwijzing_151d"] .aw-steps li',
                                      "items => items.map((li) => li.textContent)")
    assert steps and not [step for step in steps if "verhuurder" in step or "waarschuwing van de burgemeester" in step], steps
    planned = page.eval_on_selector_all("[data-plan] [data-phase] a[data-card-link]", "links => links.map((a) => a.dataset.cardLink)")
    assert "burenrecht_civiel" not in planned
    assert page.eval_on_selector_all("[data-plan-complainant] a[data-card-link]",
                                     "links => links.map((a) => a.dataset.cardLink)") == ["burenrecht_civiel"]
    otherwise = page.locator('[data-plan] [data-phase="als_dat_niet_werkt"]').inner_text()
    assert "geen zwaarder middel" in otherwise
    page.goto(site_url + "instrumenten/gedragsaanwijzing_151d/")
    listed = page.evaluate("""() => [...[...document.querySelectorAll('article h2')].find((h) => h.textContent.trim()
      .startsWith('Stappen')).nextElementSibling.children].map((li) => li.textContent)""")
    from assessor.modelfile import load_model

    assert len(listed) == len(load_model().instrument("gedragsaanwijzing_151d").display["steps"])  # one list, every step
    assert [step for step in listed if "correspondentie van de verhuurder" in step and "Deze stap geldt alleen als dit klopt" in step]
