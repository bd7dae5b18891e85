// Answers that stopped counting: a changed answer made their question irrelevant. The engine
// sets them aside (see set_aside in assessor/browser.py) instead of forgetting them; the page
// keeps them with the other answers (interview.js), in the share link and in saved cases, so
// changing the answer back makes them count again. Here they are named, on the check page and
// in the record, so nothing the officer said disappears without a word.

import { answerText, el } from "./render.js";

// A share link or a saved case may come from a colleague: "een wijziging", not "uw wijziging".
const TITLE = "Niet meer van belang na een wijziging";
const EXPLANATION = "Deze antwoorden zijn eerder gegeven. Na een gewijzigd antwoord maken deze vragen niet meer uit, "
  + "dus tellen de antwoorden niet mee in de beoordeling. Ze blijven bewaard: zet u het antwoord terug, dan tellen ze weer mee.";

/** Show the answers set aside in a box right after ``list`` (a summary of the answers); none:
 *  no box. ``printOnly`` for the record on the outcome, where the answers show only in print. */
export function fillSetAside(list, model, setAside, { printOnly = false } = {}) {
  let box = list.nextElementSibling;
  if (!box || !box.hasAttribute("data-set-aside")) {
    box = el("section", { className: `aw-set-aside${printOnly ? " aw-print-only" : ""}`, "data-set-aside": "" });
    list.after(box);
  }
  const facts = Object.keys(setAside || {}).filter((factId) => Object.hasOwn(model.factsById, factId));
  box.hidden = !facts.length;
  box.replaceChildren();
  if (!facts.length) return;
  box.append(el("h3", { text: TITLE }), el("p", { text: EXPLANATION }),
    el("dl", { className: "aw-summary" }, facts.map((factId) => {
      const fact = model.factsById[factId];
      return el("div", { className: "aw-summary__row", "data-set-aside-fact": factId },
        el("dt", { className: "aw-summary__key", text: fact.question }),
        el("dd", { className: "aw-summary__value", text: answerText(model, fact, setAside[factId]) }));
    })));
}
