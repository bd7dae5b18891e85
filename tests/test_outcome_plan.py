"""The step plan and the list of what is still to find out come from the assessment and the
escalation ladder in content, never per case; questions asked together on one screen."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

from assessor import browser
from assessor.engine import APPLIES, FIRST_OTHER_STEPS, UNKNOWN, assess
from assessor.interview import run_interview
from assessor.modelfile import load_model
from assessor.plan import step_plan, still_to_find_out
from case_strategies import partial_cases

MODEL = load_model()
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(partial_cases(MODEL))
def test_the_plan_places_every_fitting_instrument_once_light_before_heavy(case):
    assessment = assess(MODEL, case)
    plan = step_plan(MODEL, assessment)
    municipal = [r for r in assessment.instruments if r.id not in MODEL.by_complainant]
    applies = {r.id for r in municipal if r.status == APPLIES}
    later = [r.id for r in municipal if r.status == FIRST_OTHER_STEPS]
    assert sorted(plan.now + plan.then) == sorted(applies) and not set(plan.now) & set(plan.then)
    level = MODEL.levels
    if later or not applies:
        assert sorted(plan.otherwise) == sorted(later)
    else:
        # Nothing may fit later: then the open instruments of the next rung above, if any.
        top = max(level[i] for i in applies)
        assert all(assessment.status(i) == UNKNOWN and level[i] > top for i in plan.otherwise)
        assert bool(plan.otherwise) == any(r.status == UNKNOWN and level[r.id] > top for r in municipal)
    own = {r.id for r in assessment.instruments if r.id in MODEL.by_complainant and r.status in (APPLIES, FIRST_OTHER_STEPS)}
    assert set(plan.for_complainant) == own and not own & set(plan.now + plan.then + plan.otherwise)
    if plan.then:
        # Nothing done "now" is heavier than what comes "then" (safety, level 0, always first).
        assert max(level[i] for i in plan.now) <= min(level[i] for i in plan.then)
    for part in (plan.now, plan.then, plan.otherwise):
        assert [level[i] for i in part] == sorted(level[i] for i in part)
    assert {i for i in applies if level[i] == 0} <= set(plan.now)


@SETTINGS
@given(partial_cases(MODEL))
def test_each_missing_fact_is_listed_once_with_the_instruments_it_decides(case):
    assessment = assess(MODEL, case)
    listed = still_to_find_out(MODEL, assessment)
    facts = [item["fact"] for item in listed]
    assert len(facts) == len(set(facts))
    expected = {}
    for result in assessment.instruments:
        for fact_id in result.missing_facts:
            expected.setdefault(fact_id, []).append(result.id)
    assert {item["fact"]: item["instruments"] for item in listed} == expected
    assert facts == [f for f in MODEL.route if f in expected]


def test_care_comes_before_enforcement_in_the_hoarding_case():
    """A confused, care-avoiding resident hoarding in an owner-occupied flat: the care route is
    done now, Woningwet enforcement (with its care warning) only after."""
    case = {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "overlast_soorten": ["vervuiling", "verward_gedrag"],
            "woning_eigendom": "koopwoning", "ernstig": "ja", "herhaaldelijk": "ja", "zorgsignalen": "ja",
            "zorg_geweigerd": "ja", "geweld_bij_woning": "nee", "wapen_aangetroffen": "nee", "drugs_in_woning": "nee",
            "verstoring_openbare_orde": "nee", "gericht_op_buren": "nee", "meervoudige_problematiek": "nee",
            "geprobeerd": ["hulpverlening"], "apv_151d": "ja", "minderjarige_kinderen": "nee", "partijen_bereid": "nee",
            "zorgen_om_kinderen": "nee", "gevaar_gebouw": "ja", "kwetsbare_huisgenoot": "nee"}
    assessment = assess(MODEL, case)
    plan = step_plan(MODEL, assessment)
    assert "zorgroute" in plan.now and "woningwet_handhaving" in plan.then
    woningwet = next(r for r in assessment.instruments if r.id == "woningwet_handhaving")
    assert woningwet.status == APPLIES and woningwet.warnings == ["evenredigheid_zorg"]
    # content/waarschuwingen.yaml marks this warning as one for the whole plan: it heads it.
    assert plan.warnings == ["evenredigheid_zorg"]
    without_care = {**case, "overlast_soorten": ["vervuiling"], "zorgsignalen": "nee"}
    assert step_plan(MODEL, assess(MODEL, without_care)).warnings == []


def test_a_warning_heads_the_plan_only_where_content_marks_it_so():
    """Children in a closure case: the warning rides on the cards, not above the plan (content
    marks only the care warning as one for the whole plan)."""
    case = {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "overlast_soorten": ["drugs"], "drugs_in_woning": "ja",
            "woning_rol_drugshandel": "ja", "minderjarige_kinderen": "ja", "zorgsignalen": "nee"}
    assessment = assess(MODEL, case)
    carried = {w for r in assessment.instruments for w in r.warnings}
    assert "evenredigheid_kinderen" in carried and "evenredigheid_zorg" not in carried
    assert step_plan(MODEL, assessment).warnings == []


def test_incident_questions_share_one_screen_and_count_as_one_step():
    group = next(g for g in MODEL.groups if "wapen_aangetroffen" in g.facts)
    home = next(g for g in MODEL.groups if "huiselijk_geweld" in g.facts)
    safe = {"acuut_gevaar": "nee", **{f: "nee" for f in home.facts}}
    state = run_interview(MODEL, safe)
    assert state.screen == group.id and state.screen_facts == list(group.facts) and state.step == 3
    answered = {**safe, **{f: "nee" for f in group.facts}}
    after = run_interview(MODEL, answered)
    assert after.step == 4 and after.screen not in group.facts and after.screen != group.id
    # The page numbers its screens and goes back to them by this list (it keeps no grouping of its own).
    assert after.asked_screens == [("acuut_gevaar", ["acuut_gevaar"]), (home.id, list(home.facts)),
                                   (group.id, list(group.facts))]
    # A weapon found: the follow-up on public order is its own screen, right after the group.
    weapon = run_interview(MODEL, {**answered, "wapen_aangetroffen": "ja"})
    assert weapon.screen == "openbare_orde_ernstig" and weapon.step == 4


def test_remaining_counts_screens_not_facts():
    state = run_interview(MODEL, {"acuut_gevaar": "nee"})
    open_screens = {MODEL.screen_of(f) for f in MODEL.route}
    assert state.remaining <= len(open_screens) - 2
    assert state.step == 2


def test_the_browser_gets_the_plan_and_the_list_with_every_interview():
    out = json.loads(browser.interview(json.dumps({"acuut_gevaar": "ja"})))
    assert set(out["plan"]) == {"nu", "daarna", "als_dat_niet_werkt", "waarschuwingen", "voor_de_melder"} and "politie_acuut" in out["plan"]["nu"]
    assert all(set(item) == {"fact", "instruments"} for item in out["to_find_out"])
    described = json.loads(browser.describe())
    assert described["ladder"]["first"]["level"] == 0
    assert out["asked_screens"] == [{"id": "acuut_gevaar", "facts": ["acuut_gevaar"]}]


def _scenario_facts(name: str) -> dict:
    import yaml

    from assessor.modelfile import scenario_dir

    directory = scenario_dir()
    assert directory is not None
    return yaml.safe_load((directory / f"{name}.yaml").read_text(encoding="utf-8"))["feiten"]


def test_the_neighbours_own_claim_is_advice_to_the_complainant_not_a_municipal_step():
    assessment = assess(MODEL, _scenario_facts("s12_openbare_orde_koopwoning_na_waarschuwing"))
    assert assessment.status("burenrecht_civiel") == APPLIES
    plan = step_plan(MODEL, assessment)
    assert "burenrecht_civiel" not in plan.now + plan.then + plan.otherwise
    assert plan.for_complainant == ["burenrecht_civiel"]


def test_closure_on_ground_a_comes_after_the_mayors_order_not_now():
    for name in ("s12_openbare_orde_koopwoning_na_waarschuwing", "s55_verward_gedrag_verstoort_openbare_orde"):
        plan = step_plan(MODEL, assess(MODEL, _scenario_facts(name)))
        assert "sluiting_174a" not in plan.now, name
        assert plan.then.index("gedragsaanwijzing_151d") < plan.then.index("sluiting_174a"), name


def test_an_empty_if_that_fails_takes_what_may_still_fit_on_the_next_rung():
    facts = _scenario_facts("s01_geluid_koopwoning")
    assert step_plan(MODEL, assess(MODEL, facts)).otherwise == []  # nothing heavier fits: said on the page
    del facts["verstoring_openbare_orde"]  # now closure may still fit, if the public order is disturbed
    assessment = assess(MODEL, facts)
    assert assessment.status("gedragsaanwijzing_151d") == APPLIES and assessment.status("sluiting_174a") == UNKNOWN
    assert step_plan(MODEL, assessment).otherwise == ["sluiting_174a"]
