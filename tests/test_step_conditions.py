"""A step of an instrument may carry a condition over facts (``als:``): the engine gives, per
case, the steps that fit, so an owner-occupied home gets no landlord step and a mayor's warning
that was already given is not advised again. Unknown facts leave a step in."""

from __future__ import annotations

import json

from assessor import browser
from assessor.engine import assess
from assessor.modelfile import load_model

MODEL = load_model()
#: A 151d case: serious, repeated behaviour, the APV has the clause, lighter means were tried.
BASE = {"acuut_gevaar": False, "huiselijk_geweld": False, "overlast_soorten": ["geluid"],
        "ernstig": True, "herhaaldelijk": True, "apv_151d": True, "geprobeerd": ["buurtbemiddeling"]}


def _steps(facts: dict, instrument_id: str) -> list[str]:
    result = next(r for r in assess(MODEL, facts).instruments if r.id == instrument_id)
    texts = [step["text"] for step in MODEL.instrument(instrument_id).display["steps"]]
    return [texts[index] for index in result.steps]


def test_an_owner_occupied_home_gets_no_landlord_step():
    owned = _steps(BASE | {"woning_eigendom": "koopwoning"}, "gedragsaanwijzing_151d")
    rented = _steps(BASE | {"woning_eigendom": "corporatie"}, "gedragsaanwijzing_151d")
    assert not [text for text in owned if "verhuurder" in text]
    assert [text for text in rented if "verhuurder" in text]


def test_a_warning_already_given_is_not_advised_again():
    given = _steps(BASE | {"geprobeerd": ["bestuurlijke_waarschuwing"]}, "gedragsaanwijzing_151d")
    not_given = _steps(BASE, "gedragsaanwijzing_151d")
    assert not [text for text in given if "waarschuwing van de burgemeester" in text]
    assert [text for text in not_given if "waarschuwing van de burgemeester" in text]


def test_an_unknown_fact_leaves_the_step_in():
    all_steps = MODEL.instrument("sluiting_174a").display["steps"]
    assert len(_steps(BASE, "sluiting_174a")) == len(all_steps)
    assert len(_steps(BASE | {"woning_eigendom": "koopwoning"}, "sluiting_174a")) == len(all_steps) - 1


def test_the_browser_gets_the_steps_that_fit():
    answers = {key: {True: "ja", False: "nee"}.get(value, value) if isinstance(value, bool) else value
               for key, value in BASE.items()}
    answers["woning_eigendom"] = "koopwoning"
    out = json.loads(browser.interview(json.dumps(answers)))
    while out["next"]:  # every other question: "weet ik niet"
        answers[out["next"]] = "onbekend"
        out = json.loads(browser.interview(json.dumps(answers)))
    result = next(r for r in out["assessment"]["instruments"] if r["id"] == "sluiting_174a")
    assert len(result["steps"]) == len(MODEL.instrument("sluiting_174a").display["steps"]) - 1


def test_the_report_to_the_police_is_worded_for_the_offence():
    violence = {"acuut_gevaar": False, "huiselijk_geweld": False, "geweld_bij_woning": True,
                "overlast_soorten": ["geluid"], "gericht_op_buren": False}
    threat = _steps(violence, "aangifte_politie")
    stalking = _steps(violence | {"overlast_soorten": ["intimidatie"]}, "aangifte_politie")
    assert not [text for text in threat if "belaging" in text] and [text for text in stalking if "belaging" in text]
