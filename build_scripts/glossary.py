"""The glossary on every page: terms from content/begrippen.yaml explained where they appear.

Python-Markdown's ``abbr`` extension turns ``*[term]: uitleg`` lines into ``<abbr title>``
around every occurrence of the term, and mkdocs-material shows the title as a tooltip
(``content.tooltips``). The lines are generated from begrippen.yaml into a file under
``build/`` (ignored by git, never committed) that ``pymdownx.snippets`` appends to every page
(``auto_append``); the plugin writes it before any page is rendered and points the snippets
extension at it.

``TidyTooltips`` then keeps the markup from getting in the way: no tooltip inside a heading
(the table of contents and permalinks read headings) or a link (a link is already
interactive), and one tooltip per term per page, at its first occurrence.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Iterable, Optional

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .reference_check import Term

#: Where the plugin writes the abbreviations, relative to the project (see mkdocs.yml).
SNIPPETS_DIR = Path("build") / "snippets"
ABBREVIATIONS_FILE = "begrippen-afkortingen.md"
NO_TOOLTIP_INSIDE = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "summary"}


def abbreviations(terms: Iterable[Term]) -> str:
    """The abbreviation definitions, one line per term (the explanation on one line)."""
    lines = []
    for term in terms:
        lines.append(f"*[{term.name}]: {' '.join(term.text.split())}")
    return "\n".join(lines) + "\n"


def write_abbreviations(folder: Path, terms: Iterable[Term]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ABBREVIATIONS_FILE
    text = abbreviations(terms)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def _unwrap(parent: etree.Element, element: etree.Element) -> None:
    """Replace ``element`` by its text, keeping the text around it."""
    index = list(parent).index(element)
    text = (element.text or "") + (element.tail or "")
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    parent.remove(element)


class _TidyTooltips(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()
        self._walk(root, seen, inside=False)

    def _walk(self, element: etree.Element, seen: set[str], inside: bool) -> None:
        for child in list(element):
            if child.tag == "abbr":
                term = child.text or ""
                if inside or term in seen:
                    _unwrap(element, child)
                    continue
                seen.add(term)
                child.set("tabindex", "0")  # keyboard users reach the explanation too
            self._walk(child, seen, inside or child.tag in NO_TOOLTIP_INSIDE)


class TidyTooltips(Extension):
    """Runs right after ``abbr`` (priority 7) and before the table of contents (5)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_TidyTooltips(md), "aanpak_tidy_tooltips", 6)


def snippets_folder(config_dir: Path) -> Path:
    return config_dir / SNIPPETS_DIR


def configured_append(mdx_configs: dict) -> Optional[list[str]]:
    """What pymdownx.snippets appends to every page, if it is configured."""
    snippets = mdx_configs.get("pymdownx.snippets")
    return None if snippets is None else list(snippets.get("auto_append") or [])
