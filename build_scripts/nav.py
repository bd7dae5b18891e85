"""Navigation entries for generated pages: one page per instrument (grouped by kind) and one
per model document."""

from __future__ import annotations

from typing import Any

from .compile_content import Compiled

INSTRUMENTS_INDEX = "instrumenten/index.md"
DOCUMENTS_INDEX = "modeldocumenten/index.md"


def with_instruments(nav: list[Any], compiled: Compiled) -> list[Any]:
    """The nav entry for instrumenten/index.md becomes a section listing every instrument,
    in the order of the kinds (instrumentsoorten.yaml) and, within a kind, content order."""
    kinds = list(compiled.content.data["instrumentsoorten.yaml"].data["soorten"])
    fronts = sorted((item.front.data for item in compiled.content.instruments), key=lambda f: kinds.index(f["soort"]))
    section = [INSTRUMENTS_INDEX] + [{f["naam"]: f"instrumenten/{f['id']}.md"} for f in fronts]
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
