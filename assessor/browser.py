"""The engine's interface for the browser worker: JSON text in, JSON text out.

Strings cross the Pyodide boundary cheaply and leave no Python proxies to free on the
JavaScript side. The model is the one packed into the wheel next to this module.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from .case import CaseError, case_to_json
from .interview import run_interview
from .model import Model
from .plan import step_plan, still_to_find_out
from .modelfile import load_model


@lru_cache(maxsize=1)
def _model() -> Model:
    return load_model()


def describe() -> str:
    """What the page needs to show questions, answers and outcomes, and nothing more (the rules
    and the sentences behind the reasons stay in Python)."""
    data = _model().raw
    return json.dumps({
        "content_version": data["content_version"],
        "content_date": data["content_date"],
        "facts": [{key: fact[key] for key in ("id", "short", "question")}
                  | {"values": [{"id": value["id"], "label": value["label"]} for value in fact["values"]]}
                  for fact in data["facts"]],
        "instruments": [{key: item[key] for key in ("id", "name", "first_steps", "display")} for item in data["instruments"]],
        "warnings": data["warnings"],
        "statuses": data["statuses"],
        "ladder": data["ladder"],
        "answer_labels": data["answer_labels"],
        "municipality": data.get("municipality"),
        "preset": data.get("preset", {}),
        "glossary": data.get("glossary", {}),
        # The court's proportionality test per instrument, shown on the outcome's cards.
        "proportionality": data.get("proportionality", {}),
    }, ensure_ascii=False)


def interview(answers_json: str) -> str:
    """Replay the answers; the next question, the answers set aside and the current outcome.

    ``answers`` are those that count; ``set_aside`` those that stopped counting after a changed
    answer. The page keeps both, in links and saved cases too, so nothing the officer said is
    lost: a replay decides again which ones count.

    A bad answer (from a damaged share link, say) gives ``{"error": ...}`` in Dutch rather
    than an exception, so the page can explain it and start afresh.
    """
    model = _model()
    try:
        answers: Any = json.loads(answers_json)
        if not isinstance(answers, dict):
            raise CaseError("De antwoorden hebben niet de juiste vorm.")
        state = run_interview(model, answers)
    except (CaseError, ValueError) as error:
        return json.dumps({"error": str(error)}, ensure_ascii=False)
    answers_out = case_to_json(model, state.case)
    for fact_id in state.unknown:
        answers_out[fact_id] = "onbekend"
    answers_out |= _as_json(model, state.pending)
    return json.dumps({
        "asked": state.asked,
        "answers": answers_out,
        "next": state.next_fact,
        "screen": state.screen,
        "screen_facts": state.screen_facts,
        "asked_screens": [{"id": screen, "facts": facts} for screen, facts in state.asked_screens],
        "step": state.step,
        "set_aside": _as_json(model, state.set_aside),
        "remaining": state.remaining,
        "assessment": state.assessment.to_json(detail=True),
        "plan": step_plan(model, state.assessment).to_json(),
        "to_find_out": still_to_find_out(model, state.assessment),
    }, ensure_ascii=False)


def _as_json(model: Model, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers as the page writes them ("ja", value ids, "onbekend"), in the order given."""
    known = case_to_json(model, {k: v for k, v in answers.items() if v != "onbekend"})
    return {fact_id: known.get(fact_id, "onbekend") for fact_id in answers}


def word_document(record_json: str) -> str:
    """The record as a Word file, base64 in JSON (``{"base64": ...}``), made here so that nothing
    leaves the browser. ``record_json`` is ``{"title": str, "blocks": [...]}`` (see wordfile.py).
    Imported on first use: the engine's start does not pay for zipfile."""
    import base64

    from .wordfile import document

    try:
        record: Any = json.loads(record_json)
        data = document(record["blocks"], title=str(record.get("title", "")))
    except (ValueError, KeyError, TypeError) as error:
        return json.dumps({"error": f"Het Word-bestand kon niet worden gemaakt: {error}"}, ensure_ascii=False)
    return json.dumps({"base64": base64.b64encode(data).decode("ascii")})
