"""Driving "Beoordeel uw casus" through its stable automation hooks, as other tools would:

- a question screen is ``form[data-fact]`` in ``[data-question-slot]``; a screen that asks several
  facts is one ``form[data-fact="<group id>"][data-facts="<fact> <fact> ..."]`` in which every
  listed fact has its own inputs ``name="<fact>"`` with the values of a single question;
- inputs by name and value: ``ja`` / ``nee`` / ``onbekend``, or the option ids (a multiple-choice
  question also has ``geen``: none of these);
- ``[data-action=volgende]``, ``[data-action=bekijk-uitkomst]``, and on the outcome every
  instrument as ``[data-instrument][data-status]``."""

from __future__ import annotations

from typing import Any

QUESTION = "[data-question-slot] form[data-fact]"


def wait_engine(page, timeout: float = 60_000) -> None:
    page.wait_for_selector('#aw-app[data-engine="ready"]', timeout=timeout)


def _values(value: Any) -> list[str]:
    if value is None:
        return ["onbekend"]
    if value is True:
        return ["ja"]
    if value is False:
        return ["nee"]
    if isinstance(value, list):
        return value or ["geen"]
    return [value]


def facts_on_screen(page) -> list[str]:
    form = page.locator(QUESTION)
    group = form.get_attribute("data-facts")
    return group.split() if group else [form.get_attribute("data-fact")]


def answer(page, fact_id: str, value: Any) -> None:
    """Wait for the screen that asks ``fact_id``, tick the answer and press Volgende (other facts on
    the same screen get "weet ik niet")."""
    page.wait_for_selector(f'{QUESTION}[data-fact="{fact_id}"], {QUESTION}[data-facts~="{fact_id}"]')
    answer_screen(page, {fact_id: value})


def answer_screen(page, facts: dict[str, Any]) -> None:
    """Tick the answers to the facts on the visible screen ("weet ik niet" for those left out)."""
    form = page.locator(QUESTION)
    for fact_id in facts_on_screen(page):
        for item in _values(facts.get(fact_id)):
            form.locator(f'input[name="{fact_id}"][value="{item}"]').check()
    form.locator('[data-action="volgende"]').click()


def complete(page, facts: dict[str, Any], max_questions: int = 40) -> list[str]:
    """Answer every question the tool asks from ``facts`` ("weet ik niet" for facts left out)
    until the check-answers page; returns the facts asked, in order."""
    asked: list[str] = []
    for _ in range(max_questions):
        page.wait_for_selector(f'{QUESTION}:visible, [data-screen="controle"]:not([hidden])')
        if page.locator('[data-screen="controle"]:not([hidden])').count():
            return asked
        screen = page.locator(QUESTION).get_attribute("data-fact")
        on_screen = facts_on_screen(page)
        asked.extend(on_screen)
        answer_screen(page, facts)
        page.wait_for_function(
            "(screen) => !document.querySelector(`[data-question-slot] form[data-fact='${screen}']`)"
            " || !document.querySelector('[data-screen=\"controle\"]').hidden",
            arg=screen)
    raise AssertionError(f"no end after {max_questions} questions: {asked}")


def outcome(page) -> dict[str, str]:
    page.locator('[data-action="bekijk-uitkomst"]').click()
    page.wait_for_selector('[data-screen="uitkomst"]:not([hidden]) [data-instrument]', state="attached")
    return page.eval_on_selector_all(
        "[data-outcome] [data-instrument]",
        "nodes => Object.fromEntries(nodes.map(n => [n.dataset.instrument, n.dataset.status]))")
