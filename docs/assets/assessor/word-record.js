// The decision record as a Word file, for municipal case systems that take .docx. The page turns
// the record (the outcome as it is printed: render.recordOutcome) into a list of text blocks; the
// engine's own Python writes the file (assessor/wordfile.py, the standard library's zipfile), so
// nothing leaves the browser and no library is added to the page.

const HEADINGS = { H1: "title", H2: "heading1", H3: "heading2", H4: "heading3", SUMMARY: "heading3" };
const BLOCKS = "p, h1, h2, h3, h4, ul, ol, dl, table, summary, div, section, details, aside, header, footer";
/** Left out as on paper (extra.css, @media print): the ladder, how the plan is made, the sources
 *  behind reasons, the card's summary line and later steps, and text only screen readers need. */
const SKIPPED = [".aw-ladder", ".aw-ladder-fold", ".aw-plan__rule", ".aw-source", ".aw-visually-hidden",
  ".aw-group__explanation", ".aw-outcome__title", ".aw-later-steps", ".aw-instrument__summary",
  ".aw-instrument--eerst_andere_stappen .aw-dossier"].join(", ");
/** A list item holding these is a section of its own (a phase of the step plan), not one item. */
const SECTION = "h1, h2, h3, h4, p, dl, table, div, section, details";

/** An element's text as printed: without what is left out, and (``without``) nested parts. */
function text(node, without = "") {
  const copy = node.cloneNode(true);
  copy.querySelectorAll(without ? `${SKIPPED}, ${without}` : SKIPPED).forEach((part) => part.remove());
  return copy.textContent.replace(/\s+/g, " ").trim();
}

/** The blocks of ``elements`` and what they hold, in reading order. */
function walk(elements, blocks) {
  for (const child of elements) {
    if (child.matches(SKIPPED)) continue;
    const tag = child.tagName;
    if (HEADINGS[tag]) {
      if (text(child)) blocks.push({ kind: HEADINGS[tag], text: text(child) });
    } else if (tag === "P") {
      // A warning's title and a card's labels ("Wat u nu doet", "Waarom") head what follows.
      const kind = child.matches(".admonition-title, .aw-label") ? "heading3" : "paragraph";
      if (text(child)) blocks.push({ kind, text: text(child) });
    } else if (tag === "UL" || tag === "OL") {
      for (const item of child.children) {
        if (item.tagName !== "LI" || item.matches(SKIPPED)) continue;
        if (item.querySelector(`:scope > :is(${SECTION})`)) {
          walk(item.children, blocks);
          continue;
        }
        blocks.push({ kind: "item", text: text(item, "ul, ol") }); // nested lists: items of their own
        walk(item.querySelectorAll(":scope > ul, :scope > ol"), blocks);
      }
    } else if (tag === "DL") {
      // A label and its value: "dt, dd" pairs, grouped in a div or not.
      for (const term of child.querySelectorAll("dt")) {
        const value = term.nextElementSibling;
        blocks.push({ kind: "row", cells: [text(term), value && value.tagName === "DD" ? text(value) : ""] });
      }
    } else if (tag === "TABLE") {
      for (const row of child.querySelectorAll("tr")) blocks.push({ kind: "row", cells: [...row.cells].map(text) });
    } else if (child.querySelector(BLOCKS)) {
      walk(child.children, blocks);
    } else if (text(child)) {
      blocks.push({ kind: "paragraph", text: text(child) }); // a container of running text only
    }
  }
  return blocks;
}

/** The record's blocks, in reading order (see assessor/wordfile.py for the kinds). */
export function wordBlocks(outcome, title) {
  return [{ kind: "title", text: title }, ...walk(outcome.children, [])];
}

/** The .docx bytes from the engine's answer ({base64} or {error}). */
export function wordBytes(reply) {
  if (reply.error) throw new Error(reply.error);
  return Uint8Array.from(atob(reply.base64), (char) => char.charCodeAt(0));
}
