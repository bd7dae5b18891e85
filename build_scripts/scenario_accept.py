"""Accepting new outcomes: write what the tool now says into the scenarios that expect otherwise.

After an advisor has reviewed a change (``make vergelijk``), ``make vergelijk AANVAARD=1`` edits
the ``verwacht`` blocks in place instead of by hand. Only the lines of the changed expectations
are touched (a status line, a line of the ``warnings`` block); comments, order and the rest of
the file stay as written. What cannot be changed safely line by line (an instrument in the list
``aangewezen``, a status written inline) is named with file and line, to change by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from assessor.case import CaseError, validate_case
from assessor.engine import assess_case
from assessor.located_yaml import Located
from assessor.model import Model
from assessor.scenarios import scenario_from_located

_WARNING_ENTRY = re.compile(r"^(\s*)([a-z][a-z0-9_]*)\s*:\s*\[[a-z0-9_,\s]*\]\s*$")
_EMPTY_WARNINGS = re.compile(r"^(\s*)warnings\s*:\s*\{\}\s*$")
_BLOCK_WARNINGS = re.compile(r"^(\s*)warnings\s*:\s*$")
#: A line of a block-style entry: ``key:`` on its own, or ``- warning``.
_BLOCK_ENTRY = re.compile(r"^\s*(?:[a-z][a-z0-9_]*\s*:|-\s*[a-z][a-z0-9_]*)\s*$")


@dataclass
class FileEdit:
    """The new text of some lines of one scenario file (1-based line -> lines to put there)."""

    file: str
    lines: dict[int, list[str]] = field(default_factory=dict)
    #: What was changed (or must be changed by hand), one Dutch line each.
    notes: list[str] = field(default_factory=list)
    by_hand: list[str] = field(default_factory=list)


def _flow(warnings: list[str]) -> str:
    return "[" + ", ".join(warnings) + "]"


def _status_edit(edit: FileEdit, text: list[str], line: int, instrument_id: str, old: str, new: str) -> None:
    source = text[line - 1]
    pattern = re.compile(rf"^(\s*{re.escape(instrument_id)}\s*:\s*){re.escape(old)}(?=\s*(#.*)?$)")
    if not pattern.match(source.rstrip("\n")):
        edit.by_hand.append(f"{edit.file}:{line}: {instrument_id}: {old} → {new} (pas dit met de hand aan)")
        return
    edit.lines[line] = [pattern.sub(lambda m: m.group(1) + new, source.rstrip("\n"), count=1) + "\n"]
    edit.notes.append(f"{edit.file}:{line}: {instrument_id}: {old} → {new}")


def _entry_span(located: Located, key: str) -> tuple[int, int]:
    """First and last line of one entry of the warnings block (a block-style list spans lines)."""
    path = ("verwacht", "warnings", key)
    lines = [line for where, line in located.lines.items() if where[:3] == path]
    return min(lines), max(lines)


def _entry_lines(key: str, warnings: list[str], like: list[str], indent: str) -> list[str]:
    """An entry in the style it was written: ``key: [a, b]``, or a block list under ``key:``."""
    if len(like) > 1 and warnings:
        item_indent = re.match(r"^\s*", like[1]).group(0)
        return [f"{indent}{key}:\n"] + [f"{item_indent}- {warning}\n" for warning in warnings]
    return [f"{indent}{key}: {_flow(warnings)}\n"]


def _warnings_edit(edit: FileEdit, text: list[str], located: Located, want: dict[str, list[str]],
                   order: list[str]) -> None:
    """Rewrite the entries of the ``warnings`` block that differ; add or drop entries."""
    listed: dict[str, list[str]] = located.data["verwacht"].get("warnings") or {}
    head = located.line(("verwacht", "warnings"))
    spans = [_entry_span(located, key) for key in listed]
    contiguous = all(start == (spans[i - 1][1] if i else head) + 1 for i, (start, _) in enumerate(spans))
    plain = all(_WARNING_ENTRY.match(text[line - 1].rstrip("\n")) or _BLOCK_ENTRY.match(text[line - 1].rstrip("\n"))
                for start, end in spans for line in range(start, end + 1))
    heading_ok = _BLOCK_WARNINGS.match(text[head - 1]) if listed else _EMPTY_WARNINGS.match(text[head - 1])
    if not (contiguous and plain and heading_ok):
        edit.by_hand.append(f"{edit.file}:{head}: waarschuwingen moeten worden: "
                            + (", ".join(f"{k}: {_flow(v)}" for k, v in want.items()) or "geen") + " (pas dit met de hand aan)")
        return
    indent = re.match(r"^\s*", text[head - 1]).group(0)
    entry_indent = re.match(r"^\s*", text[spans[0][0] - 1]).group(0) if spans else indent + "  "
    new_entries: list[str] = []
    for key, (start, end) in zip(listed, spans):
        written = text[start - 1:end]
        if key not in want:
            edit.notes.append(f"{edit.file}:{start}: waarschuwingen bij {key}: {_flow(listed[key])} → geen")
        elif sorted(want[key]) != sorted(listed[key]):
            new_entries.extend(_entry_lines(key, want[key], written, entry_indent))
            edit.notes.append(f"{edit.file}:{start}: waarschuwingen bij {key}: {_flow(listed[key])} → {_flow(want[key])}")
        else:
            new_entries.extend(written)
    for key in (k for k in order if k in want and k not in listed):
        new_entries.append(f"{entry_indent}{key}: {_flow(want[key])}\n")
        edit.notes.append(f"{edit.file}:{head}: waarschuwingen bij {key}: geen → {_flow(want[key])}")
    edit.lines[head] = [f"{indent}warnings:\n" if new_entries else f"{indent}warnings: {{}}\n"] + new_entries
    for start, end in spans:
        for line in range(start, end + 1):
            edit.lines[line] = []


def _file_edit(model: Model, located: Located, root: Path) -> Optional[FileEdit]:
    scenario = scenario_from_located(located)
    try:
        case = validate_case(model, scenario.facts)
    except CaseError:
        return None  # the build names the wrong fact; there is no outcome to accept
    results = {result.id: result for result in assess_case(model, case).instruments}
    expected = scenario.expected
    edit = FileEdit(located.file)
    text = (root / located.file).read_text(encoding="utf-8").splitlines(keepends=True)
    for instrument_id, status in (expected.get("status") or {}).items():
        if instrument_id in results and results[instrument_id].status != status:
            _status_edit(edit, text, scenario.lines[f"status.{instrument_id}"], instrument_id, status,
                         results[instrument_id].status)
    for key, wrong in (("aangewezen", lambda s: s != "aangewezen"), ("niet_aangewezen", lambda s: s == "aangewezen")):
        for instrument_id in expected.get(key) or []:
            if instrument_id in results and wrong(results[instrument_id].status):
                edit.by_hand.append(f"{edit.file}:{scenario.lines[f'{key}.{instrument_id}']}: {instrument_id} staat onder "
                                    f"'{key}', maar de uitkomst is nu {results[instrument_id].status} (pas dit met de hand aan)")
    if "warnings" in expected:
        listed = expected.get("warnings") or {}
        want = {r.id: list(r.warnings) for r in results.values() if r.warnings}
        if any(sorted(want.get(i, [])) != sorted(listed.get(i, [])) for i in set(want) | set(listed)):
            _warnings_edit(edit, text, located, want, [r.id for r in model.instruments])
    return edit if edit.lines or edit.by_hand else None


def expectation_changes(model: Model, scenarios: list[Located], root: Path) -> list[FileEdit]:
    """Per scenario file whose expectations differ from the model's outcomes: the lines to change."""
    return [edit for located in scenarios if (edit := _file_edit(model, located, root)) is not None]


def apply_edit(edit: FileEdit, root: Path) -> None:
    path = root / edit.file
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out: list[str] = []
    for number, line in enumerate(text, start=1):
        out.extend(edit.lines.get(number, [line]))
    path.write_text("".join(out), encoding="utf-8")


def accept(edits: list[FileEdit], root: Path) -> list[str]:
    """Write the edits; the lines say what changed and what is left to do by hand."""
    if not edits:
        return ["Alle scenario's verwachten al wat de tool zegt; niets aangepast."]
    lines: list[str] = ["Aanvaard (nieuwe verwachting in het scenario):"]
    for edit in edits:
        if edit.lines:
            apply_edit(edit, root)
        lines.extend(f"  {note}" for note in edit.notes)
    by_hand = [item for edit in edits for item in edit.by_hand]
    if by_hand:
        lines.append("Niet automatisch aan te passen:")
        lines.extend(f"  {item}" for item in by_hand)
    changed = sum(bool(edit.lines) for edit in edits)
    lines.append(f"{changed} {'bestand' if changed == 1 else 'bestanden'} aangepast. Bekijk de wijziging met "
                 "'git diff content/scenarios' en controleer met: make check")
    return lines
