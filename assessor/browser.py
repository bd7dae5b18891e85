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
from .modelfile import packaged_model


@lru_cache(maxsize=1)
def _model() -> Model:
    return packaged_model()


def describe() -> str:
    """What the page needs to show questions, answers and outcomes."""
    data = _model().raw
    return json.dumps({key: data[key] for key in (
        "content_version", "content_date", "facts", "route", "instruments", "warnings", "statuses",
    )}, ensure_ascii=False)


def interview(answers_json: str) -> str:
    """Replay the answers; the next question, the dropped answers and the current outcome.

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
    return json.dumps({
        "asked": state.asked,
        "answers": answers_out,
        "next": state.next_fact,
        "dropped": state.dropped,
        "remaining": state.remaining,
        "assessment": state.assessment.to_json(detail=True),
    }, ensure_ascii=False)
