"""The compiled decision model the engine runs on, loaded from the JSON the build writes.

The engine knows no domain: facts, questions, definitions, instruments and their rules all
come from this model, so advisors change the law in ``content/`` and never in code.
"""

from __future__ import annotations

import json
import dataclasses
from dataclasses import dataclass, field
from typing import Any, Optional

from .logic import Atom, Node, Ref, atoms, parse

BOOLEAN = "ja_nee"
CHOICE = "keuze"
MULTIPLE_CHOICE = "meerkeuze"
FACT_TYPES = (BOOLEAN, CHOICE, MULTIPLE_CHOICE)

#: Answer value meaning "weet ik niet": the fact stays unknown.
UNKNOWN_ANSWER = "onbekend"
#: The contract's four statuses (their meaning is the engine's; order and labels are content's).
STATUS_IDS = ("aangewezen", "eerst_andere_stappen", "niet_van_toepassing", "onbekend")

MODEL_FORMAT = 3


@dataclass(frozen=True)
class Value:
    id: str
    label: str
    #: The value as it reads inside a sentence ("geluidsoverlast").
    phrase: str


@dataclass(frozen=True)
class Fact:
    id: str
    type: str
    question: str
    short: str
    #: A short explanation under the question, in plain language.
    hint: str
    help: str
    values: tuple[Value, ...]
    #: Sentences stating the fact's value; keys depend on the type (see ``explain``).
    statements: dict[str, str]

    @property
    def value_ids(self) -> tuple[str, ...]:
        return tuple(value.id for value in self.values)

    def value(self, value_id: str) -> Value:
        return next(value for value in self.values if value.id == value_id)


@dataclass(frozen=True)
class Definition:
    name: str
    rule: Node
    when_true: str
    when_false: str


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    applies: Node
    later: Optional[Node]
    warnings: dict[str, Node]
    #: What must happen first when the status is ``eerst_andere_stappen``.
    first_steps: str
    #: Display data for the outcome screen, passed through untouched.
    display: dict[str, Any] = field(default_factory=dict)
    #: Per step (``display["steps"]``), the condition under which it fits the case, or None.
    step_conditions: tuple[Optional[Node], ...] = ()


@dataclass(frozen=True)
class Group:
    """Several yes/no questions asked on one screen."""

    id: str
    question: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Status:
    id: str
    label: str
    explanation: str


@dataclass(frozen=True)
class Model:
    content_version: str
    facts: dict[str, Fact]
    #: Fact ids in the order the interview asks them (the route).
    route: tuple[str, ...]
    definitions: dict[str, Definition]
    aliases: dict[str, str]
    instruments: tuple[Instrument, ...]
    warnings: dict[str, dict[str, str]]
    #: Warnings that also head the step plan when an instrument of the case carries them.
    plan_warnings: tuple[str, ...]
    #: The four statuses in the order every report and screen shows them, with their labels.
    statuses: tuple[Status, ...]
    #: Labels of the answers every question shares: ja, nee, onbekend ("weet ik niet").
    answer_labels: dict[str, str]
    #: Questions asked together on one screen.
    groups: tuple[Group, ...]
    #: Per instrument, its place on the escalation ladder (0: first, safety; then rung by rung).
    levels: dict[str, int]
    #: Instruments the complainant uses, not the municipality: advice beside the step plan.
    by_complainant: tuple[str, ...]
    #: The model as compiled, for the browser's screens (which read what the engine passes on).
    raw: dict[str, Any]
    #: Facts a municipality's edition answers once for every case (validated when it is built).
    preset: dict[str, Any] = field(default_factory=dict)

    def status(self, status_id: str) -> Status:
        return next(item for item in self.statuses if item.id == status_id)

    def screen_of(self, fact_id: str) -> str:
        """The screen a fact is asked on: its group's id, or the fact itself."""
        return next((group.id for group in self.groups if fact_id in group.facts), fact_id)

    def instrument(self, instrument_id: str) -> Instrument:
        return next(item for item in self.instruments if item.id == instrument_id)

    def facts_of(self, atom: Atom) -> list[str]:
        """The facts an atom reads; a definition reads the facts of its own rule."""
        if not isinstance(atom, Ref):
            return [atom.fact]
        found: list[str] = []
        for inner in atoms(self.definitions[atom.name].rule):
            found.extend(fact for fact in self.facts_of(inner) if fact not in found)
        return found


class ModelError(ValueError):
    """The compiled model is missing, stale or of another format."""


def _fact(data: dict[str, Any]) -> Fact:
    values = tuple(
        Value(item["id"], item["label"], item.get("phrase") or item["label"].lower())
        for item in data.get("values", [])
    )
    return Fact(
        id=data["id"],
        type=data["type"],
        question=data["question"],
        short=data["short"],
        hint=data.get("hint", ""),
        help=data.get("help", ""),
        values=values,
        statements=dict(data.get("statements", {})),
    )


def model_from_dict(data: dict[str, Any]) -> Model:
    if data.get("format") != MODEL_FORMAT:
        raise ModelError(
            f"het model heeft formaat {data.get('format')!r}; deze engine leest formaat {MODEL_FORMAT}"
        )
    aliases = dict(data.get("aliases", {}))

    def rule(text: str) -> Node:
        return parse(text, aliases)

    facts = {item["id"]: _fact(item) for item in data["facts"]}
    definitions = {
        name: Definition(name, rule(item["rule"]), item["true"], item["false"])
        for name, item in data.get("definitions", {}).items()
    }
    instruments = tuple(
        Instrument(
            id=item["id"],
            name=item["name"],
            applies=rule(item["rules"]["aangewezen"]),
            later=rule(item["rules"]["eerst_andere_stappen"])
            if item["rules"].get("eerst_andere_stappen")
            else None,
            warnings={key: rule(text) for key, text in item["rules"].get("waarschuwingen", {}).items()},
            first_steps=item.get("first_steps", ""),
            display=item.get("display", {}),
            step_conditions=tuple(rule(text) if text else None for text in item.get("step_conditions", [])),
        )
        for item in data["instruments"]
    )
    statuses = tuple(Status(item["id"], item["label"], item["explanation"]) for item in data["statuses"])
    if sorted(item.id for item in statuses) != sorted(STATUS_IDS):
        raise ModelError(f"het model moet precies deze uitkomsten kennen: {', '.join(STATUS_IDS)}")
    model = Model(
        content_version=data["content_version"],
        facts=facts,
        route=tuple(data["route"]),
        definitions=definitions,
        aliases=aliases,
        instruments=instruments,
        warnings=dict(data.get("warnings", {})),
        plan_warnings=tuple(data["plan_warnings"]),
        statuses=statuses,
        answer_labels=dict(data["answer_labels"]),
        groups=tuple(Group(item["id"], item["question"], tuple(item["facts"])) for item in data.get("groups", [])),
        levels=_levels(data["ladder"]),
        by_complainant=tuple(data["ladder"].get("by_complainant", [])),
        raw=data,
    )
    if not data.get("preset"):
        return model
    from .case import validate_case  # the case module reads the model's facts

    return dataclasses.replace(model, preset=validate_case(model, data["preset"]))


def model_from_json(text: str) -> Model:
    return model_from_dict(json.loads(text))


def _levels(ladder: dict[str, Any]) -> dict[str, int]:
    parts = [ladder["first"], *ladder["rungs"], *ladder.get("tracks", [])]
    return {instrument: part["level"] for part in parts for instrument in part["instruments"]}
