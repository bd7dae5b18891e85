"""A Content-Security-Policy on every page: only the site itself may provide scripts, styles,
images, fonts, frames and connections, plus WebAssembly for the assessor's Python runtime.

It is a meta tag (the site is static and may be served by any web server). The theme's two
inline scripts are allowed by their hashes, computed per page, never with 'unsafe-inline'.
Only scripts recognised as the theme's own are hashed: a script that reached a page through
content must stay blocked. A theme upgrade that adds an inline script shows up as a CSP
violation in the browser tests; add its opening here after checking it.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
#: The theme's inline script in the body (mkdocs-material base.html), allowed only verbatim.
THEME_BODY_SCRIPT = (
    'var target=document.getElementById(location.hash.slice(1));'
    'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
)
#: The theme's setup script in <head> (content never reaches <head> unescaped) begins so.
THEME_HEAD_SCRIPT = "__md_scope=new URL("
_CHARSET = '<meta charset="utf-8">'


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy(page_html: str) -> str:
    head_end = page_html.find("</head>")
    hashes = sorted({
        _hash(match.group("body")) for match in _INLINE_SCRIPT.finditer(page_html)
        if match.group("body") == THEME_BODY_SCRIPT
        or (match.start() < head_end and match.group("body").startswith(THEME_HEAD_SCRIPT))
    })
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(["'self'", "'wasm-unsafe-eval'", *hashes]),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def with_policy(page_html: str) -> str:
    """The page with its policy as the first thing after the charset (it only guards what follows)."""
    if _CHARSET not in page_html:
        raise ValueError("page without <meta charset>: cannot place the Content-Security-Policy")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page_html)}">'
    return page_html.replace(_CHARSET, _CHARSET + "\n    " + meta, 1)
