// The court's proportionality test on an instrument card (content/evenredigheid.yaml): the three
// steps, each factor with this case's answers, what the dossier must show, and the rulings.
import { answerText, el } from "./render.js";

const RULING_TITLE = "De uitspraak op rechtspraak.nl";

/** One factor's answers: "Minderjarige kinderen in de woning: Ja", or why there is none. */
function factorAnswer(model, factor, answers) {
  if (!factor.facts.length) return "niet gevraagd; leg vast in het dossier";
  return factor.facts.map((factId) => {
    const fact = model.factsById[factId];
    const value = factId in answers ? answers[factId] : model.preset[factId];
    const known = value !== undefined && value !== "onbekend";
    return `${fact.short}: ${known ? answerText(model, fact, value) : "nog onbekend"}`;
  }).join("; ");
}

function factorItem(model, factor, answers) {
  return el("li", { className: "aw-factor", "data-factor": factor.id },
    el("strong", { text: factor.title }),
    el("p", { className: "aw-factor__answer", "data-answer": "" }, el("span", { className: "aw-factor__key", text: "In deze casus: " }),
      factorAnswer(model, factor, answers)),
    el("p", { className: "aw-factor__dossier" }, el("span", { className: "aw-factor__key", text: "Het dossier laat zien: " }), factor.dossier),
    el("p", { className: "aw-factor__rulings" }, el("span", { className: "aw-factor__key", text: "Uitspraken: " }),
      factor.rulings.flatMap((ruling, index) => [index ? ", " : "",
        el("a", { href: ruling.url, className: "aw-ecli", "data-ecli": ruling.ecli, title: `${RULING_TITLE}: ${ruling.court}, ${ruling.date}`, text: ruling.ecli })])));
}

/** The folded section, or null when the test does not belong to this instrument. */
export function proportionalityPart(model, instrumentId, answers, url) {
  const test = (model.proportionality || {})[instrumentId];
  if (!test || !test.steps.length) return null;
  // On paper only where content says so: the record must fit on four pages.
  return el("details", { className: `aw-proportionality ${test.printed ? "aw-print-open" : "aw-no-print"}`, "data-proportionality": "" },
    el("summary", { text: "Evenredigheid: de toets van de rechter" }),
    el("p", { className: "aw-proportionality__note", text: test.note }),
    el("ol", { className: "aw-proportionality__steps" }, test.steps.map((step) =>
      el("li", { "data-step": step.id },
        el("p", { className: "aw-label", text: step.title }),
        el("p", { className: "aw-proportionality__explanation", text: step.explanation }),
        el("ul", { className: "aw-factors" }, step.factors.map((factor) => factorItem(model, factor, answers)))))),
    el("p", { className: "aw-proportionality__more" }, el("a", { href: `${url}#evenredigheidstoets`, text: "De toets op de pagina van het instrument" })));
}
