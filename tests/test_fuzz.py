"""Untrusted input: arbitrary data into the case validator and into the browser interface the
share links feed. Either a clean Dutch error or a valid answer; never an exception."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor import browser
from assessor.case import CaseError, validate_case
from assessor.modelfile import load_model

MODEL = load_model()
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FACT_IDS = list(MODEL.facts)
VALUE_IDS = sorted({v for fact in MODEL.facts.values() for v in fact.value_ids} | {"ja", "nee", "onbekend"})
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
    | st.sampled_from(VALUE_IDS),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
keys = st.sampled_from(FACT_IDS) | st.text(max_size=15)
cases = st.dictionaries(keys, json_values, max_size=8)


@SETTINGS
@given(cases)
def test_validate_case_accepts_or_names_the_problem(case):
    try:
        valid = validate_case(MODEL, case)
    except CaseError as error:
        assert str(error).startswith(("Onbekend feit", "Ongeldige waarde"))
        return
    assert set(valid) <= set(MODEL.facts)


@SETTINGS
@given(st.one_of(cases, json_values))
def test_browser_interview_never_raises(answers):
    result = json.loads(browser.interview(json.dumps(answers)))
    if "error" in result:
        assert isinstance(result["error"], str) and result["error"]
    else:
        assert len(result["assessment"]["instruments"]) == len(MODEL.instruments)
        assert result["next"] is None or result["next"] in MODEL.facts


@SETTINGS
@given(st.text(max_size=200))
def test_browser_interview_survives_any_text(text):
    result = json.loads(browser.interview(text))
    assert "error" in result or "assessment" in result
