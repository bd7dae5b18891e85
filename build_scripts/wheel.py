"""A pure-Python wheel (py3-none-any) of the engine, with the compiled model inside.

Pyodide loads exactly such a wheel from a URL; ``pyodide build`` is not needed (and cannot
run offline) because nothing is compiled. Writing the zip here takes milliseconds, needs no
network for a build backend and gives the same bytes for the same sources, so the wheel's
URL can carry its content hash and browsers cache it safely. It holds the engine's core (the
modules the browser's entry reaches) and the model, nothing else: no CLI, no scenarios, no
build code.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

import assessor

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
PACKAGE = "assessor"
SUMMARY = "Beoordeel uw casus: explainable three-valued rule engine (stdlib only)"
PACKAGE_DIR = Path(assessor.__file__).resolve().parent


def wheel_name() -> str:
    return f"{PACKAGE}-{assessor.__version__}-py3-none-any.whl"


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


#: The module the browser's worker imports (worker.js: ``pyimport("assessor.browser")``).
BROWSER_ENTRY = "browser"


def browser_modules() -> list[str]:
    """The engine's modules the browser reaches from its entry, following the relative imports
    (those inside functions too, such as the Word file's): the core, without the CLI, the
    scenario runner or the YAML reader, which the browser never loads (and could not: no YAML
    library there). Read from the sources, so the list cannot drift from the code."""
    import ast

    found: set[str] = set()
    waiting = ["__init__", BROWSER_ENTRY]
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        found.add(name)
        tree = ast.parse((PACKAGE_DIR / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                waiting += [node.module] if node.module else [alias.name for alias in node.names]
    return sorted(found)


def wheel_files(model_json: str) -> dict[str, bytes]:
    """The engine's core and its model: what the browser needs, nothing else."""
    files = {f"{PACKAGE}/{name}.py": (PACKAGE_DIR / f"{name}.py").read_bytes() for name in browser_modules()}
    files[f"{PACKAGE}/model.json"] = model_json.encode("utf-8")
    return files


def wheel_digest(model_json: str) -> str:
    """A hash of everything in the wheel, for a folder name that changes whenever it does."""
    digest = hashlib.sha256()
    for path, data in wheel_files(model_json).items():
        digest.update(path.encode() + b"\0" + data)
    return digest.hexdigest()[:12]


def build_wheel(out_dir: Path, model_json: str) -> Path:
    dist_info = f"{PACKAGE}-{assessor.__version__}.dist-info"
    files = wheel_files(model_json)
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {PACKAGE}\nVersion: {assessor.__version__}\nSummary: {SUMMARY}\n"
        "Requires-Python: >=3.11\n"
    ).encode()
    files[f"{dist_info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: aanpak-woonoverlast build_scripts/wheel.py\n"
        "Root-Is-Purelib: true\nTag: py3-none-any\n"
    ).encode()
    record = "".join(f"{path},{_record_hash(data)},{len(data)}\n" for path, data in files.items())
    files[f"{dist_info}/RECORD"] = (record + f"{dist_info}/RECORD,,\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / wheel_name()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return target
