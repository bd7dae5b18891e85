// "Beoordeel uw casus": one question per screen, check your answers, then the outcome.
// Every decision (which question is next, which answers still apply, every status and
// reason) comes from the Python engine in a Web Worker; this file only shows screens.
// It runs on every page (instant navigation) and mounts where #aw-app exists.

import { EngineUnavailable, startEngine } from "./engine-client.js";
import { decodeAnswers, encodeAnswers, hasSharedAnswers } from "./share.js";
import { decisionRecord, el, fillOutcome, fillSummary } from "./render.js";

const STORAGE_KEY = "aanpak-woonoverlast:antwoorden";
const FALLBACK_TEXT = {
  file: "Deze pagina is geopend als bestand (file://). Zo kan de browser de rekenmodule niet laden.",
  wasm: "Deze browser ondersteunt WebAssembly of Web Workers niet, of ze zijn geblokkeerd.",
  worker: "De rekenmodule kon in deze browser niet starten.",
  load: "De rekenmodule kon niet worden geladen.",
};

function mount(app) {
  if (!app || app.dataset.mounted) return;
  app.dataset.mounted = "1";
  const $ = (selector) => app.querySelector(selector);
  const screens = {
    vraag: $('[data-screen="vraag"]'),
    controle: $('[data-screen="controle"]'),
    uitkomst: $('[data-screen="uitkomst"]'),
  };
  const slot = $("[data-question-slot]");
  const live = $("[data-live]");
  const notice = $("[data-notice]");
  const backLink = $('[data-action="vorige"]');
  const progress = $("[data-progress]");

  let answers = {};
  let state = null; // the engine's last interview state
  let model = null; // describe(): facts, instruments, statuses, warnings
  let engine = null;
  let pendingSubmit = false;

  const announce = (text) => {
    live.textContent = "";
    window.setTimeout(() => (live.textContent = text), 50);
  };
  const showNotice = (text) => {
    notice.textContent = text;
    notice.hidden = !text;
  };

  function showScreen(name) {
    for (const [key, section] of Object.entries(screens)) section.hidden = key !== name;
  }

  function questionForm(factId) {
    const template = app.querySelector(`template[data-question="${CSS.escape(factId)}"]`);
    return template ? template.content.firstElementChild.cloneNode(true) : null;
  }

  function fillForm(form, factId) {
    const value = answers[factId];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    for (const input of form.querySelectorAll("input")) input.checked = values.includes(input.value);
  }

  function renderQuestion(factId, { focus = true } = {}) {
    const form = questionForm(factId);
    if (!form) return;
    slot.replaceChildren(form);
    fillForm(form, factId);
    const position = state ? state.asked.indexOf(factId) : 0;
    const number = (position >= 0 ? position : state.asked.length) + 1;
    const remaining = state && state.next === factId ? state.remaining : null;
    progress.textContent = remaining === null ? `Vraag ${number}` : `Vraag ${number} · daarna nog hooguit ${remaining}`;
    backLink.hidden = number <= 1;
    showScreen("vraag");
    if (focus) {
      form.querySelector(".aw-question__title").focus();
      announce(`Vraag ${number}: ${form.querySelector(".aw-question__title").textContent}`);
    }
  }

  // Screens are history entries "#stap-N" of this page; what each shows is kept here, because
  // the theme overwrites history.state with its scroll position.
  const trail = [{ screen: "vraag", fact: app.dataset.first }];
  let position = 0;
  const pagePath = location.pathname;

  function go(next, { push = true, focus = true } = {}) {
    if (push) {
      position += 1;
      trail.length = position;
      trail.push(next);
      history.pushState(null, "", `${pagePath}#stap-${position}`);
    } else {
      trail[position] = next;
    }
    if (next.screen === "vraag") renderQuestion(next.fact, { focus });
    else if (next.screen === "controle") renderCheck(focus);
    else renderOutcome(focus);
    performance.mark("aw:scherm"); // with aw:antwoord: the latency an officer feels (benchmark)
  }

  function renderCheck(focus) {
    fillSummary($("[data-summary]"), model, state.asked, answers, true);
    showScreen("controle");
    if (focus) {
      $('[data-screen="controle"] [data-focus]').focus();
      announce("Controleer uw antwoorden");
    }
  }

  function renderOutcome(focus) {
    fillOutcome($("[data-outcome]"), model, state.assessment, app.dataset.instrumentUrl);
    fillSummary($("[data-print-summary]"), model, state.asked, answers, false);
    $("[data-version]").textContent = state.assessment.content_version;
    $("[data-date]").textContent = model.content_date;
    $("[data-assessed-at]").textContent = new Date().toLocaleDateString("nl-NL", { year: "numeric", month: "long", day: "numeric" });
    $("[data-share]").hidden = true;
    showScreen("uitkomst");
    if (focus) {
      $('[data-screen="uitkomst"] [data-focus]').focus();
      const count = state.assessment.instruments.filter((r) => r.status === "aangewezen").length;
      announce(`Uitkomst: ${count} ${count === 1 ? "instrument is" : "instrumenten zijn"} aangewezen.`);
    }
  }

  function readForm(form) {
    const factId = form.dataset.fact;
    const fact = model ? model.factsById[factId] : null;
    const checked = [...form.querySelectorAll("input:checked")].map((input) => input.value);
    const multiple = form.querySelector('input[type="checkbox"]') !== null;
    if (multiple) return checked.includes("onbekend") ? "onbekend" : checked;
    if (!checked.length) return { error: fact && fact.type === "ja_nee" ? "Kies ja, nee of weet ik niet." : "Kies een antwoord, of weet ik niet." };
    return checked[0];
  }

  function showFormError(form, message) {
    const box = form.querySelector("[data-error]");
    box.hidden = !message;
    form.querySelector("[data-error-text]").textContent = message || "";
    form.classList.toggle("aw-question--error", Boolean(message));
    if (message) {
      form.querySelector("input").focus();
      announce(`Fout: ${message}`);
    }
  }

  async function advance({ after = "vraag" } = {}) {
    const result = await engine.interview(answers);
    if (result.error) {
      restart(`Deze antwoorden kunnen niet worden gebruikt: ${result.error} U begint opnieuw.`);
      return;
    }
    state = result;
    answers = result.answers;
    if (state.next) go({ screen: "vraag", fact: state.next });
    else go({ screen: after === "uitkomst" ? "uitkomst" : "controle" });
  }

  async function onSubmit(form) {
    performance.mark("aw:antwoord");
    const value = readForm(form);
    if (value && value.error) {
      showFormError(form, value.error);
      return;
    }
    showFormError(form, "");
    showNotice("");
    answers = { ...answers, [form.dataset.fact]: value };
    if (!engine) {
      pendingSubmit = true;
      $("[data-loading]").hidden = false;
      announce("De beoordeling wordt geladen. Uw antwoord is bewaard.");
      return;
    }
    await advance();
  }

  function restart(message) {
    answers = {};
    state = null;
    showNotice(message || "");
    if (engine) advance();
    else go({ screen: "vraag", fact: app.dataset.first }, { push: false, focus: false });
  }

  // Events --------------------------------------------------------------------------------
  app.addEventListener("submit", (event) => {
    const form = event.target.closest("form.aw-question");
    if (!form) return;
    event.preventDefault();
    onSubmit(form);
  });
  app.addEventListener("change", (event) => {
    const input = event.target;
    if (input.type !== "checkbox") return;
    const form = input.closest("form");
    // "Weet ik niet" excludes the other choices, and the other way round.
    for (const other of form.querySelectorAll('input[type="checkbox"]')) {
      if (input.checked && other !== input && (input.value === "onbekend" || other.value === "onbekend")) other.checked = false;
    }
  });
  app.addEventListener("click", (event) => {
    const target = event.target.closest("[data-action]");
    if (!target || !app.contains(target)) return;
    const action = target.dataset.action;
    if (action === "vorige") {
      event.preventDefault();
      history.back();
    } else if (action === "wijzig") {
      go({ screen: "vraag", fact: target.dataset.fact });
    } else if (action === "bekijk-uitkomst") {
      go({ screen: "uitkomst" });
    } else if (action === "wijzig-antwoorden") {
      go({ screen: "controle" });
    } else if (action === "afdrukken") {
      window.print();
    } else if (action === "download") {
      const stamp = new Date().toISOString().slice(0, 10);
      const blob = new Blob([decisionRecord(app, `Beoordeling woonoverlast ${stamp}`)], { type: "text/html" });
      const link = el("a", { href: URL.createObjectURL(blob), download: `beoordeling-woonoverlast-${stamp}.html` });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    } else if (action === "kopieer-link") {
      const url = location.origin + location.pathname + encodeAnswers(answers);
      const field = $("[data-share-link]");
      field.value = url;
      $("[data-share]").hidden = false;
      field.select();
      const copied = navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject();
      copied.then(() => announce("De link is gekopieerd."), () => announce("Kopieer de geselecteerde link."));
    } else if (action === "opslaan") {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ answers, saved: new Date().toISOString() }));
      updateSaved();
      announce("De antwoorden zijn bewaard in deze browser.");
    } else if (action === "wis") {
      localStorage.removeItem(STORAGE_KEY);
      updateSaved();
      announce("De bewaarde antwoorden zijn gewist.");
    } else if (action === "laad-bewaard") {
      const saved = readSaved();
      if (saved) useAnswers(saved.answers, "uitkomst");
    } else if (action === "opnieuw") {
      restart("");
    }
  });

  function readSaved() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
      return saved && typeof saved.answers === "object" ? saved : null;
    } catch {
      return null;
    }
  }
  function updateSaved() {
    $("[data-saved]").hidden = !readSaved();
  }

  async function useAnswers(given, after) {
    answers = given;
    if (engine) await advance({ after });
  }

  // Start -----------------------------------------------------------------------------------
  updateSaved();
  let initial = null;
  let initialAfter = "vraag";
  if (hasSharedAnswers(location.hash)) {
    try {
      initial = decodeAnswers(location.hash);
      initialAfter = "uitkomst";
    } catch (error) {
      showNotice(`${error.message} U begint met een nieuwe casus.`);
    }
    history.replaceState(history.state, "", location.pathname + location.search);
  } else if (location.search) {
    // The first question was answered before the script ran: the form went out as ?fact=value.
    const params = new URLSearchParams(location.search);
    const first = app.dataset.first;
    if (params.has(first)) {
      const values = params.getAll(first);
      initial = { [first]: values.length > 1 || slot.querySelector('input[type="checkbox"]') ? values : values[0] };
    }
    history.replaceState(history.state, "", location.pathname);
  } else if (/^#stap-/.test(location.hash)) {
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
      engine = ready;
      app.dataset.engine = "ready";
      performance.mark("aw:engine-klaar");
      $("[data-loading]").hidden = true;
      if (initial) answers = { ...initial, ...answers };
      if (initial || pendingSubmit) await advance({ after: initialAfter });
    },
    (error) => {
      const reason = error instanceof EngineUnavailable ? error.reason : "load";
      console.warn("Beoordeel uw casus kon niet starten:", reason, error.message); // for support
      app.dataset.engine = "unavailable";
      $("[data-fallback-reason]").textContent = FALLBACK_TEXT[reason] || FALLBACK_TEXT.load;
      $("[data-fallback]").hidden = false;
      $("[data-loading]").hidden = true;
      for (const section of Object.values(screens)) section.hidden = true;
    },
  );

  // Back and forward between our screens. history-guard.js (which runs before the theme's
  // instant navigation) asks this function whether an event is ours; if so the theme never
  // sees it and this page is not reloaded.
  const claimsHistory = (event) => {
    if (!document.body.contains(app)) {
      if (window.__awClaimsHistory === claimsHistory) window.__awClaimsHistory = null;
      return false;
    }
    if (location.pathname !== pagePath) return false;
    const match = /^#stap-(\d+)$/.exec(location.hash);
    const index = match ? Number(match[1]) : location.hash ? -1 : 0;
    const target = trail[index];
    if (!target) return false;
    if (event.type === "popstate") {
      position = index;
      if (target.screen !== "vraag" && state && state.next) go({ screen: "vraag", fact: state.next }, { push: false });
      else go(target, { push: false });
    }
    return true;
  };
  window.__awClaimsHistory = claimsHistory;

  // A printed decision record shows everything: open the folded parts while printing.
  let reopened = [];
  const beforePrint = () => {
    if (!document.body.contains(app)) return;
    reopened = [...app.querySelectorAll('[data-screen="uitkomst"] details:not([open])')];
    reopened.forEach((node) => node.setAttribute("open", ""));
  };
  const afterPrint = () => {
    reopened.forEach((node) => node.removeAttribute("open"));
    reopened = [];
  };
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);

  // A share link pasted into this same tab only changes the fragment: read it then too.
  const onHashChange = () => {
    if (!document.body.contains(app)) {
      window.removeEventListener("hashchange", onHashChange);
      return;
    }
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
    showNotice("");
    if (engine) useAnswers(shared, "uitkomst");
    else {
      initial = shared;
      initialAfter = "uitkomst";
    }
  };
  window.addEventListener("hashchange", onHashChange);
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
