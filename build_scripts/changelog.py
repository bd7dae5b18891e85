"""content/wijzigingen.yaml: what changed per content version, for officers (the page is
rendered in pages.py).

The content version (meta.yaml) is what every outcome of the tool carries; an officer who sees a
new one should be able to read what changed. So the build refuses a version without an entry
here (which also makes raising the version the moment to write it down), and the page
"Wat is er veranderd" is generated from the same file.
"""

from __future__ import annotations

from assessor.errors import ContentError

from .content_loader import Content

CHANGELOG = "wijzigingen.yaml"


def changelog_errors(content: Content) -> list[ContentError]:
    """The current version must have an entry with meta.yaml's date; versions once, newest first."""
    meta, changelog = content.data["meta.yaml"], content.data[CHANGELOG]
    version, date = str(meta.data["inhoudsversie"]), str(meta.data["datum"])
    entries = changelog.data["versies"]
    errors = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if entry["versie"] in seen:
            errors.append(ContentError(changelog.file, changelog.line(("versies", index, "versie")),
                                       f"versie '{entry['versie']}' staat twee keer in de lijst"))
        seen.add(entry["versie"])
        if index and str(entry["datum"]) > str(entries[index - 1]["datum"]):
            errors.append(ContentError(changelog.file, changelog.line(("versies", index, "datum")),
                                       "zet de nieuwste versie bovenaan: deze versie is nieuwer dan die erboven"))
    current = next((index for index, entry in enumerate(entries) if entry["versie"] == version), None)
    if current is None:
        errors.append(ContentError(meta.file, meta.line(("inhoudsversie",)),
                                   f"inhoudsversie '{version}' staat niet in content/{CHANGELOG}; zet daar bovenaan "
                                   f"deze versie met de datum {date} en wat er voor medewerkers is veranderd"))
    elif str(entries[current]["datum"]) != date:
        errors.append(ContentError(changelog.file, changelog.line(("versies", current, "datum")),
                                   f"de datum van versie '{version}' moet gelijk zijn aan die in content/meta.yaml ({date})"))
    return errors
