"""Driving "Beoordeel uw casus" through its stable automation hooks (data-fact, name/value,
data-action, data-instrument/data-status), as other tools would."""

from __future__ import annotations

from typing import Any

QUESTION = "[data-question-slot] form[data-fact]"


def wait_engine(page, timeout: float = 60_000) -> None:
    page.wait_for_selector('#aw-app[data-engine="ready"]', timeout=timeout)


def answer(page, fact_id: str, value: Any) -> None:
    """Tick the answer for the visible question and press Volgende."""
    form = page.locator(f'{QUESTION}[data-fact="{fact_id}"]')
    if value is None:
        value = "onbekend"
    if value is True:
        value = "ja"
    if value is False:
        value = "nee"
    values = value if isinstance(value, list) else [value]
    for item in values:
        form.locator(f'input[name="{fact_id}"][value="{item}"]').check()
    form.locator('[data-action="volgende"]').click()


def complete(page, facts: dict[str, Any], max_questions: int = 40) -> list[str]:
    """Answer every question the tool asks from ``facts`` ("weet ik niet" for facts left out)
    until the check-answers page; returns the facts asked, in order."""
    asked = []
    for _ in range(max_questions):
        page.wait_for_selector(f'{QUESTION}:visible, [data-screen="controle"]:not([hidden])')
        if page.locator('[data-screen="controle"]:not([hidden])').count():
            return asked
        fact_id = page.locator(QUESTION).get_attribute("data-fact")
        asked.append(fact_id)
        answer(page, fact_id, facts.get(fact_id))
        page.wait_for_function(
            "(fact) => !document.querySelector(`[data-question-slot] form[data-fact='${fact}']`)"
            " || !document.querySelector('[data-screen=\"controle\"]').hidden", arg=fact_id)
    raise AssertionError(f"no end after {max_questions} questions: {asked}")


def outcome(page) -> dict[str, str]:
    page.locator('[data-action="bekijk-uitkomst"]').click()
    page.wait_for_selector('[data-screen="uitkomst"]:not([hidden]) [data-instrument]', state="attached")
    return page.eval_on_selector_all(
        "[data-outcome] [data-instrument]",
        "nodes => Object.fromEntries(nodes.map(n => [n.dataset.instrument, n.dataset.status]))")
