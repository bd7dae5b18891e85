// Saved cases in this browser (localStorage), only when the officer saves one: the officer's
// own reference (kenmerk), when it was saved, the content version, the answers (fact and value
// ids) and the statuses of that assessment, and the record fields typed on the outcome. Also
// the export file's format and reading such a file back. No DOM here; cases-ui.js shows it all.
//
// A stored case:   {id, kenmerk, bewaard (ISO time), inhoudsversie, antwoorden: {fact: value},
//                   statussen: {instrument: status} | null, behandelaar, datum (YYYY-MM-DD | "")}
// The export file: {bestand: "aanpak-woonoverlast-casussen", versie: 1, geexporteerd (ISO time),
//                   casussen: [the stored cases without their id]}

import { ID } from "./share.js";
import { readJson, remove, storageKey, writeJson } from "./storage.js";

const FILE_KIND = "aanpak-woonoverlast-casussen";
export const MAX_FILE_BYTES = 2_000_000;
const FILE_VERSION = 1;
const MAX_CASES = 500;
const MAX_REFERENCE = 60;
const MAX_NAME = 80;
/** The single saved case of earlier versions of the tool, for every deployment on the host. */
const OLD_KEY = "aanpak-woonoverlast:antwoorden";
const MIGRATED_REFERENCE = "Eerder bewaarde casus";
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const text = (value, max) => (typeof value === "string" ? value.replace(/\s+/g, " ").trim().slice(0, max) : "");

export function newId() {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes); // also on a plain-http intranet, where randomUUID is missing
  return "c" + [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** ``reference``, or "reference (2)", "(3)", ... when another case already has it. */
export function uniqueReference(reference, taken) {
  if (!taken.has(reference)) return reference;
  for (let number = 2; ; number += 1) {
    const candidate = `${reference} (${number})`;
    if (!taken.has(candidate)) return candidate;
  }
}

function validTime(value) {
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null;
}

function statuses(value) {
  if (!isObject(value)) return null;
  const out = {};
  for (const [id, status] of Object.entries(value)) {
    if (ID.test(id) && typeof status === "string" && ID.test(status)) out[id] = status;
  }
  return Object.keys(out).length ? out : null;
}

/** One case from storage or a file in a safe shape, or {problem} in Dutch. The answers are
 *  only shaped here; answers-check.js asks the engine which ones the content knows. */
export function normalizeCase(raw) {
  if (!isObject(raw)) return { problem: "dit is geen casus" };
  const kenmerk = text(raw.kenmerk, MAX_REFERENCE);
  if (!kenmerk) return { problem: "de casus heeft geen kenmerk" };
  if (!isObject(raw.antwoorden)) return { problem: `casus ‘${kenmerk}’ heeft geen antwoorden` };
  return {
    entry: {
      id: typeof raw.id === "string" && /^c[0-9a-f]{18}$/.test(raw.id) ? raw.id : newId(),
      kenmerk,
      bewaard: validTime(raw.bewaard) || new Date().toISOString(),
      inhoudsversie: text(raw.inhoudsversie, 60) || null,
      antwoorden: raw.antwoorden,
      statussen: statuses(raw.statussen),
      behandelaar: text(raw.behandelaar, MAX_NAME),
      datum: typeof raw.datum === "string" && DATE.test(raw.datum) ? raw.datum : "",
    },
  };
}

/** How many instruments a stored case had aangewezen, or null when it has no outcome yet. */
export function designatedCount(entry) {
  return entry.statussen ? Object.values(entry.statussen).filter((status) => status === "aangewezen").length : null;
}

/** True when two cases hold the same saved assessment (so an import need not add it twice). */
export function sameCase(a, b) {
  return a.kenmerk === b.kenmerk && a.bewaard === b.bewaard && sameAnswers(a.antwoorden, b.antwoorden);
}

function canonical(answers) {
  const out = {};
  for (const key of Object.keys(answers || {}).sort()) {
    const value = answers[key];
    out[key] = Array.isArray(value) ? [...value].sort() : value;
  }
  return JSON.stringify(out);
}

export function sameAnswers(a, b) {
  return canonical(a) === canonical(b);
}

export function createCaseStore(pathname) {
  const key = storageKey("casussen", pathname);

  function list() {
    const data = readJson("local", key);
    if (!isObject(data) || !Array.isArray(data.casussen)) return [];
    const seen = new Set();
    const out = [];
    for (const raw of data.casussen) {
      const { entry } = normalizeCase(raw);
      if (!entry || seen.has(entry.id)) continue;
      seen.add(entry.id);
      out.push(entry);
    }
    return out;
  }

  /** "ok", "full" or "blocked"; nothing is changed unless "ok". */
  function write(cases) {
    if (!cases.length) {
      remove("local", key);
      return "ok";
    }
    return writeJson("local", key, { versie: FILE_VERSION, casussen: cases });
  }

  return {
    list,
    write,
    get: (id) => list().find((entry) => entry.id === id) || null,
    /** The single saved case of earlier versions, moved once into this list; its reference. */
    migrate() {
      const old = readJson("local", OLD_KEY);
      if (old === null) return null;
      if (!isObject(old) || !isObject(old.answers) || !Object.keys(old.answers).length) {
        remove("local", OLD_KEY); // unreadable: nothing to keep
        return null;
      }
      const cases = list();
      const reference = uniqueReference(MIGRATED_REFERENCE, new Set(cases.map((entry) => entry.kenmerk)));
      const { entry } = normalizeCase({ kenmerk: reference, bewaard: old.saved, antwoorden: old.answers });
      if (write([...cases, entry]) !== "ok") return null; // try again on a later visit
      remove("local", OLD_KEY);
      return reference;
    },
  };
}

/** The export file for these cases, as text. */
export function exportText(cases) {
  return JSON.stringify({
    bestand: FILE_KIND,
    versie: FILE_VERSION,
    geexporteerd: new Date().toISOString(),
    casussen: cases.map(({ id, ...rest }) => rest), // eslint-disable-line no-unused-vars
  }, null, 2);
}

/** The cases in an export file's text, or {error: "unreadable" | "foreign" | "newer" | "too_many"}. */
export function parseExport(source) {
  let data;
  try {
    data = JSON.parse(source);
  } catch {
    return { error: "unreadable" };
  }
  if (!isObject(data) || data.bestand !== FILE_KIND || !Array.isArray(data.casussen) || !Number.isInteger(data.versie)) {
    return { error: "foreign" };
  }
  if (data.versie > FILE_VERSION) return { error: "newer" };
  if (data.casussen.length > MAX_CASES) return { error: "too_many" };
  return { cases: data.casussen };
}
