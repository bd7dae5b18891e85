"""The interview: which question to ask next, and which earlier answers still apply.

A question is asked only while its answer can still change an outcome: a fact is open when
it keeps an instrument ``onbekend`` or leaves a warning of a possible instrument undecided.
Decided statuses never change when facts are added (Kleene logic is monotone), so once no
fact is open the outcome is final and equals the assessment of the complete case.

Asking only what matters is about the questions, never about the answers: what the officer
said on a screen is a fact of the case, even when another answer on that screen already
decided the outcome (violence and a weapon are both grounds for a closure, and a decision
names every ground it rests on). Only an answer whose screen a changed answer has made
irrelevant stops counting; it is set aside, named, and counts again once it matters again.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from .case import Case, validate_case
from .engine import Assessment, assess_case
from .model import UNKNOWN_ANSWER, Model


def open_facts(model: Model, assessment: Assessment) -> list[str]:
    """Unknown facts whose answer could still change a status or a warning, in route order."""
    wanted: set[str] = set()
    for result in assessment.instruments:
        wanted.update(result.missing_facts)
        wanted.update(result.open_warning_facts)
    return [fact_id for fact_id in model.route if fact_id in wanted]


@dataclass
class InterviewState:
    #: Facts asked so far, in the order asked (answered or "weet ik niet").
    asked: list[str]
    #: Asked facts answered "weet ik niet": they stay unknown and are not asked again.
    unknown: list[str]
    #: The fact to ask now, or None when the outcome is complete.
    next_fact: Optional[str]
    #: Answers given that do not count: those set aside, and those for facts the edition settles.
    dropped: list[str]
    case: Case
    assessment: Assessment
    #: How many screens may still follow the next one, at most.
    remaining: int
    #: The screen to show now: a fact id, or a group id when it asks several facts at once.
    screen: Optional[str] = None
    #: The facts that screen asks: those of the group that can still change an outcome.
    screen_facts: list[str] = field(default_factory=list)
    #: The screens the asked facts took, in order: (screen id, the facts asked on it).
    asked_screens: list[tuple[str, list[str]]] = field(default_factory=list)
    #: The number of the next screen (1 for the first), counting a group once.
    step: int = 1
    #: Answers to questions further along the route than the next one (from a saved case or a
    #: link): kept, and used once the interview reaches them, as long as they still matter.
    pending: dict[str, Any] = field(default_factory=dict)
    #: Answers given earlier whose question no longer matters after a changed answer, in route
    #: order (validated values, or "onbekend"): not facts of the case, but kept, so the page can
    #: say so and changing the answer back makes them count again.
    set_aside: dict[str, Any] = field(default_factory=dict)


#: Assessments of partial cases already seen, per model. Every answer replays the interview from
#: the start, so the same partial cases come back with each answer; remembering them keeps an
#: answer's cost flat instead of growing with the number of answers. Bounded, oldest out first.
_REMEMBERED: dict[int, tuple[Model, "OrderedDict[frozenset, tuple[Assessment, list[str]]]"]] = {}
REMEMBER_AT_MOST = 2048


def _assessed(model: Model, case: Case) -> tuple[Assessment, list[str]]:
    """The assessment of ``case`` and its open facts, remembered (assessments are never changed)."""
    entry = _REMEMBERED.get(id(model))
    if entry is None or entry[0] is not model:
        entry = _REMEMBERED[id(model)] = (model, OrderedDict())
    memory = entry[1]
    key = frozenset(case.items())
    found = memory.get(key)
    if found is None:
        assessment = assess_case(model, case)
        found = memory[key] = (assessment, open_facts(model, assessment))
        if len(memory) > REMEMBER_AT_MOST:
            memory.popitem(last=False)
    else:
        memory.move_to_end(key)
    return found


def run_interview(model: Model, answers: Mapping[str, Any]) -> InterviewState:
    """Replay the answers along the route; ``answers`` maps fact ids to values or "onbekend".

    Replaying (rather than trusting the order the answers were given in) is what makes a
    changed answer keep every other answer and set aside exactly those that no longer apply.
    The replay goes screen by screen: every answer to a question the screen showed counts,
    as the officer gave them together.
    """
    # Facts the municipality's edition answers are never asked; an answer given for one is dropped.
    given = answers
    answers = {k: v for k, v in answers.items() if k not in model.preset}
    unknown_answers = {fact_id for fact_id, value in answers.items() if value == UNKNOWN_ANSWER}
    known = validate_case(model, {k: v for k, v in answers.items() if k not in unknown_answers})
    case: Case = {}  # the edition's preset facts are added by assess_case, for every case
    asked: list[str] = []
    skipped: list[str] = []
    answered = set(known) | unknown_answers
    while True:
        assessment, still_open = _assessed(model, case)
        candidates = [fact_id for fact_id in still_open if fact_id not in skipped]
        next_fact = candidates[0] if candidates else None
        if next_fact is None or next_fact not in answered:
            break
        # The screen as it was shown: its questions that still mattered, answered together.
        screen = model.screen_of(next_fact)
        for fact_id in [fact_id for fact_id in candidates if fact_id in answered and model.screen_of(fact_id) == screen]:
            asked.append(fact_id)
            if fact_id in unknown_answers:
                skipped.append(fact_id)
            else:
                case[fact_id] = known[fact_id]
    still_open = set(candidates)
    given_value = {fact_id: (UNKNOWN_ANSWER if fact_id in unknown_answers else known[fact_id]) for fact_id in answered}
    pending = {fact_id: given_value[fact_id] for fact_id in model.route
               if fact_id in answered and fact_id not in asked and fact_id in still_open and fact_id != next_fact}
    set_aside = {fact_id: given_value[fact_id] for fact_id in model.route
                 if fact_id in answered and fact_id not in asked and fact_id not in pending}
    dropped = [fact_id for fact_id in model.route if fact_id in given and fact_id not in asked and fact_id not in pending]
    screen = model.screen_of(next_fact) if next_fact else None
    screen_facts = [fact_id for fact_id in candidates if model.screen_of(fact_id) == screen] if screen else []
    later_screens = {model.screen_of(fact_id) for fact_id in candidates if fact_id not in screen_facts}
    asked_screens = _asked_screens(model, asked)
    return InterviewState(
        asked=asked,
        unknown=skipped,
        next_fact=next_fact,
        dropped=dropped,
        pending=pending,
        set_aside=set_aside,
        case=case,
        assessment=assessment,
        remaining=len(later_screens),
        screen=screen,
        screen_facts=screen_facts,
        asked_screens=asked_screens,
        step=len(asked_screens) + 1,
    )


def _asked_screens(model: Model, asked: list[str]) -> list[tuple[str, list[str]]]:
    """The screens the asked facts took: consecutive facts of one group share a screen. The
    page numbers its screens and goes back to them by this list (one place for the grouping)."""
    screens: list[tuple[str, list[str]]] = []
    for fact_id in asked:
        screen = model.screen_of(fact_id)
        if screens and screens[-1][0] == screen and screen != fact_id:
            screens[-1][1].append(fact_id)
        else:
            screens.append((screen, [fact_id]))
    return screens
