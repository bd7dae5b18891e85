"""Checking content/: every rule, name, reference and source, before anything is built.

Each check adds a ``ContentError`` with the file and line an advisor must fix; the build stops
on the first run that found any, and reports them all at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessor.errors import ContentError, ContentErrors
from assessor.located_yaml import Located
from assessor.logic import Node, Predicate, Ref, RuleSyntaxError, atoms, parse
from assessor.model import BOOLEAN, MULTIPLE_CHOICE

from .changelog import changelog_errors
from .citations import CitationError, Laws, Source, resolve
from .content_loader import Content, InstrumentFile
from .proportionality import Proportionality, check_proportionality
from .reference_check import Reference, ReferenceCheck


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
        for atom in atoms(definitions[name]):
            if isinstance(atom, Ref) and atom.name in definitions:
                visit(atom.name, trail + (name,))

    for name in definitions:
        visit(name, ())
    return sorted(set(cycles))


def _used_facts(node: Node, definitions: dict[str, Node], seen: set[str]) -> set[str]:
    """Facts a rule reads, also through definitions; adds the definitions it meets to ``seen``."""
    used: set[str] = set()
    for atom in atoms(node):
        if isinstance(atom, Ref):
            if atom.name not in seen:
                seen.add(atom.name)
                if atom.name in definitions:
                    used |= _used_facts(definitions[atom.name], definitions, seen)
        else:
            used.add(atom.fact)
    return used


@dataclass
class InstrumentSources:
    """The resolved ``bron`` of every legal-basis entry, condition and step of an instrument."""

    legal_basis: list[Source]
    conditions: list[list[Source]]
    steps: list[list[Source]]


class ContentCheck:
    """Cross-file checks of loaded content, collecting every error before the model is built."""

    def __init__(self, content: Content):
        self.content = content
        self.errors: list[ContentError] = []
        data = content.data
        self.facts_file, self.route_file, self.defs_file = data["feiten.yaml"], data["vragenroute.yaml"], data["definities.yaml"]
        self.facts: dict[str, Any] = self.facts_file.data["feiten"]
        #: The facts in the order they are asked, groups flattened; the groups themselves.
        self.route: list[str] = []
        self.groups: list[dict[str, Any]] = []
        #: Per fact in the route, where it is written in vragenroute.yaml.
        self.route_paths: dict[str, tuple] = {}
        for index, entry in enumerate(self.route_file.data["volgorde"]):
            if isinstance(entry, str):
                self.route.append(entry)
                self.route_paths.setdefault(entry, ("volgorde", index))
            else:
                self.groups.append({"id": entry["groep"], "question": entry["vraag"], "help": entry["hulp"],
                                    "facts": list(entry["feiten"]), "path": ("volgorde", index)})
                for position, fact_id in enumerate(entry["feiten"]):
                    self.route.append(fact_id)
                    self.route_paths.setdefault(fact_id, ("volgorde", index, "feiten", position))
        self.ladder: dict[str, Any] = data["escalatieladder.yaml"].data
        self.warning_texts: dict[str, Any] = data["waarschuwingen.yaml"].data["waarschuwingen"]
        self.kinds: dict[str, Any] = data["instrumentsoorten.yaml"].data["soorten"]
        self.partner_names: dict[str, str] = {}
        self.aliases: dict[str, str] = self.defs_file.data.get("aliassen", {}) or {}
        self.definitions: dict[str, Any] = self.defs_file.data["definities"]
        self.parsed_definitions: dict[str, Node] = {}
        self.used_facts: set[str] = set()
        self.used_definitions: set[str] = set()
        self.checker = _RuleChecker(self.facts, self.definitions, self.aliases)
        self.laws = Laws(data["wetten.yaml"].data["wetten"])
        self.sources: dict[str, InstrumentSources] = {}
        #: Procedures, dossiers, rulings, model documents and glossary, checked (reference_check.py).
        self.reference = Reference()
        #: The court's proportionality test per instrument (proportionality.py).
        self.proportionality = Proportionality({}, [])

    def error(self, located: Located, path: tuple, message: str) -> None:
        self.errors.append(ContentError(located.file, located.line(path), message))

    def route_and_statements(self) -> None:
        seen: set[str] = set()
        for fact_id in self.route:
            path = self.route_paths[fact_id]
            if fact_id not in self.facts:
                self.error(self.route_file, path, f"onbekend feit '{fact_id}' in de vragenroute (niet in feiten.yaml)")
            if fact_id in seen:
                self.error(self.route_file, path, f"feit '{fact_id}' staat twee keer in de vragenroute")
            seen.add(fact_id)
        if self.route_file.data["volgorde"] and not isinstance(self.route_file.data["volgorde"][0], str):
            self.error(self.route_file, ("volgorde", 0), "de eerste vraag moet één feit zijn, geen groep: "
                                                         "die vraag is al bruikbaar voordat de tool geladen is")
        for group in self.groups:
            if group["id"] in self.facts:
                self.error(self.route_file, group["path"] + ("groep",), f"groep '{group['id']}' heeft dezelfde naam als een feit")
            for position, fact_id in enumerate(group["facts"]):
                if self.facts.get(fact_id, {}).get("type", BOOLEAN) != BOOLEAN:
                    self.error(self.route_file, group["path"] + ("feiten", position),
                               f"in een groep staan alleen ja/nee-vragen; '{fact_id}' is een {self.facts[fact_id]['type']}-vraag")
        for fact_id, fact in self.facts.items():
            if fact_id not in self.route:
                self.error(self.facts_file, ("feiten", fact_id), f"feit '{fact_id}' staat niet in vragenroute.yaml, dus wordt nooit gevraagd")
            for key, text in fact.get("uitspraken", {}).items():
                wanted = {"waar": "{waarde}", "onwaar": "{waarde}", "niet_leeg": "{waarden}"}.get(key)
                if wanted and wanted not in text:
                    self.error(self.facts_file, ("feiten", fact_id, "uitspraken", key), f"uitspraak '{key}' van {fact_id} moet {wanted} bevatten")

    def definitions_and_aliases(self) -> None:
        for alias, fact_id in self.aliases.items():
            if self.facts.get(fact_id, {}).get("type") != MULTIPLE_CHOICE:
                self.error(self.defs_file, ("aliassen", alias), f"alias '{alias}' moet naar een meerkeuzefeit wijzen; '{fact_id}' is dat niet")
        for name, definition in self.definitions.items():
            if name in self.facts:
                self.error(self.defs_file, ("definities", name), f"definitie '{name}' heeft dezelfde naam als een feit")
            node = self.checker.parse(definition["regel"], self.defs_file.file,
                                      self.defs_file.line(("definities", name, "regel")), self.errors)
            if node is not None:
                self.parsed_definitions[name] = node
        for cycle in _definition_cycles(self.parsed_definitions):
            self.error(self.defs_file, ("definities",), f"definities verwijzen in een kring naar elkaar: {cycle}")

    def partners(self) -> None:
        located = self.content.data["partners.yaml"]
        for index, partner in enumerate(located.data["partners"]):
            if partner["id"] in self.partner_names:
                self.error(located, ("partners", index, "id"), f"partner-id '{partner['id']}' komt twee keer voor")
            self.partner_names[partner["id"]] = partner["naam"]

    def _rule(self, item: InstrumentFile, path: tuple, text: str) -> None:
        node = self.checker.parse(text, item.front.file, item.front.line(path), self.errors)
        if node is not None:
            self.used_facts |= _used_facts(node, self.parsed_definitions, self.used_definitions)

    def instrument(self, item: InstrumentFile, seen_ids: dict[str, str], seen_order: dict[int, str]) -> None:
        front, located = item.front.data, item.front
        instrument_id = front["id"]
        if instrument_id != item.path.stem:
            self.error(located, ("id",), f"id '{instrument_id}' moet gelijk zijn aan de bestandsnaam ('{item.path.stem}')")
        if instrument_id in seen_ids:
            self.error(located, ("id",), f"instrument-id '{instrument_id}' bestaat al in {seen_ids[instrument_id]}")
        seen_ids[instrument_id] = located.file
        if front["volgorde"] in seen_order:
            self.error(located, ("volgorde",), f"volgorde {front['volgorde']} wordt ook gebruikt door {seen_order[front['volgorde']]}")
        seen_order[front["volgorde"]] = located.file
        if front["soort"] not in self.kinds:
            self.error(located, ("soort",), f"onbekende soort '{front['soort']}' (toegestaan: {', '.join(self.kinds)})")
        rules = front["regels"]
        for key in ("aangewezen", "eerst_andere_stappen"):
            if key in rules:
                self._rule(item, ("regels", key), rules[key])
        for warning_id, condition in (rules.get("waarschuwingen") or {}).items():
            if warning_id not in self.warning_texts:
                self.error(located, ("regels", "waarschuwingen", warning_id),
                           f"onbekende waarschuwing '{warning_id}' (niet in waarschuwingen.yaml)")
            self._rule(item, ("regels", "waarschuwingen", warning_id), condition)
        for index, step in enumerate(front["stappen"]):
            if "als" in step:
                self._rule(item, ("stappen", index, "als"), step["als"])
        if ("eerst_andere_stappen" in rules) != ("eerst_andere_stappen_uitleg" in front):
            self.error(located, ("regels",), "een regel 'eerst_andere_stappen' en een 'eerst_andere_stappen_uitleg' horen bij "
                                             "elkaar: geef beide of geen van beide")
        for index, partner_id in enumerate(front["partners"]):
            if partner_id not in self.partner_names:
                self.error(located, ("partners", index), f"onbekende partner '{partner_id}' (niet in partners.yaml)")
        sources = self.instrument_sources(item)
        self.sources[instrument_id] = sources

    def _resolve(self, located: Located, path: tuple, value: Any, sources: list[dict[str, str]]) -> list[Source]:
        """Every source of a ``bron`` field; a wrong one is reported at its own line."""
        found: list[Source] = []
        items = [(path, value)] if isinstance(value, str) or value is None else \
            [(path + (index,), item) for index, item in enumerate(value)]
        for where, item in items:
            try:
                found.extend(resolve(item, self.laws, sources))
            except CitationError as error:
                self.error(located, where, str(error))
        return found

    def instrument_sources(self, item: InstrumentFile) -> InstrumentSources:
        """Resolve every source of the instrument; a condition about an unknown fact is an error too."""
        front, located = item.front.data, item.front
        listed = front["bronnen"]
        basis = []
        for index, entry in enumerate(front["wettelijke_grondslag"]):
            found = self._resolve(located, ("wettelijke_grondslag", index, "bron"), entry["bron"], [])
            basis.extend(found[:1])
        conditions = []
        for index, condition in enumerate(front["voorwaarden"]):
            conditions.append(self._resolve(located, ("voorwaarden", index, "bron"), condition.get("bron"), listed))
            for position, fact_id in enumerate(condition.get("feiten", [])):
                if fact_id not in self.facts:
                    self.error(located, ("voorwaarden", index, "feiten", position), f"onbekend feit '{fact_id}' (niet in feiten.yaml)")
        steps = [self._resolve(located, ("stappen", index, "bron"), step.get("bron"), listed)
                 for index, step in enumerate(front["stappen"])]
        return InstrumentSources(basis, conditions, steps)

    def escalation_ladder(self) -> None:
        """Every instrument stands on the ladder exactly once, and a track stands beside a rung."""
        located = self.content.data["escalatieladder.yaml"]
        known = {item.front.data["id"] for item in self.content.instruments}
        placed: dict[str, str] = {}
        rungs = {rung["id"] for rung in self.ladder["treden"]}
        parts = [(("eerst",), self.ladder["eerst"])]
        parts += [(("treden", index), rung) for index, rung in enumerate(self.ladder["treden"])]
        parts += [(("sporen", index), track) for index, track in enumerate(self.ladder.get("sporen") or [])]
        for path, part in parts:
            for position, instrument_id in enumerate(part["instrumenten"]):
                where = path + ("instrumenten", position)
                if instrument_id not in known:
                    self.error(located, where, f"onbekend instrument '{instrument_id}' op de escalatieladder")
                elif instrument_id in placed:
                    self.error(located, where, f"instrument '{instrument_id}' staat al op de ladder ({placed[instrument_id]})")
                placed[instrument_id] = part.get("titel", "")
        for index, track in enumerate(self.ladder.get("sporen") or []):
            if track.get("naast") not in rungs:
                self.error(located, ("sporen", index, "naast"),
                           f"spoor '{track['id']}' moet naast een trede staan (naast: één van {', '.join(sorted(rungs))})")
        for index, rung in enumerate(self.ladder["treden"]):
            if "naast" in rung:
                self.error(located, ("treden", index, "naast"), "'naast' hoort alleen bij een spoor")
        for position, instrument_id in enumerate(self.ladder.get("door_de_melder") or []):
            if instrument_id not in known:
                self.error(located, ("door_de_melder", position), f"onbekend instrument '{instrument_id}' bij door_de_melder")
        for instrument_id in sorted(known - set(placed)):
            self.error(located, ("treden",), f"instrument '{instrument_id}' staat niet op de escalatieladder; zet het op een trede of spoor")

    def run(self) -> "ContentCheck":
        """Every check; raises ``ContentErrors`` listing all that was found."""
        self.route_and_statements()
        self.escalation_ladder()
        self.definitions_and_aliases()
        self.partners()
        seen_ids: dict[str, str] = {}
        seen_order: dict[int, str] = {}
        for item in self.content.instruments:
            self.instrument(item, seen_ids, seen_order)
        self.reference = ReferenceCheck(self.content, self.laws, self.errors).run()
        self.proportionality = check_proportionality(self.content, self.facts, self.reference, self.errors)
        self.errors.extend(changelog_errors(self.content))
        self.nothing_unused()
        if self.errors:
            raise ContentErrors(self.errors)
        return self

    def nothing_unused(self) -> None:
        for fact_id in self.route:
            if fact_id in self.facts and fact_id not in self.used_facts:
                self.error(self.facts_file, ("feiten", fact_id),
                           f"feit '{fact_id}' wordt door geen enkele regel gebruikt: deze vraag zou nooit gesteld worden")
        for name in self.definitions:
            if name not in self.used_definitions:
                self.error(self.defs_file, ("definities", name), f"definitie '{name}' wordt door geen enkele regel gebruikt")
