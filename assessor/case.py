"""Checking a case against the model before assessing it.

Cases come from advisors' scenario files, other tools and share links, so every fact id and
value is checked and a mistake is reported in one Dutch sentence that names the fact and the
values that are allowed. A fact that is left out (or given as null) is unknown.
"""

from __future__ import annotations

from typing import Any, Mapping, Union

from .model import BOOLEAN, CHOICE, Model

FactValue = Union[bool, str, frozenset]
Case = dict[str, FactValue]


class CaseError(ValueError):
    """A case with an unknown fact or a value outside the allowed set."""

    def __init__(self, message: str, fact: str = ""):
        super().__init__(message)
        #: The fact id the mistake is about, so a caller can point at its line.
        self.fact = fact


def _allowed(model: Model, fact_id: str) -> str:
    fact = model.facts[fact_id]
    if fact.type == BOOLEAN:
        return "ja, nee"
    return ", ".join(fact.value_ids)


def _value(model: Model, fact_id: str, raw: Any) -> FactValue:
    fact = model.facts[fact_id]
    if fact.type == BOOLEAN:
        if raw is True or raw == "ja":
            return True
        if raw is False or raw == "nee":
            return False
        kind = ""
    elif fact.type == CHOICE:
        if isinstance(raw, str) and raw in fact.value_ids:
            return raw
        kind = "één van "
    else:
        if isinstance(raw, (list, tuple)) and all(isinstance(item, str) and item in fact.value_ids for item in raw):
            return frozenset(raw)
        if isinstance(raw, (list, tuple)):
            wrong = next(item for item in raw if not (isinstance(item, str) and item in fact.value_ids))
            raise CaseError(
                f"Ongeldige waarde {wrong!r} in feit '{fact_id}'. Toegestaan: een lijst met {_allowed(model, fact_id)}.",
                fact_id,
            )
        kind = "een lijst met "
    raise CaseError(
        f"Ongeldige waarde {raw!r} voor feit '{fact_id}'. Toegestaan: {kind}{_allowed(model, fact_id)}.", fact_id
    )


def validate_case(model: Model, facts: Mapping[str, Any]) -> Case:
    """The case with values normalised (booleans, value ids, frozensets); unknowns left out."""
    if not isinstance(facts, Mapping):
        raise CaseError("De feiten van een casus moeten een lijst 'feit: waarde' zijn.")
    case: Case = {}
    for fact_id, raw in facts.items():
        if fact_id not in model.facts:
            raise CaseError(f"Onbekend feit '{fact_id}'. Bekende feiten: {', '.join(model.route)}.", str(fact_id))
        if raw is None:
            continue
        case[fact_id] = _value(model, fact_id, raw)
    return case


def case_to_json(model: Model, case: Mapping[str, FactValue]) -> dict[str, Any]:
    """The contract's notation, in route order: ja/nee, value ids, lists in the model's order."""
    out: dict[str, Any] = {}
    for fact_id in model.route:
        if fact_id not in case:
            continue
        value = case[fact_id]
        if isinstance(value, bool):
            out[fact_id] = "ja" if value else "nee"
        elif isinstance(value, frozenset):
            out[fact_id] = [item for item in model.facts[fact_id].value_ids if item in value]
        else:
            out[fact_id] = value
    return out
