"""Reading content/: every file parsed with line numbers and checked against its JSON Schema.

The schemas in content/schemas/ are the same ones an advisor's editor uses to autocomplete
and check YAML while typing (via the ``yaml-language-server`` comment at the top of a file).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import jsonschema

from assessor.errors import ContentError, ContentErrors
from assessor.sourcedigest import tree_digest
from assessor.located_yaml import Located, YamlProblem, load_located, split_front_matter

#: The scenarios folder: test data, read by the scenario check, never part of the model.
SCENARIO_DIR = "scenarios"
#: Municipality profiles: each edition's model depends on its own profile only.
PROFILE_DIR = "gemeenten"
#: What the model does not depend on, so changing it does not make a model stale.
SOURCE_EXCLUDE = (SCENARIO_DIR, PROFILE_DIR)

#: Data files: name -> schema.
DATA_FILES = {
    "meta.yaml": "meta",
    "feiten.yaml": "feiten",
    "vragenroute.yaml": "vragenroute",
    "definities.yaml": "definities",
    "waarschuwingen.yaml": "waarschuwingen",
    "statussen.yaml": "statussen",
    "partners.yaml": "partners",
    "instrumentsoorten.yaml": "instrumentsoorten",
    "wetten.yaml": "wetten",
    "escalatieladder.yaml": "escalatieladder",
    # After the outcome (issue 11): procedures, dossiers, rulings and the glossary; checked
    # against each other and the instruments in reference_check.py.
    "procedures.yaml": "procedures",
    "dossiers.yaml": "dossiers",
    "jurisprudentie.yaml": "jurisprudentie",
    "begrippen.yaml": "begrippen",
    # The court's proportionality test (issue 21): checked in proportionality.py.
    "evenredigheid.yaml": "evenredigheid",
    # What changed per content version (changelog.py): the page "Wat is er veranderd".
    "wijzigingen.yaml": "wijzigingen",
}
#: Example letters and decisions: Markdown with front matter, one file per document.
DOCUMENT_DIR = "modeldocumenten"


@dataclass
class InstrumentFile:
    """A Markdown file with front matter: an instrument, or a model document."""

    front: Located
    body: str
    body_line: int
    path: Path


DocumentFile = InstrumentFile


@dataclass
class Content:
    root: Path
    data: dict[str, Located]
    instruments: list[InstrumentFile]
    scenarios: list[Located]
    documents: list[DocumentFile]
    #: sha256 over the content files the model depends on: identifies the exact content it came from.
    digest: str
    errors: list[ContentError] = field(default_factory=list)


_TYPES_NL = {"string": "tekst", "array": "een lijst", "object": "een lijst 'naam: waarde'",
             "boolean": "true of false", "null": "leeg", "integer": "een getal", "number": "een getal"}


def _field(path: tuple) -> str:
    return ".".join(str(part) for part in path) or "het bestand"


def _schema_message(error: jsonschema.ValidationError) -> tuple[tuple, str]:
    """A Dutch message for a schema violation, and the path whose line to show."""
    path = tuple(error.absolute_path)
    where = _field(path)
    validator, instance = error.validator, error.instance
    if validator == "required":
        name = str(error.message).split("'")[1]
        return path, f"verplicht veld '{name}' ontbreekt in {where}"
    if validator == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(key for key in instance if key not in allowed)
        hint = f" (toegestaan: {', '.join(allowed)})" if allowed else ""
        return path + (extra[0],), f"onbekend veld '{extra[0]}' in {where}{hint}"
    if validator == "propertyNames":
        return path, f"ongeldige naam in {where}: {error.message}"
    if validator == "enum":
        options = ", ".join(str(option) for option in error.validator_value)
        return path, f"{where}: waarde {instance!r} is niet toegestaan; kies uit: {options}"
    if validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return path, f"{where}: verwacht {' of '.join(_TYPES_NL.get(t, t) for t in wanted)}, gevonden {instance!r}"
    if validator == "pattern":
        description = error.schema.get("description", "")
        return path, f"{where}: {instance!r} heeft niet de juiste vorm" + (f" ({description})" if description else "")
    if validator in ("minItems", "minLength", "minProperties"):
        return path, f"{where} mag niet leeg zijn"
    if validator == "uniqueItems":
        return path, f"{where} bevat een waarde twee keer"
    if validator == "oneOf":
        return path, f"{where} heeft niet de juiste vorm ({error.schema.get('description') or 'zie het schema'})"
    if validator == "not":
        return path, f"{where} hoort hier niet (niet bij dit type)"
    return path, f"{where}: {error.message}"


def schema_errors(located: Located, schema_name: str, schemas_dir: Path, data: Any = None) -> list[ContentError]:
    schema = json.loads((schemas_dir / f"{schema_name}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    found = []
    instance = located.data if data is None else data
    for error in validator.iter_errors(instance):
        path, message = _schema_message(error)
        found.append(ContentError(located.file, located.line(path), message))
    return found


#: PyYAML's words (libyaml's) for the mistakes advisors make most, in Dutch.
_YAML_PROBLEMS_NL = {
    "did not find expected key": "hier werd een nieuwe 'naam:' verwacht",
    "mapping values are not allowed": "hier mag geen 'naam: waarde' staan (staat er een dubbele punt in een "
                                      "tekst? zet de tekst dan tussen aanhalingstekens)",
    "found character that cannot start any token": "een teken dat hier niet mag, vaak een tab (gebruik spaties)",
    "did not find expected ',' or ']'": "een lijst tussen [ ] wordt niet goed afgesloten met ]",
    "did not find expected '-' indicator": "hier werd een nieuw lijstitem ('- ') verwacht",
    "found unexpected end of stream": "het bestand houdt op midden in een waarde (ontbreekt er een aanhalingsteken?)",
}
YAML_HINT = "controleer het inspringen op deze regel of de regel erboven"


def yaml_message(message: str) -> str:
    """A YAML syntax error in Dutch, with the hint that fits most of them (indentation)."""
    prefix = "geen geldige YAML: "
    if not message.startswith(prefix):
        return message
    problem = message[len(prefix):]
    dutch = next((text for english, text in _YAML_PROBLEMS_NL.items() if problem.startswith(english)), None)
    return f"{prefix}{dutch or problem}; {YAML_HINT}"


def relative(path: Path, root: Path) -> str:
    """A path as advisors see it in messages: relative to the project."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _read(path: Path, name: str, errors: list[ContentError]) -> Optional[str]:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        errors.append(ContentError(name, 1, "dit bestand ontbreekt"))
    except UnicodeDecodeError:
        errors.append(ContentError(name, 1, "het bestand is geen UTF-8-tekst"))
    return None


def load_content(content_dir: Path, project_root: Path) -> Content:
    """Parse and schema-check every content file; raises ``ContentErrors`` listing them all."""
    errors: list[ContentError] = []
    schemas_dir = content_dir / "schemas"

    def name_of(path: Path) -> str:
        return relative(path, project_root)

    def parse(path: Path, text: str, first_line: int = 1) -> Optional[Located]:
        try:
            located = load_located(text, name_of(path), first_line)
        except YamlProblem as problem:
            errors.append(ContentError(name_of(path), problem.line, yaml_message(problem.message)))
            return None
        if not isinstance(located.data, dict):
            errors.append(ContentError(name_of(path), first_line, "het bestand moet een lijst 'naam: waarde' bevatten"))
            return None
        return located

    data: dict[str, Located] = {}
    for file_name, schema_name in DATA_FILES.items():
        path = content_dir / file_name
        text = _read(path, name_of(path), errors)
        located = parse(path, text) if text is not None else None
        if located is not None:
            errors.extend(schema_errors(located, schema_name, schemas_dir))
            data[file_name] = located

    def markdown_files(folder: str, schema_name: str) -> list[InstrumentFile]:
        found = []
        for path in sorted((content_dir / folder).glob("*.md")):
            text = _read(path, name_of(path), errors)
            if text is None:
                continue
            try:
                front, front_line, body, body_line = split_front_matter(text)
            except YamlProblem as problem:
                errors.append(ContentError(name_of(path), problem.line, problem.message))
                continue
            located = parse(path, front, front_line)
            if located is not None:
                errors.extend(schema_errors(located, schema_name, schemas_dir))
                found.append(InstrumentFile(located, body, body_line, path))
        return found

    instruments = markdown_files("instrumenten", "instrument")
    instruments.sort(key=lambda item: (item.front.data.get("volgorde") if isinstance(item.front.data.get("volgorde"), int) else 0,
                                       item.path.name))
    if not instruments and not errors:
        errors.append(ContentError(name_of(content_dir / "instrumenten"), 1, "er staat geen enkel instrument in deze map"))

    scenarios: list[Located] = []
    for path in sorted((content_dir / SCENARIO_DIR).glob("*.y*ml")):
        text = _read(path, name_of(path), errors)
        located = parse(path, text) if text is not None else None
        if located is not None:
            errors.extend(schema_errors(located, "scenario", schemas_dir))
            scenarios.append(located)

    documents = markdown_files(DOCUMENT_DIR, "modeldocument")

    if errors:
        raise ContentErrors(errors)
    return Content(content_dir, data, instruments, scenarios, documents, tree_digest(content_dir, SOURCE_EXCLUDE))
