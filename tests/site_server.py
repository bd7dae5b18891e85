"""Build the site once and serve it on 127.0.0.1, as the browser tests and benchmarks need it."""

from __future__ import annotations

import email.utils
import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_site(site_dir: Path, base_url: str, *, extra_env: dict[str, str] | None = None, project: Path = ROOT) -> None:
    """``mkdocs build --strict`` of ``project`` (the checkout, or a copy: project_copy.py) into
    ``site_dir``, with site_url set to where it is served (instant navigation needs that)."""
    env = {**os.environ, "SITE_URL": base_url, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")


def git_status() -> str:
    """What git sees changed in the checkout (a build must change nothing it sees)."""
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm"}

    def log_message(self, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:
        """Count the bytes of every response body, for the benchmark's transfer figures."""
        data = source.read()
        self.server.bytes_sent += len(data)  # type: ignore[attr-defined]
        outputfile.write(data)

    def send_head(self):
        """Record every path asked for (body or 304), for tests that count what is fetched."""
        self.server.requested.append(self.path.split("?", 1)[0])  # type: ignore[attr-defined]
        return super().send_head()


class SiteServer:
    """A static file server on 127.0.0.1 in a thread; ``stop()`` takes the site offline."""

    handler = _QuietHandler

    def __init__(self, directory: Path, port: int):
        handler = functools.partial(self.handler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.httpd.bytes_sent = 0  # type: ignore[attr-defined]
        self.httpd.requested = []  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{port}/"
        # stop() waits for the loop to look up: every 0.05 s, not the default 0.5 s, which each
        # test that takes a site offline, and the end of every run, spent waiting.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def requested(self) -> list[str]:
        return self.httpd.requested  # type: ignore[attr-defined]

    @property
    def bytes_sent(self) -> int:
        return self.httpd.bytes_sent  # type: ignore[attr-defined]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _PrecompressedHandler(_QuietHandler):
    """Sends x.br or x.gz (written by build_scripts/precompress.py) for x when the browser accepts
    that encoding, as nginx's gzip_static and brotli_static do: nothing compressed on the fly."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")  # as nginx's index module does before gzip_static
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and os.path.isfile(path + suffix):
                self.server.requested.append(self.path.split("?", 1)[0])  # type: ignore[attr-defined]
                modified = int(os.stat(path + suffix).st_mtime)
                if self._not_modified_since(modified):  # a revalidation, as nginx answers it
                    self.send_response(304)
                    self.end_headers()
                    return None
                source = open(path + suffix, "rb")
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(os.fstat(source.fileno()).st_size))
                self.send_header("Last-Modified", self.date_time_string(modified))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return source
        return super().send_head()

    def _not_modified_since(self, modified: int) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since or self.headers.get("If-None-Match"):
            return False
        try:
            return modified <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False


class PrecompressedServer(SiteServer):
    handler = _PrecompressedHandler



class _DeployedHandler(_QuietHandler):
    """Caching as the shipped nginx configuration answers it (deploy/nginx/woonoverlast.conf):
    ``Cache-Control: no-cache``, and a 304 only when If-Modified-Since is exactly the file's time
    (nginx's ``if_modified_since exact``). Python's own server answers 304 to any later time, so
    a rolled-back file, older than the copy the browser holds, would never be sent."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        since = self.headers.get("If-Modified-Since")
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if since and os.path.isfile(path) and since != self.date_time_string(int(os.stat(path).st_mtime)):
            del self.headers["If-Modified-Since"]
        return super().send_head()


class DeployedServer(SiteServer):
    handler = _DeployedHandler
