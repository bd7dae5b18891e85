"""Mistakes in content or scenarios, as advisors see them: one line each, with file and line.

One type for every such mistake, whether the build finds it in a content file or the engine
finds it when a scenario does not come out as expected, so every tool reports them alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class ContentError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ContentErrors(Exception):
    """One or more content errors; whoever raises it writes nothing."""

    def __init__(self, errors: Iterable[ContentError]):
        self.errors = sorted(set(errors), key=lambda e: (e.file, e.line, e.message))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        head = "Fout in de inhoud" if count == 1 else f"{count} fouten in de inhoud"
        lines = [f"{head}. Los dit op en bouw opnieuw:"]
        lines.extend(f"  {error}" for error in self.errors)
        return "\n".join(lines)
