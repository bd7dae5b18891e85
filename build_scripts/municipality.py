"""A municipality's own edition: a profile in ``content/gemeenten/<id>.yaml`` (``GEMEENTE=<id>``).

The profile names the municipality, answers facts it knows once (such as whether the council
adopted the APV provision for art. 151d), and adds local contacts per partner role, policy
rules and notes per instrument, and optionally a logo and colours. The build checks it like
any content (file:line, in Dutch); the engine only sees the answered facts ("preset").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from assessor.case import CaseError, case_to_json, validate_case
from assessor.errors import ContentError, ContentErrors
from assessor.located_yaml import Located, YamlProblem, load_located
from assessor.model import Model

from .content_loader import PROFILE_DIR, relative, schema_errors, yaml_message

#: The environment variable that selects an edition: a profile id, or the path of a profile file.
PROFILE_ENV = "GEMEENTE"


@dataclass
class Profile:
    id: str
    path: Path
    located: Located

    @property
    def data(self) -> dict[str, Any]:
        return self.located.data


def profile_path(choice: str, content_dir: Path) -> Path:
    """``den-haag`` is content/gemeenten/den-haag.yaml; a path to a .yaml file is taken as it is."""
    if choice.endswith((".yaml", ".yml")):
        return Path(choice).resolve()
    return content_dir / PROFILE_DIR / f"{choice}.yaml"


def load_profile(choice: str, content_dir: Path, project_root: Path) -> Profile:
    path = profile_path(choice, content_dir)
    name = relative(path, project_root)
    if not path.is_file():
        known = sorted(p.stem for p in (content_dir / PROFILE_DIR).glob("*.yaml"))
        raise ContentErrors([ContentError(name, 1, f"gemeenteprofiel '{choice}' bestaat niet; kies uit: {', '.join(known) or 'geen'} "
                                                   f"(of laat {PROFILE_ENV} leeg voor de landelijke editie)")])
    try:
        located = load_located(path.read_text(encoding="utf-8"), name)
    except YamlProblem as problem:
        raise ContentErrors([ContentError(name, problem.line, yaml_message(problem.message))]) from None
    if not isinstance(located.data, dict):
        raise ContentErrors([ContentError(name, 1, "het profiel moet een lijst 'naam: waarde' bevatten")])
    errors = schema_errors(located, "gemeente", content_dir / "schemas")
    if errors:
        raise ContentErrors(errors)
    return Profile(path.stem, path, located)


def check_profile(profile: Profile, model: Model, partner_ids: set[str]) -> list[ContentError]:
    """Every partner role, instrument and fact the profile names exists; answers are valid."""
    located, data = profile.located, profile.data
    errors: list[ContentError] = []

    def error(path: tuple, message: str) -> None:
        errors.append(ContentError(located.file, located.line(path), message))

    for role in data.get("contacten") or {}:
        if role not in partner_ids:
            error(("contacten", role), f"onbekende partnerrol '{role}' (kies uit partners.yaml: {', '.join(sorted(partner_ids))})")
    instrument_ids = {item.id for item in model.instruments}
    for key in ("beleidsregels", "notities"):
        for instrument_id in data.get(key) or {}:
            if instrument_id not in instrument_ids:
                error((key, instrument_id), f"onbekend instrument '{instrument_id}' (niet in content/instrumenten/)")
    try:
        preset = validate_case(model, data.get("feiten") or {})
    except CaseError as mistake:
        error(("feiten", mistake.fact) if mistake.fact else ("feiten",), str(mistake))
        preset = {}
    if data.get("apv_151d", {}).get("artikel") and preset.get("apv_151d") is not True:
        error(("apv_151d", "artikel"), "een APV-artikel voor 151d hoort bij 'feiten: apv_151d: ja'; zet dat erbij, of laat het artikel weg")
    logo = (data.get("huisstijl") or {}).get("logo")
    if logo and not (profile.path.parent / logo).is_file():
        error(("huisstijl", "logo"), f"het logo '{logo}' staat niet naast het profiel")
    return errors


def profile_preset(profile: Profile, model: Model) -> dict[str, Any]:
    """The facts the edition answers for every case, as the model stores them (the engine
    applies them; the outcome's summary shows them)."""
    return case_to_json(model, validate_case(model, profile.data.get("feiten") or {}))


def profile_json(profile: Profile) -> dict[str, Any]:
    """What the pages and the outcome show of the edition (its facts: ``profile_preset``)."""
    data = profile.data
    apv = data.get("apv_151d") or {}
    return {
        "id": profile.id,
        "name": data["naam"],
        "version": data["versie"],
        "apv_151d": {"article": apv.get("artikel"), "regulation": apv.get("regeling"), "note": apv.get("toelichting")},
        "contacts": {role: {key: contact.get(field) for key, field in (
            ("organisation", "organisatie"), ("phone", "telefoon"), ("email", "email"), ("website", "website"),
            ("hours", "openingstijden"))} for role, contact in (data.get("contacten") or {}).items()},
        "policies": {key: [dict(link) for link in links] for key, links in (data.get("beleidsregels") or {}).items()},
        "notes": dict(data.get("notities") or {}),
        "colours": dict((data.get("huisstijl") or {}).get("kleuren") or {}),
        "sources": [dict(link) for link in data["bronnen"]],
    }


def palette_css(colours: dict[str, str]) -> Optional[str]:
    """The municipality's colours through the theme's own palette variables."""
    if not colours:
        return None
    lines = [":root, [data-md-color-scheme] {"]
    if "primair" in colours:
        lines += [f"  --md-primary-fg-color: {colours['primair']};", f"  --md-primary-fg-color--light: {colours['primair']};",
                  f"  --md-primary-fg-color--dark: {colours['primair']};", f"  --md-typeset-a-color: {colours['primair']};"]
    if "accent" in colours:
        lines += [f"  --md-accent-fg-color: {colours['accent']};"]
    return "\n".join(lines + ["}", ""])


def with_local_basis(instruments: list[dict[str, Any]], municipality: dict[str, Any]) -> list[dict[str, Any]]:
    """Instruments that rest on art. 151d Gemeentewet get the municipality's own APV article
    beside it (``display.local_basis``): on their page and in the outcome."""
    apv = municipality["apv_151d"]
    if not apv["article"]:
        return instruments
    local = {"label": f"art. {apv['article']} APV {municipality['name']}",
             "url": apv["regulation"]["url"] if apv["regulation"] else None, "note": apv["note"]}
    out = []
    for item in instruments:
        cites_151d = any(basis["label"].startswith("art. 151d ") for basis in item["display"]["legal_basis"])
        out.append(item | {"display": item["display"] | {"local_basis": local}} if cites_151d else item)
    return out
