"""Scenarios against the freshly compiled model: every one passes, every outcome is reached.

The scenario files were read and schema-checked with the rest of content/; running them is
the engine's own scenario runner (``assessor.scenarios``), the same one ``python -m assessor
check`` uses, so the build and the CLI can never judge a scenario differently.
"""

from __future__ import annotations

from assessor.errors import ContentError
from assessor.model import Model
from assessor.scenarios import run_scenarios, scenario_from_located

from .content_loader import SCENARIO_DIR, Content

#: Under a scenario failure in the build: where to see and accept what a change does.
ACCEPT_HINT = ("Zie met 'make vergelijk' welke uitkomsten uw wijziging verandert; klopt de nieuwe uitkomst, "
               "neem hem dan over in de scenario's met 'make vergelijk AANVAARD=1'.")


def scenario_errors(content: Content, model: Model) -> list[ContentError]:
    report = run_scenarios(model, [scenario_from_located(located) for located in content.scenarios])
    folder = f"content/{SCENARIO_DIR}"
    return report.errors + [ContentError(folder, 1, f"geen enkel scenario bereikt {item}; voeg er een toe")
                            for item in report.unreached]
