"""Links to the law on wetten.overheid.nl (juriconnect), built from BWB id and article."""

from __future__ import annotations

from typing import Any, Optional

JURICONNECT = "https://wetten.overheid.nl/jci1.3:c:{bwb}"


def juriconnect_url(bwb: Optional[str], article: Optional[str]) -> Optional[str]:
    """A juriconnect link; ``None`` when the BWB id is unknown (link the law by name instead).

    Burgerlijk Wetboek articles are written "7:213": book 7, article 213, which juriconnect
    addresses as ``&boek=7&artikel=213``.
    """
    if not bwb:
        return None
    url = JURICONNECT.format(bwb=bwb)
    if article:
        if ":" in article:
            book, number = article.split(":", 1)
            url += f"&boek={book}&artikel={number}"
        else:
            url += f"&artikel={article}"
    return url


def citation(basis: dict[str, Any]) -> str:
    """'art. 151d Gemeentewet', or the law's name alone when no article is known."""
    article = basis.get("artikel")
    return f"art. {article} {basis['wet']}" if article else basis["wet"]


def legal_basis(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An instrument's legal basis as shown on its page and in the outcome: citation, link, and
    whether the reference must still be verified (flagged, or no BWB id or article known)."""
    return [
        {
            "citation": citation(basis),
            "url": juriconnect_url(basis.get("bwb"), basis.get("artikel")),
            "verify": bool(basis.get("te_verifieren")) or not basis.get("bwb") or not basis.get("artikel"),
            "bwb": basis.get("bwb"),
            "artikel": basis.get("artikel"),
        }
        for basis in entries
    ]
