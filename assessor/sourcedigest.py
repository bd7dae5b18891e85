"""A fingerprint of the files a model was compiled from, so a model older than its sources is
never used. The build writes it into the model; the CLI recomputes it before answering.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable


def tree_digest(root: Path, exclude: Iterable[str] = (), files: Iterable[Path] = ()) -> str:
    """sha256 over the relative path and bytes of every file below ``root``, in a fixed order,
    leaving out the top-level folders or files named in ``exclude``; then over each of ``files``
    (sources outside that tree, such as a municipality's profile)."""
    skipped = set(exclude)
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or relative.parts[0] in skipped or "__pycache__" in relative.parts:
            continue
        digest.update(relative.as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    for path in files:
        digest.update(b"\1")
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()
