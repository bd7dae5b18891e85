// What an officer does with an outcome: print it, download it as a file or a Word file, and copy
// a link to the answers. (Saving cases in this browser: casework.js and cases-ui.js.) Nothing leaves the
// browser unless the officer sends the file or the link on.

import { startEngine } from "./engine-client.js";
import { recordFileTag } from "./record.js";
import { decisionRecord, recordOutcome, saveFile } from "./render.js";
import { encodeAnswers } from "./share.js";
import { wordBlocks, wordBytes } from "./word-record.js";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function createActions(app, { interview, screens }) {
  const $ = (selector) => app.querySelector(selector);

  /** The file name's tail: the kenmerk (if any) and today's date. */
  function fileTag() {
    return [recordFileTag(), new Date().toISOString().slice(0, 10)].filter(Boolean).join("-");
  }

  function download() {
    const name = fileTag();
    saveFile(`beoordeling-woonoverlast-${name}.html`, decisionRecord(app, `Beoordeling woonoverlast ${name}`), "text/html");
  }

  /** The same record as a Word file, written by the engine in this browser. */
  function downloadWord() {
    const name = fileTag();
    const blocks = wordBlocks(recordOutcome(app), `Beoordeling woonoverlast ${name}`);
    startEngine(app)
      .then((engine) => engine.wordDocument({ title: `Beoordeling woonoverlast ${name}`, blocks }))
      .then((reply) => {
        saveFile(`beoordeling-woonoverlast-${name}.docx`, wordBytes(reply), DOCX);
        screens.announce("Het Word-bestand is gemaakt.");
      })
      .catch(() => screens.announce("Het Word-bestand kon niet worden gemaakt. Download het als bestand (HTML) of druk af."));
  }

  function copyLink() {
    const url = location.origin + location.pathname + encodeAnswers(interview.answers);
    const field = $("[data-share-link]");
    field.value = url;
    $("[data-share]").hidden = false;
    field.select();
    const copied = navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject();
    copied.then(() => screens.announce("De link is gekopieerd."), () => screens.announce("Kopieer de geselecteerde link."));
  }

  const handlers = {
    afdrukken: () => window.print(),
    download,
    "download-word": downloadWord,
    "kopieer-link": copyLink,
  };

  // A printed decision record shows the dossier checklists and the short list of what does not
  // apply: open those folds while printing (the steps for later stay folded, to keep it short).
  let reopened = [];
  window.addEventListener("beforeprint", () => {
    if (!document.body.contains(app)) return;
    reopened = [...app.querySelectorAll('[data-screen="uitkomst"] details.aw-print-open:not([open])')];
    reopened.forEach((node) => node.setAttribute("open", ""));
  });
  window.addEventListener("afterprint", () => {
    reopened.forEach((node) => node.removeAttribute("open"));
    reopened = [];
  });

  return {
    /** Run the action named by a data-action attribute; false when it is not one of these. */
    run(action) {
      if (!Object.hasOwn(handlers, action)) return false;
      handlers[action]();
      return true;
    },
  };
}
