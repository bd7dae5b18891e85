"""Navigation entries for generated pages: one page per instrument (grouped by kind) and one
per model document."""

from __future__ import annotations

from typing import Any

from .compile_content import Compiled

INSTRUMENTS_INDEX = "instrumenten/index.md"
DOCUMENTS_INDEX = "modeldocumenten/index.md"


def with_instruments(nav: list[Any], compiled: Compiled) -> list[Any]:
    """The nav entry for instrumenten/index.md becomes a section with the overview and one
    subsection per kind (instrumentsoorten.yaml, in that order), as the overview page groups
    them; within a kind, content order."""
    kinds = compiled.content.data["instrumentsoorten.yaml"].data["soorten"]
    fronts = [item.front.data for item in compiled.content.instruments]
    section: list[Any] = [INSTRUMENTS_INDEX]
    for kind_id, kind in kinds.items():
        pages = [{f["naam"]: f"instrumenten/{f['id']}.md"} for f in fronts if f["soort"] == kind_id]
        if pages:
            section.append({kind["label"]: pages})
    out = []
    for entry in nav:
        if isinstance(entry, dict) and list(entry.values()) == [INSTRUMENTS_INDEX]:
            out.append({next(iter(entry)): section})
        else:
            out.append(entry)
    return out


def with_documents(nav: list[Any], compiled: Compiled) -> list[Any]:
    """The nav entry for modeldocumenten/index.md becomes a section listing every model document."""
    section = [DOCUMENTS_INDEX] + [{d.title: f"modeldocumenten/{d.id}.md"} for d in compiled.check.reference.documents]
    return _expand(nav, DOCUMENTS_INDEX, section)


def _expand(nav: list[Any], index: str, section: list[Any]) -> list[Any]:
    out = []
    for entry in nav:
        if isinstance(entry, dict) and list(entry.values()) == [index]:
            out.append({next(iter(entry)): section})
        else:
            out.append(entry)
    return out
