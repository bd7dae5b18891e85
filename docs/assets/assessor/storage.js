// Web Storage for the assessor, scoped to this deployment. Keys carry the assessor page's path,
// so two deployments on one host (say /woonoverlast/ and /woonoverlast-test/) never read each
// other's cases. Storage can be switched off or full: every call here fails softly (null or
// false) and the caller says in Dutch what that means for the officer.

const PREFIX = "aanpak-woonoverlast";

/** The assessor page's path, without a trailing "index.html": the scope of every key. */
function scopeOf(pathname) {
  return pathname.replace(/index\.html$/, "");
}

export function storageKey(kind, pathname) {
  return `${PREFIX}:${kind}:${scopeOf(pathname)}`;
}

function area(name) {
  try {
    return name === "session" ? window.sessionStorage : window.localStorage;
  } catch {
    return null; // a browser setting forbids storage: reading it throws
  }
}

/** The parsed JSON under ``key``, or null (absent, unreadable or storage not allowed). */
export function readJson(name, key) {
  const store = area(name);
  if (!store) return null;
  try {
    const text = store.getItem(key);
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** Store ``value`` as JSON; "ok", "full" (quota) or "blocked" (storage not allowed). */
export function writeJson(name, key, value) {
  const store = area(name);
  if (!store) return "blocked";
  try {
    store.setItem(key, JSON.stringify(value));
    return "ok";
  } catch (error) {
    return error && error.name === "QuotaExceededError" ? "full" : "blocked";
  }
}

export function remove(name, key) {
  const store = area(name);
  try {
    if (store) store.removeItem(key);
  } catch {
    // nothing to do: what cannot be read cannot be shown either
  }
}
