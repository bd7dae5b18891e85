"""`make vergelijk`: which outcomes a content change alters against HEAD, and accepting them.

Each test works on a copy of content/ in its own git repository (in-process, no MkDocs), so
the advisor's case from the usability review can be replayed: Woningwet enforcement no longer
for pollution changes three scenarios; accepting writes only those lines and the scenarios pass.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from assessor.errors import ContentErrors
from build_scripts.compile_content import check_scenarios, compile_content
from build_scripts.scenario_diff import main

ROOT = Path(__file__).resolve().parent.parent
WONINGWET = "content/instrumenten/woningwet_handhaving.md"
#: The advisor's change from the usability review: Woningwet enforcement no longer for pollution.
RULE = "(soort(bouwkundig) or soort(vervuiling) or soort(overbewoning) or soort(drugs))"
WITHOUT_POLLUTION = "(soort(bouwkundig) or soort(overbewoning) or soort(drugs))"
CHANGED = ("s25_multiprobleemgezin_zorg_en_veiligheidshuis.yaml", "s31_deels_vervuiling_corporatie.yaml",
           "s70_vervuiling_zorgen_om_kinderen.yaml", "voorbeeld_04_vervuiling_zorgmijder.yaml")
VERSION = yaml.safe_load((ROOT / "content/meta.yaml").read_text(encoding="utf-8"))["inhoudsversie"]


def _git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
                          cwd=project, check=True, capture_output=True, text=True).stdout


def _edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def content_copy(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    return project


@pytest.fixture
def repository(content_copy):
    _git(content_copy, "init", "-q")
    _git(content_copy, "add", "content")
    _git(content_copy, "commit", "-q", "-m", "inhoud")
    return content_copy


def _run(project: Path, capsys, *args: str) -> tuple[int, str]:
    status = main(list(args) + ["--casussen", "400"], project_root=project)
    return status, capsys.readouterr().out


def test_without_a_change_it_says_no_outcome_changed(repository, capsys):
    status, out = _run(repository, capsys)
    assert status == 0 and "Geen uitkomsten veranderd." in out


def test_a_rule_change_lists_the_scenarios_and_cases_per_instrument(repository, capsys):
    _edit(repository, WONINGWET, RULE, WITHOUT_POLLUTION)
    status, out = _run(repository, capsys)
    assert status == 0
    assert "woningwet_handhaving: 3 scenario's aangewezen → niet_van_toepassing:" in out
    assert "woningwet_handhaving: 1 scenario onbekend → niet_van_toepassing:" in out
    for name in CHANGED:
        assert f"content/scenarios/{name} '" in out
    assert "Van 400 gegenereerde casussen" in out
    assert "casussen aangewezen → niet_van_toepassing, bijvoorbeeld:" in out
    examples = [line for line in out.splitlines() if line.startswith("    - ") and "=" in line]
    assert examples and all("overlast_soorten=" in line and "gevaar_gebouw=" in line for line in examples), \
        "an example shows the facts the rule reads"
    assert f"de inhoudsversie is nog {VERSION}" in out  # the version was not raised
    assert "4 scenario's verwacht iets anders" in out and "make vergelijk AANVAARD=1" in out
    assert "Geen uitkomsten veranderd" not in out
    assert _run(repository, capsys)[1] == out, "the generated cases must be the same on every run"


def test_accepting_rewrites_only_the_changed_lines_and_the_scenarios_pass(repository, capsys):
    _edit(repository, WONINGWET, RULE, WITHOUT_POLLUTION)
    with pytest.raises(ContentErrors):
        check_scenarios(compile_content(repository / "content", repository))
    status, out = _run(repository, capsys, "--aanvaard")
    assert status == 0 and "4 bestanden aangepast" in out
    changed = _git(repository, "diff", "--name-only", "content/scenarios").split()
    assert sorted(changed) == sorted(f"content/scenarios/{name}" for name in CHANGED)
    diff = _git(repository, "diff", "-U0", "content/scenarios")
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    warnings = "-    woningwet_handhaving: [evenredigheid_kinderen, evenredigheid_zorg, meldcode_kinderen]"
    assert removed == ["-    woningwet_handhaving: aangewezen", warnings,  # s25
                       "-    woningwet_handhaving: onbekend",  # s31
                       "-    woningwet_handhaving: aangewezen", warnings,  # s70
                       "-    woningwet_handhaving: aangewezen", "-    woningwet_handhaving:", "-    - evenredigheid_zorg"]
    assert added == ["+    woningwet_handhaving: niet_van_toepassing"] * 4
    # Only the warning that no scenario reaches any more is left; that needs a new scenario.
    with pytest.raises(ContentErrors) as raised:
        check_scenarios(compile_content(repository / "content", repository))
    assert [error.message for error in raised.value.errors] == [
        f"geen enkel scenario bereikt woningwet_handhaving: waarschuwing {warning}; voeg er een toe"
        for warning in ("evenredigheid_zorg", "meldcode_kinderen")]
    assert "Geen enkel scenario bereikt nog: woningwet_handhaving: waarschuwing evenredigheid_zorg" in out


def test_accepting_adds_a_warning_to_an_empty_block_and_keeps_comments(repository, capsys):
    scenario = "content/scenarios/s01_geluid_koopwoning.yaml"
    _edit(repository, scenario, "  warnings: {}\n", "  warnings: {}\n# opmerking van de redacteur\n")
    _edit(repository, scenario, "    buurtbemiddeling: niet_van_toepassing\n",
          "    buurtbemiddeling: niet_van_toepassing  # koopwoning\n")
    # gedragsaanwijzing_151d is aangewezen for this noise case; its care warning now holds for noise too.
    _edit(repository, "content/instrumenten/gedragsaanwijzing_151d.md", "or soort(verward_gedrag)\n",
          "or soort(verward_gedrag) or soort(geluid)\n")
    _run(repository, capsys, "--aanvaard")
    text = (repository / scenario).read_text(encoding="utf-8")
    assert "  warnings:\n    gedragsaanwijzing_151d: [evenredigheid_zorg]\n# opmerking van de redacteur\n" in text
    assert "    buurtbemiddeling: niet_van_toepassing  # koopwoning\n" in text
    errors = []
    try:
        check_scenarios(compile_content(repository / "content", repository))
    except ContentErrors as raised:
        errors = [str(error) for error in raised.errors]
    assert not [error for error in errors if "s01_geluid_koopwoning" in error]


def test_a_status_it_cannot_rewrite_is_named_with_file_and_line(repository, capsys):
    scenario = "content/scenarios/s17_licht_geluid_huurwoning.yaml"
    text = (repository / scenario).read_text(encoding="utf-8")
    assert "aangewezen:" not in text.split("verwacht:")[1]
    _edit(repository, scenario, "verwacht:\n", "verwacht:\n  aangewezen: [woningwet_handhaving]\n")
    status, out = _run(repository, capsys, "--aanvaard")
    line = (repository / scenario).read_text(encoding="utf-8").splitlines().index("  aangewezen: [woningwet_handhaving]") + 1
    assert f"{scenario}:{line}: woningwet_handhaving staat onder 'aangewezen', maar de uitkomst is nu" in out
    assert "(pas dit met de hand aan)" in out


def test_not_a_git_checkout(content_copy, capsys, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(content_copy.parent))
    status, out = _run(content_copy, capsys)
    assert status == 2 and "is geen git-checkout" in out


def test_no_commit_yet(content_copy, capsys):
    _git(content_copy, "init", "-q")
    status, out = _run(content_copy, capsys)
    assert status == 2 and "Er is nog geen commit (HEAD)" in out


def test_a_head_whose_content_does_not_compile(content_copy, capsys):
    _git(content_copy, "init", "-q")
    _edit(content_copy, WONINGWET, RULE, "soort(bouwkundig) and ja(bestaat_niet)")
    _git(content_copy, "add", "content")
    _git(content_copy, "commit", "-q", "-m", "kapot")
    _edit(content_copy, WONINGWET, "soort(bouwkundig) and ja(bestaat_niet)", RULE)
    status, out = _run(content_copy, capsys)
    assert status == 2
    assert "De inhoud in de laatste commit (HEAD) is niet te compileren" in out
    assert f"{WONINGWET}:" in out and "bestaat_niet" in out


def test_accepting_works_without_git_too(content_copy, capsys, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(content_copy.parent))
    _edit(content_copy, WONINGWET, RULE, WITHOUT_POLLUTION)
    status, out = _run(content_copy, capsys, "--aanvaard")
    assert status == 0 and "is geen git-checkout" in out and "4 bestanden aangepast" in out


def test_a_mistake_in_the_current_content_is_reported_with_file_and_line(repository, capsys):
    _edit(repository, WONINGWET, RULE, "soort(bouwkundig) and ja(bestaat_niet)")
    status = main(["--casussen", "10"], project_root=repository)
    err = capsys.readouterr().err
    assert status == 1 and f"{WONINGWET}:" in err and "onbekend feit 'bestaat_niet'" in err
