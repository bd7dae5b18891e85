"""The domain contract in ../shared/domain/ holds exactly: ids, values, rules, CLI, cases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from assessor.logic import parse, to_text

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "domain"
if not SHARED.is_dir():  # CI lays shared/ beside the clone
    SHARED = Path.cwd().parent / "shared" / "domain"
CASES = sorted((SHARED / "cases").glob("*.yaml"))

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/domain ontbreekt")
#: The instrument ids of the contract, in its order (the CLI may list more: extensions).
CONTRACT_IDS = ([item["id"] for item in yaml.safe_load((SHARED / "instruments.yaml").read_text(encoding="utf-8"))["instruments"]]
                if SHARED.is_dir() else [])
STATUSES = ("aangewezen", "eerst_andere_stappen", "onbekend", "niet_van_toepassing")


def _contract(name):
    return yaml.safe_load((SHARED / name).read_text(encoding="utf-8"))


def test_every_contract_fact_exists_with_its_type_and_values(model):
    facts = _contract("facts.yaml")["facts"]
    assert set(model.facts) == set(facts)
    for fact_id, fact in facts.items():
        assert model.facts[fact_id].type == fact["type"], fact_id
        assert list(model.facts[fact_id].value_ids) == list(fact.get("values", [])), fact_id


def test_every_contract_instrument_exists_with_the_same_rules(model):
    """The contract's instruments exactly, in the contract's order; content may add more
    ("extend freely, keep ids and meanings")."""
    instruments = _contract("instruments.yaml")["instruments"]
    contract_ids = [item["id"] for item in instruments]
    assert [item.id for item in model.instruments if item.id in contract_ids] == contract_ids
    for contract in instruments:
        ours = model.instrument(contract["id"])
        aliases = model.aliases
        assert to_text(ours.applies) == to_text(parse(contract["aangewezen"], aliases)), contract["id"]
        if "eerst_andere_stappen" in contract:
            assert ours.later is not None
            assert to_text(ours.later) == to_text(parse(contract["eerst_andere_stappen"], aliases))
        else:
            assert ours.later is None, contract["id"]
        expected_warnings = {k: to_text(parse(v, aliases)) for k, v in contract.get("warnings", {}).items()}
        assert {k: to_text(v) for k, v in ours.warnings.items()} == expected_warnings


def test_legal_basis_matches_the_contract(compiled):
    """Every legal basis names the contract's article and BWB id (the BW by book)."""
    from build_scripts.citations import Laws

    laws = Laws(compiled.content.data["wetten.yaml"].data["wetten"])
    instruments = {item["id"]: item for item in _contract("instruments.yaml")["instruments"]}

    def bwb(citation):
        law = laws.laws[citation.law]
        return law["boeken"][citation.article.split(":")[0]] if "boeken" in law else law["bwb"]

    for item in compiled.content.instruments:
        front = item.front.data
        if front["id"] not in instruments:  # an instrument beyond the contract
            continue
        contract = [(str(b["article"]) if b["article"] is not None else None, b["bwb"])
                    for b in instruments[front["id"]]["legal_basis"]]
        ours = [(c.article, bwb(c)) for c in (laws.citation(entry["bron"]) for entry in front["wettelijke_grondslag"])]
        assert ours == contract, front["id"]


def test_contract_definitions_mean_what_the_contract_says(model):
    definitions = {name: to_text(d.rule) for name, d in model.definitions.items()}
    assert definitions["huur"] == "woning_eigendom(corporatie) or woning_eigendom(particuliere_verhuur)"
    assert definitions["overlast"] == "not leeg(overlast_soorten)"
    assert definitions["lichtere_middelen"] == (
        "geprobeerd(buurtbemiddeling) or geprobeerd(hulpverlening) or geprobeerd(verhuurder_aangesproken)"
        " or geprobeerd(huurrechtelijke_gedragsaanwijzing) or geprobeerd(gedragsaanwijzing_rechter)"
        " or geprobeerd(bestuurlijke_waarschuwing)")
    # "any value except bouwkundig, overbewoning and onrechtmatige_bewoning" (version 3)
    behaviour = [kind for kind in _contract("facts.yaml")["facts"]["overlast_soorten"]["values"]
                 if kind not in ("bouwkundig", "overbewoning", "onrechtmatige_bewoning")]
    assert definitions["overlast_gedrag"] == " or ".join(f"overlast_soorten({kind})" for kind in behaviour)
    assert model.aliases == {"soort": "overlast_soorten"}


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assessor", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("case_file", CASES, ids=lambda p: p.stem)
def test_cli_assess_gives_the_expected_outcome_of_each_shared_case(case_file):
    result = _cli("assess", str(case_file), "--format", "json")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert set(output) == {"instruments", "content_version"}
    ids = [item["id"] for item in output["instruments"]]
    assert len(ids) == len(set(ids)) and set(CONTRACT_IDS) <= set(ids)
    for item in output["instruments"]:
        assert set(item) == {"id", "status", "reasons", "missing_facts", "warnings"}
        assert item["reasons"], item["id"]
    expected = yaml.safe_load(case_file.read_text(encoding="utf-8"))["verwacht"]
    # The contract's instruments exactly; any others are extensions and only need a valid status.
    contract = [item for item in output["instruments"] if item["id"] in CONTRACT_IDS]
    assert [item["id"] for item in contract] == CONTRACT_IDS
    assert {item["id"]: item["status"] for item in contract} == expected["status"]
    assert all(item["status"] in STATUSES for item in output["instruments"])
    warnings = {item["id"]: item["warnings"] for item in contract if item["warnings"]}
    assert warnings == (expected.get("warnings") or {})


def test_cli_text_report_is_dutch_and_names_the_content_version():
    result = _cli("assess", str(CASES[0]))
    assert result.returncode == 0
    assert "Aangewezen" in result.stdout and "Inhoudsversie" in result.stdout


def test_onbekend_names_the_deciding_facts():
    output = json.loads(_cli("assess", str(SHARED / "cases" / "voorbeeld_05_onvolledig.yaml"), "--format", "json").stdout)
    politie = next(item for item in output["instruments"] if item["id"] == "politie_acuut")
    assert politie["status"] == "onbekend" and politie["missing_facts"] == ["acuut_gevaar"]


@pytest.mark.parametrize("text, suffix, message", [
    ("feiten: {ernst: ja}", ".yaml", "Onbekend feit 'ernst'"),
    ("feiten: {ernstig: misschien}", ".yaml", "Toegestaan: ja, nee"),
    ("feiten: {woning_eigendom: kasteel}", ".yaml", "Toegestaan: één van corporatie, particuliere_verhuur, koopwoning"),
    ("feiten: {overlast_soorten: [geluid, lawaai]}", ".yaml", "'lawaai' in feit 'overlast_soorten'"),
    ('{"feiten": {"ernstig": 1}}', ".json", "Ongeldige waarde 1 voor feit 'ernstig'"),
    ("feiten: [", ".yaml", "geen geldige YAML"),
    ("{", ".json", "geen geldige JSON"),
    ("naam: zonder feiten", ".yaml", "onder 'feiten:'"),
])
def test_cli_bad_input_exits_2_with_one_clear_line(tmp_path, text, suffix, message):
    case = tmp_path / f"casus{suffix}"
    case.write_text(text, encoding="utf-8")
    result = _cli("assess", str(case), "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


def test_cli_missing_file_exits_2(tmp_path):
    result = _cli("assess", str(tmp_path / "bestaat-niet.yaml"))
    assert result.returncode == 2 and "bestaat niet" in result.stderr


def test_cli_check_passes_on_the_content():
    result = _cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 mislukt" in result.stdout
