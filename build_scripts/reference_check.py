"""After the outcome: procedures, dossiers, rulings, model documents and the glossary.

These files say what a municipality does once "Beoordeel uw casus" has pointed at an
instrument. They are checked here against the instruments and against each other, with the
same care as the rules: every instrument named exists, every source resolves (a law citation
through ``content/wetten.yaml``, a URL only when the same file lists it), every step a
``weglaten`` or ``aanvulling`` names exists, every ECLI is well formed and every date real,
every «invulveld» of a model document is explained and every explanation used, and every
bestuursrechtelijk instrument has a procedure. The result, with every source resolved, is
what the pages, the Word files and the model are made from.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from assessor.errors import ContentError
from assessor.located_yaml import Located

from .citations import Citation, CitationError, Laws, Source, WebSource, resolve
from .content_loader import Content, DocumentFile

#: The kind of instrument that must have a procedure (instrumentsoorten.yaml).
ADMINISTRATIVE = "bestuursrechtelijk"
ECLI = re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:[0-9]{4}:[A-Z0-9.]{1,25}$")
#: Where the text of a Dutch ruling can be read, by its ECLI.
RULING_URL = "https://uitspraken.rechtspraak.nl/inziendocument?id={ecli}"
PLACEHOLDER = re.compile(r"«([^«»\n]*)»")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The court an ECLI's court code stands for, as the ``instantie`` must name it.
COURTS = (("RVS", "Raad van State"), ("PHR", "Hoge Raad"), ("HR", "Hoge Raad"), ("GH", "Gerechtshof"),
          ("RB", "Rechtbank"), ("CRVB", "Centrale Raad van Beroep"), ("CBB", "College van Beroep"))
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def dutch_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def anchor(name: str) -> str:
    """An HTML id for a glossary term: lower case letters, digits and hyphens."""
    return "begrip-" + "-".join(re.findall(r"[0-9a-zà-ÿ]+", name.lower()))


@dataclass
class Addition:
    text: str
    sources: list[Source]


@dataclass
class Step:
    id: str
    title: str
    who: str
    text: str
    term: Optional[str]
    sources: list[Source]
    #: The law prescribes nothing here: this is practice, which differs per municipality.
    law_silent: bool
    practice: Optional[str]
    #: What applies to this step for one instrument in particular.
    addition: Optional[Addition] = None


@dataclass
class Procedure:
    id: str
    name: str
    explanation: str
    steps: list[Step]


@dataclass
class InstrumentProcedures:
    """The procedure an instrument follows (its own steps left out, its additions in), and
    the procedures that may apply beside it."""

    main: Optional[Procedure]
    also: list[Procedure]
    #: No procedure with sources yet: what is still to be worked out (shown as such).
    to_verify: str = ""


@dataclass
class DossierItem:
    text: str
    sources: list[Source]
    #: False: on screen only, so that the printed record keeps to four pages.
    printed: bool = True


@dataclass
class Dossier:
    intro: str
    items: list[DossierItem]


@dataclass
class Ruling:
    ecli: str
    court: str
    date: datetime.date
    summary: str
    instruments: list[str]
    #: The page the summary was read from.
    source_url: str

    @property
    def url(self) -> str:
        return RULING_URL.format(ecli=self.ecli)

    @property
    def date_text(self) -> str:
        return dutch_date(self.date)

    @property
    def to_verify(self) -> bool:
        return "nog te verifiëren" in self.summary.lower()


@dataclass
class ModelDocument:
    id: str
    title: str
    kind: str
    instruments: list[str]
    legal: list[Citation]
    #: «invulveld» -> what goes in it, in the order of the front matter.
    fields: dict[str, str]
    sources: list[WebSource]
    body: str
    path: Path


@dataclass
class Term:
    name: str
    text: str
    sources: list[Source]

    @property
    def anchor(self) -> str:
        return anchor(self.name)


@dataclass
class Reference:
    procedures: dict[str, InstrumentProcedures] = field(default_factory=dict)
    dossiers: dict[str, Dossier] = field(default_factory=dict)
    rulings: list[Ruling] = field(default_factory=list)
    documents: list[ModelDocument] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)

    def rulings_for(self, instrument_id: str) -> list[Ruling]:
        """Newest first: the current state of the law before the history."""
        return sorted((r for r in self.rulings if instrument_id in r.instruments), key=lambda r: r.date, reverse=True)

    def documents_for(self, instrument_id: str) -> list[ModelDocument]:
        return [d for d in self.documents if instrument_id in d.instruments]


class ReferenceCheck:
    """Checks the after-the-outcome files; every mistake becomes a ``ContentError``."""

    def __init__(self, content: Content, laws: Laws, errors: list[ContentError]):
        self.content = content
        self.laws = laws
        self.errors = errors
        self.kinds = {item.front.data["id"]: item.front.data["soort"] for item in content.instruments}
        self.instrument_files = {item.front.data["id"]: item.front for item in content.instruments}
        self.reference = Reference()
        #: (id of a bronnen list, url) for every listed source some bron points at.
        self.used_sources: set[tuple[int, str]] = set()

    def error(self, located: Located, path: tuple, message: str) -> None:
        self.errors.append(ContentError(located.file, located.line(path), message))

    def _instrument(self, located: Located, path: tuple, instrument_id: str) -> bool:
        if instrument_id in self.kinds:
            return True
        self.error(located, path, f"onbekend instrument '{instrument_id}' (geen bestand content/instrumenten/{instrument_id}.md)")
        return False

    def _resolve(self, located: Located, path: tuple, value: Any, listed: list[dict[str, str]],
                 where: str = "") -> list[Source]:
        """Every source of a ``bron`` field; a mistake is reported on the line of the entry itself."""
        entries = [(path, value)] if not isinstance(value, list) else [(path + (i,), v) for i, v in enumerate(value)]
        found: list[Source] = []
        for entry_path, entry in entries:
            try:
                resolved = resolve(entry, self.laws, listed)
                found.extend(resolved)
                self.used_sources.update((id(listed), source.url) for source in resolved if isinstance(source, WebSource))
            except CitationError as problem:
                message = str(problem)
                if where:
                    message = message.replace("bij de bronnen van dit bestand", f"bij de bronnen van {where}")
                self.error(located, entry_path, message)
        return found

    # Procedures --------------------------------------------------------------------------
    def procedures(self) -> None:
        located = self.content.data["procedures.yaml"]
        data = located.data
        built: dict[str, Procedure] = {}
        for procedure_id, procedure in data["procedures"].items():
            steps, seen = [], set()
            for index, step in enumerate(procedure["stappen"]):
                path = ("procedures", procedure_id, "stappen", index)
                if step["id"] in seen:
                    self.error(located, path + ("id",), f"stap '{step['id']}' komt twee keer voor in procedure '{procedure_id}'")
                seen.add(step["id"])
                sources = self._resolve(located, path + ("bron",), step["bron"], procedure["bronnen"], f"procedure '{procedure_id}'")
                steps.append(Step(step["id"], step["titel"], step["wie"], step["tekst"], step.get("termijn"), sources,
                                  bool(step.get("wet_zwijgt")), step.get("praktijk")))
            built[procedure_id] = Procedure(procedure_id, procedure["naam"], procedure["uitleg"], steps)

        used: set[str] = set()
        for instrument_id, entry in data["instrumenten"].items():
            path = ("instrumenten", instrument_id)
            known = self._instrument(located, path, instrument_id)
            if "procedure" not in entry:
                if known:
                    self.reference.procedures[instrument_id] = InstrumentProcedures(None, [], " ".join(entry["nog_te_verifieren"].split()))
                continue
            names = [("procedure", entry["procedure"])] + [(("ook", i), p) for i, p in enumerate(entry.get("ook", []))]
            procedures = []
            for key, procedure_id in names:
                used.add(procedure_id)
                if procedure_id not in built:
                    self.error(located, path + (key if isinstance(key, tuple) else (key,)),
                               f"onbekende procedure '{procedure_id}' (bekend: {', '.join(built)})")
                else:
                    procedures.append(built[procedure_id])
            if entry["procedure"] in entry.get("ook", []):
                self.error(located, path + ("ook",), f"procedure '{entry['procedure']}' staat al bij 'procedure'")
            if entry["procedure"] not in built:
                continue
            main = built[entry["procedure"]]
            step_ids = [step.id for step in main.steps]

            def unknown_step(step_id: str) -> str:
                return (f"stap '{step_id}' bestaat niet in procedure '{main.id}' "
                        f"(stappen: {', '.join(step_ids)})")

            left_out = set()
            for index, step_id in enumerate(entry.get("weglaten", [])):
                if step_id not in step_ids:
                    self.error(located, path + ("weglaten", index), unknown_step(step_id))
                left_out.add(step_id)
            additions: dict[str, Addition] = {}
            for step_id, addition in (entry.get("aanvullingen") or {}).items():
                where = path + ("aanvullingen", step_id)
                if step_id not in step_ids:
                    self.error(located, where, unknown_step(step_id))
                elif step_id in left_out:
                    self.error(located, where, f"stap '{step_id}' wordt weggelaten én aangevuld; kies één van beide")
                sources = self._resolve(located, where + ("bron",), addition["bron"],
                                        data["procedures"][main.id]["bronnen"], f"procedure '{main.id}'")
                additions[step_id] = Addition(addition["tekst"], sources)
            steps = [Step(**{**step.__dict__, "addition": additions.get(step.id)}) for step in main.steps if step.id not in left_out]
            if known:
                self.reference.procedures[instrument_id] = InstrumentProcedures(
                    Procedure(main.id, main.name, main.explanation, steps), [p for p in procedures[1:]])

        for procedure_id in built:
            if procedure_id not in used:
                self.error(located, ("procedures", procedure_id),
                           f"procedure '{procedure_id}' wordt door geen enkel instrument gebruikt (zet hem onder instrumenten:)")
        for instrument_id, kind in self.kinds.items():
            if kind == ADMINISTRATIVE and instrument_id not in data["instrumenten"]:
                self.error(located, ("instrumenten",),
                           f"bestuursrechtelijk instrument '{instrument_id}' heeft geen procedure; "
                           f"voeg '{instrument_id}: {{procedure: ...}}' toe onder instrumenten:")

    # Dossiers ----------------------------------------------------------------------------
    def dossiers(self) -> None:
        located = self.content.data["dossiers.yaml"]
        listed = located.data["bronnen"]
        for instrument_id, dossier in located.data["dossiers"].items():
            path = ("dossiers", instrument_id)
            known = self._instrument(located, path, instrument_id)
            items = [DossierItem(item["tekst"], self._resolve(located, path + ("punten", index, "bron"), item.get("bron"), listed))
                     for index, item in enumerate(dossier["punten"])]
            if known:
                self.reference.dossiers[instrument_id] = Dossier(dossier["inleiding"], items)

    # Rulings -----------------------------------------------------------------------------
    def rulings(self) -> None:
        located = self.content.data["jurisprudentie.yaml"]
        content_date = _date(str(self.content.data["meta.yaml"].data["datum"]))
        seen: dict[str, int] = {}
        for index, ruling in enumerate(located.data["uitspraken"]):
            path = ("uitspraken", index)
            ecli, ok = ruling["ecli"], True
            if not ECLI.match(ecli):
                ok = False
                self.error(located, path + ("ecli",), f"ongeldige ECLI '{ecli}': schrijf ECLI:<land>:<instantie>:<jaar>:<nummer> "
                                                      f"in hoofdletters, bijv. ECLI:NL:RVS:2022:285")
            elif ecli in seen:
                self.error(located, path + ("ecli",), f"uitspraak {ecli} staat er al (regel {seen[ecli]})")
            seen.setdefault(ecli, located.line(path + ("ecli",)))
            day = _date(str(ruling["datum"]))
            if day is None:
                ok = False
                self.error(located, path + ("datum",), f"datum '{ruling['datum']}' is geen bestaande datum; schrijf JJJJ-MM-DD")
            elif content_date and day > content_date:
                ok = False
                self.error(located, path + ("datum",), f"datum {day.isoformat()} ligt na de datum van de inhoud ({content_date.isoformat()})")
            elif ECLI.match(ecli) and ecli.split(":")[3] != str(day.year):
                self.error(located, path + ("datum",), f"het jaar in {ecli} past niet bij de datum {day.isoformat()}")
            court = ecli.split(":")[2] if ECLI.match(ecli) else ""
            expected = next((name for code, name in COURTS if court.startswith(code)), None)
            if expected and expected.lower() not in ruling["instantie"].lower():
                self.error(located, path + ("instantie",), f"instantie '{ruling['instantie']}' past niet bij {ecli} (verwacht: {expected})")
            instruments = [i for n, i in enumerate(ruling["instrumenten"]) if self._instrument(located, path + ("instrumenten", n), i)]
            if ok and day is not None:
                self.reference.rulings.append(Ruling(ecli, ruling["instantie"], day, ruling["samenvatting"], instruments, ruling["bron"]))

    # Model documents ---------------------------------------------------------------------
    def documents(self) -> None:
        seen: dict[str, str] = {}
        for item in self.content.documents:
            document = self.document(item, seen)
            if document is not None:
                self.reference.documents.append(document)

    def document(self, item: DocumentFile, seen: dict[str, str]) -> Optional[ModelDocument]:
        located, front = item.front, item.front.data
        ok = True
        if front["id"] != item.path.stem:
            ok = False
            self.error(located, ("id",), f"id '{front['id']}' moet gelijk zijn aan de bestandsnaam ('{item.path.stem}')")
        elif front["id"] in seen:
            ok = False
            self.error(located, ("id",), f"modeldocument '{front['id']}' bestaat al in {seen[front['id']]}")
        seen.setdefault(front["id"], located.file)
        for index, instrument_id in enumerate(front["instrumenten"]):
            self._instrument(located, ("instrumenten", index), instrument_id)
        legal: list[Citation] = []
        for index, text in enumerate(front["grondslag"]):
            for source in self._resolve(located, ("grondslag", index), text, front["bronnen"]):
                if isinstance(source, Citation):
                    legal.append(source)
                else:
                    self.error(located, ("grondslag", index), f"de grondslag is een wetsartikel ('art. <nr> <wet>'), "
                                                              f"geen webadres; zet '{text}' bij de bronnen")
        fields = front["invulvelden"]
        used: set[str] = set()
        for number, line in enumerate(item.body.splitlines(), start=item.body_line):
            if line.count("«") != line.count("»"):
                self.error_at(located.file, number, "een invulveld opent met « en sluit met » op dezelfde regel")
            for match in PLACEHOLDER.finditer(line):
                name = match.group(1)
                used.add(name)
                if name not in fields:
                    ok = False
                    self.error_at(located.file, number, f"invulveld «{name}» wordt niet uitgelegd; "
                                                        f"zet '{name}: <uitleg>' onder invulvelden")
        for name in fields:
            if name not in used:
                self.error(located, ("invulvelden", name), f"invulveld '{name}' staat niet in de tekst (als «{name}»); "
                                                           f"haal het weg of gebruik het")
        if not ok:
            return None
        sources = [WebSource(entry["url"], entry["titel"]) for entry in front["bronnen"]]
        return ModelDocument(front["id"], front["titel"], front["soort"], front["instrumenten"], legal, dict(fields),
                             sources, item.body, item.path)

    def error_at(self, file: str, line: int, message: str) -> None:
        self.errors.append(ContentError(file, line, message))

    # Glossary ----------------------------------------------------------------------------
    def terms(self) -> None:
        located = self.content.data["begrippen.yaml"]
        listed = located.data["bronnen"]
        anchors: dict[str, str] = {}
        for name, term in located.data["begrippen"].items():
            path = ("begrippen", name)
            if anchor(name) in anchors:
                self.error(located, path, f"begrip '{name}' lijkt te veel op '{anchors[anchor(name)]}' (zelfde anker)")
            anchors.setdefault(anchor(name), name)
            sources = self._resolve(located, path + ("bron",), term.get("bron"), listed)
            self.reference.terms.append(Term(name, " ".join(term["uitleg"].split()), sources))
        self.reference.terms.sort(key=lambda t: t.name.casefold())

    def unused_sources(self) -> None:
        """A source listed but never pointed at is a claim that lost its source, or a leftover."""
        data = self.content.data
        lists = [(data["procedures.yaml"], ("procedures", pid, "bronnen"), procedure["bronnen"])
                 for pid, procedure in data["procedures.yaml"].data["procedures"].items()]
        lists += [(data[name], ("bronnen",), data[name].data["bronnen"]) for name in ("dossiers.yaml", "begrippen.yaml")]
        for located, path, listed in lists:
            for index, entry in enumerate(listed):
                if (id(listed), entry["url"]) not in self.used_sources:
                    self.error(located, path + (index,), f"bron '{entry['url']}' staat bij de bronnen, maar geen enkele "
                                                         f"'bron:' verwijst ernaar; gebruik hem of haal hem weg")

    def run(self) -> Reference:
        self.procedures()
        self.dossiers()
        self.rulings()
        self.documents()
        self.terms()
        self.unused_sources()
        return self.reference


def _date(text: str) -> Optional[datetime.date]:
    if not ISO_DATE.match(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None
