"""Command line: ``python -m assessor assess CASE [--format json|text]`` and ``check``.

``assess`` is the contract other tools feed cases through: one JSON object on standard
output, or exit status 2 with one Dutch line on standard error when the input is wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Optional, Sequence

from .case import CaseError
from .engine import assess
from .errors import ContentErrors
from .model import ModelError
from .modelfile import load_model, scenario_dir
from .report import text_report
from .scenarios import read_scenarios, run_scenarios

EXIT_BAD_INPUT = 2
EXIT_CHECK_FAILED = 1


class InputError(Exception):
    """Anything wrong with what the user gave the CLI; the message is the one line shown."""


def read_case_file(path: Path) -> dict[str, Any]:
    """The ``feiten`` of a case file in YAML or JSON (a ``verwacht`` block is ignored)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"Casusbestand '{path}' bestaat niet.") from None
    except OSError as error:
        raise InputError(f"Kan casusbestand '{path}' niet lezen ({error.strerror or error}).") from None
    except UnicodeDecodeError:
        raise InputError(f"Casusbestand '{path}' is geen UTF-8-tekst.") from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{error.lineno}: geen geldige JSON ({error.msg}).") from None
    else:
        try:
            from .located_yaml import YamlProblem, load_located
        except ImportError:
            raise InputError("YAML lezen vereist PyYAML (pip install pyyaml); of geef de casus als .json.") from None

        try:
            data = load_located(text, str(path)).data
        except YamlProblem as problem:
            raise InputError(f"{path}:{problem.line}: {problem.message}.") from None
    if not isinstance(data, dict) or not isinstance(data.get("feiten"), dict):
        raise InputError(f"{path}: de feiten van de casus horen onder 'feiten:' te staan, als 'feit: waarde'.")
    return data["feiten"]


def _assess(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    facts = read_case_file(Path(args.case))
    assessment = assess(model, facts)
    if args.format == "json":
        print(json.dumps(assessment.to_json(), ensure_ascii=False, indent=2))
    else:
        print(text_report(model, assessment))
    return 0


def _check(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    folder = Path(args.scenarios) if args.scenarios else scenario_dir(args.model)
    if folder is None or not folder.is_dir():
        raise InputError("Geen map met scenario's gevonden; geef die op: python -m assessor check MAP")
    shown = Path(os.path.relpath(folder)) if not os.path.relpath(folder).startswith("..") else folder
    report = run_scenarios(model, read_scenarios(folder, shown_as=shown))
    for error in report.errors:
        print(f"FOUT {error}")
    for item in report.unreached:
        print(f"NIET GEDEKT door een scenario: {item}")
    print(f"Scenario's: {report.count - report.failed} geslaagd, {report.failed} mislukt; "
          f"{len(report.unreached)} uitkomsten zonder scenario.")
    return EXIT_CHECK_FAILED if report.errors or report.unreached else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assessor",
        description="Beoordeel uw casus: welke instrumenten passen bij een casus van woonoverlast.",
    )
    parser.add_argument("--model", type=Path,
                        help="pad naar een gecompileerd model.json (standaard: $ASSESSOR_MODEL of build/model.json)")
    commands = parser.add_subparsers(dest="command", required=True)
    assess_command = commands.add_parser("assess", help="beoordeel een casusbestand (YAML of JSON)")
    assess_command.add_argument("case", help="casusbestand met de feiten onder 'feiten:'")
    assess_command.add_argument("--format", choices=("text", "json"), default="text")
    assess_command.set_defaults(run=_assess)
    check_command = commands.add_parser("check", help="draai alle scenario's tegen het model")
    check_command.add_argument("scenarios", nargs="?", help="map met scenario's (standaard: die van de inhoud van het model)")
    check_command.set_defaults(run=_check)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (InputError, CaseError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    except ModelError as error:
        print(f"Het model kan niet worden geladen: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return EXIT_BAD_INPUT
