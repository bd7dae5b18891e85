"""Pages generated from content/: one per instrument, the overview, the partners directory,
the model documents (with their Word files), the glossary, and the question forms of the
assessor page. Each is rendered from the same compiled content the engine runs on, so a page
cannot say something else than the tool does."""

from __future__ import annotations

import datetime
import html
import json
import posixpath
import re
from itertools import groupby
from typing import Any
from urllib.parse import urlparse

import jinja2

from assessor.logic import Ref, atoms

from .citations import source_json
from .compile_content import Compiled
from .reference_check import ModelDocument, Procedure, dutch_date
from .rule_text import condition_sentence, rule_markdown
from .word import document_docx, letter_markdown

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


def _dutch_date_text(value: Any) -> str:
    """Dates as officers write them ("29 november 2026"); one that does not exist stays as written."""
    try:
        return dutch_date(datetime.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


_env.filters["datum"] = _dutch_date_text

#: At the top of every model document, on its page and in its Word file.
EXAMPLE_NOTICE = ("Dit is een voorbeeld, geen vastgesteld model en geen juridisch advies. Pas het aan "
                  "met de juridische afdeling van uw gemeente: de eigen APV, beleidsregels en "
                  "mandaatbesluiten, en de feiten van de zaak. Controleer de artikelen op de actuele tekst.")
KIND_LABELS = {"brief": "brief", "besluit": "besluit"}


def _source_titles(compiled: Compiled) -> dict[str, str]:
    """The title of every source URL listed anywhere in content, for links that give only a URL."""
    data = compiled.content.data
    lists = [procedure["bronnen"] for procedure in data["procedures.yaml"].data["procedures"].values()]
    lists += [data[name].data["bronnen"] for name in ("dossiers.yaml", "begrippen.yaml")]
    lists += [item.front.data["bronnen"] for item in compiled.content.instruments + compiled.content.documents]
    return {entry["url"]: entry["titel"] for listed in lists for entry in listed}


def _dossier_view(dossier: Any) -> Any:
    if dossier is None:
        return None
    return {"intro": dossier.intro,
            "items": [{"text": item.text, "sources": [source_json(s) for s in item.sources]} for item in dossier.items]}


def procedure_html(procedure: Procedure) -> str:
    """The procedure as a timeline: HTML with classes (extra.css draws the line); no styles inline."""
    steps = [{**step.__dict__, "sources": [source_json(s) for s in step.sources],
              "addition": None if step.addition is None else
              {"text": step.addition.text, "sources": [source_json(s) for s in step.addition.sources]}}
             for step in procedure.steps]
    view = {"id": procedure.id, "name": procedure.name, "explanation": procedure.explanation, "steps": steps}
    return _env.get_template("procedure.html.j2").render(procedure=view).strip()


def instrument_pages(compiled: Compiled) -> dict[str, str]:
    """``instrumenten/<id>.md`` for every instrument, keyed by its path under docs/."""
    model = compiled.model
    kinds = compiled.content.data["instrumentsoorten.yaml"].data["soorten"]
    partners = {partner["id"]: partner for partner in compiled.partners}
    template = _env.get_template("instrument.md.j2")
    reference = compiled.check.reference
    titles = _source_titles(compiled)

    def source_label(url: str) -> str:
        return titles.get(url) or (urlparse(url).hostname or url).removeprefix("www.")

    fact_names = {fact_id: fact["kort"] for fact_id, fact in compiled.check.facts.items()}
    proportionality = compiled.check.proportionality
    pages = {}
    for item in compiled.content.instruments:
        front = item.front.data
        instrument = model.instrument(front["id"])
        used_definitions = _definitions_used([instrument.applies, instrument.later])
        pages[f"instrumenten/{front['id']}.md"] = template.render(
            procedures=reference.procedures.get(front["id"]),
            procedure_html=procedure_html,
            dossier=_dossier_view(reference.dossiers.get(front["id"])),
            rulings=reference.rulings_for(front["id"]),
            proportionality=proportionality.for_instrument(front["id"]),
            proportionality_note=proportionality.notes.get(front["id"], ""),
            fact_names=fact_names,
            documents=reference.documents_for(front["id"]),
            source_label=source_label,
            i=front,
            body=item.body,
            kind=kinds[front["soort"]],
            display=instrument.display,
            step_conditions=[condition_sentence(model, node) for node in instrument.step_conditions],
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


def _instrument_names(compiled: Compiled) -> dict[str, str]:
    return {item.front.data["id"]: item.front.data["naam"] for item in compiled.content.instruments}


def _letter_for_page(document: ModelDocument) -> str:
    """The letter as Markdown inside the page: its headings one level down (the page has its
    own), hard line breaks kept, and every «invulveld» marked."""
    text = letter_markdown(document.body)
    text = re.sub(r"^(#{1,5}) ", r"#\1 ", text, flags=re.M)
    return re.sub(r"«([^«»\n]+)»", lambda m: f'<mark class="aw-placeholder">«{_md_escape(m.group(1))}»</mark>', text)


def document_pages(compiled: Compiled) -> dict[str, str]:
    """``modeldocumenten/index.md`` and ``modeldocumenten/<id>.md`` for every model document."""
    documents = compiled.check.reference.documents
    names = _instrument_names(compiled)
    pages = {"modeldocumenten/index.md": _env.get_template("modeldocumenten_index.md.j2").render(
        documents=documents, instrument_names=names, notice=EXAMPLE_NOTICE)}
    template = _env.get_template("modeldocument.md.j2")
    for document in documents:
        pages[f"modeldocumenten/{document.id}.md"] = template.render(
            d=document, letter=_letter_for_page(document), notice=EXAMPLE_NOTICE, instrument_names=names,
            kind_label=KIND_LABELS[document.kind], content_version=compiled.model.content_version)
    return pages


def document_files(compiled: Compiled) -> dict[str, bytes]:
    """``modeldocumenten/<id>.docx`` for every model document: the same text as its page."""
    names = _instrument_names(compiled)
    day = datetime.date.fromisoformat(str(compiled.model_data["content_date"]))
    return {f"modeldocumenten/{document.id}.docx": document_docx(
                document, notice=EXAMPLE_NOTICE, instrument_names=names, kind_label=KIND_LABELS[document.kind],
                content_version=compiled.model.content_version, content_date=day)
            for document in compiled.check.reference.documents}


def glossary_page(compiled: Compiled) -> str:
    """``begrippen.md``: every term of content/begrippen.yaml, alphabetical, each with its anchor."""
    terms = [{"name": t.name, "anchor": t.anchor, "text": t.text, "sources": [source_json(s) for s in t.sources]}
             for t in compiled.check.reference.terms]
    groups = [(letter.upper(), list(items)) for letter, items in groupby(terms, key=lambda t: t["name"][:1].casefold())]
    return _env.get_template("begrippen.md.j2").render(groups=groups)


def assessor_app(compiled: Compiled, *, wheel_url: str, worker_url: str, instrument_url: str,
                 instruments_url: str, lock_header: str, stdlib_url: str = "") -> str:
    """The assessor's HTML: every question as a ready form (the first one visible, so it is
    usable before the engine has loaded), the other screens, and where to find the engine."""
    model = compiled.model
    grouped = {fact_id for group in model.groups for fact_id in group.facts}
    terms = compiled.check.reference.terms
    return _env.get_template("assessor_app.html.j2").render(
        terms_in=lambda text: [t for t in terms if re.search(rf"\b{re.escape(t.name)}\b", text, re.IGNORECASE)],
        facts=[model.facts[fact_id] for fact_id in model.route if fact_id not in grouped],
        groups=[{"id": group["id"], "question": group["question"], "help": group["help"],
                 "facts": [model.facts[fact_id] for fact_id in group["facts"]]} for group in compiled.model_data["groups"]],
        first=model.facts[model.route[0]],
        title="Beoordeel uw casus",
        wheel_url=wheel_url,
        stdlib_url=stdlib_url,
        lock_header=lock_header,
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


def changelog_page(compiled: Compiled) -> str:
    """``wijzigingen.md``, "Wat is er veranderd": every content version, newest first, from
    content/wijzigingen.yaml (checked in changelog.py)."""
    return _env.get_template("wijzigingen.md.j2").render(
        versions=compiled.content.data["wijzigingen.yaml"].data["versies"],
        current=str(compiled.content.data["meta.yaml"].data["inhoudsversie"]))


def generated_files(compiled: Compiled) -> dict[str, str | bytes]:
    """Every page and download written from content/, by its path under docs/: the one list the
    plugin adds to the site (and the benchmark's plain build writes out as files)."""
    generated: dict[str, str | bytes] = dict(instrument_pages(compiled))
    generated["instrumenten/index.md"] = overview_page(compiled)
    generated["partners.md"] = partners_page(compiled)
    generated |= document_pages(compiled)
    generated["begrippen.md"] = glossary_page(compiled)
    generated["wijzigingen.md"] = changelog_page(compiled)
    generated |= document_files(compiled)
    return generated
