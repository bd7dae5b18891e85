"""The court's proportionality test (issue 21) is one content file that the model, the
instrument pages, the dossier checklists and the model decisions all read: what stands in
content/evenredigheid.yaml stands in each of them."""

from __future__ import annotations

from pathlib import Path

import yaml

from build_scripts.pages import instrument_pages

ROOT = Path(__file__).resolve().parent.parent
CONTENT = yaml.safe_load((ROOT / "content" / "evenredigheid.yaml").read_text(encoding="utf-8"))
STEPS = ["geschikt", "noodzakelijk", "evenwichtig"]


def _factors(instrument_id: str) -> list[dict]:
    return [f for step in CONTENT["stappen"] for f in step["factoren"] if instrument_id in f["instrumenten"]]


def test_the_model_carries_the_three_steps_for_each_instrument_of_the_test(compiled):
    test = compiled.model_data["proportionality"]
    assert set(test) == set(CONTENT["instrumenten"]) == {
        "sluiting_13b_opiumwet", "sluiting_174a", "ontbinding_huurovereenkomst", "gedragsaanwijzing_151d"}
    closure = test["sluiting_13b_opiumwet"]
    assert [step["id"] for step in closure["steps"]] == STEPS
    factors = [f for step in closure["steps"] for f in step["factors"]]
    assert [f["id"] for f in factors] == [f["id"] for f in _factors("sluiting_13b_opiumwet")]
    assert all(f["rulings"] and f["dossier"] for f in factors)
    assert "buurtbemiddeling" not in test


def test_each_instrument_page_of_the_test_shows_every_factor_with_its_rulings(compiled):
    pages = instrument_pages(compiled)
    for instrument_id in CONTENT["instrumenten"]:
        page = pages[f"instrumenten/{instrument_id}.md"]
        start = page.index("{: #evenredigheidstoets }")
        section = page[start:page.index("\n## ", start)]
        for factor in _factors(instrument_id):
            assert f"**{factor['titel']}**" in section, (instrument_id, factor["id"])
            assert all(f"[{ecli}](https://uitspraken.rechtspraak.nl/inziendocument?id={ecli})" in section
                       for ecli in factor["uitspraken"]), (instrument_id, factor["id"])
    assert "evenredigheidstoets" not in pages["instrumenten/buurtbemiddeling.md"]


def test_the_dossier_checklists_name_the_factors(compiled):
    for instrument_id in CONTENT["instrumenten"]:
        items = [item.text for item in compiled.check.reference.dossiers[instrument_id].items]
        named = [text for text in items if text.startswith("Per factor van de evenredigheidstoets")]
        assert len(named) == 1, instrument_id
        assert all(f["titel"][1:] in named[0] for f in _factors(instrument_id)), instrument_id


def test_the_closure_decisions_have_a_field_per_factor(compiled):
    documents = {d.id: d for d in compiled.check.reference.documents}
    for document_id, instrument_id in (("sluiting-13b-opiumwet", "sluiting_13b_opiumwet"), ("sluiting-174a", "sluiting_174a")):
        document = documents[document_id]
        for factor in _factors(instrument_id):
            assert f"«{factor['veld']}»" in document.body and factor["veld"] in document.fields, (document_id, factor["id"])
