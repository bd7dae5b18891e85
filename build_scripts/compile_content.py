"""Compile content/ into the model the engine runs on, checking every reference.

Run as ``python -m build_scripts.compile_content`` (the CLI does this in a checkout) or via
the MkDocs hooks. On any mistake nothing is written and every error is listed with its file
and line. The model is written to ``assessor/model.json`` only when it changed, so the wheel
and the live-reload server see a stable file.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from assessor.case import CaseError, validate_case
from assessor.logic import Has, Node, Predicate, Ref, RuleSyntaxError, atoms, parse
from assessor.model import BOOLEAN, MODEL_FORMAT, MULTIPLE_CHOICE, Model, model_from_dict

from .content_loader import Content, InstrumentFile, load_content
from .errors import ContentError, ContentErrors
from .legal_links import citation, juriconnect_url
from .located_yaml import Located

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = PROJECT_ROOT / "content"
MODEL_PATH = PROJECT_ROOT / "assessor" / "model.json"


@dataclass
class Compiled:
    content: Content
    model_data: dict[str, Any]
    model: Model

    @property
    def partners(self) -> list[dict[str, Any]]:
        return self.content.data["partners.yaml"].data["partners"]


class _RuleChecker:
    """Parses rules and checks that every name in them exists and fits its use."""

    def __init__(self, facts: dict[str, Any], definitions: dict[str, Any], aliases: dict[str, str]):
        self.facts = facts
        self.definitions = definitions
        self.aliases = aliases

    def parse(self, text: str, file: str, line: int, errors: list[ContentError]) -> Node | None:
        try:
            node = parse(text, self.aliases)
        except RuleSyntaxError as error:
            errors.append(ContentError(file, line, f"fout in de regel '{text.strip()}': {error.message} (teken {error.column})"))
            return None
        for atom in atoms(node):
            problem = self.atom_problem(atom)
            if problem:
                errors.append(ContentError(file, line, f"fout in de regel: {problem}"))
        return node

    def atom_problem(self, atom: Any) -> str:
        if isinstance(atom, Ref):
            if atom.name in self.definitions:
                return ""
            if atom.name in self.facts:
                return f"'{atom.name}' is een feit; schrijf ja({atom.name}) of nee({atom.name}), of {atom.name}(waarde)"
            return f"onbekende naam '{atom.name}' (geen feit en geen definitie uit definities.yaml)"
        fact = self.facts.get(atom.fact)
        if fact is None:
            return f"onbekend feit '{atom.fact}'"
        if isinstance(atom, Predicate):
            if atom.name in ("ja", "nee") and fact["type"] != BOOLEAN:
                return f"{atom.name}({atom.fact}) kan alleen bij een ja/nee-feit; {atom.fact} is {fact['type']}"
            if atom.name == "leeg" and fact["type"] != MULTIPLE_CHOICE:
                return f"leeg({atom.fact}) kan alleen bij een meerkeuzefeit"
            return ""
        if fact["type"] == BOOLEAN:
            return f"{atom.called_as}({atom.value}): {atom.fact} is een ja/nee-feit; schrijf ja({atom.fact}) of nee({atom.fact})"
        values = fact.get("waarden", {})
        if atom.value not in values:
            return f"'{atom.value}' is geen waarde van {atom.fact} (toegestaan: {', '.join(values)})"
        return ""


def _definition_cycles(definitions: dict[str, Node]) -> list[str]:
    cycles = []

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if name in trail:
            cycles.append(" -> ".join(trail[trail.index(name):] + (name,)))
            return
        for atom in atoms(definitions.get(name, Ref(""))) if name in definitions else ():
            if isinstance(atom, Ref) and atom.name in definitions:
                visit(atom.name, trail + (name,))

    for name in definitions:
        visit(name, ())
    return sorted(set(cycles))


def _used_facts(node: Node, definitions: dict[str, Node], seen: set[str]) -> set[str]:
    used: set[str] = set()
    for atom in atoms(node):
        if isinstance(atom, Ref):
            if atom.name in definitions and atom.name not in seen:
                seen.add(atom.name)
                used |= _used_facts(definitions[atom.name], definitions, seen)
        else:
            used.add(atom.fact)
    return used


def _instrument_display(item: InstrumentFile, partner_names: dict[str, str]) -> dict[str, Any]:
    """What the outcome screen shows of an instrument; read from the same file as its page."""
    front = item.front.data
    return {
        "kind": front["soort"],
        "summary": front["samenvatting"],
        "legal_basis": [
            {
                "citation": citation(basis),
                "url": juriconnect_url(basis.get("bwb"), basis.get("artikel")),
                "verify": bool(basis.get("te_verifieren")) or not basis.get("bwb") or not basis.get("artikel"),
            }
            for basis in front["wettelijke_grondslag"]
        ],
        "decider": front.get("beslisser", ""),
        "addressee": front.get("adressaat", ""),
        "partners": [{"id": pid, "name": partner_names.get(pid, pid)} for pid in front["partners"]],
        "steps": list(front["stappen"]),
    }


def _check_and_build(content: Content) -> dict[str, Any]:
    errors: list[ContentError] = []
    data = content.data
    facts_file, route_file, defs_file = data["feiten.yaml"], data["vragenroute.yaml"], data["definities.yaml"]
    facts: dict[str, Any] = facts_file.data["feiten"]
    route: list[str] = route_file.data["volgorde"]
    warnings_file = data["waarschuwingen.yaml"]
    warning_texts: dict[str, Any] = warnings_file.data["waarschuwingen"]
    partner_list = data["partners.yaml"].data["partners"]

    # The route: every fact exactly once.
    for index, fact_id in enumerate(route):
        if fact_id not in facts:
            errors.append(ContentError(route_file.file, route_file.line(("volgorde", index)),
                                       f"onbekend feit '{fact_id}' in de vragenroute (niet in feiten.yaml)"))
    for fact_id in facts:
        if fact_id not in route:
            errors.append(ContentError(facts_file.file, facts_file.line(("feiten", fact_id)),
                                       f"feit '{fact_id}' staat niet in vragenroute.yaml, dus wordt nooit gevraagd"))

    # Statements with placeholders must use the right one.
    for fact_id, fact in facts.items():
        for key, text in fact.get("uitspraken", {}).items():
            wanted = {"waar": "{waarde}", "onwaar": "{waarde}", "niet_leeg": "{waarden}"}.get(key)
            if wanted and wanted not in text:
                errors.append(ContentError(facts_file.file, facts_file.line(("feiten", fact_id, "uitspraken", key)),
                                           f"uitspraak '{key}' van {fact_id} moet {wanted} bevatten"))

    aliases: dict[str, str] = defs_file.data.get("aliassen", {}) or {}
    for alias, fact_id in aliases.items():
        if facts.get(fact_id, {}).get("type") != MULTIPLE_CHOICE:
            errors.append(ContentError(defs_file.file, defs_file.line(("aliassen", alias)),
                                       f"alias '{alias}' moet naar een meerkeuzefeit wijzen; '{fact_id}' is dat niet"))
    definitions: dict[str, Any] = defs_file.data["definities"]
    checker = _RuleChecker(facts, definitions, aliases)
    parsed_definitions: dict[str, Node] = {}
    for name, definition in definitions.items():
        if name in facts:
            errors.append(ContentError(defs_file.file, defs_file.line(("definities", name)),
                                       f"definitie '{name}' heeft dezelfde naam als een feit"))
        node = checker.parse(definition["regel"], defs_file.file, defs_file.line(("definities", name, "regel")), errors)
        if node is not None:
            parsed_definitions[name] = node
    for cycle in _definition_cycles(parsed_definitions):
        errors.append(ContentError(defs_file.file, defs_file.line(("definities",)), f"definities verwijzen in een kring naar elkaar: {cycle}"))

    # Instruments.
    partner_names = {partner["id"]: partner["naam"] for partner in partner_list}
    seen_partners: set[str] = set()
    for index, partner in enumerate(partner_list):
        if partner["id"] in seen_partners:
            errors.append(ContentError(data["partners.yaml"].file, data["partners.yaml"].line(("partners", index, "id")),
                                       f"partner-id '{partner['id']}' komt twee keer voor"))
        seen_partners.add(partner["id"])
    used_facts: set[str] = set()
    used_definitions: set[str] = set()
    instruments_out: list[dict[str, Any]] = []
    seen_ids: dict[str, str] = {}
    seen_order: dict[int, str] = {}
    for item in content.instruments:
        front, file = item.front.data, item.front.file
        instrument_id = front["id"]
        if instrument_id != item.path.stem:
            errors.append(ContentError(file, item.front.line(("id",)),
                                       f"id '{instrument_id}' moet gelijk zijn aan de bestandsnaam ('{item.path.stem}')"))
        if instrument_id in seen_ids:
            errors.append(ContentError(file, item.front.line(("id",)), f"instrument-id '{instrument_id}' bestaat al in {seen_ids[instrument_id]}"))
        seen_ids[instrument_id] = file
        if front["volgorde"] in seen_order:
            errors.append(ContentError(file, item.front.line(("volgorde",)),
                                       f"volgorde {front['volgorde']} wordt ook gebruikt door {seen_order[front['volgorde']]}"))
        seen_order[front["volgorde"]] = file
        rules = front["regels"]
        nodes: list[Node] = []
        for key in ("aangewezen", "eerst_andere_stappen"):
            if key in rules:
                node = checker.parse(rules[key], file, item.front.line(("regels", key)), errors)
                nodes.extend([node] if node is not None else [])
        for warning_id, condition in (rules.get("waarschuwingen") or {}).items():
            line = item.front.line(("regels", "waarschuwingen", warning_id))
            if warning_id not in warning_texts:
                errors.append(ContentError(file, line, f"onbekende waarschuwing '{warning_id}' (niet in waarschuwingen.yaml)"))
            node = checker.parse(condition, file, line, errors)
            nodes.extend([node] if node is not None else [])
        has_later = "eerst_andere_stappen" in rules
        if has_later != ("eerst_andere_stappen_uitleg" in front):
            errors.append(ContentError(file, item.front.line(("regels",)),
                                       "een regel 'eerst_andere_stappen' en een 'eerst_andere_stappen_uitleg' horen bij elkaar: "
                                       "geef beide of geen van beide"))
        if front["soort"] not in data["instrumentsoorten.yaml"].data["soorten"]:
            kinds = ", ".join(data["instrumentsoorten.yaml"].data["soorten"])
            errors.append(ContentError(file, item.front.line(("soort",)),
                                       f"onbekende soort '{front['soort']}' (toegestaan: {kinds})"))
        for index, partner_id in enumerate(front["partners"]):
            if partner_id not in partner_names:
                errors.append(ContentError(file, item.front.line(("partners", index)),
                                           f"onbekende partner '{partner_id}' (niet in partners.yaml)"))
        for node in nodes:
            used_facts |= _used_facts(node, parsed_definitions, used_definitions)
            used_definitions |= {atom.name for atom in atoms(node) if isinstance(atom, Ref)}
        instruments_out.append({
            "id": instrument_id,
            "name": front["naam"],
            "rules": {key: rules[key] for key in ("aangewezen", "eerst_andere_stappen") if key in rules}
            | {"waarschuwingen": dict(rules.get("waarschuwingen") or {})},
            "first_steps": front.get("eerst_andere_stappen_uitleg", ""),
            "display": _instrument_display(item, partner_names),
        })

    for fact_id in route:
        if fact_id in facts and fact_id not in used_facts:
            errors.append(ContentError(facts_file.file, facts_file.line(("feiten", fact_id)),
                                       f"feit '{fact_id}' wordt door geen enkele regel gebruikt: deze vraag zou nooit gesteld worden"))
    for name in definitions:
        if name not in used_definitions:
            errors.append(ContentError(defs_file.file, defs_file.line(("definities", name)),
                                       f"definitie '{name}' wordt door geen enkele regel gebruikt"))
    if errors:
        raise ContentErrors(errors)

    meta = data["meta.yaml"].data
    return {
        "format": MODEL_FORMAT,
        "content_version": f"{meta['inhoudsversie']}+{content.digest[:8]}",
        "content_date": meta["datum"],
        "facts": [_fact_json(fact_id, facts[fact_id]) for fact_id in route],
        "route": route,
        "definitions": {name: {"rule": d["regel"], "true": d["waar"], "false": d["onwaar"]} for name, d in definitions.items()},
        "aliases": aliases,
        "instruments": instruments_out,
        "warnings": {wid: {"title": w["titel"], "text": w["tekst"]} for wid, w in warning_texts.items()},
        "statuses": {sid: {"label": s["label"], "explanation": s["uitleg"]} for sid, s in data["statussen.yaml"].data["statussen"].items()},
    }


def _fact_json(fact_id: str, fact: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": fact_id,
        "type": fact["type"],
        "question": fact["vraag"],
        "short": fact["kort"],
        "help": fact["hulp"],
        "values": [{"id": vid, "label": v["label"], "phrase": v.get("zin", v["label"])} for vid, v in fact.get("waarden", {}).items()],
        "statements": fact["uitspraken"],
    }


def _scenario_lines(located: Located) -> dict[str, int]:
    lines: dict[str, int] = {"feiten": located.line(("feiten",))}
    expected = located.data.get("verwacht") or {}
    for key in ("status", "warnings"):
        for instrument_id in (expected.get(key) or {}):
            lines[f"{key}.{instrument_id}"] = located.line(("verwacht", key, instrument_id))
    for key in ("aangewezen", "niet_aangewezen"):
        for index, instrument_id in enumerate(expected.get(key) or []):
            lines[f"{key}.{instrument_id}"] = located.line(("verwacht", key, index))
    for fact_id in located.data.get("feiten") or {}:
        lines[f"feit.{fact_id}"] = located.line(("feiten", fact_id))
    return lines


def _compile_scenarios(scenarios: Iterable[Located], model: Model) -> list[dict[str, Any]]:
    """Scenarios in the model, each expectation checked to name a real and reachable outcome."""
    errors: list[ContentError] = []
    out = []
    for located in scenarios:
        scenario = located.data
        lines = _scenario_lines(located)
        try:
            validate_case(model, scenario["feiten"])
        except CaseError as error:
            errors.append(ContentError(located.file, lines.get(f"feit.{error.fact}", lines["feiten"]), str(error)))
        expected = scenario["verwacht"]
        named: list[tuple[str, str]] = [(f"status.{i}", i) for i in expected.get("status", {})]
        named += [(f"{key}.{i}", i) for key in ("aangewezen", "niet_aangewezen") for i in expected.get(key, [])]
        named += [(f"warnings.{i}", i) for i in (expected.get("warnings") or {})]
        for key, instrument_id in named:
            if instrument_id not in {item.id for item in model.instruments}:
                errors.append(ContentError(located.file, lines[key], f"onbekend instrument '{instrument_id}'"))
        for instrument_id, status in expected.get("status", {}).items():
            if status == "eerst_andere_stappen" and instrument_id in {i.id for i in model.instruments} \
                    and model.instrument(instrument_id).later is None:
                errors.append(ContentError(located.file, lines[f"status.{instrument_id}"],
                                           f"onmogelijke verwachting: {instrument_id} heeft geen regel 'eerst_andere_stappen'"))
        for instrument_id, warning_ids in (expected.get("warnings") or {}).items():
            if instrument_id not in {i.id for i in model.instruments}:
                continue
            for warning_id in warning_ids:
                if warning_id not in model.instrument(instrument_id).warnings:
                    errors.append(ContentError(located.file, lines[f"warnings.{instrument_id}"],
                                               f"onmogelijke verwachting: {instrument_id} kent geen waarschuwing '{warning_id}'"))
        out.append({"naam": scenario["naam"], "file": located.file, "line": located.first_line,
                    "feiten": scenario["feiten"], "verwacht": expected, "lines": lines})
    if errors:
        raise ContentErrors(errors)
    return out


def compile_content(content_dir: Path = CONTENT_DIR, project_root: Path = PROJECT_ROOT) -> Compiled:
    """Load, check and compile; raises ``ContentErrors`` with every problem found."""
    content = load_content(content_dir, project_root)
    model_data = _check_and_build(content)
    model = model_from_dict(model_data)
    model_data["scenarios"] = _compile_scenarios(content.scenarios, model)
    return Compiled(content, model_data, model_from_dict(model_data))


def write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True


def model_json(compiled: Compiled) -> str:
    return json.dumps(compiled.model_data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> int:
    try:
        compiled = compile_content()
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    write_if_changed(MODEL_PATH, model_json(compiled))
    return 0


if __name__ == "__main__":
    sys.exit(main())
