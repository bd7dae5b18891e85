"""The navigation entry for the instruments: one page per instrument, grouped by kind."""

from __future__ import annotations

from typing import Any

from .compile_content import Compiled

INSTRUMENTS_INDEX = "instrumenten/index.md"


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
