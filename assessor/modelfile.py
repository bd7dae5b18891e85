"""Where the compiled model is, and refusing one that is older than the content it came from.

The build writes the model to ``build/model.json`` in a checkout and packs a copy into the
wheel the browser loads. The engine only reads it: it never starts the build. A model records
a fingerprint of its sources (``source``); when those sources are beside it and have changed
since, the CLI stops with a message that says how to rebuild, instead of answering from a
stale model.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any, Optional

from .model import Model, ModelError, model_from_dict
from .sourcedigest import tree_digest

#: The model a checkout's build writes (``make model``).
CHECKOUT_MODEL = Path(__file__).resolve().parent.parent / "build" / "model.json"
#: Another model for the CLI, e.g. a municipality's edition.
MODEL_ENV = "ASSESSOR_MODEL"
REBUILD = "Bouw het opnieuw met 'make model' (of 'make build') en probeer het dan nog eens."


def packaged_model() -> Optional[Model]:
    """The model inside an installed wheel (the browser's), or None in a checkout."""
    try:
        text = resources.files(__package__).joinpath("model.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return model_from_dict(json.loads(text))


def _read(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"er is nog geen model: {path} ontbreekt. {REBUILD}") from None
    except (OSError, ValueError) as error:
        raise ModelError(f"{path} is geen leesbaar model ({error}). {REBUILD}") from None


def source_dir(path: Path, data: dict[str, Any]) -> Optional[Path]:
    """The folder the model was compiled from, when it is recorded and present."""
    source = data.get("source") or {}
    folder = (path.parent / source["dir"]).resolve() if source.get("dir") else None
    return folder if folder is not None and folder.is_dir() else None


def check_fresh(path: Path, data: dict[str, Any]) -> None:
    folder = source_dir(path, data)
    if folder is None:
        return
    source = data["source"]
    files = [(path.parent / name).resolve() for name in source.get("files", [])]
    if any(not file.is_file() for file in files) or \
            tree_digest(folder, source.get("exclude", ()), files) != source.get("digest"):
        raise ModelError(f"het model {path} is ouder dan de inhoud in {folder}. {REBUILD}")


def model_path(path: Optional[Path] = None) -> Path:
    given = path or os.environ.get(MODEL_ENV)
    return Path(given) if given else CHECKOUT_MODEL


def load_model(path: Optional[Path] = None) -> Model:
    """The model at ``path`` (or $ASSESSOR_MODEL, or the checkout's build/model.json), checked to
    be current; from a wheel (the browser), the model packed beside the engine."""
    located = model_path(path)
    if path is None and not os.environ.get(MODEL_ENV) and not located.exists():
        packaged = packaged_model()
        if packaged is not None:
            return packaged
    data = _read(located)
    check_fresh(located, data)
    return model_from_dict(data)


def scenario_dir(path: Optional[Path] = None) -> Optional[Path]:
    """Where the scenarios of the model's content are (they are never inside the model)."""
    located = model_path(path)
    data = _read(located)
    folder = source_dir(located, data)
    scenarios = (data.get("source") or {}).get("scenarios")
    return folder / scenarios if folder is not None and scenarios else None
