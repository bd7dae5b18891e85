"""Never lose a case: the case kept in the tab (sessionStorage) across a reload, an instrument
page and Back, and a sidebar link; several cases saved in this browser (localStorage) under the
officer's own kenmerk, reopened, compared, deleted, wiped, exported and imported. Each Pyodide
boot costs seconds, so each test walks one page through as many steps as it can."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from assessor_driver import QUESTION, answer, checked, complete, outcome, statuses, wait_engine
from browser_support import axe_violations

ROOT = Path(__file__).resolve().parents[2]
ASSESSOR = "beoordeel-uw-casus/"
SESSION_KEY = "aanpak-woonoverlast:casus:/beoordeel-uw-casus/"
CASES_KEY = "aanpak-woonoverlast:casussen:/beoordeel-uw-casus/"
OLD_KEY = "aanpak-woonoverlast:antwoorden"
OUTCOME = '[data-screen="uitkomst"]:not([hidden]) [data-outcome] [data-instrument]'


def scenario(name: str) -> dict:
    return yaml.safe_load((ROOT / "content" / "scenarios" / name).read_text(encoding="utf-8"))["feiten"]


def stored(page, area: str, key: str):
    return page.evaluate("([area, key]) => JSON.parse(window[area].getItem(key))", [area, key])


def saved_cases(page) -> list[dict]:
    return (stored(page, "localStorage", CASES_KEY) or {"casussen": []})["casussen"]


def left(page) -> None:
    """Instant navigation changes the URL before the new page is shown: wait for the page."""
    page.wait_for_function("() => !document.getElementById('aw-app')")


def open_panel(page) -> None:
    page.evaluate("() => { document.querySelector('[data-cases-panel]').open = true; }")


def case_row(page, kenmerk: str):
    """The list entry of the saved case with this kenmerk, by its [data-case] hook."""
    ids = page.eval_on_selector_all("[data-cases] [data-case]", "nodes => nodes.map(n => [n.querySelector('strong').textContent, n.dataset.case])")
    [case_id] = [case_id for text, case_id in ids if text == kenmerk]
    return page.locator(f'[data-cases] [data-case="{case_id}"]')


def listed(page) -> list[str]:
    return page.eval_on_selector_all("[data-cases] [data-case] .aw-case__title strong", "nodes => nodes.map(n => n.textContent)")


def open_case(page, kenmerk: str) -> None:
    """Open a saved case from the list and wait until the tab holds it (on whatever screen its
    answers lead to)."""
    row = case_row(page, kenmerk)
    case_id = row.get_attribute("data-case")
    row.locator('[data-action="open-casus"]').click()
    page.wait_for_function("([key, id]) => (JSON.parse(sessionStorage.getItem(key)) || {}).caseId === id", arg=[SESSION_KEY, case_id])


def record_field(page, name: str):
    """A record field, its fold ("Voor uw dossier", beside the actions) opened as an officer would."""
    fold = page.locator("[data-record-fold]")
    if fold.get_attribute("open") is None:
        fold.locator("summary").click()
    return page.locator(f'[data-record-field="{name}"]')


def save_as(page, kenmerk: str, **fields: str) -> None:
    record_field(page, "kenmerk").fill(kenmerk)
    for name, value in fields.items():
        record_field(page, name).fill(value)
    page.locator('[data-action="bewaar-casus"]').click()
    page.wait_for_selector("[data-save-message]:visible")


# The case kept in the tab ---------------------------------------------------------------------

def test_a_reload_comes_back_where_the_officer_was_and_keeps_an_answer_given_meanwhile(page, site_url):
    page.goto(site_url + ASSESSOR)
    wait_engine(page)
    answer(page, "acuut_gevaar", "nee")
    page.wait_for_selector(f'{QUESTION}[data-fact="veiligheid_thuis"]')
    page.locator('[data-action="geen-van-deze"]').click()  # household violence and children, both "nee"
    page.wait_for_selector(f'{QUESTION}[data-fact="voorvallen"]')
    page.locator('[data-action="geen-van-deze"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="overlast_soorten"]')
    answer(page, "overlast_soorten", ["geluid", "dieren"])
    page.wait_for_selector(f'{QUESTION}[data-fact="woning_eigendom"]')

    page.reload()
    page.wait_for_selector(f'{QUESTION}[data-fact="woning_eigendom"]', timeout=60_000)
    assert page.locator("[data-progress]").inner_text().startswith("Vraag 5")
    assert "hersteld" in page.locator("[data-restoring]").inner_text()
    page.locator('[data-action="vorige"]').click()  # the trail came back too
    page.wait_for_selector(f'{QUESTION}[data-fact="overlast_soorten"]')
    assert checked(page, "overlast_soorten") == ["geluid", "dieren"]
    page.go_back()
    page.wait_for_selector(f'{QUESTION}[data-fact="voorvallen"]')
    assert checked(page, "voorvallen") == ["nee"] * 4
    page.go_back()
    page.wait_for_selector(f'{QUESTION}[data-fact="veiligheid_thuis"]')
    assert checked(page, "veiligheid_thuis") == ["nee", "nee"]
    page.go_forward()
    page.go_forward()
    page.wait_for_selector(f'{QUESTION}[data-fact="overlast_soorten"]')
    page.locator('[data-action="volgende"]').click()
    complete(page, {"woning_eigendom": "koopwoning", "ernstig": "ja", "herhaaldelijk": "ja"})
    summary = page.locator("[data-summary]").inner_text()

    # Reload on "check your answers" with the engine held back: the first question is there at
    # once, with its stored answer and "Uw casus wordt hersteld"; answering it meanwhile keeps
    # every other answer.
    held = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.reload()
    page.wait_for_selector("[data-restoring]:visible")
    assert "wordt hersteld" in page.locator("[data-restoring]").inner_text()
    assert checked(page, "acuut_gevaar") == ["nee"]
    answer(page, "acuut_gevaar", "nee")
    page.wait_for_selector("[data-loading]:visible")
    assert stored(page, "sessionStorage", SESSION_KEY)["answers"]["woning_eigendom"] == "koopwoning"
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    held[0].continue_()
    page.wait_for_selector('[data-screen="controle"]:not([hidden])', timeout=60_000)
    assert page.locator("[data-summary]").inner_text() == summary
    assert page.evaluate("() => localStorage.length") == 0, "the tab's case is never written to localStorage"


def test_a_case_survives_an_instrument_page_and_back_and_a_sidebar_link(page, site_url):
    page.goto(site_url + ASSESSOR)
    wait_engine(page)
    complete(page, scenario("s07_lichtere_middelen_niet_geprobeerd.yaml"))
    before = outcome(page)
    answers = page.locator("[data-print-summary]").text_content()
    record_field(page, "kenmerk").fill("WO-9")  # kept in memory only, never in storage

    page.locator('[data-instrument="buurtbemiddeling"] .aw-instrument__name a').click()
    page.wait_for_url("**/instrumenten/buurtbemiddeling/")
    left(page)
    page.go_back()
    page.wait_for_selector(OUTCOME, state="attached")
    assert statuses(page) == before
    assert page.locator("[data-print-summary]").text_content() == answers
    assert page.evaluate("() => document.activeElement.closest('[data-instrument]')?.dataset.instrument") == "buurtbemiddeling", \
        "focus is back on the card whose link was followed"
    assert page.locator('[data-record-field="kenmerk"]').input_value() == "WO-9"
    assert "WO-9" not in page.evaluate("() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage)")

    page.locator('[data-action="wijzig-antwoorden"]').click()
    page.wait_for_selector('[data-screen="controle"]:not([hidden])')
    summary = page.locator("[data-summary]").inner_text()
    # The tool's page has no sidebar; its footer links to the rest of the site, whose sidebar
    # leads back to the tool.
    page.locator('.aw-footer-links a[href$="over/"]').click()
    page.wait_for_url("**/over/")
    left(page)
    page.locator('.md-nav a[href$="beoordeel-uw-casus/"]').first.click()
    page.wait_for_selector('[data-screen="controle"]:not([hidden])')
    assert page.locator("[data-summary]").inner_text() == summary
    page.go_back()  # the trail to this screen was made again: Back is the last question
    page.wait_for_selector(f'{QUESTION}[data-fact="geprobeerd"]')
    assert checked(page, "geprobeerd") == ["gesprek"]
    page.go_forward()
    page.wait_for_selector('[data-screen="controle"]:not([hidden])')
    page.locator('[data-action="bekijk-uitkomst"]').click()
    page.wait_for_selector(OUTCOME, state="attached")
    page.locator('[data-action="opnieuw"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="acuut_gevaar"]')
    assert page.evaluate("() => sessionStorage.length") == 0, "Nieuwe casus clears the tab's case"
    assert page.evaluate("() => localStorage.length") == 0


# Saved cases ----------------------------------------------------------------------------------

@pytest.mark.axe
def test_saved_cases_reopen_show_their_changes_and_can_be_deleted_and_wiped(page, site_url):
    page.goto(site_url + ASSESSOR)
    wait_engine(page)
    complete(page, scenario("s07_lichtere_middelen_niet_geprobeerd.yaml"))
    first = outcome(page)
    assert page.evaluate("() => localStorage.length") == 0, "nothing is stored before the officer saves"

    # No kenmerk: the page asks for one, in the page, and stores nothing.
    page.locator('[data-action="bewaar-casus"]').click()
    assert page.locator("[data-record-error]").is_visible()
    assert page.evaluate("() => document.activeElement.dataset.recordField") == "kenmerk"
    assert page.evaluate("() => localStorage.length") == 0
    save_as(page, "WO-1", behandelaar="A. Ambtenaar", datum="2026-11-03")
    assert "WO-1" in page.locator("[data-save-message]").inner_text()
    [saved] = saved_cases(page)
    assert saved["kenmerk"] == "WO-1" and saved["statussen"] == first and saved["datum"] == "2026-11-03"
    assert saved["antwoorden"]["geprobeerd"] == ["gesprek"] and saved["behandelaar"] == "A. Ambtenaar"

    page.locator('[data-action="opnieuw"]').click()
    page.wait_for_selector(f'{QUESTION}[data-fact="acuut_gevaar"]')
    assert page.locator('[data-record-field="kenmerk"]').input_value() == "", "a new case starts without record fields"
    complete(page, {"acuut_gevaar": "ja"})
    second = outcome(page)
    save_as(page, "WO-2")
    page.locator('[data-action="opnieuw"]').click()
    complete(page, {"acuut_gevaar": "ja"})
    outcome(page)
    save_as(page, "WO-1")  # a clash: never overwrites the other case
    assert page.locator('[data-record-field="kenmerk"]').input_value() == "WO-1 (2)"
    open_panel(page)
    assert sorted(listed(page)) == ["WO-1", "WO-1 (2)", "WO-2"]
    count = sum(status == "aangewezen" for status in first.values())
    assert f"{count} instrument{'' if count == 1 else 'en'} aangewezen" in case_row(page, "WO-1").inner_text()

    # Reopen WO-1: its outcome and record fields; then reassess after a change.
    open_case(page, "WO-1")
    page.wait_for_selector(OUTCOME, state="attached")
    assert statuses(page) == first
    assert page.locator('[data-record-field="behandelaar"]').input_value() == "A. Ambtenaar"
    assert page.locator("[data-changes]").is_hidden()
    # The record fields go into the downloaded decision record, never into a share link.
    with page.expect_download() as info:
        page.locator('[data-action="download"]').click()
    record = Path(info.value.path()).read_text(encoding="utf-8")
    assert info.value.suggested_filename.startswith("beoordeling-woonoverlast-WO-1-")
    assert "A. Ambtenaar" in record and "3 november 2026" in record and "<input" not in record
    page.locator('[data-action="kopieer-link"]').click()
    link = page.locator("[data-share-link]").input_value()
    assert "#antwoorden=" in link and "WO-1" not in link and "Ambtenaar" not in link and "2026-11-03" not in link
    page.locator('[data-action="wijzig-antwoorden"]').click()
    page.locator('[data-action="wijzig"][data-fact="geprobeerd"]').click()
    form = page.locator(f'{QUESTION}[data-fact="geprobeerd"]')
    form.locator('input[value="buurtbemiddeling"]').check()
    form.locator('[data-action="volgende"]').click()
    complete(page, {"apv_151d": "ja"})
    now = outcome(page)
    assert now["gedragsaanwijzing_151d"] == "aangewezen" != first["gedragsaanwijzing_151d"]
    changes = page.locator("[data-changes]")
    assert changes.is_visible()
    text = changes.inner_text()
    assert text.startswith("Veranderd sinds") and "toen u ‘WO-1’ bewaarde" in text
    assert "Al geprobeerd: Buurtbemiddeling toegevoegd" in text
    assert "Bestuursrechtelijke gedragsaanwijzing (Wet aanpak woonoverlast): nu aangewezen (was: eerst andere stappen)" in text
    assert changes.locator('[data-change-instrument="buurtbemiddeling"][data-status="niet_van_toepassing"]').count() == 1
    assert changes.locator('[data-change-fact="apv_151d"]').count() == 1
    assert axe_violations(page, "#aw-app") == [], "outcome with record fields and changes"

    # Opening another case now would lose these changes: the page asks first.
    open_panel(page)
    case_row(page, "WO-2").locator('[data-action="open-casus"]').click()
    assert page.locator('[data-cases] [data-confirm="openen"]').is_visible()
    assert axe_violations(page, "#aw-app") == [], "saved cases with a question"
    page.locator('[data-cases] [data-action="annuleer"]').click()
    assert page.locator("[data-confirm]").count() == 0 and statuses(page) == now
    page.locator('[data-action="bewaar-casus"]').click()  # saved again under its kenmerk: updated, not added
    assert changes.is_hidden() and len(saved_cases(page)) == 3
    assert [c["statussen"] for c in saved_cases(page) if c["kenmerk"] == "WO-1"] == [now]

    # Delete one (after a question in the page, never window.confirm), then wipe all.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    case_row(page, "WO-2").locator('[data-action="verwijder-casus"]').click()
    page.locator('[data-cases] [data-action="annuleer"]').click()
    assert len(saved_cases(page)) == 3
    case_row(page, "WO-2").locator('[data-action="verwijder-casus"]').click()
    page.locator('[data-action="bevestig-verwijderen"]').click()
    assert sorted(listed(page)) == ["WO-1", "WO-1 (2)"] and "verwijderd" in page.locator("[data-cases-message]").inner_text()
    _import(page, "ander.json", _export_file([{"kenmerk": "WO-1", "antwoorden": {"oud_feit": "ja"}}, "tekst"]))
    assert axe_violations(page, "#aw-app") == [], "an import message with notes"
    open_case(page, "WO-1 (2)")
    page.wait_for_selector(OUTCOME, state="attached")
    assert statuses(page) == second
    open_panel(page)
    page.locator('[data-action="wis-alle-casussen"]').click()
    assert axe_violations(page, "#aw-app") == [], "wipe question"
    page.locator('[data-action="bevestig-wissen"]').click()
    assert listed(page) == [] and page.evaluate("() => localStorage.length") == 0
    assert dialogs == []


def _export_file(cases: list[dict]) -> bytes:
    return json.dumps({"bestand": "aanpak-woonoverlast-casussen", "versie": 1, "casussen": cases}).encode()


def _import(page, name: str, data: bytes) -> str:
    page.locator("[data-cases-message]").evaluate("node => { node.hidden = true; }")
    page.set_input_files('input[type=file][data-action="importeer-casussen"]',
                         files=[{"name": name, "mimeType": "application/json", "buffer": data}])
    page.wait_for_selector("[data-cases-message]:visible")
    return page.locator("[data-cases-message]").inner_text()


def test_import_checks_every_case_and_export_then_import_round_trips(page, site_url):
    # A case saved by an earlier version of the tool (one entry, no kenmerk) is taken over once;
    # a case saved here under older content keeps its place in the list.
    page.goto(site_url)
    stale = {"id": "c0123456789abcdef01", "kenmerk": "WO-oud", "bewaard": "2026-01-05T10:00:00.000Z", "inhoudsversie": "2025.1",
             "antwoorden": {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "vervallen_feit": "ja"}, "statussen": None,
             "behandelaar": "", "datum": ""}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [CASES_KEY, json.dumps({"versie": 1, "casussen": [stale]})])
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [OLD_KEY, json.dumps(
        {"answers": {"acuut_gevaar": "ja"}, "saved": "2026-10-01T09:00:00.000Z"})])
    page.goto(site_url + ASSESSOR)
    wait_engine(page)
    page.wait_for_selector("[data-cases-message]:visible")
    assert "Eerder bewaarde casus" in page.locator("[data-cases-message]").inner_text()
    assert page.evaluate("(key) => localStorage.getItem(key)", OLD_KEY) is None
    assert listed(page) == ["Eerder bewaarde casus", "WO-oud"]  # newest first
    before = page.evaluate("() => JSON.stringify(localStorage)")
    here = json.loads(json.loads(before)[CASES_KEY])["casussen"]

    message = _import(page, "kapot.json", b'{"bestand": "aanpak-woonoverlast-casussen", "casussen": [')
    assert "kan niet worden gelezen" in message and "niets veranderd" in message
    message = _import(page, "casus.json", json.dumps({"feiten": {"acuut_gevaar": "ja"}}).encode())
    assert "geen export van casussen" in message and "niets veranderd" in message
    assert page.evaluate("() => JSON.stringify(localStorage)") == before

    # A case from older content: an unknown fact and an unknown value are dropped and named, the
    # rest is kept, and its kenmerk (the same as the case already here) gets a new one.
    old = {"kenmerk": "Eerder bewaarde casus", "bewaard": "2026-11-03T10:00:00.000Z", "inhoudsversie": "2025.1",
           "antwoorden": {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "overlast_soorten": ["geluid", "vuurwerk"],
                          "oud_feit": "ja"},
           "statussen": {"buurtbemiddeling": "onbekend"}}
    message = _import(page, "oud.json", _export_file([old, {"kenmerk": "", "antwoorden": {}}, "tekst"]))
    assert "1 casus is geïmporteerd" in message
    assert "oud_feit" in message and "vuurwerk" in message and "andere antwoorden zijn overgenomen" in message
    assert "Eerder bewaarde casus (2)" in message
    assert "Casus 2 in het bestand is overgeslagen" in message and "Casus 3 in het bestand is overgeslagen" in message
    cases = saved_cases(page)
    assert cases[:2] == here, "the cases already here are untouched"
    assert [c["kenmerk"] for c in cases] == ["WO-oud", "Eerder bewaarde casus", "Eerder bewaarde casus (2)"]
    assert cases[2]["antwoorden"] == {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "overlast_soorten": ["geluid"]}
    open_case(page, "Eerder bewaarde casus (2)")
    page.wait_for_selector(f'{QUESTION}[data-fact="veiligheid_thuis"]')  # the next question the case needs
    assert stored(page, "sessionStorage", SESSION_KEY)["answers"] == cases[2]["antwoorden"]
    assert page.locator("[data-notice]").is_hidden(), "what was dropped was said at the import"

    # A stored case from older content is checked when it is opened, like a share link.
    open_panel(page)
    open_case(page, "WO-oud")
    page.wait_for_selector(f'{QUESTION}[data-fact="veiligheid_thuis"]')
    notice = page.locator("[data-notice]").inner_text()
    assert "vervallen_feit" in notice and "WO-oud" in notice and "andere antwoorden zijn overgenomen" in notice
    assert stored(page, "sessionStorage", SESSION_KEY)["answers"] == {"acuut_gevaar": "nee", "huiselijk_geweld": "nee"}
    assert saved_cases(page)[0] == stale, "opening changes nothing stored until the officer saves"

    # Export all, wipe, import the file: the same cases; importing it again adds nothing.
    open_panel(page)
    with page.expect_download() as info:
        page.locator('[data-action="exporteer-casussen"]').click()
    exported = Path(info.value.path()).read_bytes()
    assert info.value.suggested_filename.endswith(".json")
    page.locator('[data-action="wis-alle-casussen"]').click()
    page.locator('[data-action="bevestig-wissen"]').click()
    assert saved_cases(page) == []
    message = _import(page, info.value.suggested_filename, exported)
    assert "3 casussen zijn geïmporteerd" in message
    assert "vervallen_feit" in message, "the stale case is checked again on its way in"
    strip = lambda items: [{k: v for k, v in item.items() if k != "id"} for item in items]  # noqa: E731
    expected = strip(cases)
    del expected[0]["antwoorden"]["vervallen_feit"]
    assert strip(saved_cases(page)) == expected
    message = _import(page, info.value.suggested_filename, exported)
    assert "niets geïmporteerd" in message and "stond al in deze browser" in message
    assert len(saved_cases(page)) == 3
