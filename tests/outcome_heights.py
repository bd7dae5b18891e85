"""How long the outcome of "Beoordeel uw casus" is, and how far down what to do starts: figures
printed, not asserted (issue 20, section 3). For three cases from the usability review, at a
laptop (1280×800) and a phone (390×844) viewport:

height   the document's height with the outcome on screen, in px and in screens
outcome  the height of the outcome section itself
now      y of the plan's first "Nu" step (the highest one shown: in the summary on top, or in
         the step plan)
actions  y of the print button ([data-action=afdrukken])
pages    A4 pages when printed (measured once per case, at the laptop size)

    .venv/bin/python tests/outcome_heights.py                # builds the site into a temp dir
    .venv/bin/python tests/outcome_heights.py --site site/   # a site built for any address
    .venv/bin/python tests/outcome_heights.py --shots DIR    # also a screenshot of each first screen

The cases reach the outcome through a share link (#antwoorden=…), as an officer's colleague would.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import TEST_ARGS, chromium_path  # noqa: E402
from site_server import SiteServer, build_site, free_port  # noqa: E402

_NONE = {"acuut_gevaar": "nee", "huiselijk_geweld": "nee", "geweld_bij_woning": "nee", "wapen_aangetroffen": "nee",
         "drugs_in_woning": "nee", "verstoring_openbare_orde": "nee", "gericht_op_buren": "nee",
         "meervoudige_problematiek": "nee", "partijen_bereid": "nee", "zorgen_om_kinderen": "nee",
         "kwetsbare_huisgenoot": "nee", "apv_151d_verhuurder": "ja", "huisvestingsverordening_vergunningplicht": "nee"}
#: The review's three roles (../shared/reviews/usability-2026-12-08.md, sections 1, 2A and 3).
CASES = {
    "wonen": {  # hoarding, corporation tenant, care signals, refuses help, children
        **_NONE, "overlast_soorten": ["vervuiling", "verward_gedrag"], "woning_eigendom": "corporatie",
        "ernstig": "ja", "herhaaldelijk": "ja", "zorgsignalen": "ja", "zorg_geweigerd": "ja",
        "geprobeerd": ["hulpverlening", "verhuurder_aangesproken"], "verhuurder_treedt_op": "ja",
        "apv_151d": "ja", "minderjarige_kinderen": "ja", "ernstig_nadeel": "nee", "gevaar_gebouw": "ja",
        "bewoner_verwijtbaar": "ja"},
    "openbare-orde": {  # shooting at a privately rented house, weapon found, neighbourhood afraid
        **_NONE, "overlast_soorten": ["intimidatie"], "woning_eigendom": "particuliere_verhuur",
        "ernstig": "ja", "herhaaldelijk": "nee", "geweld_bij_woning": "ja", "wapen_aangetroffen": "ja",
        "openbare_orde_ernstig": "ja", "zorgsignalen": "nee", "zorg_geweigerd": "nee", "geprobeerd": [],
        "verhuurder_treedt_op": "nee", "apv_151d": "ja", "minderjarige_kinderen": "nee", "bewoner_verwijtbaar": "nee"},
    "sociaal-domein": {  # elderly owner-occupier, signs of dementia, refuses help
        **_NONE, "overlast_soorten": ["verward_gedrag", "geluid"], "woning_eigendom": "koopwoning",
        "ernstig": "ja", "herhaaldelijk": "ja", "zorgsignalen": "ja", "zorg_geweigerd": "ja",
        "geprobeerd": ["gesprek"], "apv_151d": "ja", "minderjarige_kinderen": "nee", "ernstig_nadeel": "ja"},
}
VIEWPORTS = {"laptop": (1280, 800), "telefoon": (390, 844)}
OUTCOME = '[data-screen="uitkomst"]:not([hidden]) [data-outcome] [data-instrument]'
#: The first "Nu" step wherever the page shows one: the summary on top ([data-now]) or the plan.
NOW_STEP = '[data-now] li, [data-plan] [data-phase="nu"] li'
MEASURE = """([now, action]) => {
  const top = (node) => Math.round(node.getBoundingClientRect().top + window.scrollY);
  const shown = (selector) => [...document.querySelectorAll(selector)].filter((n) => n.getClientRects().length);
  const ys = (selector) => shown(selector).map(top);
  const outcome = document.querySelector('[data-screen="uitkomst"]');
  return {
    height: document.documentElement.scrollHeight,
    outcome: Math.round(outcome.getBoundingClientRect().height),
    now: ys(now).length ? Math.min(...ys(now)) : null,
    actions: ys(action).length ? Math.min(...ys(action)) : null,
  };
}"""


def measure(site_url: str, shots: Path | None) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=TEST_ARGS)
        for case, facts in CASES.items():
            for device, (width, height) in VIEWPORTS.items():
                context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
                page = context.new_page()
                page.goto(f"{site_url}beoordeel-uw-casus/#antwoorden={quote(json.dumps(facts))}")
                page.wait_for_selector(OUTCOME, state="attached", timeout=120_000)
                page.evaluate("() => window.scrollTo(0, 0)")
                figures = page.evaluate(MEASURE, [NOW_STEP, '[data-action="afdrukken"]'])
                rows.append({"case": case, "viewport": f"{width}×{height}", "screens": round(figures["height"] / height, 1),
                             **figures})
                if shots:
                    shots.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(shots / f"uitkomst-{case}-{device}.png"))
                if device == "laptop":
                    rows[-1]["pages"] = print_pages(page, shots / f"afdruk-{case}.png" if shots else None)
                context.close()
        browser.close()
    return rows


def print_pages(page, shot: Path | None) -> int:
    """The outcome printed on A4, as the print button does it (beforeprint opens the folds)."""
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    if shot:
        page.screenshot(path=str(shot), clip={"x": 0, "y": 0, "width": 1280, "height": 1400})
    pdf = page.pdf(format="A4")
    page.emulate_media(media="screen")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def table(rows: list[dict]) -> str:
    lines = ["| case | viewport | height | screens | outcome | first 'Nu' step at | actions at | printed |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        pages = f"{row['pages']} pages" if "pages" in row else ""
        lines.append(f"| {row['case']} | {row['viewport']} | {row['height']:,} px | {row['screens']} | "
                     f"{row['outcome']:,} px | {row['now']:,} px | {row['actions']:,} px | {pages} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temp dir)")
    parser.add_argument("--shots", type=Path, help="write a screenshot of each first screen here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON, not as a table")
    options = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site = options.site
        if site is None:
            site = Path(tmp) / "site"
            build_site(site, f"http://127.0.0.1:{port}/")
        server = SiteServer(site, port)
        try:
            rows = measure(server.url, options.shots)
        finally:
            server.stop()
    print(json.dumps(rows, indent=1, ensure_ascii=False) if options.json else table(rows))


if __name__ == "__main__":
    main()
