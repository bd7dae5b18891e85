// The case in this browser tab (sessionStorage): the answers, the trail of screens and where the
// officer is, so a reload, a sidebar link or Back from an instrument page never loses a case.
// sessionStorage belongs to the tab and is gone when the tab closes; nothing is written to
// localStorage here. The record fields (kenmerk, behandelaar, datum) are never stored here:
// only the id of the saved case they belong to, if the officer saved it.

import { ID } from "./share.js";
import { readJson, remove, storageKey, writeJson } from "./storage.js";

const SCREENS = new Set(["vraag", "controle", "uitkomst"]);
const MAX_STEPS = 400;

function validStep(step) {
  if (!step || typeof step !== "object" || !SCREENS.has(step.screen)) return false;
  return step.screen !== "vraag" || (typeof step.id === "string" && ID.test(step.id));
}

/** The stored case in a usable shape, or null: a damaged entry is ignored, never trusted. */
function validate(data) {
  if (!data || typeof data !== "object" || data.versie !== 1) return null;
  const { answers, steps, position } = data;
  if (!answers || typeof answers !== "object" || Array.isArray(answers) || !Object.keys(answers).length) return null;
  if (!Array.isArray(steps) || !steps.length || steps.length > MAX_STEPS || !steps.every(validStep)) return null;
  if (!Number.isInteger(position) || position < 0 || position >= steps.length) return null;
  return {
    answers,
    steps: steps.map((step) => (step.screen === "vraag" ? { screen: "vraag", id: step.id } : { screen: step.screen })),
    position,
    caseId: typeof data.caseId === "string" ? data.caseId : null,
    anchor: typeof data.anchor === "string" && ID.test(data.anchor) ? data.anchor : null,
  };
}

export function createSessionStore(pathname) {
  const key = storageKey("casus", pathname);
  return {
    read() {
      return validate(readJson("session", key));
    },
    /** Store the tab's case; a case without answers is no case: the entry is removed. */
    write({ answers, steps, position, caseId = null, anchor = null }) {
      if (!answers || !Object.keys(answers).length) {
        remove("session", key);
        return;
      }
      // A trail longer than any real interview keeps only where the officer is; the restore then
      // makes a fresh trail to that screen.
      const long = steps.length > MAX_STEPS;
      writeJson("session", key, {
        versie: 1, answers, steps: long ? [steps[position]] : steps, position: long ? 0 : position, caseId, anchor,
      });
    },
    clear() {
      remove("session", key);
    },
  };
}
