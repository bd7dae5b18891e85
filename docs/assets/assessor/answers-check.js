// Answers from storage or a file, checked like a share link: the engine decides what the
// current content knows. Unlike a share link, what is still valid is kept: only facts and
// values the content no longer knows are dropped, and each one is named (in Dutch) so the
// officer can see what is gone.

const MAX_SHOWN = 40;

function clip(value) {
  const text = String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/**
 * Resolves to {answers, removed: [Dutch phrases]} or {error} (the engine refused even the answers
 * it accepted one by one, which should not happen). ``model`` is the page's describe() data
 * with factsById; ``engine`` has interview(answers).
 */
export async function checkAnswers(engine, model, raw) {
  const removed = [];
  const answers = {};
  const given = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? Object.entries(raw) : [];
  for (const [factId, value] of given) {
    const fact = Object.hasOwn(model.factsById, factId) ? model.factsById[factId] : null;
    if (!fact) {
      removed.push(`de vraag ‘${clip(factId)}’`);
    } else if (Array.isArray(value)) {
      const known = new Set(fact.values.map((item) => item.id));
      const kept = [...new Set(value.filter((item) => typeof item === "string" && known.has(item)))];
      for (const item of value.filter((entry) => !kept.includes(entry))) removed.push(`bij ‘${fact.short}’ de keuze ‘${clip(item)}’`);
      // A list that lost every choice is not "none of these": the question is asked again.
      if (kept.length || !value.length) answers[factId] = kept;
    } else if (typeof value === "string") {
      answers[factId] = value;
    } else {
      removed.push(`bij ‘${fact.short}’ een antwoord dat niet te lezen is`);
    }
  }
  let result = await engine.interview(answers);
  if (!result.error) return { answers, removed };
  // The engine names one problem at a time: ask it about each answer on its own.
  for (const [factId, value] of Object.entries(answers)) {
    const single = await engine.interview({ [factId]: value });
    if (single.error) {
      delete answers[factId];
      removed.push(`bij ‘${model.factsById[factId].short}’ het antwoord ‘${clip(Array.isArray(value) ? value.join(", ") : value)}’`);
    }
  }
  result = await engine.interview(answers);
  return result.error ? { error: result.error } : { answers, removed };
}

/** One Dutch sentence listing what was dropped. */
export function removedSentence(removed) {
  return removed.length === 1 ? removed[0] : `${removed.slice(0, -1).join("; ")} en ${removed[removed.length - 1]}`;
}
