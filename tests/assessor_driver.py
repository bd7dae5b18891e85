"""Driving "Beoordeel uw casus" through its stable automation hooks, as other tools would:

- a question screen is ``form[data-fact]`` in ``[data-question-slot]``; a screen that asks several
  facts is one ``form[data-fact="<group id>"][data-facts="<fact> <fact> ..."]`` in which every
  listed fact has its own inputs ``name="<fact>"`` with the values of a single question;
- inputs by name and value: ``ja`` / ``nee`` / ``onbekend``, or the option ids (a multiple-choice
  question also has ``geen``: none of these);
- ``[data-action=volgende]``, ``[data-action=bekijk-uitkomst]``, and on the outcome every
  instrument as ``[data-instrument][data-status]``.

``answer`` and ``answer_screen`` use Playwright's input (pointer events, actionability checks);
``complete`` clicks the same hooks from inside the page (see COMPLETE_IN_PAGE)."""

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


#: complete() inside the page: the same hooks, clicked with DOM events, one round trip per case
#: instead of a few per answer (Playwright's actions cost about 80 ms each on two cores). The
#: tests of the interaction itself (keyboard, errors, back and change) use answer() instead.
COMPLETE_IN_PAGE = """async ({ facts, max }) => {
  const app = document.getElementById("aw-app");
  const check = app.querySelector('[data-screen="controle"]');
  const shown = () => {
    const form = app.querySelector("[data-question-slot] form[data-fact]");
    return form && !form.closest("[hidden]") ? form : null;
  };
  const idle = () => !app.hasAttribute("aria-busy"); // not while the next screen is worked out
  const until = (test, what) => new Promise((resolve, reject) => {
    const start = performance.now();
    const poll = () => {
      if (test()) resolve();
      else if (performance.now() - start > 60000) reject(new Error(`no ${what} after 60 s`));
      else setTimeout(poll, 5);
    };
    poll();
  });
  const asked = [];
  for (let count = 0; count < max; count++) {
    await until(() => idle() && (shown() || !check.hidden), "question or check screen");
    if (!check.hidden) return asked;
    const form = shown();
    const onScreen = form.dataset.facts ? form.dataset.facts.split(" ") : [form.dataset.fact];
    asked.push(...onScreen);
    for (const fact of onScreen) {
      for (const value of facts[fact] ?? ["onbekend"]) {
        const input = form.querySelector(`input[name="${fact}"][value="${value}"]`);
        if (!input) throw new Error(`no answer ${value} for ${fact} on this screen`);
        if (!input.checked) input.click();
      }
    }
    form.querySelector('[data-action="volgende"]').click();
    await until(() => idle() && (shown() !== form || !check.hidden), `next screen after ${form.dataset.fact}`);
  }
  throw new Error(`no end after ${max} questions: ${asked.join(", ")}`);
}"""


def complete(page, facts: dict[str, Any], max_questions: int = 40) -> list[str]:
    """Answer every question the tool asks from ``facts`` ("weet ik niet" for facts left out)
    until the check-answers page; returns the facts asked, in order."""
    values = {fact_id: _values(value) for fact_id, value in facts.items()}
    return page.evaluate(COMPLETE_IN_PAGE, {"facts": values, "max": max_questions})


OUTCOME_SHOWN = '[data-screen="uitkomst"]:not([hidden]) [data-instrument]'


def statuses(page) -> dict[str, str]:
    """Every instrument on the outcome screen with its status."""
    return page.eval_on_selector_all(
        "[data-outcome] [data-instrument]",
        "nodes => Object.fromEntries(nodes.map(n => [n.dataset.instrument, n.dataset.status]))")


def checked(page, fact_id: str) -> list[str]:
    """The answers chosen on the question screen of ``fact_id``."""
    return page.eval_on_selector_all(f'{QUESTION}[data-fact="{fact_id}"] input:checked', "nodes => nodes.map(n => n.value)")


def outcome(page) -> dict[str, str]:
    page.locator('[data-action="bekijk-uitkomst"]').click()
    page.wait_for_selector(OUTCOME_SHOWN, state="attached")
    return statuses(page)
