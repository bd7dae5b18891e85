"""The built site: one build holds the runtime and the engine, self-hosted, with every
internal link and anchor intact, and the knowledge base saying what the sources say."""

from __future__ import annotations

import datetime
import hashlib
import base64
import json
import re
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from build_scripts.reference_check import dutch_date
from build_scripts.rule_text import rule_markdown
from html_index import site_pages

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
CDN_HOSTS = ("unpkg.com", "jsdelivr", "googleapis", "gstatic", "cdnjs", "cloudflare", "bootstrapcdn")
#: Known CDN strings inside vendored JavaScript that never load on this site, and why.
ALLOWED_CDN_STRINGS = {
    # mkdocs-material: mermaid is loaded lazily only on pages with a mermaid diagram (none here);
    # the ResizeObserver polyfill only in browsers without ResizeObserver.
    ("assets/javascripts/bundle.", "https://unpkg.com/mermaid"),
    ("assets/javascripts/bundle.", "https://unpkg.com/resize-observer-polyfill"),
    # Pyodide's default package location, used only when no indexURL is given and for
    # loadPackage by name; the worker passes the site's own runtime folder and loads no package.
    ("assets/pyodide/pyodide.mjs", "https://cdn.jsdelivr.net/pyodide/v"),
}


@pytest.fixture(scope="module")
def site(built_site):
    return built_site[0]


@pytest.fixture(scope="module")
def pages(site):
    return site_pages(site)


def test_build_contains_the_pyodide_runtime_and_the_engine_wheel(site):
    for name in PYODIDE_FILES:
        assert (site / "assets" / "pyodide" / name).stat().st_size > 0, name
    assert not (site / "assets" / "pyodide" / "pyodide-lock.json").exists(), "the page passes its header instead"
    wheels = list((site / "assets" / "engine").glob("*/assessor-*-py3-none-any.whl"))
    assert len(wheels) == 1


def test_wheel_is_valid_and_carries_the_model(site, tmp_path, compiled):
    wheel = next((site / "assets" / "engine").glob("*/*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        record = archive.read(next(n for n in names if n.endswith(".dist-info/RECORD"))).decode()
        for line in record.splitlines():
            path, digest, size = line.split(",")
            if not digest:
                continue
            data = archive.read(path)
            expected = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert digest == expected and int(size) == len(data), path
        assert "assessor/model.json" in names and "assessor/browser.py" in names
        assert not any(name.startswith("build_scripts") for name in names)
        # Scenarios are test data: never in the product.
        model = json.loads(archive.read("assessor/model.json"))
        assert "scenarios" not in model and not any(name.endswith((".yaml", ".yml")) for name in names)
        assert "naam:" not in archive.read("assessor/model.json").decode()
    # The browser's interface works from the wheel alone (zipimport), with the stdlib only.
    code = (f"import sys; sys.path.insert(0, {str(wheel)!r}); import json; from assessor import browser; "
            "d = json.loads(browser.describe()); s = json.loads(browser.interview('{}')); "
            "print(len(d['instruments']), s['next'])")
    import subprocess
    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(len(compiled.content.instruments)), "acuut_gevaar"]


def test_no_page_loads_an_asset_from_another_origin(pages):
    for path, page in pages.items():
        for asset in page.assets:
            assert not urlparse(asset).scheme.startswith("http") and not asset.startswith("//"), (path, asset)


def test_no_stylesheet_or_script_names_a_cdn_except_known_unused_lazy_paths(site):
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".css", ".js", ".mjs"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        relative = path.relative_to(site).as_posix()
        if path.suffix == ".css":
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), relative
            assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text), relative
        for url in re.findall(r"https?://[^\s\"'`)]+", text):
            if any(host in url for host in CDN_HOSTS):
                assert any(relative.startswith(prefix) and url.startswith(allowed) for prefix, allowed in ALLOWED_CDN_STRINGS), \
                    (relative, url)


def test_theme_loads_no_web_fonts(pages):
    home = next(page for path, page in pages.items() if path.name == "index.html" and path.parent.name != "search")
    assert not any("fonts" in asset for asset in home.assets)


def _target(site: Path, page_path: Path, href: str) -> tuple[Path, str]:
    parsed = urlparse(href)
    if parsed.path.startswith("/"):
        target = (site / unquote(parsed.path).lstrip("/")).resolve()
    else:
        target = (page_path.parent / unquote(parsed.path)).resolve() if parsed.path else page_path
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parsed.fragment)


def test_every_internal_link_and_anchor_resolves(site, pages):
    broken = []
    for path, page in pages.items():
        for href in page.links:
            if urlparse(href).scheme or href.startswith("//"):
                continue
            target, fragment = _target(site, path, href)
            if not target.exists():
                broken.append(f"{path.relative_to(site)} -> {href} (missing)")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(site)} -> {href} (no such anchor)")
    assert broken == [], "\n".join(broken)


DEN_HAAG_FACTS = [
    "Meld- en Steunpunt Woonoverlast", "spil", "melders", "netwerkpartners", "woongedrag", "onrechtmatig",
    "overbewoning", "politie", "Haagse Pandbrigade", "Bestuursdienst", "Veiligheid", "OGGZ", "Sociale Wijkzorgteams",
    "corporaties", "Bureau Bemiddeling & Mediation", "handhaving", "zorg", "pijlers", "wisselwerking", "2015",
    "stadsdelen", "multiproblem", "Overlastgevende pandenoverleg", "Signaleringsoverleg", "psychiatrische", "2016",
    "informatie-uitwisseling", "Haags Platform Woonoverlast", "beleidswijzigingen", "oplossingsgerichte",
    "proactief", "gedragsaanwijzingen", "particuliere", "versnipperd", "vooroorlogse", "portiekwoningen",
    "Gemeente Den Haag",
]


def test_every_fact_of_the_den_haag_text_is_on_the_den_haag_page(site, pages):
    page = pages[site / "praktijkvoorbeelden" / "den-haag" / "index.html"]
    missing = [fact for fact in DEN_HAAG_FACTS if fact.lower() not in page.text.lower()]
    assert missing == []


CCV_FACTS = ["beleidsplannen", "samenwerking tussen partners", "goede voorbeelden", "Beoordeel uw casus",
             "juridische afdeling", "Katja Steverink", "Aanpak woonoverlast", "Frannie Herder", "Buurtbemiddeling"]


def test_every_fact_of_the_ccv_text_is_on_the_ccv_page(site, pages):
    page = pages[site / "ccv-helpt" / "index.html"]
    missing = [fact for fact in CCV_FACTS if fact.lower() not in page.text.lower()]
    assert missing == []
    assert not re.search(r"\b0\d{2}[- ]?\d{7}\b|@hetccv", page.text), "no invented phone numbers or e-mail addresses"


def test_every_instrument_page_has_its_law_its_generated_rule_and_sources(site, pages, model, compiled):
    for item in compiled.content.instruments:
        front = item.front.data
        page = pages[site / "instrumenten" / front["id"] / "index.html"]
        juriconnect = [link for link in page.links if link.startswith("https://wetten.overheid.nl/jci1.3:c:BWBR")]
        assert juriconnect or "nog te verifiëren" in page.text.lower() or not front["wettelijke_grondslag"], front["id"]
        if front["wettelijke_grondslag"] and not juriconnect:
            assert "nog te verifiëren" in page.text.lower(), front["id"]
        assert "Wanneer wijst de tool dit instrument aan?" in page.text
        # Every sentence of the rule as the engine holds it appears: the text is generated from it.
        instrument = model.instrument(front["id"])
        for node in (instrument.applies, instrument.later):
            if node is None:
                continue
            for line in rule_markdown(model, node).splitlines():
                sentence = line.strip().removeprefix("- ")
                if sentence.endswith("."):
                    assert sentence in page.text, (front["id"], sentence)
        assert "Bronnen" in page.text and all(b["url"] in page.links for b in front["bronnen"]), front["id"]
        assert "Inhoud bijgewerkt op" in page.text and dutch_date(datetime.date.fromisoformat(str(front["bijgewerkt_op"]))) in page.text
        # Every condition and step is shown with the source it rests on.
        for entry in instrument.display["conditions"] + instrument.display["steps"]:
            assert all(source["url"] in page.links for source in entry["sources"]), (front["id"], entry["text"])


def test_no_page_claims_a_legal_check_that_did_not_happen(pages):
    assert [path for path, page in pages.items() if "Laatst gecontroleerd" in page.text] == []


#: Notes by and for the people who wrote the content, which an officer cannot act on (issue 20):
#: the brief the content was written to, and its working files.
AUTHORING_NOTES = ("in de opdracht", "genoemd: artikel", "research.md", "seed-den-haag", "shared/domain", "TODO", "FIXME")


def test_no_page_an_officer_reads_carries_an_authoring_note(pages):
    """The editors' own guide (redacteuren) may name working files; no other page may."""
    found = [(path, note) for path, page in pages.items() for note in AUTHORING_NOTES
             if note in page.text and "redacteuren" not in str(path)]
    assert found == []


def test_the_rule_text_follows_the_rule(site, pages):
    page = pages[site / "instrumenten" / "gedragsaanwijzing_151d" / "index.html"]
    for sentence in ("De hinder is ernstig.", "De hinder komt herhaaldelijk voor.",
                     "De gemeenteraad heeft de APV-bepaling voor art. 151d vastgesteld.",
                     "Lichtere middelen zijn al geprobeerd."):
        assert sentence in page.text


@pytest.mark.parametrize("common_name, instrument", [
    ("aso-wet", "gedragsaanwijzing_151d"), ("Damocles", "sluiting_13b_opiumwet"), ("Victoria", "sluiting_174a"),
])
def test_search_finds_instruments_by_their_common_names(site, common_name, instrument):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["nl"]
    hits = {doc["location"].split("#")[0] for doc in index["docs"] if common_name.lower() in doc["text"].lower()
            or common_name.lower() in doc["title"].lower()}
    assert f"instrumenten/{instrument}/" in hits


#: Claims research.md marks UNCONFIRMED (or conflicting, undated) that must never be stated as fact:
#: the Rotterdam number from a non-official source, the unexplained "Awb 5:31d", the conflicting
#: eviction figures. They may appear inside a "Nog te verifiëren" warning only.
UNCONFIRMED_CLAIMS = ["14 010", "14010", "5:31d", "299 ", "vijf per dag", "vijf uitzettingen per dag"]


def test_unconfirmed_items_never_appear_as_fact(pages):
    stated = [(path, claim) for path, page in pages.items() for claim in UNCONFIRMED_CLAIMS if claim in page.stated]
    assert stated == []


def test_the_conflicting_eviction_figure_is_shown_only_as_to_be_verified(pages):
    mentioned = [page for page in pages.values() if "299 " in page.text]
    assert mentioned, "the figure is flagged for verification, not silently dropped"
    assert all("299 " not in page.stated and "Nog te verifiëren" in page.text for page in mentioned)


def test_every_figure_on_the_figures_page_carries_a_year(site):
    text = (site / "aanpak" / "cijfers" / "index.html").read_text(encoding="utf-8")
    sections = re.split(r"<h2", text)
    for section in sections[1:]:
        heading_year = re.search(r"(19|20)\d\d", section.split("</h2>")[0])
        for row in re.findall(r"<tr>(.*?)</tr>", section, flags=re.S):
            if "<th" in row:
                continue
            assert heading_year or re.search(r"(19|20)\d\d", row), row


def test_the_about_page_names_the_content_version_and_date(site, pages, model, compiled):
    page = pages[site / "over" / "index.html"]
    assert model.content_version in page.text and str(compiled.model_data["content_date"]) in page.text
    assert "{{" not in page.text


def test_every_practice_example_links_to_its_partners(site, pages):
    for path, page in pages.items():
        if path.parent.parent.name == "praktijkvoorbeelden":
            assert any("partners/#" in link for link in page.links), path


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|type)=)[^>]*>(.*?)</script>", re.S)  # runnable inline scripts
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_page_404_included_carries_a_policy_that_allows_exactly_its_own_inline_scripts(site):
    pages = sorted(site.rglob("*.html"))
    assert any(path.name == "404.html" for path in pages) and len(pages) > 30
    for path in pages:
        text = path.read_text(encoding="utf-8")
        found = _POLICY.findall(text)
        assert len(found) == 1, path
        policy = found[0]
        assert text.index(found[0]) < text.index("<script"), "the policy comes before any script"
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert "unsafe-inline" not in policy and "unsafe-eval'" not in policy.replace("wasm-unsafe-eval'", "")
        allowed = set(re.findall(r"'(sha256-[^']+)'", directives["script-src"]))
        inline = {"sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
                  for body in _INLINE_SCRIPT.findall(text)}
        assert inline == allowed, path


def test_every_nav_section_toggle_has_a_name_without_a_prohibited_aria_label(pages):
    for path, page in pages.items():
        text = path.read_text(encoding="utf-8")
        for label in re.findall(r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label"[^>]*>(.*?)</label>',
                                text, flags=re.S):
            assert re.sub(r"<[^>]+>", "", label).strip(), path
        assert not re.search(r'<label[^>]*aria-label=', text), path
# Issue 9 (legal review): each correction that shows on the built site, checked there.

def _page(site, pages, *parts):
    return pages[site.joinpath(*parts, "index.html")]


def test_no_page_reads_the_174a_test_as_safety_or_health(pages):
    """Ground a of art. 174a is cumulative: safety AND health (1997 circular, case law)."""
    assert [path for path, page in pages.items() if "veiligheid of gezondheid" in page.text.lower()] == []


def test_the_174a_page_states_the_public_order_condition_for_grounds_b_and_c(site, pages):
    page = _page(site, pages, "instrumenten", "sluiting_174a")
    assert "veiligheid én de gezondheid" in page.stated
    for ground in ("Grond b (sinds 1 januari 2024)", "Grond c (sinds 1 januari 2024)"):
        start = page.stated.find(ground)
        assert start >= 0, ground
        condition = page.stated[start:start + 700]
        assert "openbare orde rond de woning ernstig verstoord" in condition, ground
        assert "ernstige vrees" in condition, ground
        assert "alleen is niet genoeg" in condition, ground
    summary = page.stated[page.stated.find("De burgemeester kan een woning voor bepaalde tijd"):][:600]
    assert "ernstige vrees" in summary and "niet genoeg" in summary


def test_the_questions_about_violence_and_weapons_name_the_public_order_condition(model):
    """The questions the tool asks (the model in the site's wheel) carry the public-order condition."""
    for fact_id in ("geweld_bij_woning", "wapen_aangetroffen", "openbare_orde_ernstig"):
        fact = model.facts[fact_id]
        text = " ".join(f"{fact.question} {fact.help}".split())
        assert "openbare orde rond de woning" in text and "ernstige vrees" in text, fact_id
    assert "munitie" in model.facts["wapen_aangetroffen"].help and "nog te verifiëren" in model.facts["wapen_aangetroffen"].help


def test_every_burgerlijk_wetboek_link_names_its_book(pages):
    bw_books = {"BWBR0005289": "6", "BWBR0005290": "7"}
    wrong = []
    for path, page in pages.items():
        for link in page.links:
            for bwb, book in bw_books.items():
                if link.startswith(f"https://wetten.overheid.nl/jci1.3:c:{bwb}&") and f"&boek={book}&artikel=" not in link:
                    wrong.append((path, link))
    assert wrong == []


def test_the_compulsory_care_page_tells_the_wvggz_and_wzd_routes_apart(site, pages):
    page = _page(site, pages, "instrumenten", "verplichte_zorg")
    for term in ("CIZ", "inbewaringstelling", "rechterlijke machtiging", "verkennend onderzoek", "zorgmachtiging"):
        assert term in page.stated, term
    summary = page.stated[page.stated.find("Weigert iemand met psychische problemen"):][:900]
    assert "CIZ" in summary and "inbewaringstelling" in summary


def test_the_den_haag_page_describes_the_haags_platform_from_the_ccv_text(site, pages):
    page = _page(site, pages, "praktijkvoorbeelden", "den-haag")
    section = page.stated[page.stated.find("Overkoepelend komen de netwerkpartners"):][:600]
    assert "Haags Platform Woonoverlast" in section
    for fact in ("geëvalueerd", "bijgesteld", "beleidswijzigingen"):
        assert fact in section, fact
    assert "afgebroken" not in page.text, "the CCV text was not cut off: seed-den-haag.md has the passage"


def test_the_landlord_variant_page_names_subsidiarity(site, pages):
    page = _page(site, pages, "instrumenten", "gedragsaanwijzing_151d_verhuurder")
    assert "subsidiariteit" in page.stated.lower()
    assert "art. 151d lid 2 Gemeentewet" in page.text
    assert "ernstige en herhaaldelijke hinder" in page.stated


def test_settled_tenancy_law_is_stated_not_flagged(site, pages):
    page = _page(site, pages, "instrumenten", "ontbinding_huurovereenkomst")
    assert "alleen door de rechter" in page.stated and "art. 7:231 lid 1 BW" in page.text
    assert "lid 1 BW), is in het onderzoek niet in een bron bevestigd" not in page.text


def test_the_neighbour_route_names_the_competent_court_from_the_law(site, pages):
    page = _page(site, pages, "instrumenten", "burenrecht_civiel")
    assert "kantonrechter" in page.stated and "rechtbank" in page.stated
    assert any(link.endswith("jci1.3:c:BWBR0001827&artikel=93") for link in page.links)
    assert "Welke civiele rechter bevoegd is" not in page.text  # verified, so no longer flagged


def test_an_order_under_151d_is_no_route_to_compulsory_care(site, pages):
    page = _page(site, pages, "instrumenten", "gedragsaanwijzing_151d")
    assert "geen route om zorg tegen iemands wil af te dwingen" in page.stated


def test_the_piano_example_agrees_with_its_source_on_every_page(pages):
    """The CCV names 'pianospel in de nacht'; no page says 'in the evening'."""
    assert [path for path, page in pages.items() if "'s avonds geen piano" in page.text] == []


def test_the_ccv_page_says_no_more_than_the_ccv_text_about_its_advice(site, pages):
    page = _page(site, pages, "ccv-helpt")
    assert "niet over losse zaken" not in page.text


def test_every_condition_and_step_shows_a_source(site, pages, model):
    for instrument in model.instruments:
        page = _page(site, pages, "instrumenten", instrument.id)
        for entry in instrument.display["conditions"] + instrument.display["steps"]:
            assert entry["sources"], (instrument.id, entry["text"])
        assert page.text.count("(Bron:") >= len(instrument.display["conditions"]) + len(instrument.display["steps"])


def test_the_home_page_has_an_entry_per_role(site, pages):
    page = pages[site / "index.html"]
    for role in ("Wonen", "Openbare orde en veiligheid", "Sociaal domein"):
        assert role in page.text
    assert sum(link.endswith("beoordeel-uw-casus/") for link in page.links) >= 3


def test_the_editors_page_is_in_the_footer_not_in_the_navigation(site, pages):
    for path, page in pages.items():
        text = path.read_text(encoding="utf-8")
        nav = text.split('class="md-sidebar md-sidebar--primary"', 1)[-1].split("</nav>", 1)[0]
        assert "redacteuren/" not in nav, path
        footer = text.split('aw-footer-links', 1)[-1]
        assert 'aw-footer-links' in text and ">Voor redacteuren</a>" in footer, path


def test_the_navigation_groups_the_instruments_by_kind(site, compiled):
    text = (site / "instrumenten" / "index.html").read_text(encoding="utf-8")
    nav = text.split('class="md-sidebar md-sidebar--primary"', 1)[1]
    kinds = compiled.content.data["instrumentsoorten.yaml"].data["soorten"]
    positions = [nav.index(f">\n    {kind['label']}\n") if f">\n    {kind['label']}\n" in nav else nav.find(kind["label"])
                 for kind in kinds.values()]
    assert all(position > 0 for position in positions) and positions == sorted(positions)


def test_the_ladder_page_draws_the_ladder_the_tool_uses(site, pages, compiled):
    page = pages[site / "aanpak" / "escalatieladder" / "index.html"]
    ladder = compiled.model_data["ladder"]
    for part in [ladder["first"], *ladder["rungs"], *ladder["tracks"]]:
        assert part["title"] in page.text
        for instrument_id in part["instruments"]:
            assert any(link.endswith(f"instrumenten/{instrument_id}/") for link in page.links), instrument_id


def test_what_changed_lists_every_content_version_and_is_in_the_navigation(site, pages, compiled):
    page = pages[site / "wijzigingen" / "index.html"]
    versions = compiled.content.data["wijzigingen.yaml"].data["versies"]
    current = compiled.content.data["meta.yaml"].data["inhoudsversie"]
    assert "Wat is er veranderd" in page.text and f"De versie van nu is {current}" in page.text
    for version in versions:
        assert f"Versie {version['versie']} ({dutch_date(datetime.date.fromisoformat(str(version['datum'])))})" in page.text
        assert all(" ".join(change.split()) in page.text for change in version["wijzigingen"])
    nav = (site / "partners" / "index.html").read_text(encoding="utf-8").split('class="md-sidebar md-sidebar--primary"', 1)[1]
    assert '<a href="../wijzigingen/" class="md-nav__link">' in nav
    assert any(link.endswith("wijzigingen/") for link in pages[site / "over" / "index.html"].links)
