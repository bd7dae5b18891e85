"""Guards for the text findings of the legal review of 2026-12-08 (../shared/reviews/).

Each test names a sentence an officer could act on wrongly if it came back: a closure
decision that leaves out a statutory condition, a letter that promises too much, a covenant
presented as a legal ground. They read the content as the build loads it (the ``compiled``
fixture) and the Markdown pages under docs/, so they run in well under a second.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
WGS = "Wet gegevensverwerking door samenwerkingsverbanden"


def _files(compiled, kind: str) -> dict[str, Any]:
    """Model documents or instruments by id, each with its front matter and body."""
    files = getattr(compiled.content, kind)
    return {item.front.data["id"]: item for item in files}


def _jurisprudence(compiled) -> dict[str, dict[str, Any]]:
    return {ruling["ecli"]: ruling for ruling in compiled.content.data["jurisprudentie.yaml"].data["uitspraken"]}


def _page(relative: str) -> str:
    return (DOCS / relative).read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- critical: 174a model decision -------------------------------------------------------


def test_the_174a_decision_names_the_public_order_condition_for_grounds_b_and_c(compiled):
    """Since 2024 grounds b (violence) and c (weapon) also need a serious disturbance of public
    order around the dwelling, or serious fear of it. Filled in as instructed, the decision must
    carry that condition; the violence or weapon alone is not enough."""
    document = _files(compiled, "documents")["sluiting-174a"]
    fields = document.front.data["invulvelden"]
    ground = _flat(fields["grond"])
    for letter in ("b", "c"):
        part = ground.split(f"Grond {letter}:", 1)[1].split("Grond ", 1)[0]
        assert "openbare orde rond de woning ernstig verstoord" in part and "ernstige vrees" in part, (letter, part)
    assert "gevolgen openbare orde" in fields
    body = _flat(document.body)
    assert "«gevolgen openbare orde»" in body
    assert "onder b of c" in body and "ernstige vrees" in body


def test_the_174a_procedure_step_names_the_public_order_condition(compiled):
    steps = compiled.content.data["procedures.yaml"].data["instrumenten"]["sluiting_174a"]["aanvullingen"]
    text = _flat(steps["signalering_en_dossier"]["tekst"])
    assert "Bij grond b en c moet de openbare orde rond de woning daardoor ernstig worden verstoord" in text


# --- major: warning letter -----------------------------------------------------------------


def test_the_warning_letter_does_not_say_it_can_never_be_appealed(compiled):
    """RVS:2024:1054 held a warning was no decision because that APV made it no condition for a
    sanction and it had lapsed; the letter may not promise more than that."""
    document = _files(compiled, "documents")["bestuurlijke-waarschuwing"]
    body = _flat(document.body)
    assert "«bezwaar of geen bezwaar»" in body
    fixed_text = re.sub(r"«[^»]*»", "", body)
    assert "geen besluit" not in fixed_text and "geen bezwaar" not in fixed_text
    note = _flat(document.front.data["invulvelden"]["bezwaar of geen bezwaar"])
    assert "ECLI:NL:RVS:2024:1054" in note and "voorwaarde" in note and "bezwaarclausule" in note


@pytest.mark.parametrize("sentence", [
    "Volgens de Raad van State (zaak Rijswijk) is zo'n waarschuwing geen besluit; er staat dus geen bezwaar",
    "Volgens de Raad van State (zaak Rijswijk) is zo'n waarschuwing geen besluit, dus er staat geen bezwaar",
    "let op, dit is geen besluit.",
])
def test_no_page_says_without_condition_that_a_warning_cannot_be_appealed(sentence):
    texts = [_flat(path.read_text(encoding="utf-8")) for folder in ("content", "docs")
             for path in (ROOT / folder).rglob("*") if path.suffix in (".md", ".yaml")]
    assert not [text for text in texts if sentence in text]


# --- major: data sharing -------------------------------------------------------------------


def test_informatie_delen_names_the_wgs_and_its_date():
    page = _flat(_page("aanpak/informatie-delen.md"))
    assert WGS in page and "1 maart 2025" in page
    assert "Zorg- en Veiligheidshuizen" in page and "RIEC" in page
    assert "rijksoverheid.nl/actueel/nieuws/2024/12/04/inwerkingtreding-wet-gegevensverwerking" in page


def test_the_zorg_en_veiligheidshuis_and_riec_pages_name_the_wgs(compiled):
    instrument = _files(compiled, "instruments")["zorg_en_veiligheidshuis"]
    texts = " ".join(condition["tekst"] for condition in instrument.front.data["voorwaarden"])
    assert WGS in _flat(texts)
    assert WGS in _flat(_page("aanpak/bibob-riec.md"))


#: Wordings that present a covenant as what makes sharing lawful.
COVENANT_AS_GROUND = [
    re.compile(r"toestemming of een\s+convenant", re.IGNORECASE),
    re.compile(r"\(toestemming, wettelijke taak, convenant\)", re.IGNORECASE),
    re.compile(r"convenant op grond waarvan", re.IGNORECASE),
    re.compile(r"convenant geeft de partners de mogelijkheid", re.IGNORECASE),
    re.compile(r"grondslag,? zoals toestemming of een\s+convenant", re.IGNORECASE),
]


@pytest.mark.parametrize("folder", ["content", "docs"])
def test_no_text_presents_a_covenant_as_a_legal_ground(folder):
    found = []
    for path in sorted((ROOT / folder).rglob("*")):
        if path.suffix not in (".md", ".yaml") or not path.is_file():
            continue
        text = _flat(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(ROOT)}: {pattern.pattern}" for pattern in COVENANT_AS_GROUND if pattern.search(text)]
    assert not found


# --- major: 151d ten-day ban ---------------------------------------------------------------


def test_the_151d_ban_is_stated_as_adults_only_with_its_own_subsidiarity(compiled):
    instrument = _files(compiled, "instruments")["gedragsaanwijzing_151d"]
    steps = " ".join(step["tekst"] for step in instrument.front.data["stappen"])
    ban = _flat(steps).split("verbod bevatten om in of bij de woning", 1)[1]
    assert "meerderjarige" in ban and "niet op een andere geschikte manier" in ban
    page = _flat(_page("aanpak/apv-151d.md"))
    assert "meerderjarige" in page
    assert "Gemeentelijk beleid zet dat in" not in page
    procedure = _flat(compiled.content.data["procedures.yaml"].data["instrumenten"]["gedragsaanwijzing_151d"]
                      ["aanvullingen"]["besluit_last"]["tekst"])
    assert "meerderjarige" in procedure


# --- major: 7:231(2) BW after a closure ----------------------------------------------------


def test_beheerovername_limits_extrajudicial_termination_to_the_three_closure_bases():
    page = _flat(_page("aanpak/beheerovername.md"))
    section = page.split("## Na sluiting", 1)[1].split("## ", 1)[0]
    assert "Sluit de burgemeester een huurwoning, dan mag de verhuurder" not in section
    for basis in ("artikel 174a Gemeentewet", "artikel 13b Opiumwet", "Woningwet", "noodbevel", "151d"):
        assert basis in section, basis


# --- major: 174a durations and 13b case law ------------------------------------------------


def test_the_annulled_zoeterwoude_closure_is_not_a_case_law_duration(compiled):
    terms = _flat(_files(compiled, "instruments")["sluiting_174a"].front.data["termijnen"])
    assert "zes maanden bij het treiteren" not in terms
    assert "ECLI:NL:RBDHA:2022:1828" in terms and "vernietigde" in terms


def test_13b_case_law_shows_the_2022_necessity_test_and_the_2025_overview(compiled):
    rulings = _jurisprudence(compiled)
    assert "steeds op terug" not in rulings["ECLI:NL:RVS:2019:2912"]["samenvatting"]
    assert "achterhaald" in rulings["ECLI:NL:RVS:2019:2912"]["samenvatting"]
    assert "handelshoeveelheid" in rulings["ECLI:NL:RVS:2022:1911"]["samenvatting"]
    assert "nog niet samengevat" in _flat(rulings["ECLI:NL:RVS:2025:2922"]["samenvatting"])
    page = _flat(_files(compiled, "instruments")["sluiting_13b_opiumwet"].body)
    assert "ECLI:NL:RVS:2025:2922" in page and "ECLI:NL:RVS:2022:1910, 1911, 1913 en 1916" in page
