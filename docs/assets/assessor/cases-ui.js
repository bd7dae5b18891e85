// What the officer sees of saved cases: the list under "Bewaarde casussen in deze browser"
// (open, delete, wipe all, export, import), saving on the outcome under the kenmerk, the record
// fields, and what changed since a reopened case was saved. Every confirmation is asked in the
// page (never window.confirm); every message is Dutch and says what happened and what to do.
// Text is set with textContent only (el() from render.js).

import { checkAnswers, removedSentence } from "./answers-check.js";
import {
  MAX_FILE_BYTES, createCaseStore, designatedCount, exportText, newId, normalizeCase,
  parseExport, sameAnswers, sameCase, uniqueReference,
} from "./cases.js";
import { RECORD_FIELDS, recordValues, setRecord, setRecordField, showRecord, today } from "./record.js";
import { answerText, el, saveFile } from "./render.js";

const STORAGE_PROBLEM = {
  full: "Er is geen ruimte meer in deze browser. Er is niets veranderd. Verwijder eerst casussen die u niet meer nodig hebt, of exporteer ze en wis ze daarna.",
  blocked: "Deze browser staat bewaren niet toe (bijvoorbeeld in een privévenster of door een instelling van uw organisatie). Er is niets veranderd. Download de uitkomst als bestand om hem te bewaren.",
};
const FILE_PROBLEM = {
  unreadable: "kan niet worden gelezen: het is geen bestand met casussen uit deze tool.",
  foreign: "is geen export van casussen uit deze tool.",
  newer: "is gemaakt met een nieuwere versie van deze tool en kan hier nog niet worden gelezen. Vraag uw beheerder de site bij te werken.",
  too_many: "bevat meer dan 500 casussen; dat kan deze tool niet in één keer importeren.",
  too_big: "is te groot voor een export van casussen.",
};
const CHOOSE_EXPORT = "Kies een bestand dat u met ‘Exporteer alle casussen’ hebt gemaakt.";

const clip = (value, max = 80) => (String(value).length > max ? `${String(value).slice(0, max)}…` : String(value));
const quoted = (value) => `‘${clip(value)}’`;

function savedAt(iso, { time = true } = {}) {
  const date = new Date(iso);
  const options = { day: "numeric", month: "long" };
  if (date.getFullYear() !== new Date().getFullYear()) options.year = "numeric";
  const day = date.toLocaleDateString("nl-NL", options);
  return time ? `${day} om ${date.toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" })}` : day;
}

function countText(count) {
  if (count === null) return "nog geen uitkomst bewaard";
  if (count === 0) return "geen instrumenten aangewezen";
  return `${count} ${count === 1 ? "instrument" : "instrumenten"} aangewezen`;
}

function readable(value) {
  return typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string"));
}

/** What differs between a saved case and the current assessment: {version, answers,
 *  instruments}, each item [hook attributes, Dutch sentence] with the engine's labels. */
function changeItems(model, entry, answers, assessment) {
  const items = [];
  const instruments = [];
  const saved = entry.antwoorden || {};
  const show = (fact, value) => (readable(value) ? answerText(model, fact, value) : "een onleesbaar antwoord");
  const gone = Object.keys(saved).filter((id) => !Object.hasOwn(model.factsById, id));
  for (const factId of [...model.facts.map((fact) => fact.id), ...gone]) {
    const had = Object.hasOwn(saved, factId);
    const has = Object.hasOwn(answers, factId);
    if (!had && !has) continue;
    const fact = Object.hasOwn(model.factsById, factId) ? model.factsById[factId] : null;
    const attrs = { "data-change-fact": factId };
    if (!fact) {
      items.push([attrs, `Vraag ${quoted(factId)}: komt in de tool niet meer voor`]);
      continue;
    }
    const before = saved[factId];
    const now = answers[factId];
    if (had && has && sameAnswers({ v: before }, { v: now })) continue;
    if (!had) {
      items.push([attrs, `${fact.short}: ${show(fact, now)} (nieuw beantwoord)`]);
    } else if (!has) {
      items.push([attrs, `${fact.short}: niet meer gevraagd (was: ${show(fact, before)})`]);
    } else if (Array.isArray(before) && Array.isArray(now) && readable(before)) {
      const label = (id) => (fact.values.find((value) => value.id === id) || { label: id }).label;
      const added = now.filter((id) => !before.includes(id)).map(label);
      const dropped = before.filter((id) => !now.includes(id)).map(label);
      const parts = [added.length ? `${added.join(", ")} toegevoegd` : "", dropped.length ? `${dropped.join(", ")} weggehaald` : ""];
      items.push([attrs, `${fact.short}: ${parts.filter(Boolean).join("; ")}`]);
    } else {
      items.push([attrs, `${fact.short}: nu ${show(fact, now)} (was: ${show(fact, before)})`]);
    }
  }
  if (entry.statussen) {
    const order = model.statuses.map((status) => status.id);
    const label = (id) => ((model.statuses.find((status) => status.id === id) || { label: id }).label).toLowerCase();
    const changed = assessment.instruments
      .filter((result) => entry.statussen[result.id] !== result.status)
      .sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
    for (const result of changed) {
      const name = (model.instrumentsById[result.id] || { name: result.id }).name;
      const was = entry.statussen[result.id];
      instruments.push([{ "data-change-instrument": result.id, "data-status": result.status },
        was ? `${name}: nu ${label(result.status)} (was: ${label(was)})` : `${name}: nieuw in de tool, ${label(result.status)}`]);
    }
  }
  const changed = items.length + instruments.length > 0;
  const version = changed && entry.inhoudsversie && entry.inhoudsversie !== model.content_version
    ? `De inhoud van de tool is sindsdien bijgewerkt (toen versie ${clip(entry.inhoudsversie, 40)}, nu ${model.content_version}).`
    : "";
  return { changed, version, answers: items, instruments };
}

export function createCasesUi(app, { ctx, interview, screens, open, saveSession }) {
  const $ = (selector) => app.querySelector(selector);
  const store = createCaseStore(location.pathname);
  const panel = $("[data-cases-panel]");
  const list = $("[data-cases]");
  const message = $("[data-cases-message]");
  const wipeBox = $("[data-confirm-wipe]");
  const saveNote = $("[data-save-message]");
  const changesBox = $("[data-changes]");
  const recordError = $("[data-record-error]");
  const kenmerkInput = $('[data-record-field="kenmerk"]');
  let confirming = null; // {kind: "verwijderen" | "openen", id}

  // Messages --------------------------------------------------------------------------------
  /** Show a message in the list panel (opened), move focus to it and announce it. */
  function say(text, { notes = [], error = false, focus = true } = {}) {
    message.replaceChildren(el("p", { text }), ...(notes.length ? [el("ul", {}, notes.map((note) => el("li", { text: note })))] : []));
    message.classList.toggle("aw-cases__message--error", error);
    message.hidden = false;
    panel.open = true;
    if (!focus) return;
    message.focus();
    screens.announce(text);
  }

  function quiet() {
    message.hidden = true;
    message.replaceChildren();
  }

  // The list --------------------------------------------------------------------------------
  function confirmBox(entry) {
    const opening = confirming.kind === "openen";
    const current = ctx.caseId ? store.get(ctx.caseId) : null;
    const loss = current
      ? `Uw wijzigingen in ${quoted(current.kenmerk)} zijn nog niet bewaard. Als u ${quoted(entry.kenmerk)} opent, raakt u die wijzigingen kwijt.`
      : `De casus die nu open is, is niet bewaard. Als u ${quoted(entry.kenmerk)} opent, raakt u die casus kwijt.`;
    const question = opening
      ? `${loss} Wilt u dat niet, kies dan Nee en bewaar eerst bij de uitkomst.`
      : `Casus ${quoted(entry.kenmerk)} verwijderen uit deze browser? Dat kan niet ongedaan worden gemaakt.`;
    return el("div", { className: "aw-confirm", "data-confirm": confirming.kind },
      el("p", { className: "aw-confirm__question", tabindex: "-1", text: question }),
      el("div", { className: "aw-buttons" },
        el("button", { type: "button", className: "md-button md-button--primary", "data-action": opening ? "bevestig-openen" : "bevestig-verwijderen" },
          opening ? `Ja, open ${quoted(entry.kenmerk)}` : "Ja, verwijderen"),
        el("button", { type: "button", className: "md-button", "data-action": "annuleer" }, opening ? "Nee, niet openen" : "Nee, bewaren")));
  }

  function caseItem(entry) {
    const hidden = (text) => el("span", { className: "aw-visually-hidden", text });
    const older = ctx.model && entry.inhoudsversie && entry.inhoudsversie !== ctx.model.content_version;
    const meta = [`Bewaard op ${savedAt(entry.bewaard)}`, countText(designatedCount(entry))];
    if (older) meta.push("met een eerdere versie van de inhoud");
    if (entry.behandelaar) meta.push(`behandelaar ${clip(entry.behandelaar)}`);
    const item = el("li", { className: "aw-case", "data-case": entry.id },
      el("p", { className: "aw-case__title" }, el("strong", { text: entry.kenmerk }),
        entry.id === ctx.caseId ? el("span", { className: "aw-case__current", text: " · nu geopend" }) : null),
      el("p", { className: "aw-case__meta", text: meta.join(" · ") }),
      el("div", { className: "aw-buttons" },
        el("button", { type: "button", className: "md-button", "data-action": "open-casus", "data-case-id": entry.id },
          "Openen", hidden(` casus ${entry.kenmerk}`)),
        el("button", { type: "button", className: "md-button aw-button--quiet", "data-action": "verwijder-casus", "data-case-id": entry.id },
          "Verwijderen", hidden(` casus ${entry.kenmerk}`))));
    if (confirming && confirming.id === entry.id) item.append(confirmBox(entry));
    return item;
  }

  function render() {
    const cases = store.list().sort((a, b) => b.bewaard.localeCompare(a.bewaard));
    if (confirming && !cases.some((entry) => entry.id === confirming.id)) confirming = null;
    $("[data-cases-title]").textContent = `Bewaarde casussen in deze browser (${cases.length})`;
    $("[data-cases-empty]").hidden = cases.length > 0;
    $("[data-cases-tools]").hidden = cases.length === 0;
    if (!cases.length) wipeBox.hidden = true;
    list.replaceChildren(...cases.map(caseItem));
    return cases;
  }

  function focusConfirm() {
    const question = list.querySelector("[data-confirm] .aw-confirm__question");
    if (question) question.focus();
  }

  // Saving ------------------------------------------------------------------------------------
  function statusesOf(state) {
    return Object.fromEntries(state.assessment.instruments.map((result) => [result.id, result.status]));
  }

  function saveCase() {
    const state = interview.state;
    if (!state || state.next || !ctx.model) return;
    const record = recordValues();
    const reference = record.kenmerk.replace(/\s+/g, " ").trim();
    if (!reference) {
      recordError.textContent = "Vul eerst een kenmerk in, bijvoorbeeld uw zaaknummer: onder dat kenmerk bewaart u de casus. Gebruik geen namen of adressen.";
      recordError.hidden = false;
      kenmerkInput.closest("details").open = true; // the record fields are folded beside the actions
      kenmerkInput.setAttribute("aria-invalid", "true");
      kenmerkInput.setAttribute("aria-describedby", "aw-record-error aw-record-hint");
      kenmerkInput.focus();
      screens.announce(`Fout: ${recordError.textContent}`);
      return;
    }
    const cases = store.list();
    const linked = ctx.caseId ? cases.find((entry) => entry.id === ctx.caseId) : null;
    const unique = uniqueReference(reference, new Set(cases.filter((entry) => entry !== linked).map((entry) => entry.kenmerk)));
    const entry = {
      id: linked ? linked.id : newId(),
      kenmerk: unique,
      bewaard: new Date().toISOString(),
      inhoudsversie: ctx.model.content_version,
      antwoorden: interview.answers,
      statussen: statusesOf(state),
      behandelaar: record.behandelaar.trim(),
      datum: record.datum,
    };
    const written = store.write(linked ? cases.map((item) => (item === linked ? entry : item)) : [...cases, entry]);
    if (written !== "ok") {
      note(`De casus is niet bewaard. ${STORAGE_PROBLEM[written]}`, true);
      return;
    }
    ctx.caseId = entry.id;
    setRecordField("kenmerk", unique);
    showRecord(app);
    saveSession();
    render();
    changesBox.hidden = true;
    const renamed = unique !== reference
      ? ` Er stond al een andere casus met kenmerk ${quoted(reference)} in deze browser; deze casus heet daarom ${quoted(unique)}.`
      : "";
    note(`Casus ${quoted(unique)} is bewaard in deze browser (${savedAt(entry.bewaard)}).${renamed} ` +
      "U vindt hem onder ‘Bewaarde casussen in deze browser’ onderaan deze pagina.");
  }

  function note(text, error = false) {
    saveNote.textContent = text;
    saveNote.classList.toggle("aw-save-message--error", error);
    saveNote.hidden = false;
    screens.announce(text);
  }

  // Opening, deleting, wiping -----------------------------------------------------------------
  function unsavedWork() {
    const answers = ctx.currentAnswers();
    if (!Object.keys(answers).length) return false;
    const saved = ctx.caseId ? store.get(ctx.caseId) : null;
    return !saved || !sameAnswers(saved.antwoorden, answers);
  }

  async function openCase(id) {
    confirming = null;
    const entry = store.get(id);
    if (!entry) {
      render();
      say("Deze casus staat niet meer in deze browser (misschien is hij in een ander tabblad verwijderd).", { error: true });
      return;
    }
    await ctx.engineReady;
    const checked = await checkAnswers(ctx.engine, ctx.model, entry.antwoorden);
    if (checked.error || !Object.keys(checked.answers).length) {
      render();
      say(`Casus ${quoted(entry.kenmerk)} kan niet worden geopend: de huidige inhoud van de tool kent geen van de antwoorden. ` +
        "Verwijder de casus, of beoordeel hem opnieuw als nieuwe casus.", { error: true });
      return;
    }
    quiet();
    ctx.caseId = entry.id;
    setRecord({ kenmerk: entry.kenmerk, behandelaar: entry.behandelaar, datum: entry.datum });
    showRecord(app);
    render();
    screens.notice(checked.removed.length
      ? `De huidige inhoud van de tool kent niet alle antwoorden van casus ${quoted(entry.kenmerk)} meer. ` +
        `Weggelaten: ${removedSentence(checked.removed)}. De andere antwoorden zijn overgenomen. ` +
        "Controleer de antwoorden en bewaar de casus opnieuw."
      : "");
    await open(checked.answers);
  }

  function deleteCase(id) {
    const cases = store.list();
    const entry = cases.find((item) => item.id === id);
    confirming = null;
    if (!entry) {
      render();
      return;
    }
    const written = store.write(cases.filter((item) => item !== entry));
    if (written !== "ok") {
      render();
      say(`Casus ${quoted(entry.kenmerk)} is niet verwijderd. ${STORAGE_PROBLEM[written]}`, { error: true });
      return;
    }
    if (ctx.caseId === id) {
      ctx.caseId = null;
      saveSession();
      changesBox.hidden = true;
    }
    render();
    say(`Casus ${quoted(entry.kenmerk)} is verwijderd uit deze browser.`);
  }

  function wipeAll() {
    wipeBox.hidden = true;
    const written = store.write([]);
    if (written !== "ok") {
      say(`Er is niets gewist. ${STORAGE_PROBLEM[written]}`, { error: true });
      return;
    }
    if (ctx.caseId) {
      ctx.caseId = null;
      saveSession();
      changesBox.hidden = true;
    }
    render();
    say("Alle bewaarde casussen zijn gewist uit deze browser.");
  }

  // Export and import -------------------------------------------------------------------------
  function exportAll() {
    const cases = store.list();
    if (!cases.length) {
      say("Er zijn geen bewaarde casussen om te exporteren.");
      return;
    }
    const name = `casussen-woonoverlast-${new Date().toISOString().slice(0, 10)}.json`;
    saveFile(name, exportText(cases), "application/json");
    say(`${cases.length} ${cases.length === 1 ? "casus is" : "casussen zijn"} geëxporteerd naar het bestand ${quoted(name)} bij uw downloads. ` +
      "Het bevat de kenmerken, behandelaars en antwoorden: bewaar het zoals andere dossierstukken.");
  }

  async function importFile(input) {
    const file = input.files && input.files[0];
    input.value = ""; // the same file can be chosen again
    if (!file) return;
    const name = quoted(file.name);
    const refuse = (problem) => say(`Het bestand ${name} ${FILE_PROBLEM[problem]} Er is niets veranderd. ${CHOOSE_EXPORT}`, { error: true });
    if (file.size > MAX_FILE_BYTES) return refuse("too_big");
    let source;
    try {
      source = await file.text();
    } catch {
      return refuse("unreadable");
    }
    const parsed = parseExport(source);
    if (parsed.error) return refuse(parsed.error);
    await ctx.engineReady;
    const existing = store.list();
    const taken = new Set(existing.map((entry) => entry.kenmerk));
    const added = [];
    const notes = [];
    for (const [index, raw] of parsed.cases.entries()) {
      const { entry, problem } = normalizeCase(raw);
      if (!entry) {
        notes.push(`Casus ${index + 1} in het bestand is overgeslagen: ${problem}.`);
        continue;
      }
      entry.id = newId(); // never the id of a case already here
      const checked = await checkAnswers(ctx.engine, ctx.model, entry.antwoorden);
      if (checked.error || !Object.keys(checked.answers).length) {
        notes.push(`Casus ${quoted(entry.kenmerk)} is overgeslagen: de huidige inhoud van de tool kent geen van de antwoorden.`);
        continue;
      }
      entry.antwoorden = checked.answers;
      if ([...existing, ...added].some((other) => sameCase(other, entry))) {
        notes.push(`Casus ${quoted(entry.kenmerk)} stond al in deze browser en is niet nog eens toegevoegd.`);
        continue;
      }
      const reference = uniqueReference(entry.kenmerk, taken);
      taken.add(reference);
      if (reference !== entry.kenmerk) {
        notes.push(`Er stond al een casus ${quoted(entry.kenmerk)} in deze browser; die blijft zoals hij was. De geïmporteerde casus heet ${quoted(reference)}.`);
        entry.kenmerk = reference;
      }
      if (checked.removed.length) {
        notes.push(`In casus ${quoted(reference)} kent de huidige inhoud van de tool niet meer: ${removedSentence(checked.removed)}. ` +
          "Die antwoorden zijn weggelaten; de andere antwoorden zijn overgenomen. Open de casus om ze te controleren en bewaar hem opnieuw.");
      }
      added.push(entry);
    }
    if (added.length) {
      const written = store.write([...existing, ...added]);
      if (written !== "ok") {
        say(`Er is niets geïmporteerd uit ${name}. ${STORAGE_PROBLEM[written]}`, { error: true });
        return;
      }
    }
    render();
    const count = added.length;
    say(count ? `${count} ${count === 1 ? "casus is" : "casussen zijn"} geïmporteerd uit ${name}.`
      : `Er is niets geïmporteerd uit ${name}.`, { notes, error: count === 0 });
  }

  // Events ------------------------------------------------------------------------------------
  app.addEventListener("click", (event) => {
    const target = event.target.closest("[data-action]");
    if (!target || !app.contains(target)) return;
    const id = target.dataset.caseId;
    const action = target.dataset.action;
    if (action === "bewaar-casus") {
      saveCase();
    } else if (action === "open-casus") {
      if (unsavedWork() && id !== ctx.caseId) {
        confirming = { kind: "openen", id };
        render();
        focusConfirm();
      } else {
        openCase(id);
      }
    } else if (action === "bevestig-openen" && confirming) {
      openCase(confirming.id);
    } else if (action === "verwijder-casus") {
      confirming = { kind: "verwijderen", id };
      render();
      focusConfirm();
    } else if (action === "bevestig-verwijderen" && confirming) {
      deleteCase(confirming.id);
    } else if (action === "annuleer") {
      const back = confirming && list.querySelector(`[data-case="${CSS.escape(confirming.id)}"] [data-action="${confirming.kind === "openen" ? "open-casus" : "verwijder-casus"}"]`);
      confirming = null;
      wipeBox.hidden = true;
      render();
      const again = back && list.querySelector(`[data-case="${CSS.escape(back.dataset.caseId)}"] [data-action="${back.dataset.action}"]`);
      (again || $('[data-action="wis-alle-casussen"]')).focus();
    } else if (action === "wis-alle-casussen") {
      const count = store.list().length;
      wipeBox.querySelector("[data-confirm-text]").textContent =
        `Alle ${count} bewaarde ${count === 1 ? "casus" : "casussen"} wissen uit deze browser? Dat kan niet ongedaan worden gemaakt. ` +
        "Wilt u ze houden, exporteer ze dan eerst.";
      wipeBox.hidden = false;
      wipeBox.querySelector("[data-confirm-text]").focus();
    } else if (action === "bevestig-wissen") {
      wipeAll();
    } else if (action === "exporteer-casussen") {
      exportAll();
    }
  });
  app.addEventListener("change", (event) => {
    if (event.target.matches('input[type="file"][data-action="importeer-casussen"]')) importFile(event.target);
  });
  app.addEventListener("input", (event) => {
    const field = event.target.dataset && event.target.dataset.recordField;
    if (!RECORD_FIELDS.includes(field)) return;
    setRecordField(field, event.target.value);
    showRecord(app);
    if (field === "kenmerk" && event.target.value.trim() && !recordError.hidden) {
      recordError.hidden = true;
      kenmerkInput.removeAttribute("aria-invalid");
      kenmerkInput.setAttribute("aria-describedby", "aw-record-hint");
    }
  });

  // Start -------------------------------------------------------------------------------------
  panel.hidden = false;
  showRecord(app);
  const migrated = store.migrate();
  render();
  if (migrated) {
    say(`De antwoorden die eerder in deze browser waren bewaard, staan nu in deze lijst als ${quoted(migrated)}. ` +
      "Open die casus en bewaar hem onder uw eigen kenmerk.", { focus: false });
  }

  return {
    savedCase: (id) => store.get(id),
    refresh: render,
    /** The outcome is on screen: fill the record fields and say what changed since saving. */
    outcomeShown(state) {
      if (!ctx.caseId && !recordValues().datum) setRecordField("datum", today()); // the record's date, changeable
      showRecord(app);
      recordError.hidden = true;
      saveNote.hidden = true;
      const entry = ctx.caseId && ctx.model ? store.get(ctx.caseId) : null;
      const found = entry ? changeItems(ctx.model, entry, interview.answers, state.assessment) : { changed: false };
      changesBox.hidden = !found.changed;
      changesBox.replaceChildren();
      if (!found.changed) return;
      const group = (label, items) => (items.length
        ? [el("p", { className: "aw-label", text: label }),
            el("ul", { className: "aw-changes__list" }, items.map(([attrs, text]) => el("li", attrs, text)))]
        : []);
      changesBox.append(...[
        el("p", { className: "aw-changes__title", text: `Veranderd sinds ${savedAt(entry.bewaard, { time: false })}, toen u ${quoted(entry.kenmerk)} bewaarde` }),
        found.version ? el("p", { "data-change-version": "", text: found.version }) : null,
        ...group("Antwoorden", found.answers),
        ...group("Uitkomst", found.instruments),
        el("p", { className: "aw-changes__hint aw-no-print", text: "Bewaar de casus opnieuw om deze stand vast te leggen." }),
      ].filter(Boolean));
    },
    ready() {
      render(); // "met een eerdere versie van de inhoud" needs the model
    },
  };
}
