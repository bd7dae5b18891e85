"""Compile content/ into the model the engine runs on: load, check, output, and scenarios.

``python -m build_scripts.compile_content`` (``make model``) writes ``build/model.json`` for the
CLI; the MkDocs plugin does the same as the first step of every build. On any mistake nothing
is written and every error is listed with its file and line.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from assessor.errors import ContentErrors
from assessor.model import Model, model_from_dict

from .content_check import ContentCheck
from .content_loader import Content, load_content
from .model_output import model_data, model_json, with_source, write_if_changed
from .municipality import PROFILE_ENV, Profile, check_profile, load_profile, profile_json, profile_preset, with_local_basis
from .scenario_check import scenario_errors

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = PROJECT_ROOT / "content"
MODEL_PATH = PROJECT_ROOT / "build" / "model.json"


@dataclass
class Compiled:
    content: Content
    check: ContentCheck
    model_data: dict[str, Any]
    model: Model
    #: The municipality's edition, or None for the national one.
    profile: Optional[Profile] = None
    #: The national model (the same as ``model`` in the national edition): scenarios test it.
    national: Optional[Model] = None

    @property
    def scenario_model(self) -> Model:
        return self.national or self.model

    @property
    def partners(self) -> list[dict[str, Any]]:
        return self.content.data["partners.yaml"].data["partners"]


def compile_content(content_dir: Path = CONTENT_DIR, project_root: Path = PROJECT_ROOT,
                    gemeente: Optional[str] = None) -> Compiled:
    """Load and check content (and the municipality's profile, when one is chosen) and build the
    model; raises ``ContentErrors`` with every problem."""
    content = load_content(content_dir, project_root)
    check = ContentCheck(content).run()
    data = model_data(content, check)
    if not gemeente:
        return Compiled(content, check, data, model_from_dict(data))
    profile = load_profile(gemeente, content_dir, project_root)
    national = model_from_dict(data)
    errors = check_profile(profile, national, set(check.partner_names))
    if errors:
        raise ContentErrors(errors)
    municipality = profile_json(profile)
    data = data | {"municipality": municipality, "preset": profile_preset(profile, national),
                   "instruments": with_local_basis(data["instruments"], municipality)}
    return Compiled(content, check, data, model_from_dict(data), profile, national)


def model_path(compiled: Compiled) -> Path:
    """Where the CLI finds this edition's model: build/model.json, or build/gemeenten/<id>/model.json."""
    return MODEL_PATH if compiled.profile is None else MODEL_PATH.parent / "gemeenten" / compiled.profile.id / "model.json"


def check_scenarios(compiled: Compiled) -> None:
    """Raises ``ContentErrors`` when a scenario fails or an outcome is reached by none. Scenarios
    describe the national rules: an edition's answered facts would change what they test."""
    errors = scenario_errors(compiled.content, compiled.scenario_model)
    if errors:
        raise ContentErrors(errors)


def write_model(compiled: Compiled, path: Optional[Path] = None) -> Path:
    path = path or model_path(compiled)
    extra = [compiled.profile.path] if compiled.profile else []
    write_if_changed(path, model_json(with_source(compiled.model_data, compiled.content, path, extra)))
    return path


def main() -> int:
    try:
        compiled = compile_content(gemeente=os.environ.get(PROFILE_ENV) or None)
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    write_model(compiled)
    return 0


if __name__ == "__main__":
    sys.exit(main())
