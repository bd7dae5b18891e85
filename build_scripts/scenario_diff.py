"""What a content change does: every outcome that changes against the last commit (HEAD).

``python -m build_scripts.scenario_diff`` (``make vergelijk``) compiles content/ as it is now and
as it was in HEAD (head_content.py), runs every scenario and a few thousand generated cases
through both models, and prints per instrument which outcomes moved, in Dutch, with examples.
An advisor sees what a rule change does before the build refuses the scenarios that no longer
hold. ``--aanvaard`` then writes the new outcomes into those scenarios (scenario_accept.py).

The build's compiler and the engine's public functions only; the cases are drawn with a fixed
seed, so two runs on the same content print the same report.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

from assessor.case import CaseError, validate_case
from assessor.engine import assess_case
from assessor.errors import ContentErrors
from assessor.logic import atoms
from assessor.model import BOOLEAN, CHOICE, Model
from assessor.scenarios import Scenario, run_scenarios, scenario_from_located

from .compile_content import CONTENT_DIR, PROJECT_ROOT, compile_content
from .head_content import NoPrevious, head_label, unpack_head_content
from .scenario_accept import accept, expectation_changes

#: How many generated cases, and the seed that makes them the same on every run.
DEFAULT_CASES = 3000
DEFAULT_SEED = 20261208
#: The chance that a generated case leaves a fact unknown (as officers often must).
UNKNOWN_SHARE = 0.3
#: Examples shown per change.
EXAMPLES = 3

Outcomes = dict[str, str]  # instrument id -> status
SCENARIO_WORDS = ("scenario", "scenario's")


@dataclass
class Changes:
    """Per (instrument, old status, new status): what moved, as labels of scenarios or cases."""

    moved: dict[tuple[str, str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    counted: int = 0

    def add(self, before: Outcomes, after: Outcomes, label: str) -> None:
        self.counted += 1
        for instrument_id in after:
            old, new = before.get(instrument_id, "(nieuw instrument)"), after[instrument_id]
            if old != new:
                self.moved[(instrument_id, old, new)].append(label)
        for instrument_id in before.keys() - after.keys():
            self.moved[(instrument_id, before[instrument_id], "(vervallen)")].append(label)


def outcomes(model: Model, facts: dict[str, Any]) -> Optional[Outcomes]:
    """Each instrument's status for these facts; None when the model does not know them."""
    try:
        case = validate_case(model, facts)
    except CaseError:
        return None
    return {result.id: result.status for result in assess_case(model, case).instruments}


def seen_by(model: Model, facts: dict[str, Any]) -> dict[str, Any]:
    """The case as a model sees it: facts and answers it does not know are left unknown."""
    kept: dict[str, Any] = {}
    for fact_id, value in facts.items():
        fact = model.facts.get(fact_id)
        if fact is None:
            continue
        if isinstance(value, list):
            if fact.type not in (BOOLEAN, CHOICE):
                kept[fact_id] = [item for item in value if item in fact.value_ids]
        elif fact.type == BOOLEAN and value in ("ja", "nee"):
            kept[fact_id] = value
        elif fact.type == CHOICE and value in fact.value_ids:
            kept[fact_id] = value
    return kept


def generated_cases(model: Model, count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` cases over the model's facts, the same for the same model and seed."""
    draw = random.Random(seed)
    cases = []
    for _ in range(count):
        case: dict[str, Any] = {}
        for fact_id in sorted(model.facts):
            fact = model.facts[fact_id]
            if draw.random() < UNKNOWN_SHARE:
                continue
            if fact.type == BOOLEAN:
                case[fact_id] = draw.choice(("ja", "nee"))
            elif fact.type == CHOICE:
                case[fact_id] = draw.choice(fact.value_ids)
            else:
                case[fact_id] = sorted(value for value in fact.value_ids if draw.random() < 0.3)
        cases.append(case)
    return cases


def _rule_facts(model: Model, instrument_id: str) -> list[str]:
    """The facts an instrument's rules and warnings read, in route order."""
    try:
        instrument = model.instrument(instrument_id)
    except StopIteration:
        return []
    nodes = [instrument.applies, instrument.later, *instrument.warnings.values()]
    read = {fact for node in nodes if node is not None for atom in atoms(node) for fact in model.facts_of(atom)}
    return [fact_id for fact_id in model.route if fact_id in read] + sorted(read - set(model.route))


def describe_case(facts: dict[str, Any], shown: list[str]) -> str:
    """A generated case in one line, limited to the facts the instrument reads."""
    parts = []
    for fact_id in shown:
        value = facts.get(fact_id, "onbekend")
        if isinstance(value, list):
            value = "[" + ", ".join(value) + "]" if value else "[geen]"
        parts.append(f"{fact_id}={value}")
    return ", ".join(parts) or "alle feiten onbekend"


@dataclass
class Comparison:
    scenarios: Changes
    cases: Changes
    #: Scenarios only one of the two models can read (a fact added or removed): not compared.
    not_compared: list[str]
    case_examples: dict[tuple[str, str, str], list[str]]
    version_before: str
    version_after: str


def compare(before: Model, after: Model, scenarios: list[Scenario], count: int = DEFAULT_CASES,
            seed: int = DEFAULT_SEED) -> Comparison:
    """Scenarios with their own facts; generated cases drawn over the new model's facts and
    given to the old model as it can read them, so a new question counts as unknown there."""
    scenario_changes, not_compared = Changes(), []
    for scenario in scenarios:
        old, new = outcomes(before, scenario.facts), outcomes(after, scenario.facts)
        label = f"{scenario.file} '{scenario.name}'"
        if old is None or new is None:
            not_compared.append(label)
            continue
        scenario_changes.add(old, new, label)
    case_changes = Changes()
    facts_by_case: list[dict[str, Any]] = generated_cases(after, count, seed)
    for number, facts in enumerate(facts_by_case):
        old, new = outcomes(before, seen_by(before, facts)), outcomes(after, facts)
        if old is not None and new is not None:
            case_changes.add(old, new, str(number))
    examples = {}
    for key, numbers in case_changes.moved.items():
        shown = list(dict.fromkeys(_rule_facts(before, key[0]) + _rule_facts(after, key[0])))
        examples[key] = [describe_case(facts_by_case[int(n)], shown) for n in numbers[:EXAMPLES]]
    return Comparison(scenario_changes, case_changes, not_compared, examples,
                      _version(before), _version(after))


def _version(model: Model) -> str:
    """The advisor's version from content/meta.yaml, without the digest the model adds after '+'."""
    return model.content_version.split("+", 1)[0]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def report_lines(comparison: Comparison, against: str) -> list[str]:
    """The report in Dutch: scenarios first (by name), then the generated cases (by count)."""
    lines = [f"Vergeleken met de laatste commit (HEAD: {against})."]
    changed = comparison.scenarios.moved or comparison.cases.moved
    if comparison.scenarios.moved:
        lines.append("")
        lines.append("Scenario's met een andere uitkomst:")
        for (instrument_id, old, new), labels in sorted(comparison.scenarios.moved.items()):
            lines.append(f"  {instrument_id}: {_plural(len(labels), *SCENARIO_WORDS)} {old} → {new}:")
            lines.extend(f"    - {label}" for label in labels)
    if comparison.cases.moved:
        lines.append("")
        lines.append(f"Van {comparison.cases.counted} gegenereerde casussen (steeds dezelfde) "
                     "krijgen deze een andere uitkomst:")
        for key, labels in sorted(comparison.cases.moved.items(), key=lambda item: (item[0][0], -len(item[1]))):
            instrument_id, old, new = key
            lines.append(f"  {instrument_id}: {_plural(len(labels), 'casus', 'casussen')} {old} → {new}, bijvoorbeeld:")
            lines.extend(f"    - {example}" for example in comparison.case_examples[key])
    if comparison.not_compared:
        lines.append("")
        lines.append("Niet vergeleken (een feit bestaat maar in één van beide versies): " + ", ".join(comparison.not_compared))
    if not changed:
        lines.append("Geen uitkomsten veranderd.")
    elif comparison.version_before == comparison.version_after:
        lines.append("")
        lines.append(f"Let op: uitkomsten veranderen, maar de inhoudsversie is nog {comparison.version_after}. "
                     "Verhoog 'inhoudsversie' in content/meta.yaml en beschrijf de wijziging in content/wijzigingen.yaml.")
    return lines


def main(argv: Optional[Sequence[str]] = None, project_root: Path = PROJECT_ROOT) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts.scenario_diff",
                                     description="Welke uitkomsten veranderen door een wijziging in content/ (ten opzichte van HEAD).")
    parser.add_argument("--aanvaard", action="store_true",
                        help="schrijf de nieuwe uitkomsten in de 'verwacht'-blokken van de scenario's die niet meer kloppen")
    parser.add_argument("--casussen", type=int, default=DEFAULT_CASES, help="hoeveel gegenereerde casussen (standaard %(default)s)")
    parser.add_argument("--zaad", type=int, default=DEFAULT_SEED, help="het vaste zaad van de casussen")
    args = parser.parse_args(argv)
    content_dir = project_root / CONTENT_DIR.name
    try:
        compiled = compile_content(content_dir, project_root)
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    scenarios = [scenario_from_located(located) for located in compiled.content.scenarios]
    status = 0
    try:
        with tempfile.TemporaryDirectory(prefix="vergelijk-") as folder:
            previous = unpack_head_content(project_root, Path(folder))
            try:
                before = compile_content(previous, Path(folder)).model
            except ContentErrors as errors:
                raise NoPrevious("De inhoud in de laatste commit (HEAD) is niet te compileren, dus er is niets om mee "
                                 "te vergelijken:\n" + "\n".join(f"  {error}" for error in errors.errors)) from None
        print("\n".join(report_lines(compare(before, compiled.model, scenarios, args.casussen, args.zaad),
                                     head_label(project_root))))
    except NoPrevious as missing:
        print(str(missing))
        status = 0 if args.aanvaard else 2
    changes = expectation_changes(compiled.model, compiled.content.scenarios, project_root)
    if args.aanvaard:
        print("\n".join(accept(changes, project_root)))
    unreached = run_scenarios(compiled.model, scenarios).unreached
    if unreached:
        print("")
        print("Geen enkel scenario bereikt nog: " + "; ".join(unreached) + ". Voeg er een toe; aanvaarden doet dat niet.")
    if args.aanvaard:
        return 0
    if changes:
        print("")
        print(f"{_plural(len(changes), *SCENARIO_WORDS)} verwacht iets anders dan de "
              "tool nu zegt. Klopt de nieuwe uitkomst? Neem hem dan over met: make vergelijk AANVAARD=1")
    return status


if __name__ == "__main__":
    sys.exit(main())
