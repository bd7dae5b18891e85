"""The court's proportionality test (content/evenredigheid.yaml), checked and made ready to show.

One content file holds the steps, the factors, the facts that speak to each factor and the
rulings that made it count; the outcome, the instrument pages and the model decisions read it,
so a factor or a ruling is added in one place. Checked against the facts, the instruments, the
rulings and the model decisions, each mistake at its own line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessor.errors import ContentError
from assessor.located_yaml import Located

from .content_loader import Content
from .reference_check import DossierItem, Reference, Ruling

FILE = "evenredigheid.yaml"
#: The model decisions with a proportionality paragraph: a field per factor of their instrument.
DECISION_INSTRUMENTS = ("sluiting_13b_opiumwet", "sluiting_174a")


@dataclass
class Factor:
    id: str
    title: str
    instruments: list[str]
    facts: list[str]
    dossier: str
    field: str
    rulings: list[Ruling]


@dataclass
class Step:
    id: str
    title: str
    explanation: str
    factors: list[Factor]


@dataclass
class Proportionality:
    #: instrument id -> how the test works for it; only these instruments show the test.
    notes: dict[str, str]
    steps: list[Step]
    #: The instruments whose test is printed with the outcome too (a record of four pages).
    printed: frozenset[str] = frozenset()

    def for_instrument(self, instrument_id: str) -> list[Step]:
        """The steps with only the factors of this instrument; empty when the test is not shown."""
        if instrument_id not in self.notes:
            return []
        steps = [Step(s.id, s.title, s.explanation, [f for f in s.factors if instrument_id in f.instruments])
                 for s in self.steps]
        return [step for step in steps if step.factors]


def check_proportionality(content: Content, facts: dict[str, Any], reference: Reference,
                          errors: list[ContentError]) -> Proportionality:
    located: Located = content.data[FILE]
    data = located.data
    instruments = {item.front.data["id"] for item in content.instruments}
    rulings = {ruling.ecli: ruling for ruling in reference.rulings}

    def error(path: tuple, message: str) -> None:
        errors.append(ContentError(located.file, located.line(path), message))

    def known_instrument(path: tuple, instrument_id: str) -> bool:
        if instrument_id not in instruments:
            error(path, f"onbekend instrument '{instrument_id}' (geen bestand content/instrumenten/{instrument_id}.md)")
            return False
        return True

    notes = {iid: text for iid, text in data["instrumenten"].items() if known_instrument(("instrumenten", iid), iid)}
    printed = frozenset(iid for n, iid in enumerate(data.get("afdrukken", []))
                        if known_instrument(("afdrukken", n), iid))
    steps, seen = [], set()
    for s_index, step in enumerate(data["stappen"]):
        factors = []
        for f_index, factor in enumerate(step["factoren"]):
            path = ("stappen", s_index, "factoren", f_index)
            if factor["id"] in seen:
                error(path + ("id",), f"factor '{factor['id']}' staat er al")
            seen.add(factor["id"])
            for n, iid in enumerate(factor["instrumenten"]):
                if known_instrument(path + ("instrumenten", n), iid) and iid not in data["instrumenten"]:
                    error(path + ("instrumenten", n), f"instrument '{iid}' staat niet bovenaan onder 'instrumenten:'; "
                                                      f"zet het daar met een toelichting")
            for n, fact_id in enumerate(factor["feiten"]):
                if fact_id not in facts:
                    error(path + ("feiten", n), f"onbekend feit '{fact_id}' (niet in feiten.yaml)")
            for n, ecli in enumerate(factor["uitspraken"]):
                if ecli not in rulings:
                    error(path + ("uitspraken", n), f"uitspraak {ecli} staat niet in jurisprudentie.yaml; "
                                                    f"voeg haar daar toe met de bron waar u haar las")
            if set(factor["instrumenten"]) & set(DECISION_INSTRUMENTS) and "veld" not in factor:
                error(path, f"factor '{factor['id']}' hoort bij een sluiting: geef een 'veld' voor het modelbesluit")
            factors.append(Factor(factor["id"], factor["titel"], list(factor["instrumenten"]), list(factor["feiten"]),
                                  factor["dossier"], factor.get("veld", ""),
                                  [rulings[e] for e in factor["uitspraken"] if e in rulings]))
        steps.append(Step(step["id"], step["titel"], step["uitleg"], factors))
    result = Proportionality(notes, steps, printed)
    _check_decisions(content, result, reference, errors)
    _add_to_dossiers(result, reference)
    return result


def _add_to_dossiers(proportionality: Proportionality, reference: Reference) -> None:
    """The dossier checklist names the factors of the test; what each needs stands with the test."""
    for instrument_id in proportionality.notes:
        dossier = reference.dossiers.get(instrument_id)
        steps = proportionality.for_instrument(instrument_id)
        if dossier is None or not steps:
            continue
        titles = "; ".join(factor.title[0].lower() + factor.title[1:] for step in steps for factor in step.factors)
        dossier.items.append(DossierItem(f"Per factor van de evenredigheidstoets wat in dit geval speelt: {titles}. "
                                         f"Wat het dossier per factor moet laten zien, staat bij "
                                         f"‘Evenredigheid: de toets van de rechter’.", [],
                                         printed=instrument_id in proportionality.printed))


def _check_decisions(content: Content, proportionality: Proportionality, reference: Reference,
                     errors: list[ContentError]) -> None:
    """Every model decision for a closure has a field for each factor of its instrument."""
    files = {item.front.data.get("id"): item for item in content.documents}
    for document in reference.documents:
        if document.kind != "besluit":
            continue
        for instrument_id in set(document.instruments) & set(DECISION_INSTRUMENTS):
            for step in proportionality.for_instrument(instrument_id):
                for factor in step.factors:
                    if factor.field and f"«{factor.field}»" not in document.body:
                        item = files[document.id]
                        errors.append(ContentError(item.front.file, item.front.line(("invulvelden",)),
                                                   f"het modelbesluit mist het invulveld «{factor.field}» voor de "
                                                   f"evenredigheidsfactor '{factor.title}' (evenredigheid.yaml)"))


def proportionality_json(proportionality: Proportionality) -> dict[str, Any]:
    """For the outcome: per instrument its note and steps, each factor with its facts and rulings."""
    def factor_json(factor: Factor) -> dict[str, Any]:
        return {"id": factor.id, "title": factor.title, "facts": factor.facts, "dossier": factor.dossier,
                "rulings": [{"ecli": r.ecli, "url": r.url, "court": r.court, "date": r.date_text} for r in factor.rulings]}

    return {iid: {"note": note, "printed": iid in proportionality.printed, "steps": [{"id": s.id, "title": s.title, "explanation": s.explanation,
                                           "factors": [factor_json(f) for f in s.factors]}
                                          for s in proportionality.for_instrument(iid)]}
            for iid, note in proportionality.notes.items()}
