"""Options of the Aanpak Woonoverlast plugin (``plugins: - aanpak: {...}`` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class AanpakConfig(Config):
    #: Precache the site in a service worker, so it works offline after a first visit.
    service_worker = opt.Type(bool, default=True)
    #: A Content-Security-Policy meta tag on every page (see csp.py).
    csp = opt.Type(bool, default=True)
    #: The copy to read from the file system (file://): no service worker and no policy
    #: (search there runs through an inline frame script), and the tool explains how to open it.
    file_copy = opt.Type(bool, default=False)
    #: A municipality's edition: a profile id from content/gemeenten/ (or a path to a profile
    #: file); empty for the national edition. mkdocs.yml reads it from $GEMEENTE.
    gemeente = opt.Type(str, default="")
    #: The precompiled, trimmed standard library beside the wheel (stdlib_bytecode.py). Off, the
    #: engine starts on Pyodide's own python_stdlib.zip (slower, same answers): for test builds
    #: of changed content, where making and checking it would cost seconds per build. Never off
    #: in `mkdocs serve` either. mkdocs.yml reads it from $AANPAK_PRECOMPILED_STDLIB.
    precompiled_stdlib = opt.Type(bool, default=True)
