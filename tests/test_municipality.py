"""A municipality's own edition (GEMEENTE=<id>): its profile is checked like any content, answers
facts once, and names the municipality; the national edition stays as it is."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assessor.errors import ContentErrors
from assessor.interview import run_interview
from build_scripts.compile_content import compile_content, model_path, write_model

ROOT = Path(__file__).resolve().parent.parent
TEST_PROFILE = ROOT / "tests" / "profiles" / "testgemeente.yaml"


@pytest.fixture(scope="module")
def den_haag():
    return compile_content(gemeente="den-haag")


def test_the_den_haag_edition_answers_the_apv_question_itself(den_haag):
    model = den_haag.model
    assert model.preset == {"apv_151d": True}
    state = run_interview(model, {"acuut_gevaar": "nee"})
    assert "apv_151d" not in state.asked
    # An answer given for it (from a link made elsewhere) does not count: the municipality's does.
    assert run_interview(model, {"apv_151d": "nee"}).dropped == ["apv_151d"]
    municipality = den_haag.model_data["municipality"]
    assert municipality["name"] == "Den Haag" and municipality["apv_151d"]["article"] == "2:40"
    # Written once in the model: the engine applies it and the page shows it from the same place.
    assert den_haag.model_data["preset"] == {"apv_151d": "ja"} and "preset" not in municipality
    assert municipality["contacts"]["meldpunt_woonoverlast"]["organisation"].startswith("Meld- en Steunpunt Woonoverlast")


def test_the_den_haag_profile_invents_no_phone_number_or_e_mail_address(den_haag):
    for contact in den_haag.model_data["municipality"]["contacts"].values():
        assert contact["phone"] is None and contact["email"] is None


def test_the_national_model_answers_nothing_itself(compiled):
    assert compiled.model.preset == {} and "municipality" not in compiled.model_data
    assert "apv_151d" in compiled.model.route


def test_an_edition_has_its_own_model_file_and_the_cli_reads_it(den_haag, tmp_path):
    path = model_path(den_haag)
    assert path.parts[-3:] == ("gemeenten", "den-haag", "model.json")
    write_model(den_haag)
    case = tmp_path / "casus.json"
    case.write_text(json.dumps({"feiten": {"ernstig": "ja", "herhaaldelijk": "ja", "overlast_soorten": ["geluid"],
                                           "geprobeerd": ["bestuurlijke_waarschuwing"], "apv_151d": "nee"}}))
    result = subprocess.run([sys.executable, "-m", "assessor", "--model", str(path), "assess", str(case), "--format", "json"],
                            cwd=ROOT, capture_output=True, text=True)
    statuses = {item["id"]: item["status"] for item in json.loads(result.stdout)["instruments"]}
    assert statuses["gedragsaanwijzing_151d"] == "aangewezen", "Den Haag adopted its APV provision"


def test_a_general_profile_other_facts_colours_and_logo():
    compiled = compile_content(gemeente=str(TEST_PROFILE))
    assert compiled.model.preset == {"apv_151d": False}
    assert compiled.model_data["municipality"]["colours"]["primair"] == "#7a1f1f"
    assert compiled.profile.path == TEST_PROFILE


@pytest.mark.parametrize("old, new, message, marker", [
    ("  buurtbemiddeling:\n    organisatie: Buurtbemiddeling Testgemeente",
     "  bemiddelaar:\n    organisatie: Buurtbemiddeling Testgemeente", "onbekende partnerrol 'bemiddelaar'", "  bemiddelaar:"),
    ("    telefoon: +31 99 123 4567", "    telefoon: bel ons", "heeft niet de juiste vorm", "telefoon: bel ons"),
    ("  apv_151d: nee", "  apv_151d: nee\n  huisdieren: ja", "Onbekend feit 'huisdieren'", "huisdieren: ja"),
    ("  apv_151d: nee", "  apv_151d: misschien", "Toegestaan: ja, nee", "apv_151d: misschien"),
    ("notities:\n  buurtbemiddeling:", "notities:\n  bemiddeling:", "onbekend instrument 'bemiddeling'", "  bemiddeling:"),
    ("  logo: testgemeente-logo.svg", "  logo: bestaat-niet.svg", "staat niet naast het profiel", "logo: bestaat-niet.svg"),
])
def test_a_mistake_in_a_profile_stops_the_build_with_file_and_line(tmp_path, old, new, message, marker):
    profile = tmp_path / "fout.yaml"
    shutil.copy(TEST_PROFILE.with_name("testgemeente-logo.svg"), tmp_path)
    text = TEST_PROFILE.read_text(encoding="utf-8")
    assert old in text
    profile.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = next(number for number, row in enumerate(profile.read_text(encoding="utf-8").splitlines(), 1) if marker in row)
    with pytest.raises(ContentErrors) as raised:
        compile_content(gemeente=str(profile))
    assert any(message in error.message and error.line == line and error.file.endswith("fout.yaml")
               for error in raised.value.errors), raised.value.report()


def test_an_unknown_profile_id_names_the_ones_there_are():
    with pytest.raises(ContentErrors) as raised:
        compile_content(gemeente="atlantis")
    assert "den-haag" in raised.value.report()
