"""Pages generated from content/: one per instrument, the overview, the partners directory,
and the question forms of the assessor page. Each is rendered from the same compiled
content the engine runs on, so a page cannot say something else than the tool does."""

from __future__ import annotations

import html
import json
import posixpath
from typing import Any

import jinja2

from assessor.logic import Ref, atoms

from .compile_content import Compiled
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
            display=instrument.display,
            applies=rule_markdown(model, instrument.applies),
            later=rule_markdown(model, instrument.later) if instrument.later else None,
            warnings=[{"id": wid, "text": model.warnings[wid], "when": rule_markdown(model, node)}
                      for wid, node in instrument.warnings.items()],
            definitions=[{"name": name, "text": model.definitions[name].when_true,
                          "rule": rule_markdown(model, model.definitions[name].rule)} for name in used_definitions],
            partners=[partners[pid] for pid in front["partners"]],
            statuses={status.id: status for status in model.statuses},
            local=compiled.model_data.get("municipality"),
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
    display = {item.id: item.display for item in compiled.model.instruments}
    return _env.get_template("instrumenten_index.md.j2").render(groups=groups, display=display)


def partners_page(compiled: Compiled) -> str:
    involved: dict[str, list[dict[str, Any]]] = {}
    for item in compiled.content.instruments:
        for partner_id in item.front.data["partners"]:
            involved.setdefault(partner_id, []).append(item.front.data)
    return _env.get_template("partners.md.j2").render(partners=compiled.partners, involved=involved)


def assessor_app(compiled: Compiled, *, wheel_url: str, worker_url: str, instrument_url: str,
                 instruments_url: str) -> str:
    """The assessor's HTML: every question as a ready form (the first one visible, so it is
    usable before the engine has loaded), the other screens, and where to find the engine."""
    model = compiled.model
    grouped = {fact_id for group in model.groups for fact_id in group.facts}
    return _env.get_template("assessor_app.html.j2").render(
        facts=[model.facts[fact_id] for fact_id in model.route if fact_id not in grouped],
        groups=[{"id": group["id"], "question": group["question"], "help": group["help"],
                 "facts": [model.facts[fact_id] for fact_id in group["facts"]]} for group in compiled.model_data["groups"]],
        first=model.facts[model.route[0]],
        title="Beoordeel uw casus",
        wheel_url=wheel_url,
        worker_url=worker_url,
        instrument_url=instrument_url,
        instruments_url=instruments_url,
        content_version=model.content_version,
        answers=model.answer_labels,
    )


def ladder_markdown(compiled: Compiled, page_dir: str) -> str:
    """The escalation ladder of content/escalatieladder.yaml as a list for a hand-written page
    (the placeholder ``{{ escalatieladder }}``): the same data the tool draws above an outcome."""
    ladder = compiled.model_data["ladder"]
    names = {item.id: item.name for item in compiled.model.instruments}

    def links(ids: list[str]) -> str:
        return ", ".join(f"[{_md_escape(names[i])}]({posixpath.relpath(f'instrumenten/{i}.md', page_dir or '.')})" for i in ids)

    lines = ['<div class="aw-ladder-page" markdown>', "",
             f"- **{_md_escape(ladder['first']['title'])}.** {_md_escape(ladder['first']['explanation'])} "
             f"{links(ladder['first']['instruments'])}"]
    for number, rung in enumerate(ladder["rungs"], start=1):
        lines.append(f"- **Trede {number}: {_md_escape(rung['title'])}.** {_md_escape(rung['explanation'])} {links(rung['instruments'])}")
    for track in ladder["tracks"]:
        beside = next(rung["title"] for rung in ladder["rungs"] if rung["id"] == track["beside"]).lower()
        lines.append(f"- *Spoor naast de trede {_md_escape(beside)}:* **{_md_escape(track['title'])}.** "
                     f"{_md_escape(track['explanation'])} {links(track['instruments'])}")
    return "\n".join(lines + ["", "</div>", ""])


def edition_banner(compiled: Compiled, markdown: str) -> str:
    """On the home and about pages of a municipality's edition: whose edition this is."""
    municipality = compiled.model_data["municipality"]
    sources = "; ".join(f"[{_md_escape(link['titel'])}]({link['url']})" for link in municipality["sources"])
    banner = (f'!!! info "Editie voor de gemeente {_md_escape(municipality["name"])}"\n'
              f"    Deze site bevat de gegevens van de gemeente {_md_escape(municipality['name'])} "
              f"(gemeenteprofiel versie {_md_escape(municipality['version'])}): eigen contacten, regels en "
              f"aantekeningen, en antwoorden die de gemeente zelf vastlegt. Bronnen van het profiel: {sources}.\n\n")
    lines = markdown.split("\n")
    heading = next((index for index, line in enumerate(lines) if line.startswith("# ")), None)
    if heading is None:
        return banner + markdown
    return "\n".join(lines[: heading + 1] + ["", banner] + lines[heading + 1:])
