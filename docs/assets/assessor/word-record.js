// The decision record as a Word file, for municipal case systems that take .docx. The page turns
// the record (the outcome as it is printed: render.recordOutcome) into a list of text blocks; the
// engine's own Python writes the file (assessor/wordfile.py, the standard library's zipfile), so
// nothing leaves the browser and no library is added to the page.

const HEADINGS = { H1: "title", H2: "heading1", H3: "heading2", H4: "heading3", SUMMARY: "heading3" };
const BLOCKS = "p, h1, h2, h3, h4, ul, ol, dl, table, summary, div, section, details, aside, header, footer";
/** Left out as on paper (extra.css, @media print): the ladder, how the plan is made, the links
 *  behind reasons, and text only screen readers need. */
const SKIPPED = ".aw-ladder, .aw-ladder-fold, .aw-plan__rule, .aw-source, .aw-visually-hidden, .aw-group__explanation";

const text = (node) => node.textContent.replace(/\s+/g, " ").trim();

/** A list item's own text: without its nested lists, which become items of their own. */
function ownText(item) {
  const copy = item.cloneNode(true);
  copy.querySelectorAll("ul, ol").forEach((list) => list.remove());
  return text(copy);
}

function walk(node, blocks) {
  for (const child of node.children) {
    if (child.matches(SKIPPED)) continue;
    const tag = child.tagName;
    if (HEADINGS[tag]) {
      if (text(child)) blocks.push({ kind: HEADINGS[tag], text: text(child) });
    } else if (tag === "P") {
      if (text(child)) blocks.push({ kind: "paragraph", text: text(child) });
    } else if (tag === "UL" || tag === "OL") {
      for (const item of child.children) {
        if (item.tagName !== "LI" || item.matches(SKIPPED)) continue;
        blocks.push({ kind: "item", text: ownText(item) });
        for (const nested of item.querySelectorAll(":scope > ul, :scope > ol")) walk({ children: [nested] }, blocks);
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
      walk(child, blocks);
    } else if (text(child)) {
      blocks.push({ kind: "paragraph", text: text(child) }); // a container of running text only
    }
  }
  return blocks;
}

/** The record's blocks, in reading order (see assessor/wordfile.py for the kinds). */
export function wordBlocks(outcome, title) {
  return [{ kind: "title", text: title }, ...walk(outcome, [])];
}

/** The .docx bytes from the engine's answer ({base64} or {error}). */
export function wordBytes(reply) {
  if (reply.error) throw new Error(reply.error);
  return Uint8Array.from(atob(reply.base64), (char) => char.charCodeAt(0));
}
