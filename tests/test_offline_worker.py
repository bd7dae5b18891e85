"""The service worker for offline use and the pack of pages it unpacks (build_scripts/offline.py)."""

from __future__ import annotations

import gzip
import json

from build_scripts.offline import PACK_FOLDER, write_service_worker


def _unpack(data: bytes) -> dict[str, tuple[str, bytes]]:
    """What sw.js does with the pack: the JSON line, then each page as its parts in order."""
    raw = gzip.decompress(data)
    header, body = raw.split(b"\n", 1)
    return {url: (kind, b"".join(body[offset:offset + length] for offset, length in parts))
            for url, kind, parts in json.loads(header)}


def test_the_pack_gives_back_every_page_byte_for_byte_and_only_pages(tmp_path):
    site = tmp_path / "site"
    pages = {
        "index.html": "<html><nav>menu</nav><article>Start, met é en ü</article><footer>voet</footer></html>",
        "instrumenten/a/index.html": "<html><nav>menu</nav><article>Eerste</article><footer>voet</footer></html>",
        "404.html": "<html><p>Geen artikel hier</p></html>",
    }
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "extra.css").write_text("p{}", encoding="utf-8")
    (site / "model.docx").write_bytes(b"PK")

    worker = write_service_worker(site).read_text(encoding="utf-8")
    packs = list((site / PACK_FOLDER).glob("kennisbank-*.pack"))
    assert len(packs) == 1 and f'"{packs[0].relative_to(site).as_posix()}"' in worker
    unpacked = _unpack(packs[0].read_bytes())
    assert unpacked == {
        "./": ("text/html; charset=utf-8", pages["index.html"].encode()),
        "instrumenten/a/": ("text/html; charset=utf-8", pages["instrumenten/a/index.html"].encode()),
        "404.html": ("text/html; charset=utf-8", pages["404.html"].encode()),
    }
    files = json.loads(worker.split("const FILES = ", 1)[1].split(";\n", 1)[0])
    assert files == ["assets/extra.css"], "pages come from the pack; Word files are kept once downloaded"

    (site / "index.html").write_text("<html>nieuw</html>", encoding="utf-8")
    write_service_worker(site)
    assert [pack.name for pack in (site / PACK_FOLDER).glob("*.pack")] != [packs[0].name], "one pack, the new one"
    assert len(list((site / PACK_FOLDER).glob("*.pack"))) == 1


def test_a_new_deployment_replaces_the_cached_version(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("een", encoding="utf-8")
    first = write_service_worker(site).read_text(encoding="utf-8")
    (site / "index.html").write_text("twee", encoding="utf-8")
    second = write_service_worker(site).read_text(encoding="utf-8")
    assert first != second, "a changed file gives a byte-different sw.js, so browsers update"
    assert '"./"' in second and '"index.html"' in second


def _constant(worker: str, name: str):
    return json.loads(worker.split(f"const {name} = ", 1)[1].split(";\n", 1)[0])


def test_only_the_themes_hashed_bundles_come_from_the_cache_first_and_versie_json_is_never_kept(tmp_path):
    """Everything else (pages, the tool's scripts, the search index) comes from the network first,
    so a new deployment is seen at once; versie.json, which a monitor reads, is not kept at all."""
    site = tmp_path / "site"
    files = ["index.html", "versie.json", "assets/javascripts/bundle.a5f9d56c.min.js",
             "assets/javascripts/workers/search.2c215733.min.js", "assets/stylesheets/main.484c7ddc.min.css",
             "assets/assessor/app.js", "search/search_index.json", "assets/images/favicon.png"]
    for name in files:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("x", encoding="utf-8")
    worker = write_service_worker(site).read_text(encoding="utf-8")
    assert _constant(worker, "HASHED") == ["assets/javascripts/bundle.a5f9d56c.min.js",
                                           "assets/javascripts/workers/search.2c215733.min.js",
                                           "assets/stylesheets/main.484c7ddc.min.css"]
    assert "versie.json" not in worker
    assert "assets/assessor/app.js" in _constant(worker, "FILES")


def test_the_full_standard_library_is_kept_only_when_the_build_made_no_precompiled_one(tmp_path):
    site = tmp_path / "site"
    for name in ("assets/pyodide/pyodide.mjs", "assets/pyodide/python_stdlib.zip", "assets/engine/abc/assessor.whl"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(b"x")
    runtime = _constant(write_service_worker(site).read_text(encoding="utf-8"), "RUNTIME")
    assert "assets/pyodide/python_stdlib.zip" in runtime, "without a precompiled one the tool starts on it"
    (site / "assets/engine/abc/python_stdlib-1234.pyc.zip").write_bytes(b"x")
    runtime = _constant(write_service_worker(site).read_text(encoding="utf-8"), "RUNTIME")
    assert "assets/pyodide/python_stdlib.zip" not in runtime and "assets/engine/abc/python_stdlib-1234.pyc.zip" in runtime
