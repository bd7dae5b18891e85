// What an officer does with an outcome: print it, download it as a file and copy a link to the
// answers. (Saving cases in this browser: casework.js and cases-ui.js.) Nothing leaves the
// browser unless the officer sends the file or the link on.

import { recordFileTag } from "./record.js";
import { decisionRecord, saveFile } from "./render.js";
import { encodeAnswers } from "./share.js";

export function createActions(app, { interview, screens }) {
  const $ = (selector) => app.querySelector(selector);

  function download() {
    const stamp = new Date().toISOString().slice(0, 10);
    const name = [recordFileTag(), stamp].filter(Boolean).join("-"); // [casussen] the kenmerk, if any
    saveFile(`beoordeling-woonoverlast-${name}.html`, decisionRecord(app, `Beoordeling woonoverlast ${name}`), "text/html");
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
