// The interview: the answers given so far and the engine's view of them. Every decision
// (which question is next, which answers still apply, every status and reason) is the
// engine's; this module only keeps the answers and asks. It forgets none of them: an answer
// that no longer applies stays here, set aside by the engine until it applies again.
//
// Asking ahead: while an officer chooses an answer, the page already asks the engine about
// the answers as they would be (ahead()); pressing Volgende then takes that reply instead of
// waiting for the worker. The engine's reply depends on the answers alone, so a reply for the
// very same answers is the same reply.

/** The same text for the same answers, whatever order they were given in. */
function keyOf(answers) {
  return JSON.stringify(Object.keys(answers).sort().map((id) => [id, answers[id]]));
}

export function createInterview() {
  let engine = null;
  let answers = {};
  let state = null; // the engine's last answer: see interview() in assessor/browser.py
  let early = null; // {key, reply}: the engine asked ahead about the answers about to be given

  return {
    get ready() { return engine !== null; },
    get answers() { return answers; },
    get state() { return state; },
    useEngine(ready) { engine = ready; },
    answer(factId, value) { answers = { ...answers, [factId]: value }; },
    merge(given) { answers = { ...given, ...answers }; },
    replace(given) { answers = { ...given }; },
    reset() { answers = {}; state = null; early = null; },
    /** Ask the engine now about these answers on this screen, if they are to be given (see above). */
    ahead(values) {
      if (!engine) return;
      const next = { ...answers, ...values };
      const key = keyOf(next);
      if (early && early.key === key) return;
      early = { key, reply: engine.interview(next) };
      early.reply.catch(() => {}); // a failed early reply is asked again by replay()
    },
    /** Replay the answers in the engine; resolves to the new state, or {error} in Dutch. */
    async replay() {
      const key = keyOf(answers);
      const pending = early && early.key === key ? early.reply : null;
      early = null;
      let result;
      try {
        result = await (pending || engine.interview(answers));
      } catch (error) {
        if (!pending) throw error;
        result = await engine.interview(answers);
      }
      if (result.error) return result;
      state = result;
      // The answers that count, and those a changed answer set aside: kept, so that changing it
      // back makes them count again (and a share link or a saved case carries them along).
      answers = { ...result.set_aside, ...result.answers };
      return result;
    },
  };
}
