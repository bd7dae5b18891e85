"""Where the compiled model lives, and keeping it current in a source checkout.

The build writes ``model.json`` next to this module, so the wheel the browser loads carries
it. In a checkout the CLI first asks the build to recompile when ``content/`` changed: the
engine never reads advisors' YAML itself, but an advisor running the CLI must not see a
stale model. That is a separate process, so ``assessor`` imports nothing from the build.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Optional

from .model import Model, ModelError, model_from_json

PACKAGED_MODEL = Path(__file__).with_name("model.json")
CHECKOUT = Path(__file__).resolve().parent.parent


def in_checkout() -> bool:
    return (CHECKOUT / "content").is_dir() and (CHECKOUT / "build_scripts" / "compile_content.py").is_file()


def refresh_checkout_model() -> None:
    """Recompile ``content/`` when it changed; raise ``ModelError`` with the build's message."""
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts.compile_content"],
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip()
        raise ModelError(message or "het compileren van content/ is mislukt")


def load_model(path: Optional[Path] = None) -> Model:
    """The model at ``path``, or the packaged one (refreshed first in a checkout)."""
    if path is None:
        if in_checkout():
            refresh_checkout_model()
        path = PACKAGED_MODEL
    try:
        return model_from_json(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"het model {path} ontbreekt; bouw het met 'make build'") from None
