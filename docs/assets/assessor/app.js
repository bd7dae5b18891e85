// "Beoordeel uw casus": one question per screen, check your answers, then the outcome.
// This module wires the parts together: the interview (interview.js) asks the engine, the
// trail (trail.js) makes each screen a history entry, the screens (screens.js) show it, and
// the actions (actions.js) print, download and share, and the casework (casework.js) keeps the
// case in the tab and saves cases in this browser. It runs on every page (instant navigation)
// and mounts where #aw-app exists.

import { createActions } from "./actions.js";
import { createCasework } from "./casework.js";
import { EngineUnavailable, startEngine } from "./engine-client.js";
import { createInterview } from "./interview.js";
import { createScreens } from "./screens.js";
import { decodeAnswers, hasSharedAnswers } from "./share.js";
import { readJson, storageKey, writeJson } from "./storage.js";
import { createTrail, hashIndex } from "./trail.js";

function mount(app) {
  if (!app || app.dataset.mounted) return;
  app.dataset.mounted = "1";
  const interview = createInterview();
  const screens = createScreens(app);
  const pagePath = location.pathname;
  let model = null; // describe(): facts, instruments, statuses, warnings, answer labels
  let pendingSubmit = false;
  let initial = null; // answers from a share link or the first form, used once the engine is ready
  let initialAfter = "vraag";

  function show(step, { focus }) {
    if (step.screen === "vraag") screens.question(step, interview.answers, { focus });
    else if (step.screen === "controle") screens.check(model, interview.state, interview.answers, { focus });
    else screens.outcome(model, interview.state, interview.answers, { focus });
    casework.shown(step); // [casussen] store where the officer is
    performance.mark("aw:scherm"); // with aw:antwoord: the latency an officer feels (benchmark)
  }
  const firstStep = { screen: "vraag", id: app.dataset.first, facts: [app.dataset.first], number: 1, remaining: null };
  const trail = createTrail(firstStep, pagePath, show);

  /** The screens the asked facts took, in order, as the engine grouped them: {id, facts}. */
  const screensAsked = () => (interview.state ? interview.state.asked_screens : []);

  /** The ids of the asked screens of ``state`` (an engine's answer to the interview). */
  const askedScreens = (state) => state.asked_screens.map((screen) => screen.id);

  /** The question step that shows ``screenId``: the engine's next screen, or one answered before. */
  function questionStep(screenId) {
    const state = interview.state;
    if (state && state.screen === screenId) {
      return { screen: "vraag", id: screenId, facts: state.screen_facts, number: state.step, remaining: state.remaining };
    }
    const before = screensAsked();
    const index = before.findIndex((screen) => screen.id === screenId);
    return { screen: "vraag", id: screenId, facts: index >= 0 ? before[index].facts : [screenId],
             number: (index >= 0 ? index : before.length) + 1, remaining: null };
  }

  /** The asked screen that holds ``factId`` (a "Wijzig" button names the fact). */
  const screenWith = (factId) => (screensAsked().find((screen) => screen.facts.includes(factId)) || { id: factId }).id;

  // [casussen] The case in this tab and the cases saved in this browser.
  const casework = createCasework(app, { interview, screens, trail, open: (answers) => useAnswers(answers, "uitkomst"), restart,
                                        nav: { questionStep, askedScreens } });
  let restoring = null; // the tab's stored case, put back once the engine is ready

  // While the engine works out the next screen, #aw-app is aria-busy (also a hook for tools that
  // drive the page: the screen shown may still be the one just answered).
  async function advance({ after = "vraag" } = {}) {
    app.setAttribute("aria-busy", "true");
    let result;
    try {
      result = await interview.replay();
    } finally {
      app.removeAttribute("aria-busy");
    }
    if (result.error) {
      restart(`Deze antwoorden kunnen niet worden gebruikt: ${result.error} U begint opnieuw.`);
      return;
    }
    if (result.next) trail.go(questionStep(result.screen));
    else trail.go({ screen: after === "uitkomst" ? "uitkomst" : "controle" });
  }

  function restart(message) {
    casework.forget(); // [casussen]
    restoring = null;
    interview.reset();
    screens.notice(message || "");
    if (interview.ready) advance();
    else trail.go(firstStep, { push: false, focus: false });
  }

  async function useAnswers(given, after) {
    interview.replace(given);
    if (interview.ready) await advance({ after });
  }

  async function onSubmit(form) {
    performance.mark("aw:antwoord");
    const { values, errors } = screens.read(form);
    screens.formErrors(form, errors);
    if (errors.length) return;
    screens.notice("");
    for (const [factId, value] of Object.entries(values)) interview.answer(factId, value);
    if (!interview.ready) {
      casework.changed(); // [casussen]
      pendingSubmit = true;
      app.setAttribute("aria-busy", "true"); // until the engine is ready and has answered
      screens.loading(true);
      screens.announce("De beoordeling wordt geladen. Uw antwoord is bewaard.");
      return;
    }
    await advance();
  }

  const actions = createActions(app, { interview, screens });

  // Events --------------------------------------------------------------------------------
  app.addEventListener("submit", (event) => {
    const form = event.target.closest("form.aw-question");
    if (!form) return;
    event.preventDefault();
    onSubmit(form);
  });
  app.addEventListener("change", (event) => {
    const input = event.target;
    const form = input.closest("form.aw-question");
    if (input.type === "checkbox" && input.checked) {
      // "Geen van deze" and "weet ik niet" exclude the other choices, and the other way round.
      for (const other of form.querySelectorAll(`input[type="checkbox"][name="${CSS.escape(input.name)}"]`)) {
        if (other !== input && (input.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive"))) other.checked = false;
      }
    }
    // The screen complete as chosen: ask the engine ahead (interview.js), so Volgende answers at once.
    if (form) {
      const { values, errors } = screens.read(form);
      if (!errors.length) interview.ahead(values);
    }
  });
  app.addEventListener("click", (event) => {
    // In-page links (to a card or a place in the outcome, or from the error summary to its
    // question) move focus and scroll without touching the URL: the URL's fragment belongs to
    // the history trail.
    const local = event.target.closest("a[data-card-link], a[data-place-link], a[data-error-link]");
    if (local && app.contains(local)) {
      event.preventDefault();
      event.stopPropagation(); // the theme's instant navigation would still follow the fragment
      const goal = local.dataset.cardLink
        ? app.querySelector(`#aw-kaart-${CSS.escape(local.dataset.cardLink)}`)
        : local.dataset.placeLink
          ? app.querySelector(`#${CSS.escape(local.dataset.placeLink)}`)
          : app.querySelector(`[data-question-slot] input[name="${CSS.escape(local.dataset.errorLink)}"]`);
      if (goal) {
        goal.scrollIntoView({ block: "start" });
        goal.focus();
      }
      return;
    }
    const target = event.target.closest("[data-action]");
    if (!target || !app.contains(target)) return;
    const action = target.dataset.action;
    if (action === "geen-van-deze") {
      // Every question on this screen answered "nee", then on to the next screen.
      const form = target.closest("form");
      for (const input of form.querySelectorAll('input[type="radio"][value="nee"]')) input.checked = true;
      form.requestSubmit();
      return;
    }
    if (action === "vorige") {
      event.preventDefault();
      history.back();
    } else if (action === "wijzig") {
      trail.go(questionStep(screenWith(target.dataset.fact)));
    } else if (action === "bekijk-uitkomst") {
      trail.go({ screen: "uitkomst" });
    } else if (action === "wijzig-antwoorden") {
      trail.go({ screen: "controle" });
    } else if (action === "opnieuw") {
      restart("");
    } else {
      actions.run(action);
    }
  });

  // Start -----------------------------------------------------------------------------------
  // [casussen] Without a share link, the case kept in this tab comes back (its trail knows #stap-N).
  if (!hasSharedAnswers(location.hash)) restoring = casework.begin();
  if (hasSharedAnswers(location.hash)) {
    casework.forget(); // [casussen] a share link brings another case
    try {
      initial = decodeAnswers(location.hash);
      initialAfter = "uitkomst";
    } catch (error) {
      screens.notice(`${error.message} U begint met een nieuwe casus.`);
    }
    history.replaceState(history.state, "", location.pathname + location.search);
  } else if (location.search) {
    // The first question was answered before the script ran: the form went out as ?fact=value.
    const params = new URLSearchParams(location.search);
    const first = app.dataset.first;
    if (params.has(first)) {
      const values = params.getAll(first);
      const multiple = app.querySelector('[data-question-slot] input[type="checkbox"]') !== null;
      initial = { [first]: values.length > 1 || multiple ? values : values[0] };
    }
    history.replaceState(history.state, "", location.pathname);
  } else if (/^#stap-/.test(location.hash) && !restoring) {
    history.replaceState(history.state, "", location.pathname); // a reload starts afresh
  }

  startEngine(app).then(
    async (ready) => {
      const described = await ready.describe();
      model = {
        ...described,
        factsById: Object.fromEntries(described.facts.map((fact) => [fact.id, fact])),
        instrumentsById: Object.fromEntries(described.instruments.map((item) => [item.id, item])),
      };
      interview.useEngine(ready);
      casework.ready(model, ready); // [casussen]
      app.dataset.engine = "ready";
      performance.mark("aw:engine-klaar");
      app.dispatchEvent(new Event("aw:engine")); // sw-register.js waits for it
      // Offline next time: the service worker keeps the runtime the page has just downloaded.
      if (window.awOffline && window.awOffline.supported) window.awOffline.cacheRuntime(false).catch(() => {});
      screens.loading(false);
      if (initial) interview.merge(initial);
      if (restoring) interview.merge(restoring.answers); // [casussen] answers given since win
      if (initial || pendingSubmit) await advance({ after: initialAfter });
      else if (restoring) await casework.restore(restoring); // [casussen]
    },
    (error) => {
      const reason = error instanceof EngineUnavailable ? error.reason : "load";
      if (reason === "missing" && reloadedFor(app.dataset.wheel)) return;
      console.warn("Beoordeel uw casus kon niet starten:", reason, error.message); // for support
      app.dataset.engine = "unavailable";
      app.dispatchEvent(new Event("aw:engine"));
      screens.unavailable(reason);
    },
  );

  /** ``handler`` while this tool is on the page. Once the theme's instant navigation has put
   *  another page in its place, ``stop`` unregisters the hook and it answers false. */
  const whileMounted = (handler, stop) => function hook(...args) {
    if (document.body.contains(app)) return handler(...args);
    stop(hook);
    return false;
  };
  /** Register ``handler`` as the hook history-guard.js asks under window[name]. */
  const claim = (name, handler) => {
    window[name] = whileMounted(handler, (hook) => { if (window[name] === hook) window[name] = null; });
  };

  // Back and forward between our screens. history-guard.js (which runs before the theme's
  // instant navigation) asks this function whether an event is ours; if so the theme never
  // sees it and this page is not reloaded.
  claim("__awClaimsHistory", (event) => {
    const entry = trail.entryFor();
    // A share link pasted into this tab (onHashChange reads it when its hashchange follows), or a
    // place on this page (see __awClaimsLink below): the popstate is ours too, or the theme would
    // load this page again over the tool. The screen stays as it is.
    if (!entry) return event.type === "popstate" && (hasSharedAnswers(location.hash) || placeOnPage(location.href));
    if (event.type === "popstate") {
      trail.moveTo(entry.index);
      const state = interview.state;
      // A screen after an unanswered question cannot be shown: go to that question instead.
      if (entry.step.screen !== "vraag" && state && state.next) trail.go(questionStep(state.screen), { push: false });
      else trail.go(entry.step, { push: false });
    }
    return true;
  });

  /** A link to an element of this page outside the tool, such as the theme's "Ga naar inhoud". */
  const placeOnPage = (href) => {
    const url = new URL(href, location.href);
    if (url.pathname !== pagePath || url.hash.length < 2 || hashIndex(url.hash) >= 0) return false;
    const target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
    return target !== null && !app.contains(target);
  };
  // history-guard.js asks this of every click: the browser follows such a link by itself.
  claim("__awClaimsLink", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    return link !== null && !app.contains(link) && placeOnPage(link.href);
  });

  // A share link pasted into this same tab only changes the fragment: read it then too.
  const onHashChange = () => {
    if (!hasSharedAnswers(location.hash)) return;
    const hash = location.hash;
    history.replaceState(history.state, "", location.pathname + location.search);
    let shared;
    try {
      shared = decodeAnswers(hash);
    } catch (error) {
      restart(`${error.message} U begint met een nieuwe casus.`);
      return;
    }
    screens.notice("");
    casework.forget(); // [casussen] a share link brings another case
    restoring = null;
    if (interview.ready) useAnswers(shared, "uitkomst");
    else {
      initial = shared;
      initialAfter = "uitkomst";
    }
  };
  window.addEventListener("hashchange", whileMounted(onHashChange, (hook) => window.removeEventListener("hashchange", hook)));
}

/** A page of an earlier deployment (kept by a cache) names an engine folder the server no longer
 *  has: load the page once more from the server, which gives the page of this deployment. Once per
 *  engine folder and tab (sessionStorage), so a folder that is really missing shows the
 *  explanation after one try instead of loading again and again. */
function reloadedFor(wheel) {
  const key = storageKey("herladen", location.pathname);
  if (readJson("session", key) === wheel || writeJson("session", key, wheel) !== "ok") return false;
  location.reload();
  return true;
}

function mountAll() {
  mount(document.getElementById("aw-app"));
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll);
} else {
  mountAll();
}
