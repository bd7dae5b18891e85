"""Links in hand-written pages: a link to a page that does not exist, or a law link in another
form than the one juriconnect form, stops the build with the file and line to fix. (MkDocs
warns about broken links too, but without the line an advisor needs.)"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from assessor.errors import ContentError

from .citations import LAW_LINK, Laws

_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def link_errors(page: Page, files: Files, laws: Laws) -> list[ContentError]:
    source = page.file.abs_src_path
    if not source or page.file.generated_by:
        return []
    text = Path(source).read_text(encoding="utf-8")
    name = f"docs/{page.file.src_uri}"
    base = posixpath.dirname(page.file.src_uri)
    errors = []

    def line_of(position: int) -> int:
        return text.count("\n", 0, position) + 1

    for match in _LINK.finditer(text):
        target = match.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue
        path = target.split("#", 1)[0]
        resolved = posixpath.normpath(posixpath.join(base, path)) if path else page.file.src_uri
        if path.endswith("/"):
            resolved = posixpath.join(resolved, "index.md")
        if files.get_file_from_path(resolved) is None:
            errors.append(ContentError(name, line_of(match.start()), f"de link '{target}' wijst naar een pagina die niet "
                                                                     f"bestaat (docs/{resolved}). Verbeter de link of maak de pagina."))
    for match in LAW_LINK.finditer(text):
        problem = laws.link_problem(match.group(0).rstrip(".,;"))
        if problem:
            errors.append(ContentError(name, line_of(match.start()), f"wetslink '{match.group(0)}': {problem}"))
    return errors
