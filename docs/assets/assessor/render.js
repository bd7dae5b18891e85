// Building the check-answers list and the outcome from the engine's data. Text is always set
// with textContent, so nothing from content or answers can run as HTML. Labels and the order
// of the statuses come from the model (content/statussen.yaml, content/feiten.yaml).
import { proportionalityPart } from "./proportionality.js";

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

/** Offer ``text`` as a download named ``name`` (nothing leaves the browser). */
export function saveFile(name, text, type) {
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** The answer to one fact as readable Dutch. */
export function answerText(model, fact, value) {
  const labels = model.answer_labels;
  if (value === "onbekend" || value === "ja" || value === "nee") return labels[value];
  const label = (id) => (fact.values.find((item) => item.id === id) || { label: id }).label;
  if (Array.isArray(value)) return value.length ? value.map(label).join("; ") : labels.geen;
  return label(value);
}

/** The <dl> rows of the answers; ``withChange`` adds a "Wijzig" button per answer. A
 *  municipality's edition adds the facts it answers itself, marked as such and not changeable. */
export function fillSummary(list, model, asked, answers, withChange) {
  list.replaceChildren();
  for (const [factId, value] of Object.entries(model.preset)) {
    const fact = model.factsById[factId];
    list.append(el("div", { className: "aw-summary__row aw-summary__row--preset", "data-preset": factId },
      el("dt", { className: "aw-summary__key", text: fact.short }),
      el("dd", { className: "aw-summary__value", text: `${answerText(model, fact, value)} (vastgesteld door de gemeente ${model.municipality.name})` })));
  }
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

/** The sources of the instrument's conditions about these facts: the article behind a reason.
 *  Two grounds of one article share its address but not its label (174a lid 1 onder b, onder
 *  c): a reason that rests on both names both. */
function reasonSources(display, facts) {
  const seen = new Set();
  const key = (source) => `${source.url} ${source.label}`;
  const sources = display.conditions
    .filter((condition) => condition.facts.some((fact) => facts.includes(fact)))
    .flatMap((condition) => condition.sources)
    .filter((source) => !seen.has(key(source)) && seen.add(key(source)));
  if (!sources.length) return null;
  return el("span", { className: "aw-source" }, " (",
    sources.flatMap((source, index) => [index ? "; " : "", el("a", { href: source.url, text: source.label })]), ")");
}

const CARD_PREFIX = "aw-kaart-";

/** A link to an instrument's card further down; it moves focus there without changing the URL. */
export function cardLink(model, id, text) {
  return el("a", { href: `#${CARD_PREFIX}${id}`, "data-card-link": id, text: text || model.instrumentsById[id].name });
}

/** A link to a place in the outcome (an element with ``id``), followed like a card link. */
export function placeLink(id, text) {
  return el("a", { href: `#${id}`, "data-place-link": id, text });
}

function statusBadge(model, statusId) {
  const status = model.statuses.find((item) => item.id === statusId);
  return el("span", { className: `aw-badge aw-badge--${statusId}` }, status.label);
}

function warningBox(model, warningId) {
  const warning = model.warnings[warningId] || { title: warningId, text: "" };
  return el("div", { className: "admonition warning aw-warning", "data-warning": warningId },
    el("p", { className: "admonition-title", text: warning.title }), el("p", { text: warning.text }));
}

function warningPointer(model, warningId) {
  const warning = model.warnings[warningId] || { title: warningId };
  return el("p", { className: "aw-warning-ref", "data-warning": warningId },
    el("strong", { text: "Let op: " }), placeLink(PLAN_ID, warning.title), " (staat bij het stappenplan).");
}

/** "Wat betekent …?" for each glossary term in the texts (content/begrippen.yaml). */
function explainTerms(model, ...texts) {
  const glossary = model.glossary || {};
  const escape = (term) => term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const found = Object.keys(glossary).filter((term) =>
    texts.some((text) => text && new RegExp(`(^|[^\\p{L}])${escape(term)}($|[^\\p{L}])`, "iu").test(text)));
  return found.map((term) => el("details", { className: "aw-term" },
    el("summary", { text: `Wat betekent ‘${term}’?` }), el("p", { text: glossary[term] })));
}

/** A local contact as one line: organisation, phone, e-mail, opening hours, website. */
function contactText(contact) {
  return [contact.organisation, contact.phone && `telefoon ${contact.phone}`, contact.email && `e-mail ${contact.email}`,
    contact.hours && `open ${contact.hours}`, contact.website].filter(Boolean).join(", ");
}

function legalFacts(display, municipality) {
  const facts = el("dl", { className: "aw-facts" });
  const legal = display.legal_basis.length
    ? display.legal_basis.map((basis) => el("span", { className: "aw-legal" },
        el("a", { href: basis.url, text: basis.label }), basis.verify ? " (nog te verifiëren)" : ""))
    : ["geen specifieke wettelijke grondslag"];
  const addFact = (label, ...value) => facts.append(el("div", {}, el("dt", { text: label }), el("dd", {}, ...value)));
  if (display.local_basis) {
    const local = display.local_basis;
    legal.push(el("span", { className: "aw-legal" }, local.url ? el("a", { href: local.url, text: local.label }) : local.label));
  }
  addFact("Wettelijke grondslag", ...legal.flatMap((item, index) => (index ? ["; ", item] : [item])));
  if (display.decider) addFact("Wie beslist", display.decider);
  if (display.addressee) addFact("Gericht tot", display.addressee);
  if (display.partners.length) {
    const contacts = municipality ? municipality.contacts : {};
    addFact("Partners", display.partners.map((p) => {
      const local = contacts[p.id];
      return local && local.organisation ? `${p.name} (in ${municipality.name}: ${contactText(local)})` : p.name;
    }).join(", "));
  }
  if (display.legal_review) {
    const review = display.legal_review;
    addFact("Juridisch getoetst", `${review.naam}, ${review.rol}, op ${review.datum}`);
  }
  return facts;
}

/** What the dossier must show: on the instrument page, and printed with the record. */
function dossierPart(display, url) {
  const dossier = display.dossier;
  if (!dossier || !dossier.items.length) return null;
  return el("details", { className: "aw-dossier aw-print-open", "data-dossier": "" },
    el("summary", { text: "Wat uw dossier moet laten zien" }),
    dossier.intro ? el("p", { text: dossier.intro }) : null,
    el("ul", {}, dossier.items.map((item) => el("li", { text: item.text, className: item.screen_only ? "aw-no-print" : null }))),
    el("p", {}, el("a", { href: `${url}#dossier`, text: "De checklist met bronnen op de pagina van het instrument" })));
}

function instrumentCard(model, result, instrumentUrl, plan, answers) {
  const instrument = model.instrumentsById[result.id];
  const display = instrument.display;
  const url = instrumentUrl.replace("{id}", encodeURIComponent(result.id));
  // Only the steps that fit the case (the engine leaves out a step whose condition is false).
  const steps = result.steps ? result.steps.map((index) => display.steps[index]) : display.steps;
  const card = el("article", {
    className: `aw-instrument aw-instrument--${result.status}`, id: `${CARD_PREFIX}${result.id}`, tabindex: "-1",
    "data-instrument": result.id, "data-status": result.status,
  });
  card.append(el("h4", { className: "aw-instrument__name" }, el("a", { href: url, text: instrument.name }), " ", statusBadge(model, result.status)));
  // What the instrument is, then what to weigh first, then what to do.
  card.append(el("p", { className: "aw-instrument__summary", text: display.summary }));
  // A warning that heads the step plan is written there in full; the card points to it.
  for (const warningId of result.warnings) {
    card.append(plan.waarschuwingen.includes(warningId) ? warningPointer(model, warningId) : warningBox(model, warningId));
  }
  if (result.status === "aangewezen") {
    card.append(el("p", { className: "aw-label", text: "Wat u nu doet" }),
      el("ol", { className: "aw-steps" }, steps.map((step) => el("li", { text: step.text }))));
  } else if (result.status === "eerst_andere_stappen") {
    card.append(el("p", { className: "aw-label", text: "Wat eerst moet" }), el("p", { className: "aw-first", text: instrument.first_steps }),
      el("details", { className: "aw-later-steps" }, el("summary", { text: "De stappen daarna" }),
        el("ol", { className: "aw-steps" }, steps.map((step) => el("li", { text: step.text })))));
  } else if (result.missing_facts.length) {
    card.append(el("p", { className: "aw-label", text: "Hangt nog af van" }),
      el("p", { className: "aw-missing", text: result.missing_facts.map((id) => model.factsById[id].short).join("; ") + "." }));
  }
  if (result.status === "aangewezen" || result.status === "eerst_andere_stappen") {
    const parts = [dossierPart(display, url), proportionalityPart(model, result.id, answers, url)];
    card.append(...parts.filter(Boolean));
  }
  if (result.reasons.length) {
    card.append(el("p", { className: "aw-label", text: "Waarom" }),
      el("ul", { className: "aw-reasons" }, result.reasons.map((reason, index) =>
        el("li", {}, reason, reasonSources(display, (result.reason_facts || [])[index] || [])))));
  }
  card.append(legalFacts(display, model.municipality), ...explainTerms(model, display.addressee, display.decider));
  return card;
}

/** "Niet van toepassing" as one line per instrument: its name and the first reason. */
/** "Er is ..." as it continues a sentence ("..., want er is ..."); "APV ..." stays as it is. */
const continuing = (text) => (/^[A-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1));

/** What does not fit, one sentence each, as an officer would write it: "Buurtbemiddeling past
 *  niet, want er is sprake van eenzijdig treiteren." (the first reason decides). */
function notApplicableList(model, results, instrumentUrl) {
  return el("ul", { className: "aw-not-applicable" }, results.map((result) => {
    const instrument = model.instrumentsById[result.id];
    const url = instrumentUrl.replace("{id}", encodeURIComponent(result.id));
    return el("li", { id: `${CARD_PREFIX}${result.id}`, "data-instrument": result.id, "data-status": result.status },
      el("a", { href: url, text: instrument.name }), result.reasons.length ? ` past niet, want ${continuing(result.reasons[0])}` : " past niet.");
  }));
}

/** The instruments in the step plan's order (nu, daarna, als dat niet werkt), the rest after
 *  them in the model's order. */
export function inPlanOrder(results, plan) {
  const order = [...plan.nu, ...plan.daarna, ...plan.als_dat_niet_werkt, ...(plan.voor_de_melder || [])];
  const rank = (result) => (order.includes(result.id) ? order.indexOf(result.id) : order.length);
  return [...results].sort((a, b) => rank(a) - rank(b));
}

/** The outcome, grouped by status in the model's order, each group's cards in the step plan's
 *  order; "niet van toepassing" as short lines. ``answers`` are this case's, for the
 *  proportionality factors. */
export function fillOutcome(container, model, assessment, instrumentUrl, plan, answers = {}) {
  container.replaceChildren();
  const nothingFits = fitsNothing(assessment); // then the reasons are open (see fillOverview)
  for (const status of model.statuses) {
    const results = inPlanOrder(assessment.instruments.filter((result) => result.status === status.id), plan);
    if (!results.length) continue;
    const heading = el("h3", { className: "aw-group__title" }, `${status.label} (${results.length})`);
    const group = el("section", { className: `aw-group aw-group--${status.id}`, "data-group": status.id });
    if (status.id === "niet_van_toepassing") {
      group.append(el("details", { className: "aw-group__fold aw-print-open", open: nothingFits },
        el("summary", {}, heading), el("p", { text: status.explanation }), notApplicableList(model, results, instrumentUrl)));
    } else {
      group.append(heading, el("p", { className: "aw-group__explanation", text: status.explanation }),
        ...explainTerms(model, status.label), ...results.map((result) => instrumentCard(model, result, instrumentUrl, plan, answers)));
    }
    container.append(group);
  }
}

/** The escalation ladder with this case's instruments on it, by status (text and shape). */
function ladderFigure(model, assessment) {
  const statusOf = Object.fromEntries(assessment.instruments.map((result) => [result.id, result.status]));
  const ladder = model.ladder;
  const part = (item, className) => {
    const shown = item.instruments.filter((id) => statusOf[id] && statusOf[id] !== "niet_van_toepassing");
    return el("li", { className: `aw-rung ${className} aw-rung--level-${item.level}`, "data-rung": item.id },
      el("span", { className: "aw-rung__title" }, item.title),
      shown.length
        ? el("ul", { className: "aw-rung__items" }, shown.map((id) =>
            el("li", {}, el("a", { href: `#${CARD_PREFIX}${id}`, "data-card-link": id, className: `aw-badge aw-badge--${statusOf[id]}` },
              model.instrumentsById[id].name, el("span", { className: "aw-badge__status" },
                `: ${model.statuses.find((s) => s.id === statusOf[id]).label.toLowerCase()}`)))))
        : el("span", { className: "aw-rung__none", text: "niets voor deze casus" }));
  };
  return el("figure", { className: "aw-ladder", "data-ladder": "" },
    el("figcaption", { text: "Van licht (boven) naar zwaar (onder)" }),
    el("ol", { className: "aw-ladder__rungs" }, part(ladder.first, "aw-rung--first"),
      ...ladder.rungs.map((rung) => part(rung, "aw-rung--step"))),
    ladder.tracks.length
      ? el("ul", { className: "aw-ladder__tracks", "aria-label": "Sporen naast de ladder" },
          ladder.tracks.map((track) => part(track, "aw-rung--track")))
      : null);
}

/** Where the plan and the list of what to find out are, for links from the top of the outcome. */
export const PLAN_ID = "aw-stappenplan";
export const TO_FIND_OUT_ID = "aw-uitzoeken";

const PLAN = [
  ["nu", "Nu"],
  ["daarna", "Daarna"],
  ["als_dat_niet_werkt", "Als dat niet werkt"],
];

/** What the plan says under a phase with nothing in it: after something fits, plainly that nothing
 *  heavier does. */
function emptyPhase(key, plan) {
  const heavier = key === "als_dat_niet_werkt" && (plan.nu.length || plan.daarna.length);
  return heavier ? "Op de ladder past bij deze casus geen zwaarder middel." : "Niets.";
}

function stepPlan(model, state) {
  const plan = state.plan;
  const statusOf = Object.fromEntries(state.assessment.instruments.map((result) => [result.id, result.status]));
  const section = el("section", { className: "aw-plan", "data-plan": "", id: PLAN_ID, tabindex: "-1" }, el("h3", { text: "Stappenplan" }));
  for (const warningId of plan.waarschuwingen) section.append(warningBox(model, warningId));
  const phases = el("ol", { className: "aw-plan__phases" });
  for (const [key, title] of PLAN) {
    const ids = plan[key];
    phases.append(el("li", { className: "aw-plan__phase", "data-phase": key }, el("h4", { text: title }),
      ids.length
        ? el("ul", {}, ids.map((id) => {
            const display = model.instrumentsById[id].display;
            return el("li", {}, cardLink(model, id), display.decider ? el("span", { className: "aw-plan__who", text: ` (wie: ${display.decider})` }) : null,
              statusOf[id] === "onbekend" ? el("span", { className: "aw-plan__open", text: " – past misschien; zoek eerst uit wat bij het instrument staat" }) : null);
          }))
        : el("p", { className: "aw-plan__none", text: emptyPhase(key, plan) })));
  }
  const own = plan.voor_de_melder || [];
  section.append(phases,
    el("p", { className: "aw-plan__rule", text: "Zo is het plan gemaakt: eerst veiligheid; dan wat nu past op de laagste trede van de ladder; "
      + "daarna wat nu al past op hogere treden; en als dat niet werkt, wat later kan passen of wat op een zwaardere trede nog kan passen." }));
  if (own.length) {
    section.append(el("div", { className: "aw-plan__complainant", "data-plan-complainant": "" },
      el("h4", { text: "Wat de melder zelf kan doen" }),
      el("p", { text: "Dit is geen stap van de gemeente. U kunt de melder erop wijzen." }),
      el("ul", {}, own.map((id) => el("li", {}, cardLink(model, id))))));
  }
  return section;
}

function toFindOut(model, state) {
  if (!state.to_find_out.length) return null;
  return el("section", { className: "aw-to-find-out", "data-to-find-out": "", id: TO_FIND_OUT_ID, tabindex: "-1" },
    el("h3", { text: "Dit moet u nog uitzoeken" }),
    el("ul", {}, state.to_find_out.map((item) => el("li", { "data-fact": item.fact, id: `${TO_FIND_OUT_ID}-${item.fact}`, tabindex: "-1" },
      model.factsById[item.fact].question, " ",
      el("span", { className: "aw-to-find-out__for" }, "Nodig om te bepalen of dit past: ",
        ...item.instruments.flatMap((id, index) => [index ? ", " : "", cardLink(model, id)]), ".")))));
}

export function fitsNothing(assessment) {
  return assessment.instruments.every((result) => result.status === "niet_van_toepassing");
}

/** The overview above the cards: the step plan, what is still to find out, and the ladder
 *  picture folded. When nothing fits, that is said first, rather than a plan of "niets". */
export function fillOverview(container, model, state) {
  const nothing = fitsNothing(state.assessment)
    ? el("p", { className: "aw-nothing-fits aw-print-only", "data-nothing-fits": "" }, // on screen "In het kort" says it
        "Bij deze antwoorden past geen van de instrumenten. Verderop staat per instrument waarom niet.")
    : "";
  const ladder = el("details", { className: "aw-ladder-fold" },
    el("summary", { text: "Waar deze casus staat op de escalatieladder" }), ladderFigure(model, state.assessment));
  container.replaceChildren(nothing, stepPlan(model, state), toFindOut(model, state) || "", ladder);
}

/** The outcome as it goes into the dossier: a copy without buttons and what is not printed, its
 *  folds open and its links within the page gone. The HTML and the Word file are made from it. */
export function recordOutcome(app) {
  const outcome = app.querySelector('[data-screen="uitkomst"]').cloneNode(true);
  outcome.querySelectorAll(".aw-no-print, [data-share], button").forEach((node) => node.remove());
  outcome.querySelectorAll("[data-card-link], [data-place-link]").forEach((node) => node.removeAttribute("href"));
  outcome.querySelectorAll("details").forEach((node) => node.setAttribute("open", ""));
  outcome.removeAttribute("hidden");
  return outcome;
}

/** A self-contained HTML file of the decision record, for the dossier. */
export function decisionRecord(app, title) {
  const outcome = recordOutcome(app);
  const css = "body{font:11pt/1.45 system-ui,sans-serif;max-width:48em;margin:2em auto;color:#111}" +
    "h2{font-size:1.5em}h3{margin-top:1.5em;border-bottom:1px solid #999}h4{margin:1em 0 .2em}" +
    ".aw-instrument{border-left:4px solid #555;padding:.2em 1em;margin:1em 0;break-inside:avoid}" +
    ".aw-label{font-weight:bold;margin:.5em 0 0}.aw-facts div{display:flex;gap:1em}.aw-facts dt{font-weight:bold;min-width:10em}" +
    ".aw-summary__row{display:flex;gap:1em}.aw-summary__key{font-weight:bold;min-width:14em}.aw-summary dd{margin:0}" +
    ".aw-warning{border:1px solid #c60;padding:.2em .8em}.aw-visually-hidden{position:absolute;left:-9999px}" +
    ".aw-rung__title{display:block;font-weight:bold}.aw-rung__none{color:#555}";
  const doc = document.implementation.createHTMLDocument(title);
  doc.documentElement.lang = "nl";
  const meta = doc.createElement("meta");
  meta.setAttribute("charset", "utf-8");
  doc.head.prepend(meta);
  doc.body.append(doc.importNode(outcome, true));
  // The style goes in as text: a <style> element made here would fall under this page's policy,
  // which allows no inline style (the browser reports a violation, though the file keeps it).
  return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML.replace("</head>", `<style>${css}</style></head>`);
}
