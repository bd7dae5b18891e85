// The record fields on the outcome: the officer's own case reference (kenmerk), who handles the
// case (behandelaar) and a date. They go on the print and into the downloaded decision record,
// never into a share link, and are stored only with a case the officer saves (cases.js).
// Until then they live in this module's memory: that outlasts the theme's instant navigation
// (a sidebar link, an instrument page and Back) but not a reload or a closed tab.

export const RECORD_FIELDS = ["kenmerk", "behandelaar", "datum"];
const EMPTY = { kenmerk: "", behandelaar: "", datum: "" };
let values = { ...EMPTY };

export function recordValues() {
  return { ...values };
}

export function setRecord(next) {
  values = { ...EMPTY };
  for (const field of RECORD_FIELDS) if (typeof next[field] === "string") values[field] = next[field];
}

export function setRecordField(field, value) {
  if (RECORD_FIELDS.includes(field)) values = { ...values, [field]: String(value) };
}

export function clearRecord() {
  values = { ...EMPTY };
}

/** Today as YYYY-MM-DD in the officer's own time zone. */
export function today() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((part) => String(part).padStart(2, "0")).join("-");
}

/** "3 november 2026" for an ISO date (YYYY-MM-DD), or "" */
export function longDate(iso) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso || "")) return "";
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(year, month - 1, day).toLocaleDateString("nl-NL", { year: "numeric", month: "long", day: "numeric" });
}

/** The kenmerk as a piece of a file name ("" when there is none). */
export function recordFileTag() {
  return values.kenmerk.normalize("NFKD").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
}

/** Show the values in the fields and in their printed form. */
export function showRecord(app) {
  for (const field of RECORD_FIELDS) {
    const input = app.querySelector(`[data-record-field="${field}"]`);
    if (input && input.value !== values[field]) input.value = values[field];
    const printed = app.querySelector(`[data-record-print="${field}"]`);
    if (printed) {
      const shown = field === "datum" ? longDate(values[field]) : values[field].trim();
      printed.textContent = shown || "niet ingevuld";
    }
  }
}
