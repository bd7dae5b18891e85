// The top of the outcome, "In het kort": what to do now (the step plan's "nu"), what to watch out
// for (the warnings) and what is still to find out, a few lines that each link to the card or the
// place below that says more. The officer sees what to do on the first screen, with the actions
// under it, and reads on only for the reasons. Nothing here decides: it all comes from the
// engine's plan (assessor/plan.py) and assessment.

import { PLAN_ID, TO_FIND_OUT_ID, cardLink, el, fitsNothing, inPlanOrder, placeLink } from "./render.js";

/** Questions still to find out named on top; the list below has them all. */
const FIND_OUT_SHOWN = 3;
/** Steps after "nu" named on top when there are this many or fewer. */
const THEN_NAMED = 2;

/** "a, b en c" of nodes or strings. */
function joined(items) {
  return items.flatMap((item, index) => [index === 0 ? "" : index === items.length - 1 ? " en " : ", ", item]);
}

/** One row of the list: a label and its lines (a list), or one sentence. */
function row(hook, label, lines) {
  return el("div", { className: `aw-in-short__row aw-in-short__row--${hook}`, [`data-${hook}`]: "" },
    el("dt", { text: label }),
    el("dd", {}, typeof lines === "string" ? lines : el("ul", {}, lines.map((line) => el("li", {}, line)))));
}

/** Each warning once: a warning for the whole plan links to the plan, where it stands first; a
 *  warning of some instruments links to the first of their cards, in the plan's order. */
function warningLines(model, state) {
  const carriers = {};
  for (const result of inPlanOrder(state.assessment.instruments, state.plan)) {
    if (result.status === "niet_van_toepassing") continue;
    for (const id of result.warnings) (carriers[id] = carriers[id] || []).push(result.id);
  }
  const title = (id) => (model.warnings[id] || { title: id }).title;
  const planWide = state.plan.waarschuwingen.map((id) => placeLink(PLAN_ID, title(id)));
  const others = Object.keys(carriers).filter((id) => !state.plan.waarschuwingen.includes(id)).map((id) =>
    el("span", {}, cardLink(model, carriers[id][0], title(id)),
      el("span", { className: "aw-in-short__where" }, " bij ",
        ...joined(carriers[id].map((instrument) => model.instrumentsById[instrument].name)))));
  return [...planWide, ...others];
}

/** The first questions still to find out, each linking to its place in the list below (which
 *  names the cards it decides), and how many more there are: one line. */
function findOutLine(model, state) {
  const items = state.to_find_out;
  const named = items.slice(0, FIND_OUT_SHOWN).map((item) =>
    placeLink(`${TO_FIND_OUT_ID}-${item.fact}`, model.factsById[item.fact].short));
  const more = items.length - named.length;
  if (more) named.push(placeLink(TO_FIND_OUT_ID, `nog ${more} ${more === 1 ? "vraag" : "vragen"}`));
  return el("span", {}, ...joined(named));
}

/** What comes after "nu": a step or two by name, more as a count; the plan below has them all,
 *  and after them what the complainant can do himself (only pointed to here). */
function thenLine(model, plan) {
  const later = plan.daarna.length + plan.als_dat_niet_werkt.length;
  if (!later && (plan.voor_de_melder || []).length) {
    return el("span", {}, "Geen stap van de gemeente. ", placeLink(PLAN_ID, "Wat de melder zelf kan doen"), " staat bij het stappenplan.");
  }
  if (!later) return null;
  if (plan.daarna.length > THEN_NAMED || !plan.daarna.length) {
    return placeLink(PLAN_ID, `nog ${later} ${later === 1 ? "stap" : "stappen"}: zie het stappenplan`);
  }
  return el("span", {}, ...joined(plan.daarna.map((id) => cardLink(model, id))), " (",
    placeLink(PLAN_ID, later > plan.daarna.length ? "en meer in het stappenplan" : "zie het stappenplan"), ")");
}

/** "In het kort" for the engine's ``state`` of a finished interview. */
export function fillInShort(container, model, state) {
  const rows = [];
  if (fitsNothing(state.assessment)) {
    rows.push(row("now", "Nu", "Bij deze antwoorden past geen van de instrumenten. Hieronder staat per instrument waarom niet."));
  } else if (state.plan.nu.length) {
    rows.push(row("now", "Nu", state.plan.nu.map((id) => cardLink(model, id))));
  } else {
    rows.push(row("now", "Nu", "Nog geen instrument past zeker. Zoek eerst uit wat hieronder staat."));
  }
  const warnings = warningLines(model, state);
  if (warnings.length) rows.push(row("watch", "Let op", warnings));
  if (state.to_find_out.length) rows.push(row("find-out", "Nog uitzoeken", [findOutLine(model, state)]));
  const then = thenLine(model, state.plan);
  if (then) rows.push(row("then", "Daarna", [then]));
  container.replaceChildren(el("section", { className: "aw-in-short", "aria-labelledby": "aw-in-short-title" },
    el("h3", { id: "aw-in-short-title", text: "In het kort" }), el("dl", { className: "aw-in-short__list" }, rows)));
}
