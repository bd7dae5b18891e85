"""The Den Haag edition and a test municipality, built and served: the APV question is not
asked, the outcome names the municipality's own meldpunt, the decision record names the
municipality, and a municipality's colours keep the contrast within WCAG AA."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from assessor_driver import complete, outcome, wait_engine
from browser_support import axe_violations
from site_server import SiteServer, build_site, free_port

ROOT = Path(__file__).resolve().parents[2]
TEST_PROFILE = ROOT / "tests" / "profiles" / "testgemeente.yaml"
#: A housing officer's case: serious, repeated noise from a corporation flat, the landlord asked.
CASE = {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "geweld_bij_woning": "nee", "wapen_aangetroffen": "nee",
        "drugs_in_woning": "nee", "verstoring_openbare_orde": "nee", "overlast_soorten": ["geluid"],
        "woning_eigendom": "corporatie", "ernstig": "ja", "herhaaldelijk": "ja", "gericht_op_buren": "nee",
        "zorgsignalen": "nee", "meervoudige_problematiek": "nee", "partijen_bereid": "nee",
        "geprobeerd": ["gesprek", "verhuurder_aangesproken", "bestuurlijke_waarschuwing"], "verhuurder_treedt_op": "nee",
        "apv_151d": "ja", "minderjarige_kinderen": "nee"}

pytestmark = pytest.mark.xdist_group("edities")


def _serve(tmp_path_factory, gemeente: str):
    port = free_port()
    site = tmp_path_factory.mktemp(Path(gemeente).stem) / "site"
    # Without the precompiled standard library: the national build's tests cover it.
    build_site(site, f"http://127.0.0.1:{port}/", extra_env={"GEMEENTE": gemeente, "AANPAK_PRECOMPILED_STDLIB": "false"})
    return SiteServer(site, port)


@pytest.fixture(scope="module")
def den_haag(tmp_path_factory):
    server = _serve(tmp_path_factory, "den-haag")
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def testgemeente(tmp_path_factory):
    server = _serve(tmp_path_factory, str(TEST_PROFILE))
    yield server.url
    server.stop()


def test_den_haag_edition_asks_no_apv_question_and_names_its_meldpunt(page, den_haag):
    page.goto(den_haag + "beoordeel-uw-casus/")
    wait_engine(page)
    asked = complete(page, CASE)
    assert "apv_151d" not in asked and "overlast_soorten" in asked
    preset = page.locator('[data-summary] [data-preset="apv_151d"]')
    assert "vastgesteld door de gemeente Den Haag" in preset.inner_text()
    statuses = outcome(page)
    assert statuses["gedragsaanwijzing_151d"] == "aangewezen"
    card = page.locator('[data-instrument="gedragsaanwijzing_151d"]').inner_text()
    assert "Meld- en Steunpunt Woonoverlast" in card and "art. 2:40 APV Den Haag" in card
    assert "Editie voor de gemeente Den Haag" in page.locator("[data-edition]").inner_text()
    with page.expect_download() as info:
        page.locator('[data-action="download"]').click()
    record = Path(info.value.path()).read_text(encoding="utf-8")
    assert "gemeente Den Haag" in record and "gemeenteprofiel versie 2026.11-1" in record
    assert "vastgesteld door de gemeente Den Haag" in record


def test_each_edition_names_itself_in_versie_json(den_haag, built_site):
    """What a monitor reads, and what `make dist` names its archive after (build_scripts/version_file.py)."""
    with urllib.request.urlopen(den_haag + "versie.json") as response:
        assert json.load(response)["editie"] == "den-haag"
    assert json.loads((built_site[0] / "versie.json").read_text(encoding="utf-8"))["editie"] == "landelijk"


def test_the_national_edition_still_asks_the_apv_question(page, site_url):
    page.goto(site_url + "beoordeel-uw-casus/")
    wait_engine(page)
    assert "apv_151d" in complete(page, CASE)
    assert page.locator("[data-preset]").count() == 0


@pytest.mark.axe
def test_a_municipality_with_its_own_colours_and_answers(page, testgemeente):
    page.goto(testgemeente)
    assert "Editie voor de gemeente Testgemeente" in page.locator("article").inner_text()
    primary = page.evaluate("() => getComputedStyle(document.body).getPropertyValue('--md-primary-fg-color').trim()")
    assert primary == "#7a1f1f"
    # The municipality's colours keep WCAG AA: on its home page, the outcome and an instrument page.
    assert axe_violations(page) == [], "startpagina"
    page.goto(testgemeente + "beoordeel-uw-casus/")
    wait_engine(page)
    asked = complete(page, CASE)
    assert "apv_151d" not in asked
    statuses = outcome(page)
    assert statuses["gedragsaanwijzing_151d"] == "eerst_andere_stappen", "Testgemeente has no APV provision"
    assert axe_violations(page) == [], "uitkomst"
    page.goto(testgemeente + "instrumenten/buurtbemiddeling/")
    assert axe_violations(page) == [], "instrumentpagina"
