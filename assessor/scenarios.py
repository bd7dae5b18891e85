"""Scenarios: cases with the outcome advisors expect, checked against the engine.

They are the tests advisors read and write (like OpenFisca's YAML tests), in the contract's
shape: ``naam``, ``feiten`` and ``verwacht`` (``aangewezen``, ``niet_aangewezen``, ``status``,
``warnings``). They live beside the content, never in the model or the wheel. A failure names
the scenario's file and line and gives the engine's own reasons, so the advisor can see
whether the rule or the expectation is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

from .case import CaseError, validate_case
from .engine import FIRST_OTHER_STEPS, STATUSES, Assessment, assess_case
from .errors import ContentError
from .model import Model


@dataclass
class Scenario:
    name: str
    file: str
    line: int
    facts: dict[str, Any]
    expected: dict[str, Any]
    #: Line of each part, keyed "feiten", "feit.<id>", "status.<id>", "aangewezen.<id>", ...
    lines: dict[str, int]

    def where(self, key: str) -> tuple[str, int]:
        return self.file, self.lines.get(key, self.line)


def scenario_from_located(located: Any) -> Scenario:
    """A scenario from YAML read with line numbers (``located_yaml.Located``)."""
    data = located.data
    expected = data.get("verwacht") or {}
    lines: dict[str, int] = {"feiten": located.line(("feiten",))}
    for fact_id in data.get("feiten") or {}:
        lines[f"feit.{fact_id}"] = located.line(("feiten", fact_id))
    for key in ("status", "warnings"):
        for instrument_id in expected.get(key) or {}:
            lines[f"{key}.{instrument_id}"] = located.line(("verwacht", key, instrument_id))
    for key in ("aangewezen", "niet_aangewezen"):
        for index, instrument_id in enumerate(expected.get(key) or []):
            lines[f"{key}.{instrument_id}"] = located.line(("verwacht", key, index))
    return Scenario(str(data.get("naam", "")), located.file, located.first_line, data.get("feiten") or {},
                    expected, lines)


def read_scenarios(directory: Path, shown_as: Optional[Path] = None) -> list[Scenario]:
    """Every ``*.yaml`` scenario in ``directory``; a file that cannot be read is a ContentErrors."""
    from .errors import ContentErrors
    from .located_yaml import YamlProblem, load_located

    scenarios, errors = [], []
    for path in sorted(directory.glob("*.y*ml")):
        name = str((shown_as / path.name) if shown_as else path)
        try:
            located = load_located(path.read_text(encoding="utf-8"), name)
        except YamlProblem as problem:
            errors.append(ContentError(name, problem.line, problem.message))
            continue
        if not isinstance(located.data, dict) or not isinstance(located.data.get("feiten"), dict):
            errors.append(ContentError(name, 1, "een scenario heeft 'naam', 'feiten' en 'verwacht'"))
            continue
        scenarios.append(scenario_from_located(located))
    if errors:
        raise ContentErrors(errors)
    return scenarios


def expected_statuses(expected: dict[str, Any]) -> dict[str, str]:
    """What the scenario pins down exactly: the ``status`` map plus the ``aangewezen`` list."""
    statuses = dict(expected.get("status") or {})
    for instrument_id in expected.get("aangewezen") or []:
        statuses.setdefault(instrument_id, "aangewezen")
    return statuses


def reference_errors(model: Model, scenario: Scenario) -> list[ContentError]:
    """Expectations that name no instrument, or an outcome the instrument cannot have."""
    known = {item.id: item for item in model.instruments}
    expected = scenario.expected
    errors: list[ContentError] = []
    named = [(f"status.{i}", i) for i in expected.get("status") or {}]
    named += [(f"{key}.{i}", i) for key in ("aangewezen", "niet_aangewezen") for i in expected.get(key) or []]
    named += [(f"warnings.{i}", i) for i in expected.get("warnings") or {}]
    for key, instrument_id in named:
        if instrument_id not in known:
            errors.append(ContentError(*scenario.where(key), f"onbekend instrument '{instrument_id}'"))
    for instrument_id, status in (expected.get("status") or {}).items():
        if instrument_id in known and status == FIRST_OTHER_STEPS and known[instrument_id].later is None:
            errors.append(ContentError(*scenario.where(f"status.{instrument_id}"),
                                       f"onmogelijke verwachting: {instrument_id} heeft geen regel 'eerst_andere_stappen'"))
    for instrument_id, warning_ids in (expected.get("warnings") or {}).items():
        for warning_id in warning_ids if instrument_id in known else []:
            if warning_id not in known[instrument_id].warnings:
                errors.append(ContentError(*scenario.where(f"warnings.{instrument_id}"),
                                           f"onmogelijke verwachting: {instrument_id} kent geen waarschuwing '{warning_id}'"))
    return errors


def check_scenario(model: Model, scenario: Scenario) -> tuple[list[ContentError], Optional[Assessment]]:
    """The scenario's failures (with file and line) and, when its facts are valid, the assessment."""
    errors = reference_errors(model, scenario)
    try:
        case = validate_case(model, scenario.facts)
    except CaseError as error:
        return errors + [ContentError(*scenario.where(f"feit.{error.fact}" if error.fact else "feiten"), str(error))], None
    if errors:
        return errors, None
    assessment = assess_case(model, case)
    results = {result.id: result for result in assessment.instruments}

    def failed(key: str, instrument_id: str, text: str) -> ContentError:
        reasons = " ".join(results[instrument_id].reasons)
        why = f" Redenen van de engine: {reasons}" if reasons else ""
        return ContentError(*scenario.where(key), f"'{scenario.name}': {instrument_id} {text}.{why}")

    expected = scenario.expected
    for instrument_id, status in (expected.get("status") or {}).items():
        if results[instrument_id].status != status:
            errors.append(failed(f"status.{instrument_id}", instrument_id,
                                 f"verwacht '{status}', uitkomst '{results[instrument_id].status}'"))
    for instrument_id in expected.get("aangewezen") or []:
        if results[instrument_id].status != "aangewezen":
            errors.append(failed(f"aangewezen.{instrument_id}", instrument_id,
                                 f"verwacht 'aangewezen', uitkomst '{results[instrument_id].status}'"))
    for instrument_id in expected.get("niet_aangewezen") or []:
        if results[instrument_id].status == "aangewezen":
            errors.append(failed(f"niet_aangewezen.{instrument_id}", instrument_id, "verwacht niet 'aangewezen', maar is het wel"))
    if "warnings" in expected:
        listed = expected["warnings"] or {}
        for result in assessment.instruments:
            want = sorted(listed.get(result.id, []))
            if sorted(result.warnings) != want:
                errors.append(ContentError(
                    *scenario.where(f"warnings.{result.id}" if result.id in listed else "warnings"),
                    f"'{scenario.name}': waarschuwingen bij {result.id} verwacht {want or 'geen'}, "
                    f"uitkomst {sorted(result.warnings) or 'geen'}."))
    return errors, assessment


@dataclass
class ScenarioReport:
    count: int
    #: Scenarios with at least one failure.
    failed: int
    errors: list[ContentError]
    #: Instrument statuses and warnings no scenario reaches: "<instrument>: <status>".
    unreached: list[str]


def reachable_statuses(model: Model, instrument_id: str) -> tuple[str, ...]:
    """The statuses an instrument can take: eerst_andere_stappen needs a rule E."""
    instrument = model.instrument(instrument_id)
    return tuple(s for s in STATUSES if s != FIRST_OTHER_STEPS or instrument.later is not None)


def run_scenarios(model: Model, scenarios: Iterable[Scenario]) -> ScenarioReport:
    """Check every scenario, and which outcomes no scenario reaches (every one must be)."""
    errors: list[ContentError] = []
    reached: set[tuple[str, str]] = set()
    count = failed = 0
    for scenario in scenarios:
        count += 1
        found, assessment = check_scenario(model, scenario)
        errors.extend(found)
        failed += bool(found)
        for result in assessment.instruments if assessment else []:
            reached.add((result.id, result.status))
            reached.update((result.id, f"waarschuwing {warning}") for warning in result.warnings)
    unreached = []
    for instrument in model.instruments:
        for status in reachable_statuses(model, instrument.id):
            if (instrument.id, status) not in reached:
                unreached.append(f"{instrument.id}: {status}")
        for warning in instrument.warnings:
            if (instrument.id, f"waarschuwing {warning}") not in reached:
                unreached.append(f"{instrument.id}: waarschuwing {warning}")
    return ScenarioReport(count, failed, errors, unreached)
