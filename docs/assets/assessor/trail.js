// The history trail: every screen of the tool is a history entry "#stap-N" of this page, so
// the browser's Back and Forward move between screens. What each entry shows is kept here,
// because the theme overwrites history.state with its scroll position.

/** Index of the trail entry in a fragment: "#stap-N" is N, no fragment is 0, anything else -1. */
export function hashIndex(hash) {
  if (!hash) return 0;
  const match = /^#stap-(\d+)$/.exec(hash);
  return match ? Number(match[1]) : -1;
}

export function createTrail(first, pagePath, show) {
  const steps = [first];
  let position = 0;

  /** Show ``next`` as a new entry (or in place of the current one with push: false). */
  function go(next, { push = true, focus = true } = {}) {
    if (push) {
      position += 1;
      steps.length = position;
      steps.push(next);
      history.pushState(null, "", `${pagePath}#stap-${position}`);
    } else {
      steps[position] = next;
    }
    show(next, { focus });
  }

  /** The entry a history event leads to, or null when the event is not ours. */
  function entryFor() {
    if (location.pathname !== pagePath) return null;
    const index = hashIndex(location.hash);
    return steps[index] ? { index, step: steps[index] } : null;
  }

  function moveTo(index) {
    position = index;
  }

  // [casussen] Kept in the tab's session (session.js), so a reload or a return to the page
  // lands where the officer was. ----------------------------------------------------------
  function snapshot() {
    return { steps: steps.map((step) => ({ ...step })), position };
  }

  /** Take up a stored trail at ``at``. With ``rebuild`` the page's own history entries are made
   *  again (entry 0 is the page without a fragment), for a visit that does not stand on one. */
  function restore(stored, at, { rebuild = false } = {}) {
    steps.length = 0;
    steps.push(...stored);
    position = at;
    if (!rebuild) return;
    history.replaceState(history.state, "", pagePath);
    for (let index = 1; index <= at; index += 1) history.pushState(null, "", `${pagePath}#stap-${index}`);
  }
  // [/casussen] ---------------------------------------------------------------------------

  return { go, entryFor, moveTo, snapshot, restore };
}
