"""Properties of the engine over random cases (hypothesis): total, exactly-once, monotone,
and an interview that asks only what matters and ends where ``assess`` of the full case is."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor.case import validate_case
from assessor.engine import STATUSES, assess, assess_case
from assessor.interview import open_facts, run_interview
from assessor.model import UNKNOWN_ANSWER
from assessor.modelfile import load_model
from case_strategies import complete_cases, partial_cases

MODEL = load_model()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


COMPLETE = complete_cases(MODEL)


@st.composite
def case_and_extension(draw):
    """A partial case and the same case with more facts known."""
    full = draw(COMPLETE)
    order = draw(st.permutations(list(full)))
    small = draw(st.integers(0, len(order)))
    large = draw(st.integers(small, len(order)))
    return ({f: full[f] for f in order[:small]}, {f: full[f] for f in order[:large]})


def _check_shape(assessment):
    ids = [result.id for result in assessment.instruments]
    assert ids == [instrument.id for instrument in MODEL.instruments]
    for result in assessment.instruments:
        assert result.status in STATUSES
        assert result.reasons, result.id
        assert (result.status == "onbekend") == bool(result.missing_facts), result
        assert set(result.warnings) <= set(MODEL.instrument(result.id).warnings)


@SETTINGS
@given(COMPLETE)
def test_complete_cases_are_fully_decided(case):
    assessment = assess(MODEL, case)
    _check_shape(assessment)
    assert all(result.status != "onbekend" for result in assessment.instruments)


@SETTINGS
@given(partial_cases(MODEL))
def test_partial_cases_never_fail_and_name_each_instrument_once(case):
    _check_shape(assess(MODEL, case))


@SETTINGS
@given(case_and_extension())
def test_adding_facts_never_changes_a_decided_status(pair):
    small, large = pair
    before = {r.id: r for r in assess(MODEL, small).instruments}
    after = {r.id: r for r in assess(MODEL, large).instruments}
    for instrument_id, result in before.items():
        if result.status != "onbekend":
            assert after[instrument_id].status == result.status, (instrument_id, small, large)
            if not result.open_warning_facts:
                assert after[instrument_id].warnings == result.warnings


@SETTINGS
@given(COMPLETE)
def test_interview_asks_only_open_facts_and_ends_at_the_full_assessment(case):
    state = run_interview(MODEL, case)
    assert state.next_fact is None
    # Replay the interview one screen at a time: each question a screen asked was open when the
    # screen was shown (its answers then all count, given together).
    known: dict = {}
    for _, facts in state.asked_screens:
        still_open = open_facts(MODEL, assess(MODEL, known))
        assert all(fact_id in still_open for fact_id in facts), (facts, known)
        known |= {fact_id: case[fact_id] for fact_id in facts}
    full = assess(MODEL, case)
    assert [(r.id, r.status, r.warnings) for r in state.assessment.instruments] == \
        [(r.id, r.status, r.warnings) for r in full.instruments]


@SETTINGS
@given(COMPLETE, st.data())
def test_weet_ik_niet_keeps_a_fact_unknown_and_the_interview_still_ends(case, data):
    unknown = data.draw(st.lists(st.sampled_from(list(case)), unique=True))
    answers = {**case, **{fact_id: UNKNOWN_ANSWER for fact_id in unknown}}
    state = run_interview(MODEL, answers)
    assert state.next_fact is None
    assert set(state.unknown) <= set(unknown)
    assert not set(state.case) & set(unknown)
    _check_shape(state.assessment)


def test_changing_an_answer_drops_only_answers_that_no_longer_apply():
    answers = {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "zorgen_om_kinderen": "nee", "overlast_soorten": ["verward_gedrag"],
               "woning_eigendom": "koopwoning", "ernstig": "ja", "herhaaldelijk": "ja", "geweld_bij_woning": "nee",
               "wapen_aangetroffen": "nee", "drugs_in_woning": "nee", "verstoring_openbare_orde": "nee",
               "gericht_op_buren": "nee", "zorgsignalen": "ja", "zorg_geweigerd": "ja"}
    assert "zorg_geweigerd" in run_interview(MODEL, answers).asked
    changed = run_interview(MODEL, {**answers, "zorgsignalen": "nee", "overlast_soorten": ["geluid"]})
    assert "zorg_geweigerd" in changed.dropped
    assert changed.case["ernstig"] is True and changed.case["woning_eigendom"] == "koopwoning"


def test_the_first_question_of_an_empty_case_is_the_first_of_the_route():
    assert run_interview(MODEL, {}).next_fact == MODEL.route[0]


def test_validate_case_accepts_yaml_booleans():
    assert validate_case(MODEL, {"ernstig": True, "herhaaldelijk": False}) == {"ernstig": True, "herhaaldelijk": False}
    assert assess_case(MODEL, {}).content_version == MODEL.content_version
