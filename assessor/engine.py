"""Assessing a case: every instrument gets one status, with its reasons in Dutch.

Status from the instrument's rule A (``aangewezen``) and rule E (``eerst_andere_stappen``):
A true -> aangewezen; A unknown -> onbekend; A false -> E true: eerst_andere_stappen,
E false (or absent): niet_van_toepassing, E unknown: onbekend. Reasons are the facts that
decided the rule, stated as sentences from the model, so an officer sees *why*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional

from .case import Case, validate_case
from .logic import Atom, Has, Node, Predicate, Ref, Truth, decisive_atoms, evaluate
from .model import CHOICE, STATUS_IDS, Instrument, Model

APPLIES, FIRST_OTHER_STEPS, NOT_APPLICABLE, UNKNOWN = STATUS_IDS
STATUSES = STATUS_IDS
#: Statuses whose warnings are reported: the instrument is or may become an option.
WARNED_STATUSES = (APPLIES, FIRST_OTHER_STEPS)


@dataclass
class InstrumentResult:
    id: str
    status: str
    reasons: list[str]
    missing_facts: list[str]
    warnings: list[str]
    #: Unknown facts that decide whether a warning holds (not part of the contract output).
    open_warning_facts: list[str] = field(default_factory=list)
    #: Per reason, the facts it states (a definition stands for the facts it reads), so a
    #: screen can link a reason to the condition and article behind it. Not in the contract.
    reason_facts: list[list[str]] = field(default_factory=list)
    #: Indexes of the instrument's steps that fit the case: a step whose condition is false is
    #: left out, one whose condition is unknown stays. Not in the contract.
    steps: list[int] = field(default_factory=list)

    def to_json(self, *, detail: bool = False) -> dict[str, Any]:
        """The contract's shape; ``detail`` adds what only the browser's screens use."""
        out: dict[str, Any] = {
            "id": self.id,
            "status": self.status,
            "reasons": self.reasons,
            "missing_facts": self.missing_facts,
            "warnings": self.warnings,
        }
        if detail:
            out["reason_facts"] = self.reason_facts
            out["steps"] = self.steps
        return out


@dataclass
class Assessment:
    instruments: list[InstrumentResult]
    content_version: str

    def to_json(self, *, detail: bool = False) -> dict[str, Any]:
        return {
            "instruments": [result.to_json(detail=detail) for result in self.instruments],
            "content_version": self.content_version,
        }

    def status(self, instrument_id: str) -> str:
        return next(result.status for result in self.instruments if result.id == instrument_id)


class _Evaluation:
    """One case against one model; definitions are evaluated once and remembered."""

    def __init__(self, model: Model, case: Case):
        self.model = model
        self.case = case
        self._definitions: dict[str, Truth] = {}

    def value_of(self, atom: Atom) -> Truth:
        if isinstance(atom, Ref):
            if atom.name not in self._definitions:
                self._definitions[atom.name] = evaluate(self.model.definitions[atom.name].rule, self.value_of)
            return self._definitions[atom.name]
        value = self.case.get(atom.fact)
        if value is None:
            return None
        if isinstance(atom, Predicate):
            if atom.name == "ja":
                return value is True
            if atom.name == "nee":
                return value is False
            return len(value) == 0
        if isinstance(value, frozenset):
            return atom.value in value
        return value == atom.value

    def rule(self, node: Node) -> Truth:
        return evaluate(node, self.value_of)

    def statement(self, atom: Atom, value: Truth) -> str:
        """The sentence that states a decided atom, written in the model's own words."""
        if isinstance(atom, Ref):
            definition = self.model.definitions[atom.name]
            return definition.when_true if value else definition.when_false
        fact = self.model.facts[atom.fact]
        actual = self.case[atom.fact]
        if isinstance(atom, Predicate):
            if atom.name == "leeg":
                if actual:
                    listed = ", ".join(fact.value(item).phrase for item in fact.value_ids if item in actual)
                    return fact.statements["niet_leeg"].format(waarden=listed)
                return fact.statements["leeg"]
            return fact.statements["ja" if actual else "nee"]
        if fact.type == CHOICE:
            return fact.statements["waar"].format(waarde=fact.value(str(actual)).phrase)
        key = "waar" if value else "onwaar"
        return fact.statements[key].format(waarde=fact.value(atom.value).phrase)

    def unknown_facts(self, node: Node, decided: Optional[list[tuple[Atom, Truth]]] = None) -> list[str]:
        """Facts whose being unknown leaves ``node`` undecided, looking inside definitions."""
        found: list[str] = []
        atoms = decided if decided is not None else decisive_atoms(node, self.value_of)[1]
        for atom, value in atoms:
            if value is not None:
                continue
            if isinstance(atom, Ref):
                found.extend(self.unknown_facts(self.model.definitions[atom.name].rule))
            else:
                found.append(atom.fact)
        return found

    def explain(self, atoms: list[tuple[Atom, Truth]]) -> list[tuple[str, list[str]]]:
        """The decided atoms of a rule as (sentence, facts it is about)."""
        return [(self.statement(atom, value), self.model.facts_of(atom)) for atom, value in atoms if value is not None]

    def in_route_order(self, fact_ids: Iterable[str]) -> list[str]:
        wanted = set(fact_ids)
        return [fact_id for fact_id in self.model.route if fact_id in wanted]

    def unknown_sentence(self, fact_ids: list[str], *, later: bool) -> str:
        names = ", ".join(_lower_first(self.model.facts[fact_id].short) for fact_id in fact_ids)
        if later:
            return f"Of dit later kan passen, is nog niet te beoordelen; eerst uitzoeken: {names}."
        return f"Nog niet te beoordelen; eerst uitzoeken: {names}."

    def assess(self, instrument: Instrument) -> InstrumentResult:
        """Status and reasons. Reasons say why the rule that decided the status came out as it
        did: rule A for aangewezen and niet_van_toepassing, A then E for eerst_andere_stappen."""
        # One pass per rule gives its value and the atoms that decide it; rule E only when needed.
        applies, applies_atoms = decisive_atoms(instrument.applies, self.value_of)
        later: Truth = False
        later_atoms: list[tuple[Atom, Truth]] = []
        if instrument.later is not None and applies is not True:
            later, later_atoms = decisive_atoms(instrument.later, self.value_of)
        missing: list[str] = []
        reasons: list[tuple[str, list[str]]] = []
        if applies is True:
            status, reasons = APPLIES, self.explain(applies_atoms)
        elif applies is None:
            status = UNKNOWN
            missing = self.unknown_facts(instrument.applies, applies_atoms)
            if instrument.later is not None and later is None:
                # Once A turns out false, E decides: its facts matter as well.
                missing += self.unknown_facts(instrument.later, later_atoms)
            missing = self.in_route_order(missing)
            reasons.append((self.unknown_sentence(missing, later=False), missing))
        else:
            reasons = self.explain(applies_atoms)
            if later is True:
                status = FIRST_OTHER_STEPS
                reasons += self.explain(later_atoms)
            elif later is False:
                status = NOT_APPLICABLE
            else:
                assert instrument.later is not None
                status = UNKNOWN
                missing = self.in_route_order(self.unknown_facts(instrument.later, later_atoms))
                reasons.append((self.unknown_sentence(missing, later=True), missing))
        warnings: list[str] = []
        open_warning_facts: list[str] = []
        if status in WARNED_STATUSES:
            for warning_id, condition in instrument.warnings.items():
                holds = self.rule(condition)
                if holds is True:
                    warnings.append(warning_id)
                elif holds is None:
                    open_warning_facts.extend(self.unknown_facts(condition))
        unique = dict(reversed(reasons))  # one entry per sentence, the first one's facts
        sentences = list(dict.fromkeys(sentence for sentence, _ in reasons))
        return InstrumentResult(
            id=instrument.id,
            status=status,
            reasons=sentences,
            reason_facts=[unique[sentence] for sentence in sentences],
            missing_facts=missing,
            warnings=warnings,
            open_warning_facts=self.in_route_order(open_warning_facts),
            steps=[index for index, condition in enumerate(instrument.step_conditions)
                   if condition is None or self.rule(condition) is not False],
        )


def _lower_first(text: str) -> str:
    """'Acuut gevaar' -> 'acuut gevaar' in a sentence, but 'APV-bepaling' stays as it is."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def assess_case(model: Model, case: Case) -> Assessment:
    """Assess an already validated case (see ``validate_case``). Facts a municipality's edition
    answers (``model.preset``) hold for every case, whatever the case says of them."""
    evaluation = _Evaluation(model, {**case, **model.preset} if model.preset else case)
    return Assessment(
        instruments=[evaluation.assess(instrument) for instrument in model.instruments],
        content_version=model.content_version,
    )


def assess(model: Model, facts: Mapping[str, Any]) -> Assessment:
    """Validate the facts (raising ``CaseError`` on a mistake) and assess them."""
    return assess_case(model, validate_case(model, facts))
