"""A pure-Python wheel (py3-none-any) of the engine, with the compiled model inside.

Pyodide loads exactly such a wheel from a URL; ``pyodide build`` is not needed (and cannot
run offline) because nothing is compiled. Writing the zip here takes milliseconds, needs no
network for a build backend and gives the same bytes for the same sources, so the wheel's
URL can carry its content hash and browsers cache it safely.
"""

from __future__ import annotations

import base64
import hashlib
import tomllib
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def project_metadata(pyproject: Path) -> tuple[str, str, str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return project["name"], project["version"], project.get("description", "")


def wheel_name(pyproject: Path) -> str:
    name, version, _ = project_metadata(pyproject)
    return f"{name}-{version}-py3-none-any.whl"


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def wheel_files(package_dir: Path) -> dict[str, bytes]:
    """The package's modules and its model: what the browser needs, nothing else."""
    files = {}
    for path in sorted(package_dir.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            files[f"{package_dir.name}/{path.relative_to(package_dir).as_posix()}"] = path.read_bytes()
    return files


def build_wheel(package_dir: Path, pyproject: Path, out_dir: Path) -> Path:
    name, version, summary = project_metadata(pyproject)
    dist_info = f"{name}-{version}.dist-info"
    files = wheel_files(package_dir)
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {summary}\nRequires-Python: >=3.11\n"
    ).encode()
    files[f"{dist_info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: aanpak-woonoverlast build_scripts/wheel.py\n"
        "Root-Is-Purelib: true\nTag: py3-none-any\n"
    ).encode()
    record = "".join(f"{path},{_record_hash(data)},{len(data)}\n" for path, data in files.items())
    files[f"{dist_info}/RECORD"] = (record + f"{dist_info}/RECORD,,\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / wheel_name(pyproject)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return target
