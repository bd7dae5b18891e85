"""Smaller pages: runs of white space that hold a line break become one line break.

The theme's templates indent heavily; a reader's browser collapses that white space anyway, so
the page looks the same, but every page (and the offline copy of the whole kennisbank) is about
a fifth smaller. Text where white space matters (pre, textarea, code, scripts) is left alone.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|code|script|style)\b.*?</\2>)", re.S | re.I)
_RUN = re.compile(r"[ \t\r\f\v]*\n\s*")


def compact(page_html: str) -> str:
    parts = _KEEP.split(page_html)
    out = []
    # split() with two groups yields: text, whole match, tag name, text, ...
    for index in range(0, len(parts), 3):
        out.append(_RUN.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
