"""Every answer an officer gives counts or is named (issue 20, section 2): asking only what can
change an outcome is about the questions, never about discarding answers already given.

The case is the usability review's (section 2, case A): violence at the dwelling and a weapon
found, ticked together on the incidents screen, with the neighbourhood in fear."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from assessor import browser
from assessor.engine import APPLIES, assess
from assessor.interview import run_interview
from assessor.modelfile import load_model

ROOT = Path(__file__).resolve().parent.parent
MODEL = load_model()
GROUP = next(group for group in MODEL.groups if "wapen_aangetroffen" in group.facts)
#: Scenario s14 (an explosive at the door) with a weapon found as well.
CASE = {**yaml.safe_load((ROOT / "content/scenarios/s14_explosief_bij_koopwoning.yaml").read_text(encoding="utf-8"))["feiten"],
        "wapen_aangetroffen": "ja"}
#: What an officer answers up to and including the incidents screen (the rest is still to come).
HOME = next(group for group in MODEL.groups if "huiselijk_geweld" in group.facts)
UP_TO_THE_GROUP = {fact_id: CASE[fact_id] for fact_id in ("acuut_gevaar", *HOME.facts, *GROUP.facts)}


def _174a(assessment):
    return next(result for result in assessment.instruments if result.id == "sluiting_174a")


def test_every_answer_given_on_a_group_screen_is_a_fact_of_the_case():
    shown = run_interview(MODEL, {fact_id: CASE[fact_id] for fact_id in ("acuut_gevaar", *HOME.facts)})
    assert shown.screen == GROUP.id and "wapen_aangetroffen" in shown.screen_facts
    state = run_interview(MODEL, UP_TO_THE_GROUP)
    # The violence alone already decides what the weapon could; the weapon still counts.
    assert state.case["geweld_bij_woning"] is True and state.case["wapen_aangetroffen"] is True
    assert (GROUP.id, list(GROUP.facts)) in state.asked_screens, "going back shows the weapon answer"
    assert not state.dropped and not state.set_aside
    out = json.loads(browser.interview(json.dumps(UP_TO_THE_GROUP)))
    assert out["answers"]["wapen_aangetroffen"] == "ja" and "wapen_aangetroffen" in out["asked"]


def test_the_174a_reasons_name_ground_b_and_ground_c():
    state = run_interview(MODEL, CASE)
    assert state.next_fact is None
    result = _174a(state.assessment)
    assert result.status == APPLIES
    violence = MODEL.facts["geweld_bij_woning"].statements["ja"]
    weapon = MODEL.facts["wapen_aangetroffen"].statements["ja"]
    assert violence in result.reasons and weapon in result.reasons
    # Each reason is linked to its own ground's condition (and so to its article on the card).
    assert ["geweld_bij_woning"] in result.reason_facts and ["wapen_aangetroffen"] in result.reason_facts
    # A true "or" is explained by every true part: the interview gives what the whole case gives.
    assert result.reasons == _174a(assess(MODEL, CASE)).reasons


def test_an_answer_a_change_made_irrelevant_is_set_aside_named_and_restored():
    complete = run_interview(MODEL, CASE)
    assert complete.case["openbare_orde_ernstig"] is True
    # No violence and no weapon after all: whether public order suffers no longer matters.
    changed_answers = {**CASE, "geweld_bij_woning": "nee", "wapen_aangetroffen": "nee", "zorg_geweigerd": "onbekend"}
    changed = run_interview(MODEL, changed_answers)
    assert "openbare_orde_ernstig" not in changed.case and changed.set_aside["openbare_orde_ernstig"] is True
    assert changed.set_aside["zorg_geweigerd"] == "onbekend", "weet ik niet is an answer too"
    assert list(changed.set_aside) == [fact_id for fact_id in MODEL.route if fact_id in changed.set_aside]
    out = json.loads(browser.interview(json.dumps(changed_answers)))
    assert out["set_aside"]["openbare_orde_ernstig"] == "ja" and "openbare_orde_ernstig" not in out["answers"]
    # The page keeps both (interview.js); changing the answer back makes it count again.
    kept = {**out["answers"], **out["set_aside"]}
    back = run_interview(MODEL, {**kept, "geweld_bij_woning": "ja", "wapen_aangetroffen": "ja"})
    assert back.case["openbare_orde_ernstig"] is True and "openbare_orde_ernstig" not in back.set_aside
    assert _174a(back.assessment).status == APPLIES
