"""A content mistake during `mkdocs serve` shows in the browser, not only in the terminal.

MkDocs' live-reload server keeps the old site after a failed rebuild and holds every request
until a build succeeds: the advisor's page hangs ("The server will appear stuck until build
errors are resolved"). The plugin wraps the server's builder (``on_serve``): when a rebuild
fails, the preview site becomes one Dutch page with the build's messages (``file:line:
message``), served for every address, and the server carries on. The page asks the server's
live-reload endpoint for the next build and loads itself again when there is one, so the site
comes back as soon as the mistake is fixed and saved. Every page of the preview reloads after a
build the same way (``PREVIEW_RELOAD``).

Only the preview does this: `mkdocs build` never runs ``on_serve``, so a failed build still
fails and leaves the previous site as it was.
"""

from __future__ import annotations

import html
import logging
import shutil
from pathlib import Path
from typing import Callable

log = logging.getLogger("mkdocs.plugins.aanpak")

#: In the preview, every page (and the error page) loads this script from the site itself: MkDocs'
#: own live-reload script is inline, which the pages' Content-Security-Policy refuses, so without
#: it an edit never reached an open page. The live-reload endpoint answers with the newest
#: build's number once it is newer than the one asked about (at once for 0); the page loads
#: itself again after the next build.
PREVIEW_RELOAD = "assets/preview-reload.js"
RELOAD_SCRIPT = """
(async () => {
  let seen = 0;
  for (;;) {
    try {
      const reply = await fetch(`/livereload/${seen}/${Date.now()}`, {cache: "no-store"});
      const newest = Number(await reply.text());
      if (seen && newest > seen) { location.reload(); return; }
      seen = newest;
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
})();
"""

_PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fout in de inhoud – voorbeeld niet bijgewerkt</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }}
h1 {{ color: #a4000f; font-size: 1.6rem; }}
pre {{ background: #fff4f4; border-left: 4px solid #a4000f; padding: 1rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1rem; }}
</style>
</head>
<body>
<main>
<h1>Fout in de inhoud</h1>
<p>De site kan niet opnieuw worden gebouwd. Vooraan elke regel staan het bestand en het
regelnummer (<code>bestand:regel:</code>), daarna wat er mis is.</p>
<pre data-build-errors>{messages}</pre>
<p><strong>Herstel de fout en sla het bestand op; deze pagina vernieuwt zich vanzelf.</strong>
Dezelfde melding staat in het venster waarin <code>make serve</code> draait.</p>
</main>
<script>{script}</script>
</body>
</html>
"""


def error_page(messages: list[str]) -> str:
    text = "\n".join(messages) or "De bouw is mislukt; zie het venster waarin make serve draait."
    return _PAGE.format(messages=html.escape(text), script=RELOAD_SCRIPT)


def write_error_site(site: Path, messages: list[str]) -> None:
    """The preview site becomes the error page: at its root, and as the 404 page the server
    sends for every other address."""
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    page = error_page(messages)
    for name in ("index.html", "404.html"):
        (site / name).write_text(page, encoding="utf-8")


class _Collected(logging.Handler):
    """The warnings and errors MkDocs logs during one build: the reasons it failed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def showing_errors(builder: Callable[..., None], site: Path) -> Callable[..., None]:
    """The server's builder, turning a failed rebuild into the error page instead of a hang."""

    def build(*args, **kwargs) -> None:
        collected = _Collected()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collected)
        try:
            builder(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - whatever stopped the build, show it
            write_error_site(site, collected.messages or [str(error)])
            log.error("De bouw is mislukt; de browser toont de melding. Herstel de fout en sla het bestand op.")
        finally:
            logger.removeHandler(collected)

    return build
