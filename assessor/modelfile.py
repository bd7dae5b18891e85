"""Where the compiled model lives, and keeping it current in a source checkout.

The build writes ``model.json`` next to this module, so the wheel the browser loads carries
it. In a checkout the CLI first asks the build to recompile when ``content/`` changed: the
engine never reads advisors' YAML itself, but an advisor running the CLI must not see a
stale model. That is a separate process, so ``assessor`` imports nothing from the build.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Optional

from .model import Model, ModelError, model_from_json

PACKAGED_MODEL = Path(__file__).with_name("model.json")
CHECKOUT = Path(__file__).resolve().parent.parent


def in_checkout() -> bool:
    return (CHECKOUT / "content").is_dir() and (CHECKOUT / "build_scripts" / "compile_content.py").is_file()


def refresh_checkout_model() -> None:
    """Recompile ``content/`` when it changed; raise ``ModelError`` with the build's message."""
    import subprocess  # only in a checkout; the browser (Pyodide) never gets here

    result = subprocess.run(
        [sys.executable, "-m", "build_scripts.compile_content"],
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip()
        raise ModelError(message or "het compileren van content/ is mislukt")


def packaged_model() -> Model:
    """The model inside the package (also when it is imported from a wheel or zip)."""
    try:
        return model_from_json(resources.files(__package__).joinpath("model.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"het model {PACKAGED_MODEL} ontbreekt; bouw het met 'make build'") from None


def load_model(path: Optional[Path] = None) -> Model:
    """The model at ``path``, or the packaged one (refreshed first in a checkout)."""
    if path is None:
        if in_checkout():
            refresh_checkout_model()
        return packaged_model()
    try:
        return model_from_json(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"het model {path} ontbreekt") from None
