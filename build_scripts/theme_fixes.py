"""Small accessibility repairs to mkdocs-material's HTML, applied to every built page.

The theme as shipped gives the search dialog and the toggles of sections that have an index
page no accessible name (axe: aria-dialog-name, landmark-unique). Each repair is a narrow
textual patch; the axe browser test fails if a theme upgrade makes one stop applying.
"""

from __future__ import annotations

import html
import re

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
#: The toggle of a nav section that has an index page: a <label> holding only an icon. Its
#: section's <nav aria-labelledby> then has no name. The title goes into the label as visually
#: hidden text (an aria-label on a <label> is prohibited, as Lighthouse says: aria-prohibited-attr).
_SECTION_TOGGLE = re.compile(
    r'(<a href="[^"]*" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*)(?P<title>[^<]*?)(\s*</span>\s*</a>\s*'
    r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" tabindex="[^"]*">\s*'
    r'<span class="md-nav__icon md-icon"></span>)(\s*</label>)',
)


def accessible_theme(page_html: str) -> str:
    page_html = page_html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Zoeken">')
    return _SECTION_TOGGLE.sub(
        lambda m: f'{m.group(1)}{m.group("title")}{m.group(3)}'
                  f'<span class="aw-visually-hidden">{html.escape(html.unescape(m.group("title").strip()))}</span>{m.group(4)}',
        page_html,
    )
