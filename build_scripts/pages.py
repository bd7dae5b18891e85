"""Pages generated from content/: one per instrument, the overview, the partners directory,
and the question forms of the assessor page. Each is rendered from the same compiled
content the engine runs on, so a page cannot say something else than the tool does."""

from __future__ import annotations

import html
import json
from typing import Any

import jinja2

from assessor.logic import Ref, atoms

from .compile_content import Compiled
from .legal_links import citation, legal_basis
from .rule_text import rule_markdown

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("build_scripts", "templates"),
    autoescape=jinja2.select_autoescape(["html.j2"]),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def _md_escape(text: str) -> str:
    """Plain text from YAML shown inside Markdown: keep HTML from being interpreted."""
    return jinja2.utils.markupsafe.escape(text)


def _front_matter_value(text: str) -> str:
    """A YAML scalar for page front matter. The theme puts titles into HTML unescaped, so the
    text is HTML-escaped first (JSON strings are valid YAML)."""
    return json.dumps(html.escape(" ".join(str(text).split()), quote=True), ensure_ascii=False)


_env.filters["md"] = _md_escape
_env.filters["fm"] = _front_matter_value


def instrument_pages(compiled: Compiled) -> dict[str, str]:
    """``instrumenten/<id>.md`` for every instrument, keyed by its path under docs/."""
    model = compiled.model
    kinds = compiled.content.data["instrumentsoorten.yaml"].data["soorten"]
    partners = {partner["id"]: partner for partner in compiled.partners}
    template = _env.get_template("instrument.md.j2")
    pages = {}
    for item in compiled.content.instruments:
        front = item.front.data
        instrument = model.instrument(front["id"])
        used_definitions = _definitions_used([instrument.applies, instrument.later])
        pages[f"instrumenten/{front['id']}.md"] = template.render(
            i=front,
            body=item.body,
            kind=kinds[front["soort"]],
            legal=legal_basis(front["wettelijke_grondslag"]),
            applies=rule_markdown(model, instrument.applies),
            later=rule_markdown(model, instrument.later) if instrument.later else None,
            warnings=[{"id": wid, "text": model.warnings[wid], "when": rule_markdown(model, node)}
                      for wid, node in instrument.warnings.items()],
            definitions=[{"name": name, "text": model.definitions[name].when_true,
                          "rule": rule_markdown(model, model.definitions[name].rule)} for name in used_definitions],
            partners=[partners[pid] for pid in front["partners"]],
            statuses=model.statuses,
        )
    return pages


def _definitions_used(nodes: list[Any]) -> list[str]:
    return list(dict.fromkeys(
        atom.name for node in nodes if node is not None for atom in atoms(node) if isinstance(atom, Ref)
    ))


def overview_page(compiled: Compiled) -> str:
    kinds = compiled.content.data["instrumentsoorten.yaml"].data["soorten"]
    groups: list[dict[str, Any]] = []
    for kind_id, kind in kinds.items():
        items = [item.front.data for item in compiled.content.instruments if item.front.data["soort"] == kind_id]
        if items:
            groups.append({"id": kind_id, "kind": kind, "items": items})
    return _env.get_template("instrumenten_index.md.j2").render(groups=groups, citation=citation)


def partners_page(compiled: Compiled) -> str:
    involved: dict[str, list[dict[str, Any]]] = {}
    for item in compiled.content.instruments:
        for partner_id in item.front.data["partners"]:
            involved.setdefault(partner_id, []).append(item.front.data)
    return _env.get_template("partners.md.j2").render(partners=compiled.partners, involved=involved)


def assessor_app(compiled: Compiled, *, wheel_url: str, worker_url: str, instrument_url: str,
                 instruments_url: str, stdlib_url: str = "") -> str:
    """The assessor's HTML: every question as a ready form (the first one visible, so it is
    usable before the engine has loaded), the other screens, and where to find the engine."""
    model = compiled.model
    return _env.get_template("assessor_app.html.j2").render(
        facts=[model.facts[fact_id] for fact_id in model.route],
        first=model.route[0],
        wheel_url=wheel_url,
        stdlib_url=stdlib_url,
        worker_url=worker_url,
        instrument_url=instrument_url,
        instruments_url=instruments_url,
        content_version=model.content_version,
    )
