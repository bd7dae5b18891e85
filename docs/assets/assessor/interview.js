// The interview: the answers given so far and the engine's view of them. Every decision
// (which question is next, which answers still apply, every status and reason) is the
// engine's; this module only keeps the answers and asks.

export function createInterview() {
  let engine = null;
  let answers = {};
  let state = null; // the engine's last answer: {asked, answers, next, dropped, remaining, assessment}

  return {
    get ready() { return engine !== null; },
    get answers() { return answers; },
    get state() { return state; },
    useEngine(ready) { engine = ready; },
    answer(factId, value) { answers = { ...answers, [factId]: value }; },
    merge(given) { answers = { ...given, ...answers }; },
    replace(given) { answers = { ...given }; },
    reset() { answers = {}; state = null; },
    /** Replay the answers in the engine; resolves to the new state, or {error} in Dutch. */
    async replay() {
      const result = await engine.interview(answers);
      if (result.error) return result;
      state = result;
      answers = result.answers;
      return result;
    },
  };
}
