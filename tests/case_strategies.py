"""Random cases for property tests (hypothesis), built from the compiled model's own facts."""

from __future__ import annotations

from hypothesis import strategies as st

from assessor.model import BOOLEAN, CHOICE, Model


def fact_value(fact):
    if fact.type == BOOLEAN:
        return st.sampled_from(["ja", "nee"])
    if fact.type == CHOICE:
        return st.sampled_from(list(fact.value_ids))
    return st.lists(st.sampled_from(list(fact.value_ids)), unique=True)


def complete_cases(model: Model):
    return st.fixed_dictionaries({fact_id: fact_value(fact) for fact_id, fact in model.facts.items()})


def partial_cases(model: Model):
    """A complete case with any of its facts left out (unknown)."""

    @st.composite
    def draw_case(draw):
        full = draw(complete_cases(model))
        keep = draw(st.lists(st.sampled_from(list(full)), unique=True))
        return {fact_id: full[fact_id] for fact_id in keep}

    return draw_case()
