"""What an officer does first: the step plan and the facts still to find out, derived from an
assessment and the escalation ladder of the model (never written per case).

Nu                   what is aangewezen at level 0 (safety first), and what is aangewezen on the
                     lowest other level where anything is;
Daarna               the other aangewezen instruments, light to heavy;
Als dat niet werkt   what may fit later (eerst_andere_stappen), light to heavy; when nothing does,
                     what may still fit (onbekend) on the next rung above what is aangewezen.
Voor de melder       what the complainant does himself (the ladder's ``by_complainant``), never a
                     step of the municipality.
Within a level, the model's instrument order holds. Because the ladder puts care below
enforcement, care comes first where it applies. A warning the content marks as one for the
whole plan heads it when an instrument of the case carries it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .engine import APPLIES, FIRST_OTHER_STEPS, UNKNOWN, Assessment
from .model import Model


@dataclass
class StepPlan:
    now: list[str]
    then: list[str]
    otherwise: list[str]
    warnings: list[str]
    for_complainant: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, list[str]]:
        return {"nu": self.now, "daarna": self.then, "als_dat_niet_werkt": self.otherwise,
                "waarschuwingen": self.warnings, "voor_de_melder": self.for_complainant}


def step_plan(model: Model, assessment: Assessment) -> StepPlan:
    order = {instrument.id: index for index, instrument in enumerate(model.instruments)}

    def by_level(ids: list[str]) -> list[str]:
        return sorted(ids, key=lambda item: (model.levels[item], order[item]))

    municipal = [r for r in assessment.instruments if r.id not in model.by_complainant]
    applies = by_level([r.id for r in municipal if r.status == APPLIES])
    later = by_level([r.id for r in municipal if r.status == FIRST_OTHER_STEPS])
    if not later and applies:
        # Never an empty "if that fails" while a heavier rung may still fit: its open instruments.
        top = model.levels[applies[-1]]
        open_above = [r.id for r in municipal if r.status == UNKNOWN and model.levels[r.id] > top]
        nearest = min((model.levels[item] for item in open_above), default=None)
        later = by_level([item for item in open_above if model.levels[item] == nearest])
    first = [item for item in applies if model.levels[item] == 0]
    rest = [item for item in applies if model.levels[item] > 0]
    lowest = model.levels[rest[0]] if rest else None
    now = first + [item for item in rest if model.levels[item] == lowest]
    carried = {warning for result in assessment.instruments for warning in result.warnings}
    return StepPlan(now=now, then=[item for item in applies if item not in now], otherwise=later,
                    warnings=[warning for warning in model.plan_warnings if warning in carried],
                    for_complainant=[r.id for r in assessment.instruments
                                     if r.id in model.by_complainant and r.status in (APPLIES, FIRST_OTHER_STEPS)])


def still_to_find_out(model: Model, assessment: Assessment) -> list[dict[str, object]]:
    """Each fact that keeps an instrument undecided, once, with the instruments it decides, in
    the order the questions are asked."""
    deciding: dict[str, list[str]] = {}
    for result in assessment.instruments:
        for fact_id in result.missing_facts:
            deciding.setdefault(fact_id, []).append(result.id)
    return [{"fact": fact_id, "instruments": deciding[fact_id]} for fact_id in model.route if fact_id in deciding]
