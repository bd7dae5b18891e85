// Never lose a case: the glue between the interview and the places a case is kept. app.js calls
// it at a handful of points (begin, changed, shown, forget, ready, restore); everything else
// (the tab's session in session.js, saved cases in cases.js and cases-ui.js, the record fields
// in record.js) stays behind this one object.
//
// The tab's case is stored after every change: the answers, the trail of screens (trail.js)
// and where the officer is. On a return to the page (a reload, a sidebar or footer link, Back
// from an instrument page) without a share link in the URL, the answers are checked and
// replayed by the engine and the same screen is shown again; until the engine is ready the
// first question stays usable, with a short "Uw casus wordt hersteld".

import { checkAnswers, removedSentence } from "./answers-check.js";
import { createCasesUi } from "./cases-ui.js";
import { clearRecord, recordValues, setRecord, showRecord } from "./record.js";
import { createSessionStore } from "./session.js";
import { hashIndex } from "./trail.js";


/** The screen ``step`` if the engine's state allows it now, else the first one it does. Question
 *  screens are stored by their id (a fact or a group) and rebuilt with ``nav.questionStep``. */
function reachable(step, state, nav) {
  const next = state.next ? nav.questionStep(state.screen) : { screen: "controle" };
  if (step.screen === "vraag") {
    return nav.askedScreens(state).includes(step.id) || step.id === state.screen ? nav.questionStep(step.id) : next;
  }
  return state.next ? next : step;
}

/** A fresh trail that ends on (or as near as the answers allow to) ``target``. */
function trailTo(target, state, first, nav) {
  const screens = nav.askedScreens(state);
  const asked = screens.map((id) => nav.questionStep(id));
  const end = state.next ? [nav.questionStep(state.screen)] : [{ screen: "controle" }];
  let steps;
  if (target.screen === "vraag" && screens.includes(target.id)) steps = asked.slice(0, screens.indexOf(target.id) + 1);
  else if (target.screen === "uitkomst" && !state.next) steps = [...asked, ...end, { screen: "uitkomst" }];
  else steps = [...asked, ...end];
  if (!steps.length || steps[0].screen !== "vraag" || steps[0].id !== first) steps.unshift(nav.questionStep(first));
  return steps;
}

export function createCasework(app, { interview, screens, trail, open, restart, nav }) {
  const first = app.dataset.first;
  const session = createSessionStore(location.pathname);
  const status = app.querySelector("[data-restoring]");
  let pending = null; // the stored case, until the engine has taken its answers over
  let anchor = null; // the instrument whose link the officer followed from the outcome
  let markReady;
  const ctx = {
    model: null,
    engine: null,
    engineReady: new Promise((resolve) => (markReady = resolve)),
    caseId: null, // the saved case (cases.js) the tab's case belongs to, if any
    currentAnswers: () => (pending ? { ...pending.answers, ...interview.answers } : interview.answers),
  };

  function save() {
    session.write({ answers: ctx.currentAnswers(), ...trail.snapshot(), caseId: ctx.caseId, anchor });
  }

  function setStatus(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  const ui = createCasesUi(app, { ctx, interview, screens, open, saveSession: save });

  // Following a guidance link from the outcome: Back lands on that card again.
  app.addEventListener("click", (event) => {
    const link = event.target.closest("[data-instrument] a[href]");
    if (!link || !app.contains(link)) return;
    anchor = link.closest("[data-instrument]").dataset.instrument;
    save();
  });

  return {
    /** At mount without a share link: the tab's stored case, or null. Shows the first question
     *  with its stored answer and "Uw casus wordt hersteld" until restore() runs. */
    begin() {
      const stored = session.read();
      if (!stored) return null;
      pending = stored;
      ctx.caseId = stored.caseId;
      anchor = stored.anchor;
      // The record fields outlive instant navigation in memory; after a reload only a saved
      // case still has them.
      const saved = ctx.caseId ? ui.savedCase(ctx.caseId) : null;
      if (!saved) ctx.caseId = null;
      else if (!Object.values(recordValues()).some(Boolean)) setRecord(saved);
      showRecord(app);
      ui.refresh();
      setStatus("Uw casus wordt hersteld. U gaat zo verder waar u was.");
      const form = app.querySelector(`[data-question-slot] form[data-fact="${CSS.escape(first)}"]`);
      if (form) screens.fill(form, stored.answers);
      return stored;
    },

    /** An answer was given before the engine was ready: keep it (with the stored case). */
    changed() {
      setStatus("");
      save();
    },

    /** Every screen shown: store where the officer is; on the outcome, the record fields and
     *  what changed since the case was saved. */
    shown(step) {
      if (interview.ready) pending = null;
      anchor = null;
      setStatus("");
      save();
      if (step.screen === "uitkomst" && interview.state) ui.outcomeShown(interview.state);
    },

    /** A new case (Nieuwe casus, a share link): the tab's case and its record fields go. */
    forget() {
      session.clear();
      pending = null;
      anchor = null;
      ctx.caseId = null;
      clearRecord();
      showRecord(app);
      setStatus("");
      ui.refresh();
    },

    ready(model, engine) {
      ctx.model = model;
      ctx.engine = engine;
      markReady();
      ui.ready();
    },

    /** Put the stored case back (the engine is ready and holds its answers): the screen the
     *  URL's history entry stands for, or else the one the officer was on. */
    async restore(stored) {
      const card = anchor;
      const checked = await checkAnswers(ctx.engine, ctx.model, interview.answers);
      if (checked.error) {
        restart(`Uw casus kon niet worden hersteld: ${checked.error} U begint met een nieuwe casus.`);
        return;
      }
      interview.replace(checked.answers);
      const state = await interview.replay();
      if (state.error) {
        restart(`Uw casus kon niet worden hersteld: ${state.error} U begint met een nieuwe casus.`);
        return;
      }
      pending = null;
      const index = hashIndex(location.hash);
      const onEntry = index >= 0 && Boolean(stored.steps[index]) && (index > 0 || stored.position === 0);
      const full = (step) => (step.screen === "vraag" ? nav.questionStep(step.id) : step);
      const steps = onEntry ? stored.steps.map(full) : trailTo(stored.steps[stored.position], state, first, nav);
      const position = onEntry ? index : steps.length - 1;
      trail.restore(steps, position, { rebuild: !onEntry });
      const step = reachable(steps[position], state, nav);
      trail.go(step, { push: false, focus: true });
      setStatus("Uw casus is hersteld: u bent terug waar u was.");
      if (checked.removed.length) {
        screens.notice(`De huidige inhoud van de tool kent niet alle antwoorden van uw casus meer. Weggelaten: ` +
          `${removedSentence(checked.removed)}. De andere antwoorden zijn gebleven; controleer ze.`);
      }
      const link = step.screen === "uitkomst" && card
        ? app.querySelector(`[data-outcome] [data-instrument="${CSS.escape(card)}"] a[href]`) : null;
      if (link) link.focus();
    },
  };
}
