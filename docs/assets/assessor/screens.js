// The tool's three screens (a question, check your answers, the outcome), the live region
// and the notices. Screens are filled from the engine's state; nothing here decides anything.

import { fillOutcome, fillSummary } from "./render.js";

export function createScreens(app) {
  const $ = (selector) => app.querySelector(selector);
  const sections = {
    vraag: $('[data-screen="vraag"]'),
    controle: $('[data-screen="controle"]'),
    uitkomst: $('[data-screen="uitkomst"]'),
  };
  const slot = $("[data-question-slot]");
  const live = $("[data-live]");
  const notice = $("[data-notice]");
  const backLink = $('[data-action="vorige"]');
  const progress = $("[data-progress]");

  function announce(text) {
    live.textContent = "";
    window.setTimeout(() => (live.textContent = text), 50);
  }

  function show(name) {
    for (const [key, section] of Object.entries(sections)) section.hidden = key !== name;
  }

  function questionForm(factId) {
    const template = app.querySelector(`template[data-question="${CSS.escape(factId)}"]`);
    return template ? template.content.firstElementChild.cloneNode(true) : null;
  }

  function fillForm(form, value) {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    for (const input of form.querySelectorAll("input")) input.checked = values.includes(input.value);
  }

  return {
    announce,
    notice(text) {
      notice.textContent = text || "";
      notice.hidden = !text;
    },
    question(factId, state, answers, { focus = true } = {}) {
      const form = questionForm(factId);
      if (!form) return;
      slot.replaceChildren(form);
      fillForm(form, answers[factId]);
      const position = state ? state.asked.indexOf(factId) : 0;
      const number = (position >= 0 ? position : state.asked.length) + 1;
      const remaining = state && state.next === factId ? state.remaining : null;
      progress.textContent = remaining === null ? `Vraag ${number}` : `Vraag ${number} · daarna nog hooguit ${remaining}`;
      backLink.hidden = number <= 1;
      show("vraag");
      if (focus) {
        const title = form.querySelector(".aw-question__title");
        title.focus();
        announce(`Vraag ${number}: ${title.textContent}`);
      }
    },
    check(model, state, answers, { focus = true } = {}) {
      fillSummary($("[data-summary]"), model, state.asked, answers, true);
      show("controle");
      if (focus) {
        $('[data-screen="controle"] [data-focus]').focus();
        announce("Controleer uw antwoorden");
      }
    },
    outcome(model, state, answers, { focus = true } = {}) {
      fillOutcome($("[data-outcome]"), model, state.assessment, app.dataset.instrumentUrl);
      fillSummary($("[data-print-summary]"), model, state.asked, answers, false);
      $("[data-version]").textContent = state.assessment.content_version;
      $("[data-date]").textContent = model.content_date;
      $("[data-assessed-at]").textContent = new Date().toLocaleDateString("nl-NL", { year: "numeric", month: "long", day: "numeric" });
      $("[data-share]").hidden = true;
      show("uitkomst");
      if (focus) {
        $('[data-screen="uitkomst"] [data-focus]').focus();
        const count = state.assessment.instruments.filter((r) => r.status === "aangewezen").length;
        announce(`Uitkomst: ${count} ${count === 1 ? "instrument is" : "instrumenten zijn"} aangewezen.`);
      }
    },
    /** The answer in a question form: a value, a list, "onbekend", or {error}. */
    read(form) {
      const checked = [...form.querySelectorAll("input:checked")].map((input) => input.value);
      const multiple = form.querySelector('input[type="checkbox"]') !== null;
      if (multiple) return checked.includes("onbekend") ? "onbekend" : checked;
      if (!checked.length) return { error: form.dataset.required || "Kies een antwoord, of weet ik niet." };
      return checked[0];
    },
    formError(form, message) {
      const box = form.querySelector("[data-error]");
      box.hidden = !message;
      form.querySelector("[data-error-text]").textContent = message || "";
      form.classList.toggle("aw-question--error", Boolean(message));
      if (message) {
        form.querySelector("input").focus();
        announce(`Fout: ${message}`);
      }
    },
    loading(on) {
      $("[data-loading]").hidden = !on;
    },
    /** The engine cannot run here: show the explanation for ``reason`` and hide the screens. */
    unavailable(reason) {
      const box = $("[data-fallback]");
      const texts = [...box.querySelectorAll("[data-fallback-reason]")];
      const known = texts.some((text) => text.dataset.fallbackReason === reason);
      for (const text of texts) text.hidden = text.dataset.fallbackReason !== (known ? reason : "load");
      box.hidden = false;
      this.loading(false);
      for (const section of Object.values(sections)) section.hidden = true;
    },
  };
}
