// The tool's three screens (a question, check your answers, the outcome), the live region
// and the notices. Screens are filled from the engine's state; nothing here decides anything.

import { longDate, today } from "./record.js";
import { fillInShort } from "./outcome-top.js";
import { fillOutcome, fillOverview, fillSummary, el } from "./render.js";
import { fillSetAside } from "./set-aside.js";

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
  const summary = $("[data-error-summary]");
  const pageTitle = app.dataset.title;
  let title = pageTitle;
  setTitle("Vraag 1");

  /** The tab's title follows the screen; "Fout: " leads it while an answer is missing. */
  function setTitle(text, { error = false } = {}) {
    title = `${text} – ${pageTitle}`;
    document.title = error ? `Fout: ${title}` : title;
  }

  /** The intro and the privacy box above the tool belong to its first screen only. */
  function showIntro(on) {
    for (const node of document.querySelectorAll("[data-aw-intro]")) node.hidden = !on;
  }

  function announce(text) {
    live.textContent = "";
    window.setTimeout(() => (live.textContent = text), 50);
  }

  function show(name) {
    for (const [key, section] of Object.entries(sections)) section.hidden = key !== name;
    summary.hidden = true;
  }

  /** The form of a screen; a group's form keeps only the facts that still matter now. */
  function questionForm(screenId, facts) {
    const template = app.querySelector(`template[data-question="${CSS.escape(screenId)}"]`);
    if (!template) return null;
    const form = template.content.firstElementChild.cloneNode(true);
    if (form.dataset.facts) {
      for (const part of form.querySelectorAll("[data-group-fact]")) {
        if (!facts.includes(part.dataset.groupFact)) part.remove();
      }
      form.dataset.facts = facts.join(" ");
    }
    return form;
  }

  function fillForm(form, answers) {
    for (const input of form.querySelectorAll("input")) {
      const value = answers[input.name];
      const values = Array.isArray(value) ? (value.length ? value : ["geen"]) : value === undefined ? [] : [value];
      input.checked = values.includes(input.value);
    }
  }

  /** One fact's answer in a form: a value, a list, "onbekend", or null when nothing is chosen. */
  function readFact(form, factId) {
    const inputs = [...form.querySelectorAll(`input[name="${CSS.escape(factId)}"]`)];
    const checked = inputs.filter((input) => input.checked).map((input) => input.value);
    if (!checked.length) return null;
    if (inputs[0].type !== "checkbox") return checked[0];
    if (checked.includes("onbekend")) return "onbekend";
    return checked.includes("geen") ? [] : checked;
  }

  return {
    announce,
    /** Check in ``form`` the answers given (the restore shows the first question this way). */
    fill: fillForm,
    notice(text) {
      notice.textContent = text || "";
      notice.hidden = !text;
    },
    /** A question screen: ``step`` is {id, facts, number, remaining}: the screen's id (a fact or a
     *  group), the facts it asks, its number, and how many may follow (null when unknown). */
    question(step, answers, { focus = true } = {}) {
      const form = questionForm(step.id, step.facts);
      if (!form) return;
      slot.replaceChildren(form);
      fillForm(form, answers);
      const { number, remaining } = step;
      const text = remaining === null ? `Vraag ${number}` : `Vraag ${number} van hooguit ${number + remaining}`;
      progress.textContent = text;
      setTitle(text);
      backLink.hidden = number <= 1;
      showIntro(number <= 1);
      show("vraag");
      if (focus) {
        const heading = form.querySelector(".aw-question__title");
        heading.focus();
        announce(`${text}: ${heading.textContent}`);
      }
    },
    check(model, state, answers, { focus = true } = {}) {
      fillSummary($("[data-summary]"), model, state.asked, answers, true);
      fillSetAside($("[data-summary]"), model, state.set_aside);
      setTitle("Controleer uw antwoorden");
      showIntro(false);
      show("controle");
      if (focus) {
        $('[data-screen="controle"] [data-focus]').focus();
        announce("Controleer uw antwoorden");
      }
    },
    outcome(model, state, answers, { focus = true } = {}) {
      fillInShort($("[data-in-short]"), model, state);
      fillOverview($("[data-overview]"), model, state);
      fillOutcome($("[data-outcome]"), model, state.assessment, app.dataset.instrumentUrl, state.plan, answers);
      setTitle("Uitkomst");
      showIntro(false);
      fillSummary($("[data-print-summary]"), model, state.asked, answers, false);
      fillSetAside($("[data-print-summary]"), model, state.set_aside, { printOnly: true });
      $("[data-version]").textContent = state.assessment.content_version;
      $("[data-date]").textContent = longDate(model.content_date);
      const edition = $("[data-edition]");
      edition.hidden = !model.municipality;
      if (model.municipality) {
        edition.textContent = `Editie voor de gemeente ${model.municipality.name} (gemeenteprofiel versie ${model.municipality.version}).`;
      }
      $("[data-assessed-at]").textContent = longDate(today());
      $("[data-share]").hidden = true;
      show("uitkomst");
      if (focus) {
        $('[data-screen="uitkomst"] [data-focus]').focus();
        const count = state.assessment.instruments.filter((r) => r.status === "aangewezen").length;
        announce(`Uitkomst: ${count} ${count === 1 ? "instrument is" : "instrumenten zijn"} aangewezen.`);
      }
    },
    /** The answers in a question form: {values: {fact: value}, errors: [{fact, message}]}. */
    read(form) {
      const facts = form.dataset.facts ? form.dataset.facts.split(" ") : [form.dataset.fact];
      const values = {};
      const errors = [];
      for (const factId of facts) {
        const value = readFact(form, factId);
        if (value === null) {
          const holder = form.dataset.facts ? form.querySelector(`[data-group-fact="${CSS.escape(factId)}"]`) : form;
          errors.push({ fact: factId, message: holder.dataset.required });
        } else values[factId] = value;
      }
      return { values, errors };
    },
    /** Show what is missing beside each question and in a summary at the top (GOV.UK pattern). */
    formErrors(form, errors) {
      const failed = new Map(errors.map((error) => [error.fact, error.message]));
      for (const fieldset of form.querySelectorAll("[data-fieldset]")) {
        const message = failed.get(fieldset.dataset.fieldset) || "";
        const box = fieldset.querySelector("[data-error]");
        box.hidden = !message;
        box.querySelector("[data-error-text]").textContent = message;
        fieldset.classList.toggle("aw-fieldset--error", Boolean(message));
      }
      form.classList.toggle("aw-question--error", errors.length > 0);
      summary.hidden = !errors.length;
      const list = summary.querySelector("[data-error-list]");
      list.replaceChildren(...errors.map((error) => el("li", {}, el("a", {
        href: `#aw-${error.fact}-${form.querySelector(`input[name="${CSS.escape(error.fact)}"]`).value}`,
        "data-error-link": error.fact, text: error.message,
      }))));
      const base = title.replace(/ – .*$/, "");
      setTitle(base, { error: errors.length > 0 });
      if (errors.length) {
        summary.focus();
        announce(`Fout: ${errors.map((error) => error.message).join(" ")}`);
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
      setTitle("De beoordeling kan hier niet starten");
      for (const text of texts) text.hidden = text.dataset.fallbackReason !== (known ? reason : "load");
      box.hidden = false;
      this.loading(false);
      for (const section of Object.values(sections)) section.hidden = true;
    },
  };
}
