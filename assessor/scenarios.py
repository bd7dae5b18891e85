"""Scenarios: cases with the outcome advisors expect, checked against the engine.

They are the tests advisors read and write (like OpenFisca's YAML tests). A failure is
reported with the scenario's file and line and the engine's own reasons, so the advisor can
see whether the rule or the expectation is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .case import CaseError, validate_case
from .engine import STATUSES, Assessment, assess_case
from .model import Model


@dataclass
class Scenario:
    name: str
    file: str
    line: int
    facts: dict[str, Any]
    expected: dict[str, Any]
    #: Line of each expectation, keyed "status.<id>", "aangewezen.<id>", "warnings.<id>".
    lines: dict[str, int]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Scenario":
        return cls(data["naam"], data["file"], data["line"], data["feiten"], data.get("verwacht", {}), data.get("lines", {}))

    def where(self, key: str) -> tuple[str, int]:
        return self.file, self.lines.get(key, self.line)


@dataclass
class Failure:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def expected_statuses(expected: dict[str, Any]) -> dict[str, str]:
    """What the scenario pins down exactly: the ``status`` map plus the ``aangewezen`` list."""
    statuses = dict(expected.get("status", {}))
    for instrument_id in expected.get("aangewezen", []):
        statuses.setdefault(instrument_id, "aangewezen")
    return statuses


def check_scenario(model: Model, scenario: Scenario) -> tuple[list[Failure], Assessment | None]:
    try:
        case = validate_case(model, scenario.facts)
    except CaseError as error:
        return [Failure(*scenario.where("feiten"), str(error))], None
    assessment = assess_case(model, case)
    results = {result.id: result for result in assessment.instruments}
    failures: list[Failure] = []

    def why(instrument_id: str) -> str:
        reasons = " ".join(results[instrument_id].reasons)
        return f" Redenen van de engine: {reasons}" if reasons else ""

    expected = scenario.expected
    for instrument_id, status in expected.get("status", {}).items():
        actual = results[instrument_id].status
        if actual != status:
            failures.append(Failure(
                *scenario.where(f"status.{instrument_id}"),
                f"'{scenario.name}': {instrument_id} verwacht '{status}', uitkomst '{actual}'.{why(instrument_id)}",
            ))
    for instrument_id in expected.get("aangewezen", []):
        actual = results[instrument_id].status
        if actual != "aangewezen":
            failures.append(Failure(
                *scenario.where(f"aangewezen.{instrument_id}"),
                f"'{scenario.name}': {instrument_id} verwacht 'aangewezen', uitkomst '{actual}'.{why(instrument_id)}",
            ))
    for instrument_id in expected.get("niet_aangewezen", []):
        if results[instrument_id].status == "aangewezen":
            failures.append(Failure(
                *scenario.where(f"niet_aangewezen.{instrument_id}"),
                f"'{scenario.name}': {instrument_id} verwacht niet 'aangewezen', maar is het wel.{why(instrument_id)}",
            ))
    if "warnings" in expected:
        listed = expected["warnings"] or {}
        for result in assessment.instruments:
            want = sorted(listed.get(result.id, []))
            if sorted(result.warnings) != want:
                failures.append(Failure(
                    *scenario.where(f"warnings.{result.id}" if result.id in listed else "warnings"),
                    f"'{scenario.name}': waarschuwingen bij {result.id} verwacht {want or 'geen'}, "
                    f"uitkomst {sorted(result.warnings) or 'geen'}.",
                ))
    return failures, assessment


@dataclass
class ScenarioReport:
    count: int
    #: Scenarios with at least one failure.
    failed: int
    failures: list[Failure]
    #: Instrument statuses and warnings no scenario reaches: "<instrument>: <status>".
    unreached: list[str]


def reachable_statuses(model: Model, instrument_id: str) -> tuple[str, ...]:
    """The statuses an instrument can take: eerst_andere_stappen needs a rule E."""
    instrument = model.instrument(instrument_id)
    return tuple(s for s in STATUSES if s != "eerst_andere_stappen" or instrument.later is not None)


def run_scenarios(model: Model, scenarios: Iterable[Scenario]) -> ScenarioReport:
    failures: list[Failure] = []
    reached: set[tuple[str, str]] = set()
    count = failed = 0
    for scenario in scenarios:
        count += 1
        found, assessment = check_scenario(model, scenario)
        failures.extend(found)
        failed += bool(found)
        if assessment is None:
            continue
        for result in assessment.instruments:
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
    return ScenarioReport(count, failed, failures, unreached)
