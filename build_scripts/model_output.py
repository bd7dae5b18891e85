"""The compiled model: what the engine, the CLI and the browser read, written as JSON.

It is written to ``build/model.json`` (never into the engine's source folder) only when it
changed, so the wheel and the live-reload server see a stable file. It records a fingerprint
of the content it came from, so the CLI can refuse to answer from a model older than the
content. Scenarios are test data: they stay out of it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from assessor.model import MODEL_FORMAT
from assessor.sourcedigest import tree_digest

from .citations import Citation, Source, source_json
from .proportionality import proportionality_json
from .content_loader import SCENARIO_DIR, SOURCE_EXCLUDE, Content, InstrumentFile

if TYPE_CHECKING:
    from .content_check import ContentCheck, InstrumentSources
    from .reference_check import Dossier


def model_data(content: Content, check: "ContentCheck") -> dict[str, Any]:
    """The model as JSON data, from content that passed every check."""
    data = content.data
    meta = data["meta.yaml"].data
    return {
        "format": MODEL_FORMAT,
        "content_version": f"{meta['inhoudsversie']}+{content.digest[:8]}",
        "content_date": meta["datum"],
        "facts": [_fact_json(fact_id, check.facts[fact_id]) for fact_id in check.route],
        "route": check.route,
        "groups": [{key: group[key] for key in ("id", "question", "help", "facts")} for group in check.groups],
        "ladder": _ladder_json(check.ladder),
        "definitions": {name: {"rule": d["regel"], "true": d["waar"], "false": d["onwaar"]}
                        for name, d in check.definitions.items()},
        "aliases": check.aliases,
        "instruments": [_instrument_json(item, check) for item in content.instruments],
        "warnings": {wid: {"title": w["titel"], "text": w["tekst"]} for wid, w in check.warning_texts.items()},
        # Warnings that also head the step plan when an instrument of the case carries them.
        "plan_warnings": [wid for wid, w in check.warning_texts.items() if w.get("boven_stappenplan")],
        "statuses": [{"id": sid, "label": st["label"], "explanation": st["uitleg"]}
                     for sid, st in data["statussen.yaml"].data["statussen"].items()],
        "answer_labels": dict(data["feiten.yaml"].data["antwoorden"]),
        # Terms an officer may not know, explained where the outcome uses them.
        "glossary": {term.name: term.text for term in check.reference.terms},
        # The court's test in three steps, per instrument it applies to (content/evenredigheid.yaml).
        "proportionality": proportionality_json(check.proportionality),
    }


def _ladder_json(ladder: dict[str, Any]) -> dict[str, Any]:
    """The escalation ladder for the outcome's picture and step plan: ``level`` orders the rungs
    (0 is "first, safety"); a track takes the level of the rung it stands beside."""
    levels = {rung["id"]: index + 1 for index, rung in enumerate(ladder["treden"])}

    def part(item: dict[str, Any], level: int) -> dict[str, Any]:
        return {"id": item.get("id", "eerst"), "title": item["titel"], "explanation": item["uitleg"],
                "instruments": list(item["instrumenten"]), "level": level}

    return {
        "first": part(ladder["eerst"], 0),
        "rungs": [part(rung, levels[rung["id"]]) for rung in ladder["treden"]],
        "tracks": [part(track, levels[track["naast"]]) | {"beside": track["naast"]} for track in ladder.get("sporen") or []],
        "by_complainant": list(ladder.get("door_de_melder") or []),
    }


def _instrument_json(item: InstrumentFile, check: "ContentCheck") -> dict[str, Any]:
    front = item.front.data
    rules = front["regels"]
    return {
        "id": front["id"],
        "name": front["naam"],
        "rules": {key: rules[key] for key in ("aangewezen", "eerst_andere_stappen") if key in rules}
        | {"waarschuwingen": dict(rules.get("waarschuwingen") or {})},
        "first_steps": front.get("eerst_andere_stappen_uitleg", ""),
        "step_conditions": [step.get("als") for step in front["stappen"]],
        "display": instrument_display(item, check.partner_names, check.sources[front["id"]],
                                      check.reference.dossiers.get(front["id"])),
    }


def _fact_json(fact_id: str, fact: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": fact_id,
        "type": fact["type"],
        "question": fact["vraag"],
        "short": fact["kort"],
        "hint": fact["uitleg"],
        "help": fact["hulp"],
        "values": [{"id": vid, "label": v["label"], "phrase": v.get("zin", v["label"])}
                   for vid, v in fact.get("waarden", {}).items()],
        "statements": fact["uitspraken"],
    }


#: The id of the dossier section on an instrument page (``instrumenten/<id>/#dossier``).
DOSSIER_ANCHOR = "dossier"


def instrument_display(item: InstrumentFile, partner_names: dict[str, str], sources: "InstrumentSources",
                       dossier: Optional["Dossier"] = None) -> dict[str, Any]:
    """What the outcome screen shows of an instrument; read from the same file as its page.

    ``dossier`` is the checklist of what the case file must show (content/dossiers.yaml), with
    the anchor of the same list on the instrument page, for the next steps and for printing;
    ``None`` when content has no dossier for this instrument."""
    front = item.front.data
    return {
        "kind": front["soort"],
        "summary": front["samenvatting"],
        "legal_basis": [_legal_basis_json(entry, source) for entry, source in zip(front["wettelijke_grondslag"], sources.legal_basis)],
        "decider": front.get("beslisser", ""),
        "addressee": front.get("adressaat", ""),
        "partners": [{"id": pid, "name": partner_names.get(pid, pid)} for pid in front["partners"]],
        "conditions": [{"text": condition["tekst"], "facts": condition.get("feiten", []),
                        "sources": [source_json(source) for source in found]}
                       for condition, found in zip(front["voorwaarden"], sources.conditions)],
        "steps": [{"text": step["tekst"], "sources": [source_json(source) for source in found]}
                  for step, found in zip(front["stappen"], sources.steps)],
        "legal_review": front.get("juridische_toets"),
        "dossier": None if dossier is None else {
            "intro": dossier.intro,
            "items": [{"text": entry.text, "sources": [source_json(source) for source in entry.sources]}
                      | ({} if entry.printed else {"screen_only": True}) for entry in dossier.items],
            "anchor": DOSSIER_ANCHOR,
        },
    }


def _legal_basis_json(entry: dict[str, Any], source: Source) -> dict[str, Any]:
    """A legal basis with, when it must still be checked, the reason why (shown on the page)."""
    note = ""
    if isinstance(source, Citation) and source.article is None:
        note = "De wet staat hier bij naam; welk artikel precies de grondslag is, is nog niet vastgesteld."
    elif entry.get("te_verifieren"):
        note = "Controleer of dit artikel nog de actuele grondslag is."
    elif source.verify:
        note = "Het BWB-id van deze wet is in één openbare bron gevonden; controleer de link."
    return source_json(source) | {"verify": bool(note), "verify_note": note}


def with_source(data: dict[str, Any], content: Content, model_path: Path, files: list[Path] = ()) -> dict[str, Any]:
    """The model with where it came from, relative to where it is written (see assessor.modelfile):
    the content folder, and ``files`` outside the fingerprint of that folder (a profile)."""
    return data | {"source": {
        "dir": os.path.relpath(content.root, model_path.parent),
        "exclude": list(SOURCE_EXCLUDE),
        "files": [os.path.relpath(path, model_path.parent) for path in files],
        "scenarios": SCENARIO_DIR,
        "digest": tree_digest(content.root, SOURCE_EXCLUDE, files) if files else content.digest,
    }}


def model_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True
