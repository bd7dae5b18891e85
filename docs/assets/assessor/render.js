// Building the check-answers list and the outcome from the engine's data. Text is always set
// with textContent, so nothing from content or answers can run as HTML. Labels and the order
// of the statuses come from the model (content/statussen.yaml, content/feiten.yaml).

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The answer to one fact as readable Dutch. */
export function answerText(model, fact, value) {
  const labels = model.answer_labels;
  if (value === "onbekend" || value === "ja" || value === "nee") return labels[value];
  const label = (id) => (fact.values.find((item) => item.id === id) || { label: id }).label;
  if (Array.isArray(value)) return value.length ? value.map(label).join("; ") : labels.geen;
  return label(value);
}

/** The <dl> rows of the answers; ``withChange`` adds a "Wijzig" button per answer. */
export function fillSummary(list, model, asked, answers, withChange) {
  list.replaceChildren();
  for (const factId of asked) {
    const fact = model.factsById[factId];
    const row = el("div", { className: "aw-summary__row" },
      el("dt", { className: "aw-summary__key", text: fact.short }),
      el("dd", { className: "aw-summary__value", text: answerText(model, fact, answers[factId]) }));
    if (withChange) {
      row.append(el("dd", { className: "aw-summary__actions" },
        el("button", { type: "button", className: "aw-link-button", "data-action": "wijzig", "data-fact": factId },
          "Wijzig", el("span", { className: "aw-visually-hidden", text: ` ${fact.short.toLowerCase()}` }))));
    }
    list.append(row);
  }
}

/** The sources of the instrument's conditions about these facts: the article behind a reason. */
function reasonSources(display, facts) {
  const seen = new Set();
  const sources = display.conditions
    .filter((condition) => condition.facts.some((fact) => facts.includes(fact)))
    .flatMap((condition) => condition.sources)
    .filter((source) => !seen.has(source.url) && seen.add(source.url));
  if (!sources.length) return null;
  return el("span", { className: "aw-source" }, " (",
    sources.flatMap((source, index) => [index ? "; " : "", el("a", { href: source.url, text: source.label })]), ")");
}

function instrumentCard(model, result, instrumentUrl) {
  const instrument = model.instrumentsById[result.id];
  const display = instrument.display;
  const url = instrumentUrl.replace("{id}", encodeURIComponent(result.id));
  const card = el("article", { className: `aw-instrument aw-instrument--${result.status}`, "data-instrument": result.id, "data-status": result.status });
  card.append(el("h4", { className: "aw-instrument__name" }, el("a", { href: url, text: instrument.name })));
  card.append(el("p", { className: "aw-instrument__summary", text: display.summary }));
  if (result.reasons.length) {
    card.append(el("p", { className: "aw-label", text: "Waarom" }),
      el("ul", { className: "aw-reasons" }, result.reasons.map((reason, index) =>
        el("li", {}, reason, reasonSources(display, (result.reason_facts || [])[index] || [])))));
  }
  if (result.status === "eerst_andere_stappen" && instrument.first_steps) {
    card.append(el("p", { className: "aw-label", text: "Wat eerst moet" }),
      el("p", { className: "aw-first", text: instrument.first_steps }));
  }
  if (result.status === "onbekend" && result.missing_facts.length) {
    card.append(el("p", { className: "aw-label", text: "Uitzoeken" }),
      el("ul", { className: "aw-missing" }, result.missing_facts.map((factId) => el("li", { text: model.factsById[factId].question }))));
  }
  for (const warningId of result.warnings) {
    const warning = model.warnings[warningId] || { title: warningId, text: "" };
    card.append(el("div", { className: "admonition warning aw-warning", "data-warning": warningId },
      el("p", { className: "admonition-title", text: warning.title }), el("p", { text: warning.text })));
  }
  const facts = el("dl", { className: "aw-facts" });
  const legal = display.legal_basis.length
    ? display.legal_basis.map((basis) => el("span", { className: "aw-legal" },
        el("a", { href: basis.url, text: basis.label }),
        basis.verify ? " (nog te verifiëren)" : ""))
    : ["geen specifieke wettelijke grondslag"];
  const addFact = (label, ...value) => facts.append(el("div", {}, el("dt", { text: label }), el("dd", {}, ...value)));
  addFact("Wettelijke grondslag", ...legal.flatMap((item, index) => (index ? ["; ", item] : [item])));
  if (display.decider) addFact("Wie beslist", display.decider);
  if (display.addressee) addFact("Gericht tot", display.addressee);
  if (display.partners.length) addFact("Partners", display.partners.map((p) => p.name).join(", "));
  if (display.legal_review) {
    const review = display.legal_review;
    addFact("Juridisch getoetst", `${review.naam}, ${review.rol}, op ${review.datum}`);
  }
  card.append(facts);
  if (result.status === "aangewezen" || result.status === "eerst_andere_stappen") {
    card.append(el("details", { className: "aw-steps" }, el("summary", { text: "Volgende stappen" }),
      el("ol", {}, display.steps.map((step) => el("li", { text: step.text })))));
  }
  return card;
}

/** The outcome, grouped by status; "niet van toepassing" is folded away. */
export function fillOutcome(container, model, assessment, instrumentUrl) {
  container.replaceChildren();
  for (const status of model.statuses) {
    const results = assessment.instruments.filter((result) => result.status === status.id);
    if (!results.length) continue;
    const heading = el("h3", { className: "aw-group__title" }, `${status.label} (${results.length})`);
    const cards = results.map((result) => instrumentCard(model, result, instrumentUrl));
    const group = el("section", { className: `aw-group aw-group--${status.id}`, "data-group": status.id });
    if (status.id === "niet_van_toepassing") {
      group.append(el("details", { className: "aw-group__fold" },
        el("summary", {}, heading), el("p", { text: status.explanation }), cards));
    } else {
      group.append(heading, el("p", { className: "aw-group__explanation", text: status.explanation }), ...cards);
    }
    container.append(group);
  }
}

/** A self-contained HTML file of the decision record, for the dossier. */
export function decisionRecord(app, title) {
  const outcome = app.querySelector('[data-screen="uitkomst"]').cloneNode(true);
  outcome.querySelectorAll(".aw-no-print, [data-share], button").forEach((node) => node.remove());
  outcome.querySelectorAll("details").forEach((node) => node.setAttribute("open", ""));
  outcome.removeAttribute("hidden");
  const css = "body{font:11pt/1.45 system-ui,sans-serif;max-width:48em;margin:2em auto;color:#111}" +
    "h2{font-size:1.5em}h3{margin-top:1.5em;border-bottom:1px solid #999}h4{margin:1em 0 .2em}" +
    ".aw-instrument{border-left:4px solid #555;padding:.2em 1em;margin:1em 0;break-inside:avoid}" +
    ".aw-label{font-weight:bold;margin:.5em 0 0}.aw-facts div{display:flex;gap:1em}.aw-facts dt{font-weight:bold;min-width:10em}" +
    ".aw-summary__row{display:flex;gap:1em}.aw-summary__key{font-weight:bold;min-width:14em}.aw-summary dd{margin:0}" +
    ".aw-warning{border:1px solid #c60;padding:.2em .8em}.aw-visually-hidden{position:absolute;left:-9999px}";
  const doc = document.implementation.createHTMLDocument(title);
  doc.documentElement.lang = "nl";
  const meta = doc.createElement("meta");
  meta.setAttribute("charset", "utf-8");
  doc.head.prepend(meta);
  const style = doc.createElement("style");
  style.textContent = css;
  doc.head.append(style);
  doc.body.append(doc.importNode(outcome, true));
  return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML;
}
