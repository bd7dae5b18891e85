"""Reading the built site: links, ids, asset references and text of every HTML page."""

from __future__ import annotations

import html.parser
from dataclasses import dataclass, field
from pathlib import Path

ASSET_TAGS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
              "embed": "src", "object": "data"}
ASSET_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon"}
#: Elements inside running text: no word break around them (a glossary tooltip <abbr> before a
#: full stop must not turn "leefgebieden." into "leefgebieden .").
INLINE_TAGS = {"a", "abbr", "b", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "u"}


@dataclass
class HtmlPage:
    path: Path
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    assets: list[str] = field(default_factory=list)
    text: str = ""
    #: The text outside "warning" admonitions: what the page states as fact.
    stated: str = ""


class _Parser(html.parser.HTMLParser):
    def __init__(self, page: HtmlPage):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.skip = 0
        self.chunks: list[str] = []
        self.stated: list[str] = []
        self.divs: list[bool] = []  # per open <div>/<details>: is it a warning admonition?

    def _break(self, tag):
        if tag not in INLINE_TAGS and not self.skip:
            self.chunks.append(" ")
            self.stated.append(" ")

    def handle_starttag(self, tag, attrs):
        self._break(tag)
        attributes = dict(attrs)
        if "id" in attributes and attributes["id"]:
            self.page.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.page.links.append(attributes["href"])
        if tag in ASSET_TAGS and attributes.get(ASSET_TAGS[tag]):
            self.page.assets.append(attributes[ASSET_TAGS[tag]])
        if tag == "link" and set((attributes.get("rel") or "").split()) & ASSET_LINK_RELS:
            self.page.assets.append(attributes.get("href") or "")
        if tag in ("script", "style"):
            self.skip += 1
        if tag in ("div", "details"):
            classes = (attributes.get("class") or "").split()
            self.divs.append(("admonition" in classes or tag == "details") and "warning" in classes)

    def handle_endtag(self, tag):
        self._break(tag)
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in ("div", "details") and self.divs:
            self.divs.pop()

    def handle_data(self, data):
        if not self.skip:
            self.chunks.append(data)
            if not any(self.divs):
                self.stated.append(data)


def read_page(path: Path) -> HtmlPage:
    page = HtmlPage(path)
    parser = _Parser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    page.text = " ".join("".join(parser.chunks).split())
    page.stated = " ".join("".join(parser.stated).split())
    return page


def site_pages(site: Path) -> dict[Path, HtmlPage]:
    return {path: read_page(path) for path in sorted(site.rglob("*.html"))}


def site_paths(site: Path):
    """Every page of a built site as the URL path a browser opens (404.html left out)."""
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative != "404.html":
            yield relative[: -len("index.html")] if relative.endswith("index.html") else relative


#: One page of each kind the site has (template, layout or generated content): the pages the
#: browser tests check for accessibility and CSP violations. Every other page shares its HTML
#: structure with one of these; the static checks in test_site.py read every page.
TEMPLATE_PAGES = (
    "",                                    # home page
    "ccv-helpt/",                          # hand-written page
    "aanpak/cijfers/",                     # tables and warnings
    "praktijkvoorbeelden/den-haag/",       # practice example with partner links
    "instrumenten/",                       # generated overview
    "instrumenten/sluiting_174a/",         # generated instrument page (rule, sources, folds)
    "partners/",                           # generated partner directory
    "modeldocumenten/sluiting-174a/",      # generated model document (letter, placeholders, download)
    "begrippen/",                          # generated glossary
    "trefwoorden/",                        # tag index (tags plugin)
    "beoordeel-uw-casus/",                 # the assessor page
    "404.html",                            # the theme's 404 page
)
