"""Compile content/ into the model the engine runs on: load, check, output, and scenarios.

``python -m build_scripts.compile_content`` (``make model``) writes ``build/model.json`` for the
CLI; the MkDocs plugin does the same as the first step of every build. On any mistake nothing
is written and every error is listed with its file and line.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessor.errors import ContentErrors
from assessor.model import Model, model_from_dict

from .content_check import ContentCheck
from .content_loader import Content, load_content
from .model_output import model_data, model_json, with_source, write_if_changed
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

    @property
    def partners(self) -> list[dict[str, Any]]:
        return self.content.data["partners.yaml"].data["partners"]


def compile_content(content_dir: Path = CONTENT_DIR, project_root: Path = PROJECT_ROOT) -> Compiled:
    """Load and check content and build the model; raises ``ContentErrors`` with every problem."""
    content = load_content(content_dir, project_root)
    check = ContentCheck(content).run()
    data = model_data(content, check)
    return Compiled(content, check, data, model_from_dict(data))


def check_scenarios(compiled: Compiled) -> None:
    """Raises ``ContentErrors`` when a scenario fails or an outcome is reached by none."""
    errors = scenario_errors(compiled.content, compiled.model)
    if errors:
        raise ContentErrors(errors)


def write_model(compiled: Compiled, path: Path = MODEL_PATH) -> bool:
    return write_if_changed(path, model_json(with_source(compiled.model_data, compiled.content, path)))


def main() -> int:
    try:
        compiled = compile_content()
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    write_model(compiled)
    return 0


if __name__ == "__main__":
    sys.exit(main())
