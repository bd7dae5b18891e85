"""A content mistake stops the build with one clear Dutch message naming file and line, and
leaves no site (not even a half one) behind. One fixture per kind of mistake.

Mistakes the compiler finds run through the compiler alone (milliseconds); only those that
need MkDocs (links in pages, generated pages) run a build, and one test shows that a compiler
mistake stops the MkDocs build in the same words and leaves no site behind."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pytest
import yaml

from assessor.errors import ContentErrors
from build_scripts.compile_content import check_scenarios, compile_content
from project_copy import copy_project, mkdocs_build

BB = "content/instrumenten/buurtbemiddeling.md"
#: The current content version and its date (content/meta.yaml): its entry in wijzigingen.yaml comes first.
_META = yaml.safe_load((Path(__file__).resolve().parent.parent / "content/meta.yaml").read_text(encoding="utf-8"))
VERSION, DATE = _META["inhoudsversie"], str(_META["datum"])
S01 = "content/scenarios/voorbeeld_01_corporatie_geluid.yaml"
PROC = "content/procedures.yaml"
JUR = "content/jurisprudentie.yaml"
DOS = "content/dossiers.yaml"
WARN_DOC = "content/modeldocumenten/bestuurlijke-waarschuwing.md"
EVEN = "content/evenredigheid.yaml"
DOC_13B = "content/modeldocumenten/sluiting-13b-opiumwet.md"


@dataclass
class Fixture:
    name: str
    path: str
    old: Optional[str]  # None: write ``new`` as the whole file
    new: str
    message: str
    marker: Optional[str]  # the error's line is the first line of the file containing this
    compile_only: bool = True  # False: caught by the MkDocs build (pages), not by compiling content/
    #: The file the message names, when not the one changed; and a second change to make.
    reported: Optional[str] = None
    also: Optional[tuple[str, str, str]] = None


FIXTURES = [
    # The court's proportionality test (issue 21): every name in it must exist elsewhere.
    Fixture("evenredigheid_onbekend_feit", EVEN, "feiten: [kwetsbare_huisgenoot]", "feiten: [kwetsbare_huisgenote]",
            "onbekend feit 'kwetsbare_huisgenote' (niet in feiten.yaml)", "kwetsbare_huisgenote"),
    Fixture("evenredigheid_onbekend_instrument", EVEN, "instrumenten: [sluiting_13b_opiumwet, ontbinding_huurovereenkomst]",
            "instrumenten: [sluiting_13x_opiumwet, ontbinding_huurovereenkomst]",
            "onbekend instrument 'sluiting_13x_opiumwet'", "sluiting_13x_opiumwet"),
    Fixture("evenredigheid_uitspraak_niet_in_jurisprudentie", EVEN, "uitspraken: [ECLI:NL:RVS:2022:285]",
            "uitspraken: [ECLI:NL:RVS:2022:286]",
            "uitspraak ECLI:NL:RVS:2022:286 staat niet in jurisprudentie.yaml", "ECLI:NL:RVS:2022:286"),
    Fixture("evenredigheid_veld_mist_in_modelbesluit", DOC_13B, "- Kinderen in de woning: «kinderen»\n", "",
            "het modelbesluit mist het invulveld «kinderen»", "invulvelden:"),
    Fixture("kapotte_yaml", "content/feiten.yaml", "    type: ja_nee\n    kort: Acuut gevaar", "    type: [ja_nee\n    kort: Acuut gevaar",
            "geen geldige YAML", "kort: Acuut gevaar"),
    Fixture("yaml_verkeerd_ingesprongen", "content/feiten.yaml", "    type: ja_nee\n    kort: Acuut gevaar",
            "    type: ja_nee\n   kort: Acuut gevaar", "geen geldige YAML: hier werd een nieuwe 'naam:' verwacht; "
            "controleer het inspringen op deze regel of de regel erboven", "kort: Acuut gevaar"),
    Fixture("dubbele_sleutel", "content/feiten.yaml", "    kort: Acuut gevaar\n", "    kort: Acuut gevaar\n    kort: Gevaar\n",
            "'kort' staat twee keer", "kort: Gevaar"),
    Fixture("onbekend_feit_in_regel", BB, "and ja(partijen_bereid)", "and ja(partijen_willen)",
            "onbekend feit 'partijen_willen'", "aangewezen:"),
    Fixture("onbekend_feit_in_stap", "content/instrumenten/sluiting_174a.md", "  - als: huur\n",
            "  - als: huur and ja(woning_gehuurd)\n", "onbekend feit 'woning_gehuurd'", "als: huur and ja(woning_gehuurd)"),
    Fixture("regel_syntaxfout", BB, "and ja(partijen_bereid)", "and and ja(partijen_bereid)",
            "fout in de regel", "aangewezen:"),
    Fixture("onbekende_waarde_in_regel", BB, "soort(geluid)", "soort(lawaai)",
            "'lawaai' is geen waarde van overlast_soorten", "aangewezen:"),
    Fixture("ja_op_keuzefeit", BB, "and ja(partijen_bereid)", "and ja(woning_eigendom)",
            "kan alleen bij een ja/nee-feit", "aangewezen:"),
    Fixture("feit_zonder_ja_nee", BB, "and ja(partijen_bereid)", "and partijen_bereid",
            "'partijen_bereid' is een feit; schrijf ja(partijen_bereid)", "aangewezen:"),
    Fixture("ontbrekende_grondslag", BB, "wettelijke_grondslag: []\n", "",
            "verplicht veld 'wettelijke_grondslag' ontbreekt", "id: buurtbemiddeling"),
    Fixture("trefwoord_als_id", BB, "tags: [vrijwillig,", "tags: [sociaal_wijkteam,",
            "'sociaal_wijkteam' heeft niet de juiste vorm (een leesbaar trefwoord", "tags: [sociaal_wijkteam,"),
    Fixture("verkeerd_type", BB, "volgorde: 50", "volgorde: vijftig",
            "verwacht een getal, gevonden 'vijftig'", "volgorde: vijftig"),
    Fixture("onbekend_veld", BB, "bronnen:\n", "bronen:\n",
            "onbekend veld 'bronen'", "bronen:"),
    Fixture("slechte_bron_url", BB, "url: https://buurtbemiddelingeindhoven.nl/?page_id=44", "url: buurtbemiddelingeindhoven.nl",
            "heeft niet de juiste vorm", "url: buurtbemiddelingeindhoven.nl"),
    Fixture("onbekende_partner", BB, "partners: [buurtbemiddeling,", "partners: [buurtbemiddelaar,",
            "onbekende partner 'buurtbemiddelaar'", "partners:"),
    Fixture("onbekende_soort", BB, "soort: vrijwillig", "soort: vrijblijvend",
            "onbekende soort 'vrijblijvend'", "soort: vrijblijvend"),
    Fixture("voorwaarde_zonder_bron", BB,
            "op de escalatieladder aan de orde.\n    bron: https://www.westbetuwe.nl/wat-te-doen-bij-woonoverlast\n",
            "op de escalatieladder aan de orde.\n",
            "verplicht veld 'bron' ontbreekt in voorwaarden.4", "- tekst: Buurtbemiddeling is nog niet geprobeerd"),
    Fixture("dubbel_id", "content/instrumenten/buurtbemiddeling_kopie.md", None, "@copy " + BB,
            "id 'buurtbemiddeling' moet gelijk zijn aan de bestandsnaam", "id: buurtbemiddeling"),
    Fixture("geen_front_matter", BB, "---\n# yaml-language-server", "# yaml-language-server",
            "moet beginnen met '---'", None),
    Fixture("onbekende_waarschuwing", "content/instrumenten/sluiting_13b_opiumwet.md", "evenredigheid_kinderen:", "evenredigheid_buren:",
            "onbekende waarschuwing 'evenredigheid_buren'", "evenredigheid_buren:"),
    Fixture("eerst_zonder_uitleg", "content/instrumenten/sluiting_174a.md", "eerst_andere_stappen_uitleg:", "eerst_uitleg:",
            "onbekend veld 'eerst_uitleg'", "eerst_uitleg:"),
    Fixture("onbereikbare_vraag", "content/vragenroute.yaml", "  - minderjarige_kinderen\n", "  - minderjarige_kinderen\n  - huisdieren\n",
            "onbekend feit 'huisdieren' in de vragenroute", "- huisdieren"),
    Fixture("feit_niet_in_route", "content/vragenroute.yaml", "  - apv_151d\n", "",
            "feit 'apv_151d' staat niet in vragenroute.yaml", "  apv_151d:", reported="content/feiten.yaml"),
    Fixture("ongebruikt_feit", "content/feiten.yaml", "\nfeiten:\n", "\nfeiten:\n  huisdieren:\n    type: ja_nee\n    kort: Huisdieren\n    uitleg: Test.\n"
            "    vraag: Zijn er huisdieren?\n    hulp: Test.\n    uitspraken: {ja: Ja., nee: Nee.}\n",
            "feit 'huisdieren' wordt door geen enkele regel gebruikt", "  huisdieren:",
            also=("content/vragenroute.yaml", "  - apv_151d\n", "  - apv_151d\n  - huisdieren\n")),
    Fixture("ongebruikte_definitie", "content/definities.yaml", "definities:\n", "definities:\n  koop:\n"
            "    regel: woning_eigendom(koopwoning)\n    waar: Koop.\n    onwaar: Geen koop.\n",
            "definitie 'koop' wordt door geen enkele regel gebruikt", "  koop:"),
    Fixture("kring_in_definities", "content/definities.yaml", "regel: not leeg(overlast_soorten)", "regel: not leeg(overlast_soorten) and overlast",
            "in een kring", None),
    Fixture("ontbrekende_plaatshouder", "content/feiten.yaml", "waar: Er is sprake van {waarde}.", "waar: Er is sprake van overlast.",
            "moet {waarde} bevatten", "waar: Er is sprake van overlast."),
    Fixture("scenario_onbekend_instrument", S01, "    treiteraanpak: niet_van_toepassing", "    treiterbeleid: niet_van_toepassing",
            "onbekend instrument 'treiterbeleid'", "treiterbeleid:"),
    Fixture("scenario_onmogelijke_status", S01, "    buurtbemiddeling: aangewezen", "    buurtbemiddeling: eerst_andere_stappen",
            "onmogelijke verwachting: buurtbemiddeling heeft geen regel 'eerst_andere_stappen'", "buurtbemiddeling: eerst_andere_stappen"),
    Fixture("scenario_onbekende_status", S01, "    buurtbemiddeling: aangewezen", "    buurtbemiddeling: misschien",
            "waarde 'misschien' is niet toegestaan", "buurtbemiddeling: misschien"),
    Fixture("scenario_onbekend_feit", S01, "  partijen_bereid: ja", "  buren_bereid: ja",
            "Onbekend feit 'buren_bereid'", "buren_bereid: ja"),
    Fixture("scenario_verkeerde_uitkomst", S01, "    buurtbemiddeling: aangewezen", "    buurtbemiddeling: niet_van_toepassing",
            "buurtbemiddeling verwacht 'niet_van_toepassing', uitkomst 'aangewezen'", "buurtbemiddeling: niet_van_toepassing"),
    Fixture("bron_met_onbekende_wet", BB, "      - https://buurtbemiddelingeindhoven.nl/?page_id=44\n      - https://pointer",
            "      - art. 1 Burenwet\n      - https://pointer", "onbekende wet 'Burenwet'", "- art. 1 Burenwet"),
    Fixture("bron_niet_bij_de_bronnen", BB, "      - https://buurtbemiddelingeindhoven.nl/?page_id=44\n      - https://pointer",
            "      - https://example.org/elders\n      - https://pointer", "staat niet bij de bronnen van dit bestand",
            "- https://example.org/elders"),
    Fixture("voorwaarde_over_onbekend_feit", BB, "    feiten: [partijen_bereid]\n", "    feiten: [bereidheid]\n",
            "onbekend feit 'bereidheid'", "feiten: [bereidheid]"),
    # What changed (issue 20): the current content version needs an entry, with its date.
    Fixture("versie_zonder_wijzigingen", "content/meta.yaml", f'inhoudsversie: "{VERSION}"', 'inhoudsversie: "9999.1"',
            "inhoudsversie '9999.1' staat niet in content/wijzigingen.yaml; zet daar bovenaan deze versie met de datum",
            'inhoudsversie: "9999.1"'),
    Fixture("wijziging_met_andere_datum", "content/wijzigingen.yaml", f"    datum: {DATE}", "    datum: 2000-01-01",
            f"de datum van versie '{VERSION}' moet gelijk zijn aan die in content/meta.yaml ({DATE})", "datum: 2000-01-01"),
    Fixture("wijziging_zonder_tekst", "content/wijzigingen.yaml", "    wijzigingen:\n", "    wijzingen:\n",
            "onbekend veld 'wijzingen'", "wijzingen:"),
    # After the outcome (issue 11): procedures, dossiers, rulings, model documents, glossary.
    Fixture("uitspraak_met_slechte_ecli", JUR, "ecli: ECLI:NL:RVS:2022:285", "ecli: ECLI:NL:RVS:22:285",
            "ongeldige ECLI 'ECLI:NL:RVS:22:285'", "ECLI:NL:RVS:22:285"),
    Fixture("uitspraak_met_onmogelijke_datum", JUR, "datum: 2022-02-02", "datum: 2022-02-30",
            "'2022-02-30' is geen bestaande datum", "datum: 2022-02-30"),
    Fixture("uitspraak_jaar_past_niet_bij_ecli", JUR, "datum: 2022-02-02", "datum: 2021-02-02",
            "het jaar in ECLI:NL:RVS:2022:285 past niet bij de datum", "datum: 2021-02-02"),
    Fixture("uitspraak_voor_onbekend_instrument", JUR, "instrumenten: [sluiting_13b_opiumwet]\n    bron: https://opmaat",
            "instrumenten: [sluiting_13c]\n    bron: https://opmaat", "onbekend instrument 'sluiting_13c'", "[sluiting_13c]"),
    Fixture("onverklaard_invulveld", WARN_DOC, "Geachte heer/mevrouw «naam bewoner»,", "Geachte heer/mevrouw «naam bewoner» «huisnummer»,",
            "invulveld «huisnummer» wordt niet uitgelegd", "«huisnummer»"),
    Fixture("ongebruikt_invulveld", WARN_DOC, "invulvelden:\n", "invulvelden:\n  huisnummer: Het huisnummer.\n",
            "invulveld 'huisnummer' staat niet in de tekst", "huisnummer: Het huisnummer."),
    Fixture("grondslag_met_onbekende_wet", WARN_DOC, "  - art. 151d lid 2 Gemeentewet\n", "  - art. 151d lid 2 Gemeentwet\n",
            "onbekende wet 'Gemeentwet'", "art. 151d lid 2 Gemeentwet"),
    Fixture("procedure_voor_onbekend_instrument", PROC, "  gedragsaanwijzing_151d_verhuurder:\n    procedure: herstelsanctie",
            "  gedragsaanwijzing_verhuurder:\n    procedure: herstelsanctie", "onbekend instrument 'gedragsaanwijzing_verhuurder'",
            "  gedragsaanwijzing_verhuurder:"),
    Fixture("bestuursrechtelijk_zonder_procedure", BB, "soort: vrijwillig", "soort: bestuursrechtelijk",
            "bestuursrechtelijk instrument 'buurtbemiddeling' heeft geen procedure", "instrumenten:", reported=PROC),
    Fixture("onbekende_stap_weglaten", PROC, "weglaten: [invordering_dwangsom]", "weglaten: [invordering]",
            "stap 'invordering' bestaat niet in procedure 'herstelsanctie'", "weglaten: [invordering]"),
    Fixture("onbekende_procedure", PROC, "    ook: [bestuurlijke_boete]", "    ook: [boete]",
            "onbekende procedure 'boete'", "ook: [boete]"),
    Fixture("procedurebron_niet_bij_de_bronnen", PROC, "          - https://handhavingsrecht.nl/artikel-531-awb/\n",
            "          - https://handhavingsrecht.nl/elders/\n",
            "staat niet bij de bronnen van procedure 'herstelsanctie'", "https://handhavingsrecht.nl/elders/"),
    Fixture("dossierbron_niet_bij_de_bronnen", DOS, "        bron: https://kcwz.nl/wat-doet-een-zvh\n", "        bron: https://kcwz.nl/elders\n",
            "staat niet bij de bronnen van dit bestand", "bron: https://kcwz.nl/elders"),
    Fixture("ongebruikte_bron", DOS, "bronnen:\n", "bronnen:\n  - {titel: Elders, url: \"https://example.org/elders\"}\n",
            "bron 'https://example.org/elders' staat bij de bronnen, maar geen enkele 'bron:' verwijst ernaar", "example.org/elders"),
    Fixture("dossier_voor_onbekend_instrument", DOS, "  politie_acuut:\n", "  politie_snel:\n",
            "onbekend instrument 'politie_snel'", "  politie_snel:"),
    Fixture("begrip_met_kapotte_bron", "content/begrippen.yaml", "    bron: art. 151d lid 1 Gemeentewet\n  inbewaringstelling:",
            "    bron: art. 151d lid één Gemeentewet\n  inbewaringstelling:", "onbekende wet 'lid één Gemeentewet'", "lid één"),
    Fixture("wetslink_zonder_boek", "docs/ccv-helpt.md", None,
            "@append \nZie [art. 7:213 BW](https://wetten.overheid.nl/jci1.3:c:BWBR0005290&artikel=213).\n",
            "een artikel van boek 7 BW hoort als &boek=7", "BWBR0005290&artikel=213", compile_only=False),
    Fixture("kapotte_link_in_docs", "docs/ccv-helpt.md", None, "@append \nZie ook [de oude pagina](bestaat-niet.md).\n",
            "de link 'bestaat-niet.md' wijst naar een pagina die niet bestaat", "bestaat-niet.md", compile_only=False),
    Fixture("gegenereerde_pagina_in_docs", "docs/partners.md", None, "# Partners\n",
            "deze pagina wordt gegenereerd uit content/", None, compile_only=False),
]


def _apply(project: Path, fixture: Fixture) -> Path:
    if fixture.also:
        other, old, new = fixture.also
        text = (project / other).read_text(encoding="utf-8")
        assert old in text
        (project / other).write_text(text.replace(old, new, 1), encoding="utf-8")
    path = project / fixture.path
    if fixture.old is None:
        if fixture.new.startswith("@copy "):
            shutil.copyfile(project / fixture.new.split(" ", 1)[1], path)
        elif fixture.new.startswith("@append "):
            path.write_text(path.read_text(encoding="utf-8") + fixture.new[len("@append "):], encoding="utf-8")
        else:
            path.write_text(fixture.new, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert fixture.old in text, f"fixture {fixture.name} no longer matches {fixture.path}"
        path.write_text(text.replace(fixture.old, fixture.new, 1), encoding="utf-8")
    return path


def _expected_line(path: Path, marker: Optional[str]) -> Optional[int]:
    if marker is None:
        return None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in line:
            return number
    raise AssertionError(f"marker {marker!r} not in {path}")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("pristine") / "project")


@pytest.fixture
def project(pristine, tmp_path):
    target = tmp_path / "project"
    shutil.copytree(pristine, target, symlinks=True)
    return target


@pytest.fixture
def content_project(pristine, tmp_path):
    """Only content/: all the compiler reads (the project root only names files in messages)."""
    target = tmp_path / "project"
    shutil.copytree(pristine / "content", target / "content")
    return target


def test_there_are_at_least_twenty_kinds_of_mistake():
    assert len(FIXTURES) >= 20 and sum(not f.compile_only for f in FIXTURES) >= 3


def _where(project: Path, fixture: Fixture) -> str:
    reported = fixture.reported or fixture.path
    line = _expected_line(project / reported, fixture.marker)
    return f"{reported}:{line}:" if line else f"{reported}:"


@pytest.mark.parametrize("fixture", [f for f in FIXTURES if f.compile_only], ids=lambda f: f.name)
def test_content_mistake_is_reported_with_file_and_line(content_project, fixture):
    project = content_project
    _apply(project, fixture)
    where = _where(project, fixture)
    with pytest.raises(ContentErrors) as raised:
        check_scenarios(compile_content(project / "content", project))
    assert any(fixture.message in str(e) and str(e).startswith(where) for e in raised.value.errors), \
        f"{where} {fixture.message!r} not in:\n{raised.value.report()}"


def _failed_build(project: Path, fixture: Fixture) -> None:
    where = _where(project, fixture)
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert fixture.message in output and where in output, output[-3000:]
    assert "Traceback" not in output
    assert not (project / "site").exists(), "a failed build left a site behind"
    assert not (project / "site.bouwen").exists(), "a failed build left its staging folder behind"


@pytest.mark.parametrize("fixture", [f for f in FIXTURES if not f.compile_only], ids=lambda f: f.name)
def test_page_mistake_stops_the_build_with_file_and_line(project, fixture):
    _apply(project, fixture)
    _failed_build(project, fixture)


@pytest.mark.parametrize("name", ["onbekend_feit_in_regel", "scenario_verkeerde_uitkomst"])
def test_a_content_mistake_stops_the_mkdocs_build_in_the_same_words(project, name):
    fixture = next(f for f in FIXTURES if f.name == name)
    _apply(project, fixture)
    _failed_build(project, fixture)


def test_a_failing_scenario_in_the_build_says_how_to_see_and_accept_the_change(project):
    _apply(project, next(f for f in FIXTURES if f.name == "scenario_verkeerde_uitkomst"))
    result = mkdocs_build(project)
    assert result.returncode != 0 and "make vergelijk AANVAARD=1" in result.stdout + result.stderr


def test_a_broken_anchor_fails_in_strict_mode_and_keeps_the_previous_site(project, built_site):
    shutil.copytree(built_site[0], project / "site")  # the complete site of this same content
    assert (project / "site" / "beoordeel-uw-casus" / "index.html").is_file()
    marker = project / "site" / "index.html"
    before = marker.read_text(encoding="utf-8")
    _apply(project, Fixture("anker", "docs/ccv-helpt.md", None, "@append \n[Zie](over.md#bestaat-niet)\n", "", None))
    result = mkdocs_build(project)
    assert result.returncode != 0 and "bestaat-niet" in result.stdout + result.stderr
    assert marker.read_text(encoding="utf-8") == before, "the previous complete site must stay"
    assert not (project / "site.bouwen").exists()
