"""``versie.json`` in the site's root: which deployment is live, for a monitor or an administrator
(``curl https://intranet.example/woonoverlast/versie.json``). The servers send it with
``no-cache`` (deploy/) and the service worker never keeps it, so it always names what the server
has. ``make dist`` names its archive after it, so the two cannot disagree."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

VERSION_FILE = "versie.json"
#: The edition's name in versie.json and the archive's name when no municipality's profile is used.
NATIONAL = "landelijk"


def commit(project_root: Path) -> str:
    """Short hash of HEAD, with "-dirty" when tracked files differ from it; "nogit" outside git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=project_root,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=project_root,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "nogit"
    return head + ("-dirty" if dirty else "")


def version_info(content_version: str, edition: str | None, project_root: Path) -> dict[str, str]:
    return {
        "inhoudsversie": content_version,
        "commit": commit(project_root),
        "editie": edition or NATIONAL,
        "gebouwd": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
    }


def write_version_file(site: Path, info: dict[str, str]) -> Path:
    target = site / VERSION_FILE
    target.write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def read_version_file(site: Path) -> dict[str, str]:
    return json.loads((site / VERSION_FILE).read_text(encoding="utf-8"))
