"""Headless Chromium through Playwright, using Debian's browser (Playwright cannot download
its own here). Every test fails on a request that leaves 127.0.0.1."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-sync",
]
#: For the tests (not the benchmark): WebAssembly compiled by Liftoff only. Tests check behaviour;
#: TurboFan's background compilation of the 9.6 MB runtime costs each engine start about 0.5 s
#: of processor time on two cores, and a test run starts the engine some fifty times.
TEST_ARGS = [*CHROMIUM_ARGS, "--js-flags=--liftoff-only"]
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "chrome-error", "file"):
        return True
    return parsed.hostname in ("127.0.0.1", "localhost")
