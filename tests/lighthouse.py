"""Lighthouse (npm, pinned) on pages of a served site, with Debian's Chromium: the category
scores per page, for the benchmark (make bench)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from browser_support import chromium_path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "lighthouse_run.mjs"
#: The pages issue 10 names: the home page, the assessor and an instrument page.
PAGES = ("", "beoordeel-uw-casus/", "instrumenten/sluiting_174a/")


def lighthouse_scores(base_url: str, categories: tuple[str, ...], pages: tuple[str, ...] = PAGES) -> dict[str, dict]:
    """{page: {category: score (0..1), "failing": [audit ids]}} for each page below ``base_url``."""
    env = {**os.environ, "CHROMIUM": chromium_path() or "/usr/bin/chromium"}
    result = subprocess.run(["node", str(RUNNER), ",".join(categories), *(base_url + page for page in pages)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed:\n{result.stderr[-3000:]}")
    scores = json.loads(result.stdout)
    return {url.removeprefix(base_url): value for url, value in scores.items()}
