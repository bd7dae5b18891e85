"""Beoordeel uw casus in headless Chromium: the real page, Pyodide in a module worker, the
engine's wheel from the site itself, and not one request outside 127.0.0.1."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from assessor_driver import QUESTION, answer, checked, complete, facts_on_screen, outcome, statuses, wait_engine
from browser_support import watched_page

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "content" / "scenarios").glob("*.yaml"))
ASSESSOR = "beoordeel-uw-casus/"
SHOTS = ROOT / "tests" / "screenshots"


def cli_statuses(path: Path) -> dict[str, str]:
    """What the engine says of a case file, in this Python (the CLI's own code path)."""
    from assessor.cli import read_case_file
    from assessor.engine import assess
    from assessor.modelfile import load_model

    return {item.id: item.status for item in assess(load_model(), read_case_file(path)).instruments}


def open_assessor(page, site_url):
    page.goto(site_url + ASSESSOR)
    wait_engine(page)


#: One shared page for the tests below that start from a new case and change nothing outside the
#: tool (no routes, no storage; the print test puts the screen media back): starting Python in a
#: page costs 1.5 to 2.3 s of processor time, which on two cores was the largest part of the
#: suite. Tests of the page's own start (before the engine, a failed load, keyboard from page
#: load, instant navigation) open their own page.
SHARED = pytest.mark.xdist_group("assessor-page")
#: A share link of a whole case (s16): pasted into the tab, it leads from any screen to the
#: outcome, where "Nieuwe casus" starts afresh, as an officer starts the next case in the same tab.
_TO_OUTCOME = "antwoorden=" + quote(json.dumps(yaml.safe_load(
    (ROOT / "content" / "scenarios" / "s16_acuut_gevaar_verwarde_buurman_met_mes.yaml").read_text(encoding="utf-8"))["feiten"]))


@pytest.fixture(scope="module")
def assessor_page(shared_context, site_url):
    page = watched_page(shared_context)
    open_assessor(page, site_url)
    yield page
    page.close()


@pytest.fixture
def new_case(assessor_page):
    """The shared page at the first question of a new case, with nothing left of the last test:
    no answers, no notice, no error summary, and no request or page error carried over."""
    page = assessor_page
    page.evaluate("(hash) => { location.hash = hash; }", _TO_OUTCOME)
    page.wait_for_selector('[data-screen="uitkomst"]:not([hidden]) [data-instrument]', state="attached")
    page.locator('[data-screen="uitkomst"] [data-action="opnieuw"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="acuut_gevaar"]')
    assert page.locator("[data-notice]").is_hidden() and page.locator("[data-error-summary]").is_hidden()
    assert checked(page, "acuut_gevaar") == []
    page.watch.check()  # the reset to a new case was clean too
    yield page
    page.watch.check()


def test_first_question_is_usable_before_the_engine_and_the_answer_is_kept(page, site_url):
    release = []
    page.route("**/pyodide.asm.wasm", lambda route: release.append(route))
    page.goto(site_url + ASSESSOR)
    form = page.locator(f'{QUESTION}[data-fact="acuut_gevaar"]')
    assert form.is_visible()
    answer(page, "acuut_gevaar", "nee")
    page.wait_for_selector("[data-loading]:visible")
    for _ in range(100):
        if release:
            break
        page.wait_for_timeout(50)
    release[0].continue_()
    page.wait_for_selector(f'{QUESTION}[data-fact="veiligheid_thuis"]')
    assert page.locator("[data-loading]").is_hidden()


@SHARED
def test_assessment_runs_in_a_module_worker_and_matches_the_cli(new_case, site_url):
    page = new_case
    engines = [w.url for w in page.workers if w.url.split("?")[0] == site_url + "assets/assessor/worker.js"]
    assert len(engines) == 1
    case_file = ROOT / "content" / "scenarios" / "voorbeeld_01_corporatie_geluid.yaml"
    facts = yaml.safe_load(case_file.read_text(encoding="utf-8"))["feiten"]
    complete(page, facts)
    assert outcome(page) == cli_statuses(case_file)
    card = page.locator('[data-instrument="buurtbemiddeling"]')
    assert "Waarom" in card.inner_text()
    assert card.locator("a").first.get_attribute("href").endswith("instrumenten/buurtbemiddeling/")


#: Three scenarios end to end through the page: the engine itself is compared with CPython on
#: every scenario and on random cases without a browser (test_wheel_parity.py); these show the
#: page glue carries answers and statuses both ways: a complete case with warnings, a partial
#: case with "weet ik niet", a case that ends early on acute danger, and one where nothing fits.
END_TO_END = ("s51_wapen_met_ernstige_gevolgen_openbare_orde.yaml", "s52_wapen_gevolgen_openbare_orde_onbekend.yaml",
              "s16_acuut_gevaar_verwarde_buurman_met_mes.yaml", "s15_wapen_zonder_gevolgen_openbare_orde.yaml")


@SHARED
def test_scenarios_through_the_page_give_the_engine_statuses(new_case):
    page = new_case
    mismatches, plan_warned = {}, {}
    for index, name in enumerate(END_TO_END):
        case_file = ROOT / "content" / "scenarios" / name
        if index:
            page.locator('[data-action="opnieuw"]').click()
            page.wait_for_selector(f'{QUESTION}[data-fact="acuut_gevaar"]')
        facts = yaml.safe_load(case_file.read_text(encoding="utf-8"))["feiten"]
        got = outcome_after(page, facts)
        expected = cli_statuses(case_file)
        if got != expected:
            mismatches[name] = {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) != v}
        warnings, plan_warnings = _warnings(case_file)
        warned = page.eval_on_selector_all("[data-outcome] [data-warning]", "nodes => nodes.length")
        assert warned == sum(len(w) for w in warnings.values()), name
        # Above the step plan: the warnings content marks for the whole plan, as the engine lists them.
        plan_warned[name] = page.eval_on_selector_all("[data-plan] [data-warning]", "nodes => nodes.map((n) => n.dataset.warning)")
        assert plan_warned[name] == plan_warnings, name
        # When nothing fits, the page says so and shows why, instead of only "niets".
        nothing_fits = set(expected.values()) == {"niet_van_toepassing"}
        assert page.locator("[data-nothing-fits]").count() == int(nothing_fits), name
        reasons = page.locator('[data-group="niet_van_toepassing"] details')
        assert (reasons.get_attribute("open") is not None) == nothing_fits, name
    assert mismatches == {}
    assert any(plan_warned.values()), "no case here has a warning above the plan: choose one that has"


def _warnings(case_file: Path) -> tuple[dict, list[str]]:
    """The engine's warnings per instrument, and those above the step plan."""
    from assessor.cli import read_case_file
    from assessor.engine import assess
    from assessor.modelfile import load_model
    from assessor.plan import step_plan

    model = load_model()
    assessment = assess(model, read_case_file(case_file))
    return {r.id: r.warnings for r in assessment.instruments if r.warnings}, step_plan(model, assessment).warnings


def outcome_after(page, facts):
    complete(page, facts)
    return outcome(page)


@SHARED
def test_back_and_change_keep_every_other_answer(new_case):
    page = new_case
    answer(page, "acuut_gevaar", "nee")
    page.wait_for_selector(f'{QUESTION}[data-fact="veiligheid_thuis"]')
    page.locator('[data-action="geen-van-deze"]').click()  # household violence and children, both "nee"
    page.wait_for_selector(f'{QUESTION}[data-fact="voorvallen"]')
    page.locator('[data-action="geen-van-deze"]').click()  # the four incident questions, all "nee"
    page.wait_for_selector(f'{QUESTION}[data-fact="overlast_soorten"]')
    answer(page, "overlast_soorten", ["geluid", "dieren"])
    page.wait_for_selector(f'{QUESTION}[data-fact="woning_eigendom"]')
    page.locator('[data-action="vorige"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="overlast_soorten"]')
    assert checked(page, "overlast_soorten") == ["geluid", "dieren"]
    page.go_back()
    page.wait_for_selector(f'{QUESTION}[data-fact="voorvallen"]')
    assert checked(page, "voorvallen") == ["nee"] * 4, "the group screen shows its four answers"
    page.go_back()
    page.wait_for_selector(f'{QUESTION}[data-fact="veiligheid_thuis"]')
    assert checked(page, "veiligheid_thuis") == ["nee", "nee"]
    page.go_forward()
    page.go_forward()
    page.wait_for_selector(f'{QUESTION}[data-fact="overlast_soorten"]')
    case = yaml.safe_load((ROOT / "content/scenarios/voorbeeld_04_vervuiling_zorgmijder.yaml").read_text())["feiten"]
    case = {**case, "overlast_soorten": ["verward_gedrag"]}
    complete(page, case)
    summary = page.locator("[data-summary]").inner_text()
    assert "Hulp geweigerd" in summary
    # Change "zorgsignalen" and "overlast_soorten" so "zorg_geweigerd" no longer applies.
    page.locator('[data-action="wijzig"][data-fact="overlast_soorten"]').click()
    form = page.locator(f'{QUESTION}[data-fact="overlast_soorten"]')
    form.locator('input[value="verward_gedrag"]').uncheck()
    form.locator('input[value="geluid"]').check()
    form.locator('[data-action="volgende"]').click()
    page.wait_for_selector('[data-screen="controle"]:not([hidden])')
    page.locator('[data-action="wijzig"][data-fact="zorgsignalen"]').click()
    answer(page, "zorgsignalen", "nee")
    # Without care signals, mediation may fit: its question comes up now, and then the rest.
    page.wait_for_selector(f'{QUESTION}[data-fact="partijen_bereid"]')
    complete(page, {**case, "overlast_soorten": ["geluid"], "zorgsignalen": "nee"})
    # "Wijzig" at a fact asked in a group opens that group's screen, numbered as it was asked.
    page.locator('[data-action="wijzig"][data-fact="wapen_aangetroffen"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="voorvallen"]')
    assert checked(page, "voorvallen") == ["nee"] * 4
    assert page.locator("[data-progress]").inner_text() == "Vraag 3"
    page.locator(f'{QUESTION} [data-action="volgende"]').click()
    page.wait_for_selector('[data-screen="controle"]:not([hidden])')
    summary = page.locator("[data-summary]").inner_text()
    assert "Hulp geweigerd" not in summary, "an answer that no longer applies is dropped"
    assert "Huurwoning van een woningcorporatie" in summary and "Ernstige hinder" in summary


@SHARED
def test_share_link_round_trip(new_case, site_url):
    page = new_case
    case_file = ROOT / "content" / "scenarios" / "voorbeeld_06_treiteren_corporatie.yaml"
    complete(page, yaml.safe_load(case_file.read_text(encoding="utf-8"))["feiten"])
    first = outcome(page)
    page.locator('[data-action="kopieer-link"]').click()
    link = page.locator("[data-share-link]").input_value()
    assert "#antwoorden=" in link and link.startswith(site_url)
    from urllib.parse import unquote

    shared = json.loads(unquote(link.split("#antwoorden=", 1)[1]))
    facts = yaml.safe_load((ROOT / "content" / "feiten.yaml").read_text(encoding="utf-8"))["feiten"]
    for fact_id, value in shared.items():  # ids only, never free text
        allowed = set(facts[fact_id].get("waarden", {})) | {"ja", "nee", "onbekend"}
        assert set(value if isinstance(value, list) else [value]) <= allowed, (fact_id, value)
    other = page.context.new_page()
    errors = []
    other.on("pageerror", lambda error: errors.append(str(error)))
    other.goto(link)
    other.wait_for_selector('[data-screen="uitkomst"]:not([hidden]) [data-instrument]', state="attached")
    got = statuses(other)
    assert got == first == cli_statuses(case_file)
    assert errors == []
    other.close()


def _tampered_links(count: int) -> list[str]:
    rng = random.Random(20261126)
    valid = json.dumps({"acuut_gevaar": "nee", "overlast_soorten": ["geluid"], "woning_eigendom": "corporatie"})
    encoded = quote(valid)
    out = []
    for number in range(count):
        kind = number % 8
        if kind == 0:
            out.append(encoded[: rng.randrange(len(encoded))])
        elif kind == 1:
            chars = list(encoded)
            chars[rng.randrange(len(chars))] = rng.choice("%{}[]\"':,x0<>&")
            out.append("".join(chars))
        elif kind == 2:
            out.append(quote(json.dumps({rng.choice(["ernst", "<script>", "ACUUT", "a" * 70]): "ja"})))
        elif kind == 3:
            out.append(quote(json.dumps({"ernstig": rng.choice(["misschien", "", 1, None, True, ["ja"], {"x": 1}])})))
        elif kind == 4:
            out.append(quote(json.dumps(rng.choice([[], "tekst", 42, None, [["a"]]]))))
        elif kind == 5:
            out.append("%" + "".join(rng.choice("0123456789ABCDEFxyz%") for _ in range(rng.randrange(1, 30))))
        elif kind == 6:
            out.append(quote(json.dumps({"overlast_soorten": ["geluid"] * rng.randrange(1, 80)})))
        else:
            out.append(quote(json.dumps({"woning_eigendom": "<img src=x onerror=alert(1)>"})))
    return out


#: Each tampered link set as the fragment in turn, inside the page (one round trip instead of
#: five per link): whether the tool took it off the address, whether a screen (a question, the
#: check or the outcome) is shown once the tool is idle, and the notice it shows, if any.
TAMPER_IN_PAGE = """async (links) => {
  const app = document.getElementById("aw-app");
  const until = (test, ms) => new Promise((resolve) => {
    const start = performance.now();
    const poll = () => (test() ? resolve(true) : performance.now() - start > ms ? resolve(false) : setTimeout(poll, 5));
    poll();
  });
  const visible = (node) => node !== null && !node.closest("[hidden]") && node.getClientRects().length > 0;
  const screen = () => !app.hasAttribute("aria-busy") && (visible(app.querySelector("[data-question-slot] form[data-fact]"))
    || visible(app.querySelector('[data-screen="uitkomst"]')) || visible(app.querySelector('[data-screen="controle"]')));
  const seen = [];
  for (const link of links) {
    location.hash = `antwoorden=${link}`;
    const handled = await until(() => !location.hash.startsWith("#antwoorden="), 5000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const shown = handled && (await until(screen, 5000));
    const notice = app.querySelector("[data-notice]");
    seen.push({ handled, shown, url: location.href, notice: visible(notice) ? notice.textContent : null });
  }
  return seen;
}"""


@SHARED
def test_tampered_links_give_a_message_and_a_fresh_start_never_a_crash(new_case):
    """Every kind of damage (8 kinds, 5 links each) through the page. The decoder itself is fuzzed
    with hypothesis (test_offline_privacy.py) and the engine's validation too (test_fuzz.py)."""
    page = new_case
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    links = _tampered_links(40)
    outcomes = page.evaluate(TAMPER_IN_PAGE, links)
    for index, (tampered, seen) in enumerate(zip(links, outcomes)):
        assert seen["handled"], f"link {index} not handled: {tampered!r} -> {seen['url']}"
        assert seen["shown"], f"no screen after link {index}: {tampered!r}"
        if seen["notice"] is not None:
            assert "begint" in seen["notice"], seen["notice"]
    page.remove_listener("dialog", dismiss)  # the page is shared: a later test sees its own dialogs
    assert dialogs == []
    assert page.locator("img[src=x]").count() == 0


def test_keyboard_only_completion(page, site_url):
    open_assessor(page, site_url)
    # The first Tab stop is the theme's "Ga naar inhoud", which skips the navigation. It leads to
    # a place on this page: the tool stays as it is (the theme does not load the page again).
    page.evaluate("() => { window.__tool = document.getElementById('aw-app'); }")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('a.md-skip')")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#beoordeel-uw-casus'")

    def tab_to(selector):
        for _ in range(150):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"could not reach {selector} with Tab")

    plan = {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "overlast_soorten": ["geluid"], "woning_eigendom": "koopwoning",
            "geweld_bij_woning": "nee", "wapen_aangetroffen": "nee", "drugs_in_woning": "nee", "verstoring_openbare_orde": "nee"}
    for _ in range(25):
        page.wait_for_selector(f'{QUESTION}:visible, [data-screen="controle"]:not([hidden])')
        if page.locator('[data-screen="controle"]:not([hidden])').count():
            break
        screen = page.locator(QUESTION).get_attribute("data-fact")
        if screen != "acuut_gevaar":  # on page load focus stays at the top of the page
            assert page.evaluate("() => document.activeElement.classList.contains('aw-question__title')"), "focus"
        for fact_id in facts_on_screen(page):
            value = plan.get(fact_id, "onbekend")
            if isinstance(value, list):  # checkboxes: each one is a Tab stop
                for item in value:
                    tab_to(f'input[name="{fact_id}"][value="{item}"]')
                    page.keyboard.press("Space")
            else:  # a radio group is one Tab stop; the arrow keys move and select
                tab_to(f'input[name="{fact_id}"]')
                for _ in range(10):
                    if page.evaluate("(v) => document.activeElement.value === v", value):
                        break
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Space")
        tab_to('[data-action="volgende"]')
        page.keyboard.press("Enter")
        page.wait_for_function("(f) => !document.querySelector(`[data-question-slot] form[data-fact='${f}']`)"
                               " || !document.querySelector('[data-screen=controle]').hidden", arg=screen)
    tab_to('[data-action="bekijk-uitkomst"]')
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-screen="uitkomst"]:not([hidden])')
    assert page.evaluate("() => document.activeElement.textContent") == "Uitkomst van de beoordeling"
    assert page.locator('[data-instrument="gedragsaanwijzing_151d"]').get_attribute("data-status") == "onbekend"
    assert page.evaluate("() => window.__tool === document.getElementById('aw-app')"), "the page was loaded again"


@SHARED
def test_unanswered_question_shows_an_error_summary_and_the_title_says_fout(new_case):
    page = new_case
    title = page.title()  # "van hooguit N" once the engine has counted the questions
    assert re.fullmatch(r"Vraag 1( van hooguit \d+)? – Beoordeel uw casus", title), title
    page.locator('[data-action="volgende"]').click()
    error = page.locator(f'{QUESTION} [data-error]')
    assert error.is_visible() and "Kies ja, nee of weet ik niet" in error.inner_text()
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible() and "Kies ja, nee of weet ik niet" in summary.inner_text()
    assert page.evaluate("() => document.activeElement.matches('[data-error-summary]')"), "focus moves to the summary"
    assert page.title() == f"Fout: {title}"
    summary.locator("a").click()
    assert page.evaluate("() => document.activeElement.name") == "acuut_gevaar"
    assert not page.url.endswith("#aw-acuut_gevaar-ja"), "the error link does not change the URL"
    answer(page, "acuut_gevaar", "nee")
    page.wait_for_selector(f'{QUESTION}[data-fact="veiligheid_thuis"]')
    assert page.title().startswith("Vraag 2 van hooguit ") and summary.is_hidden()


@SHARED
def test_a_multiple_choice_question_left_empty_is_an_error_not_none_of_these(new_case):
    page = new_case
    answer(page, "acuut_gevaar", "nee")
    page.wait_for_selector(f'{QUESTION}[data-fact="veiligheid_thuis"]')
    page.locator('[data-action="geen-van-deze"]').click()  # household violence and children, both "nee"
    page.wait_for_selector(f'{QUESTION}[data-fact="voorvallen"]')
    # A group: each question keeps its own answers, and one left open is named in the summary.
    form = page.locator(QUESTION)
    assert form.get_attribute("data-facts").split() == ["geweld_bij_woning", "wapen_aangetroffen", "drugs_in_woning",
                                                        "verstoring_openbare_orde"]
    form.locator('input[name="geweld_bij_woning"][value="nee"]').check()
    form.locator('[data-action="volgende"]').click()
    assert page.locator("[data-error-summary] li").count() == 3
    page.locator('[data-action="geen-van-deze"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="overlast_soorten"]')
    page.locator('[data-action="volgende"]').click()
    assert "Kies minstens één antwoord" in page.locator("[data-error-summary]").inner_text()
    page.locator('input[name="overlast_soorten"][value="geen"]').check()
    page.locator('input[name="overlast_soorten"][value="geluid"]').check()  # excludes "geen"
    assert not page.locator('input[name="overlast_soorten"][value="geen"]').is_checked()
    page.locator('input[name="overlast_soorten"][value="geen"]').check()  # and "geen" excludes the others
    assert not page.locator('input[name="overlast_soorten"][value="geluid"]').is_checked()
    page.locator('[data-action="volgende"]').click()
    page.wait_for_selector(f'{QUESTION}:not([data-fact="overlast_soorten"])')


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@SHARED
def test_print_view_is_a_decision_record_of_at_most_four_pages(new_case):
    """A housing officer's case (s02: serious, repeated noise from a corporation flat): the step
    plan, the fitting instruments in full with what the dossier must show, what does not apply as
    one line each, and the answers, on at most four A4 pages."""
    page = new_case
    try:
        _print_view(page)
    finally:  # the page is shared: back to the screen, as after printing
        page.emulate_media(media="screen")
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")


def _print_view(page) -> None:
    case_file = ROOT / "content" / "scenarios" / "s02_geluid_corporatiewoning.yaml"
    complete(page, yaml.safe_load(case_file.read_text(encoding="utf-8"))["feiten"])
    statuses = outcome(page)
    assert statuses["gedragsaanwijzing_151d"] == "aangewezen"
    # The 151d card links to its dossier checklist on the instrument page.
    link = page.locator('[data-instrument="gedragsaanwijzing_151d"] [data-dossier] a')
    assert link.get_attribute("href").endswith("instrumenten/gedragsaanwijzing_151d/#dossier")
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "afdruk-uitkomst.png"), full_page=True)
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '[data-action=afdrukken]']
        .map(s => document.querySelector(s)).filter(Boolean).every(n => getComputedStyle(n).display === 'none'
            || getComputedStyle(n.closest('.aw-no-print') || n).display === 'none')""")
    assert hidden
    printed = page.locator('[data-screen="uitkomst"]').inner_text()
    for text in ("Stappenplan", "Gegeven antwoorden", "Inhoudsversie", "Wettelijke grondslag", "Waarom",
                 "Huurwoning van een woningcorporatie", "Kenmerk"):
        assert text in printed, text
    assert page.locator('[data-instrument="verhuurder_aanspreken"] .aw-steps li').first.is_visible(), "steps are printed"
    checklist = page.locator('[data-instrument="gedragsaanwijzing_151d"] [data-dossier] li')
    assert checklist.count() >= 3 and checklist.first.is_visible(), "the 151d dossier checklist is printed"
    not_applicable = page.locator('[data-group="niet_van_toepassing"] li[data-instrument]')
    assert not_applicable.first.is_visible()
    # Each as an officer would write it (issue 21): "Politie inschakelen … past niet, want er is geen acuut gevaar."
    police = page.locator('[data-group="niet_van_toepassing"] li[data-instrument="politie_acuut"]').inner_text()
    assert police.endswith(" past niet, want er is geen acuut gevaar."), police
    pdf = page.pdf(format="A4")
    (SHOTS / "afdruk-uitkomst.pdf").write_bytes(pdf)  # before the check, to look at when it fails
    assert pdf[:4] == b"%PDF" and 1 <= _pdf_pages(pdf) <= 4, _pdf_pages(pdf)


@SHARED
def test_download_gives_the_decision_record_as_a_file(new_case):
    page = new_case
    complete(page, {"acuut_gevaar": "ja"})
    outcome(page)
    with page.expect_download() as info:
        page.locator('[data-action="download"]').click()
    path = info.value.path()
    text = Path(path).read_text(encoding="utf-8")
    assert info.value.suggested_filename.startswith("beoordeling-woonoverlast-") and text.startswith("<!DOCTYPE html>")
    assert "Politie inschakelen" in text and "Inhoudsversie" in text and "Gegeven antwoorden" in text
    assert "Wat uw dossier moet laten zien" in text and "Stappenplan" in text
    assert "<button" not in text


@SHARED
def test_download_as_word_gives_the_same_record_as_a_word_file_made_in_the_browser(new_case):
    """Municipal case systems take Word files: the engine's own Python writes it (issue 20)."""
    import docx

    page = new_case
    case_file = ROOT / "content" / "scenarios" / "s02_geluid_corporatiewoning.yaml"
    complete(page, yaml.safe_load(case_file.read_text(encoding="utf-8"))["feiten"])
    outcome(page)
    fold = page.locator("[data-record-fold]")
    if fold.get_attribute("open") is None:
        fold.locator("summary").click()
    page.locator('[data-record-field="kenmerk"]').fill("Z-2026-17")
    with page.expect_download() as info:
        page.locator('[data-action="download-word"]').click()
    assert info.value.suggested_filename.startswith("beoordeling-woonoverlast-Z-2026-17-")
    assert info.value.suggested_filename.endswith(".docx")
    document = docx.Document(info.value.path())
    paragraphs = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]
    texts = "\n".join(text for _, text in paragraphs)
    assert ("Title", "Beoordeling woonoverlast Z-2026-17-" + info.value.suggested_filename.split("-Z-2026-17-")[1][:-5]) \
        in paragraphs
    assert ("Heading 2", "Stappenplan") in paragraphs
    assert any(style == "Heading 3" and text.startswith("Bestuursrechtelijke gedragsaanwijzing") for style, text in paragraphs)
    assert "Wat uw dossier moet laten zien" in texts and "Gegeven antwoorden" in texts and "Inhoudsversie" in texts
    rows = {row.cells[0].text: row.cells[-1].text for table in document.tables for row in table.rows}
    assert rows["Kenmerk"] == "Z-2026-17" and rows["Eigendom van de woning"] == "Huurwoning van een woningcorporatie"
    assert "Afdrukken" not in texts and "Kopieer link" not in texts, "no buttons in the record"


@SHARED
def test_no_field_asks_for_personal_data(new_case):
    """Answers are choices. The only free-text inputs are the record fields on the outcome
    (kenmerk, behandelaar, datum) and the import of saved cases, each with a reminder not to
    type names or addresses of residents. (Saving cases: test_cases.py.)"""
    page = new_case
    kinds = page.eval_on_selector_all("#aw-app input", "nodes => [...new Set(nodes.map(n => n.type))]")
    assert set(kinds) <= {"radio", "checkbox", "text", "date", "file"}
    free = page.eval_on_selector_all(
        "#aw-app input:not([type=radio]):not([type=checkbox]):not([readonly])",
        """nodes => nodes.map(n => [n.dataset.recordField || n.dataset.action, n.type,
            (n.getAttribute('aria-describedby') || '').split(' ').map(id => document.getElementById(id)?.textContent || '').join(' ')])""")
    assert sorted((name, kind) for name, kind, _ in free) == [
        ("behandelaar", "text"), ("datum", "date"), ("importeer-casussen", "file"), ("kenmerk", "text")]
    for name, _, reminder in free:
        assert "namen" in reminder and "adressen" in reminder and "bewoners" in reminder, name
    assert page.locator("#aw-app textarea").count() == 0


def test_when_pyodide_cannot_load_a_clear_message_and_links_remain(page, site_url):
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(site_url + ASSESSOR)
    fallback = page.locator("[data-fallback]")
    fallback.wait_for(state="visible", timeout=60_000)
    assert "kan hier niet starten" in fallback.inner_text()
    assert page.locator('[data-screen="vraag"]').is_hidden()
    fallback.locator('a[href$="instrumenten/"]').click()
    page.wait_for_url("**/instrumenten/")
    page.wait_for_function("() => document.title.startsWith('Instrumenten')")


def test_opened_from_a_file_the_page_explains_how_to_open_the_tool(browser, built_site):
    site, _ = built_site
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "beoordeel-uw-casus" / "index.html").as_uri())
    fallback = page.locator("[data-fallback]")
    fallback.wait_for(state="visible", timeout=30_000)
    assert "als bestand" in fallback.inner_text()
    context.close()


def test_instant_navigation_keeps_the_engine_loaded(page, site_url):
    open_assessor(page, site_url)
    # A share link pasted into the tab that has the tool open changes only the fragment: the tool
    # reads it in place; the theme does not take it for a navigation and load the page again.
    page.evaluate("() => { window.__tool = document.getElementById('aw-app'); }")
    page.evaluate("(hash) => { location.hash = hash; }", _TO_OUTCOME)
    page.wait_for_selector('[data-screen="uitkomst"]:not([hidden]) [data-instrument]', state="attached")
    assert page.evaluate("() => window.__tool === document.getElementById('aw-app')"), "the page was loaded again"
    assert statuses(page)["politie_acuut"] == "aangewezen"
    page.evaluate("() => { window.__sameRealm = true; }")
    # The tool's page shows no sidebar; the header leads home, and home to the tool.
    page.locator("a.md-logo").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/') && !location.pathname.includes('beoordeel')")
    page.locator('article a[href$="beoordeel-uw-casus/"]').first.click()
    # The case of this tab comes back too, at its screen: the address may end in #stap-N.
    page.wait_for_url(lambda url: url.split("#", 1)[0].endswith("/beoordeel-uw-casus/"))
    assert page.evaluate("() => window.__sameRealm === true"), "instant navigation did not intercept the link"
    page.wait_for_selector('#aw-app[data-engine="ready"]', timeout=2_000)
    assert len([w for w in page.workers if "assets/assessor/worker.js" in w.url]) == 1
