// Answers in the URL fragment, so a case can be shared without a server. Only answer ids
// travel (never free text), and the fragment never reaches a server. Anything that does not
// decode to the expected shape is rejected here; the engine then checks every id and value.

const PREFIX = "#antwoorden=";
const MAX_LENGTH = 4000;
/** What a fact or answer id looks like (content ids); anything else from outside is refused. */
export const ID = /^[a-z][a-z0-9_]{0,60}$/;

export function encodeAnswers(answers) {
  return PREFIX + encodeURIComponent(JSON.stringify(answers));
}

export function hasSharedAnswers(hash) {
  return typeof hash === "string" && hash.startsWith(PREFIX);
}

/** The answers in a fragment, or throws an Error with a Dutch message. */
export function decodeAnswers(hash) {
  const encoded = hash.slice(PREFIX.length);
  if (encoded.length > MAX_LENGTH) throw new Error("De link is te lang.");
  let data;
  try {
    data = JSON.parse(decodeURIComponent(encoded));
  } catch {
    throw new Error("De link is beschadigd: de antwoorden zijn niet te lezen.");
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new Error("De link bevat geen antwoorden.");
  }
  const answers = {};
  for (const [key, value] of Object.entries(data)) {
    const ok =
      ID.test(key) &&
      ((typeof value === "string" && ID.test(value)) ||
        (Array.isArray(value) && value.length <= 50 && value.every((item) => typeof item === "string" && ID.test(item))));
    if (!ok) throw new Error("De link bevat een antwoord dat de tool niet kent.");
    answers[key] = value;
  }
  return answers;
}
