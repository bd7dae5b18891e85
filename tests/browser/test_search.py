"""Words officers type find the right instrument first (the theme's own search, in the browser),
and the editors' page stays out of their way."""

from __future__ import annotations

import pytest

from browser_support import watched_page

#: word -> the instrument page that must be the first result
COMMON_WORDS = {
    "huisuitzetting": "instrumenten/ontbinding_huurovereenkomst/",
    "geluidsoverlast": "instrumenten/buurtbemiddeling/",
    "hennep": "instrumenten/sluiting_13b_opiumwet/",
    "burenruzie": "instrumenten/buurtbemiddeling/",
    "verward": "instrumenten/zorgroute/",
}


def _results(page, word: str) -> list[str]:
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(word)
    page.wait_for_function("(w) => document.querySelector('.md-search-result__meta')"
                           " && document.querySelector('.md-search-result__list').children.length > 0", arg=word)
    def read():
        return [href.split("?")[0] for href in page.eval_on_selector_all(
            ".md-search-result__item > a", "nodes => nodes.map(n => n.getAttribute('href'))")]

    # The theme empties the list and fills it again as the search worker answers: read until it
    # has results and stops changing.
    found = read()
    for _ in range(50):
        page.wait_for_timeout(100)
        again = read()
        if again == found and found:
            return found
        found = again
    raise AssertionError(f"the results for {word!r} did not settle: {found}")


pytestmark = pytest.mark.xdist_group("search-page")


@pytest.fixture(scope="module")
def page(shared_context, site_url):
    """One page for the searches (the search worker indexes the site once per page)."""
    page = watched_page(shared_context)
    page.goto(site_url)
    yield page
    page.close()
    page.watch.check()


def test_common_words_find_the_right_instrument_first(page, site_url):
    found = {word: _results(page, word)[0].removeprefix(site_url) for word in COMMON_WORDS}
    assert found == COMMON_WORDS


def test_the_editors_page_is_not_among_the_first_results(page):
    for word in ("instrument", "regel", "gedragsaanwijzing", "woonoverlast"):
        assert not any("redacteuren" in href for href in _results(page, word)[:3]), word
