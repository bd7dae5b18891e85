"""The navigation entry for the instruments: one page per instrument, grouped by kind."""

from __future__ import annotations

from typing import Any

from .compile_content import Compiled

INSTRUMENTS_INDEX = "instrumenten/index.md"


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
