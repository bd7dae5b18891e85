"""Sources in content: law citations such as "art. 151d lid 2 Gemeentewet", or URLs.

Every legal condition, step, procedure step and model document names what it rests on in one
notation (``bron``), so that a page can show the article beside the claim and the build can
refuse a claim without a source. A citation names a law by its key in ``content/wetten.yaml``;
the link is built here, in the one juriconnect form wetten.overheid.nl documents, so no page
carries a hand-made law link that could be wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional, Union

JURICONNECT = "https://wetten.overheid.nl/jci1.3:c:{bwb}"

_CITATION = re.compile(
    r"^art\.\s+(?P<artikel>[0-9][0-9a-z:.]*)"
    r"(?:\s+lid\s+(?P<lid>[0-9]+[a-z]?))?"
    r"(?:\s+onder\s+(?P<onder>[0-9a-z°]+))?"
    r"\s+(?P<wet>\S.*)$"
)
#: A hand-written link to a law on wetten.overheid.nl, as it may appear in a page.
LAW_LINK = re.compile(r"https?://wetten\.overheid\.nl/[^\s)\"'<>]+")
_VALID_LAW_LINK = re.compile(
    r"^https://wetten\.overheid\.nl/(?:jci1\.3:c:(?P<bwb>BWBR[0-9]{7})"
    r"(?:&boek=(?P<boek>[0-9]+))?(?:&artikel=(?P<artikel>[0-9][0-9a-z.:]*))?"
    r"|(?P<plain>BWBR[0-9]{7})(?:/[0-9-]+)?)$"
)


class CitationError(ValueError):
    """A source that cannot be resolved; the message is for an advisor, in Dutch."""


@dataclass(frozen=True)
class Citation:
    #: The text as the advisor wrote it, e.g. "art. 7:231 lid 2 BW".
    text: str
    url: str
    #: The reference still has to be checked (a law marked so in wetten.yaml, or no article).
    verify: bool
    law: str
    article: Optional[str]

    @property
    def label(self) -> str:
        return self.text


@dataclass(frozen=True)
class WebSource:
    url: str
    title: str

    @property
    def label(self) -> str:
        return self.title


Source = Union[Citation, WebSource]


class Laws:
    """The laws of ``content/wetten.yaml``: key -> BWB id (or one per book, for the BW)."""

    def __init__(self, laws: dict[str, dict[str, Any]]):
        self.laws = laws

    def citation(self, text: str) -> Citation:
        text = " ".join(str(text).split())
        if text in self.laws:
            law = self.laws[text]
            if "bwb" not in law:
                raise CitationError(f"'{text}' heeft boeken; noem het artikel met boek, bijv. 'art. 7:231 {text}'")
            return Citation(text, JURICONNECT.format(bwb=law["bwb"]), True, text, None)
        match = _CITATION.match(text)
        if not match:
            raise CitationError(
                f"bron '{text}' is geen geldige verwijzing; schrijf 'art. <nummer> [lid <n>] [onder <letter>] <wet>' "
                f"(bijv. 'art. 151d lid 2 Gemeentewet') of een https-adres uit de bronnen"
            )
        key, article = match.group("wet"), match.group("artikel")
        law = self.laws.get(key)
        if law is None:
            raise CitationError(f"onbekende wet '{key}' in bron '{text}' (bekend: {', '.join(self.laws)}; "
                                f"voeg een wet toe in content/wetten.yaml)")
        if "boeken" in law:
            book, _, number = article.partition(":")
            if not number or book not in law["boeken"]:
                raise CitationError(f"bron '{text}': schrijf het artikel als boek:nummer, met een boek uit wetten.yaml "
                                    f"({', '.join(law['boeken'])})")
            url = JURICONNECT.format(bwb=law["boeken"][book]) + f"&boek={book}&artikel={number}"
        else:
            url = JURICONNECT.format(bwb=law["bwb"]) + f"&artikel={article}"
        return Citation(text, url, bool(law.get("te_verifieren")), key, article)

    def link_problem(self, url: str) -> str:
        """Why a hand-written wetten.overheid.nl link is not in the one correct form ('' if it is)."""
        match = _VALID_LAW_LINK.match(url)
        if not match:
            return ("gebruik de juriconnect-vorm https://wetten.overheid.nl/jci1.3:c:<BWB-id>&artikel=<nr> "
                    "(voor het BW met &boek=<n>)")
        books = {bwb: book for law in self.laws.values() for book, bwb in law.get("boeken", {}).items()}
        bwb, article = match.group("bwb"), match.group("artikel")
        if bwb in books and article and (not match.group("boek") or ":" in article):
            return f"een artikel van boek {books[bwb]} BW hoort als &boek={books[bwb]}&artikel=<nummer> (zonder '{books[bwb]}:')"
        if match.group("boek") and bwb not in books:
            return "&boek= hoort alleen bij het Burgerlijk Wetboek"
        return ""


def as_list(value: Union[None, str, Iterable[str]]) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def resolve(value: Union[str, Iterable[str], None], laws: Laws, sources: Iterable[dict[str, str]]) -> list[Source]:
    """Every source of a ``bron`` field; a URL must be one of the file's own ``bronnen``."""
    listed = {item["url"]: item["titel"] for item in sources}
    out: list[Source] = []
    for text in as_list(value):
        if re.match(r"^https?://", text):
            if text not in listed:
                raise CitationError(f"bron '{text}' staat niet bij de bronnen van dit bestand; voeg hem daar toe "
                                    f"(met een titel) of verwijs naar een wetsartikel")
            out.append(WebSource(text, listed[text]))
        else:
            out.append(laws.citation(text))
    return out


def source_json(source: Source) -> dict[str, Any]:
    """A source as the browser shows it next to a condition or reason."""
    if isinstance(source, Citation):
        return {"label": source.text, "url": source.url, "verify": source.verify}
    return {"label": source.title, "url": source.url, "verify": False}
