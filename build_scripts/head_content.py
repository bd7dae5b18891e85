"""content/ as it was in the last commit (HEAD), unpacked into a folder, so the comparison of
outcomes (scenario_diff.py) can compile the previous model with today's compiler.

Git is asked through its command line only; every way this can fail becomes one Dutch sentence
for the advisor (no checkout, no commit yet, no content in that commit).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class NoPrevious(Exception):
    """There is no previous content to compare with; the message says why, in Dutch."""


def _git(project_root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=project_root, capture_output=True)
    except FileNotFoundError:
        raise NoPrevious("Git is niet geïnstalleerd; zonder git is er geen vorige versie om mee te vergelijken.") from None


def unpack_head_content(project_root: Path, target: Path, folder: str = "content") -> Path:
    """Write HEAD's ``folder`` (relative to ``project_root``) into ``target/folder``; returns that path."""
    if _git(project_root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise NoPrevious(f"{project_root} is geen git-checkout; er is geen vorige versie om mee te vergelijken. "
                         "Werk in een kopie die met 'git clone' is gemaakt.")
    if _git(project_root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        raise NoPrevious("Er is nog geen commit (HEAD) om mee te vergelijken. Leg eerst een versie vast met 'git commit'.")
    archive = _git(project_root, "archive", "--format=tar", f"HEAD:./{folder}")
    if archive.returncode != 0:
        raise NoPrevious(f"De laatste commit (HEAD) bevat geen map {folder}/; er is niets om mee te vergelijken.")
    destination = target / folder
    destination.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(destination, filter="data")
    return destination


def head_label(project_root: Path) -> str:
    """The commit compared with, as the advisor sees it in `git log`: short hash and subject."""
    shown = _git(project_root, "log", "-1", "--format=%h %s", "HEAD")
    text = shown.stdout.decode("utf-8", "replace").strip()
    return text if len(text) <= 80 else text[:77] + "…"
