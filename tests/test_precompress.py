"""build_scripts/precompress.py: deterministic .gz/.br siblings, only where smaller, with totals."""

from __future__ import annotations

import gzip
import importlib.util
import os

import pytest

from build_scripts.precompress import precompress_tree

TEXT = ("<p>Woonoverlast: een casus beoordelen.</p>\n" * 400).encode()


def _tree(root):
    (root / "sub").mkdir(parents=True)
    (root / "index.html").write_bytes(TEXT)
    (root / "sub" / "app.mjs").write_bytes(b"export const x = 1;\n" * 200)
    (root / "sub" / "runtime.wasm").write_bytes(b"\0asm" + bytes(range(256)) * 64)
    (root / "tiny.json").write_bytes(b"{}")  # gzip is larger: no sibling
    (root / "image.png").write_bytes(b"\x89PNG" + os.urandom(500))  # not a candidate
    return root


def test_gzip_siblings_are_deterministic_and_only_where_smaller(tmp_path):
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    totals = precompress_tree(first, brotli=False)
    precompress_tree(second, brotli=False)
    for name in ("index.html", "sub/app.mjs", "sub/runtime.wasm"):
        packed = (first / (name + ".gz")).read_bytes()
        assert packed == (second / (name + ".gz")).read_bytes(), "same input, same bytes"
        assert packed[4:8] == b"\0\0\0\0", "gzip mtime 0"
        assert not packed[3] & 0x08, "no file name in the gzip header"
        assert gzip.decompress(packed) == (first / name).read_bytes()
    assert not (first / "tiny.json.gz").exists() and not (first / "image.png.gz").exists()
    assert not list(first.rglob("*.br"))
    assert totals["files"] == 4 and totals["gz_files"] == 3 and totals["brotli"] is False and totals["br"] is None
    plain = sum((first / n).stat().st_size for n in ("index.html", "sub/app.mjs", "sub/runtime.wasm", "tiny.json"))
    assert totals["plain"] == plain
    assert totals["gz"] == sum((first / (n + ".gz")).stat().st_size
                               for n in ("index.html", "sub/app.mjs", "sub/runtime.wasm")) + 2
    again = precompress_tree(first, brotli=False)  # siblings are never inputs
    assert again == totals and not list(first.rglob("*.gz.gz"))


@pytest.mark.skipif(importlib.util.find_spec("brotli") is None, reason="brotli (requirements.txt) is not installed")
def test_brotli_siblings(tmp_path):
    import brotli

    root = _tree(tmp_path)
    totals = precompress_tree(root)  # None: brotli because it is importable
    assert totals["brotli"] is True and totals["br_files"] == 3
    assert brotli.decompress((root / "index.html.br").read_bytes()) == TEXT
    assert totals["br"] <= totals["gz"] < totals["plain"]
