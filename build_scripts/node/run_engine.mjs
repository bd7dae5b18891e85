// Run the engine wheel on Pyodide under Node, as the browser worker runs it: for parity checks
// of a generated standard library (build_scripts/stdlib_bytecode.py:check_parity).
//
//   node run_engine.mjs --pyodide <node_modules/pyodide> --wheel <engine wheel>
//        --answers <answer sets.json> [--stdlib <zip>] [--describe] [--timings <file.json>]
//
// The answers file is a JSON list (see readAnswerSets in boot.mjs).
// Prints one line per answer set: interview()'s result text (JSON). With --describe, first a
// line with describe()'s result. --timings writes {load_pyodide_ms, …, per_case_ms,
// stdlib_bytecode} where stdlib_bytecode says whether the standard library ran as .pyc.

import { writeFileSync } from "node:fs";
import { bootEngine, parseArgs, readAnswerSets, round } from "./boot.mjs";

const args = parseArgs(process.argv.slice(2), ["describe"]);
for (const name of ["pyodide", "wheel", "answers"]) {
  if (!args[name]) throw new Error(`missing --${name}`);
}
const answerSets = readAnswerSets(args.answers);
const { pyodide, api, timings } = await bootEngine({ pyodideDir: args.pyodide, wheel: args.wheel, stdlib: args.stdlib });

const lines = [];
const t0 = performance.now();
if (args.describe) lines.push(api.describe());
for (const text of answerSets) lines.push(api.interview(text));
const elapsed = performance.now() - t0;
// U+2028/U+2029 may occur raw in the JSON text; readers split on "\n" only.
process.stdout.write(lines.map((line) => line + "\n").join(""));

timings.cases = answerSets.length;
timings.run_cases_ms = round(elapsed);
timings.per_case_ms = round(elapsed / Math.max(1, answerSets.length + (args.describe ? 1 : 0)));
timings.stdlib_bytecode = pyodide.runPython("import json; json.__spec__.origin.endswith('.pyc')");
if (args.timings) writeFileSync(args.timings, JSON.stringify(timings));
