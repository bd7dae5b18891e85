// The engine's start sequence under Node, the same as docs/assets/assessor/worker.js runs it in
// the browser: loadPyodide (optionally with another standard library, and with the lock file's
// header instead of the whole lock file), the wheel written into Pyodide's file system and put
// on sys.path (Python imports the pure-Python engine straight from the zip), then
// pyimport("assessor.browser"). Used by compile_stdlib.mjs and run_engine.mjs.

import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Parse `--name value` pairs and bare flags (`--full`) into an object. */
export function parseArgs(argv, flags = []) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, "");
    if (flags.includes(name)) options[name] = true;
    else options[name] = argv[++i];
  }
  return options;
}

/**
 * The answer sets in `file` (a JSON list) as the texts interview() gets: an item that is a
 * string as it is (so two engines in a comparison get the very same text), others as JSON.
 */
export function readAnswerSets(file) {
  const sets = JSON.parse(readFileSync(file, "utf8"));
  if (!Array.isArray(sets)) throw new Error(`${file}: expected a JSON list of answer sets`);
  return sets.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
}

/**
 * Boot Pyodide from `pyodideDir` (the npm package), with `stdlib` (a zip path) instead of its
 * python_stdlib.zip when given; load the engine wheel and import the engine.
 * Returns {pyodide, api, timings}.
 */
export async function bootEngine({ pyodideDir, wheel, stdlib }) {
  const indexURL = path.resolve(pyodideDir) + path.sep;
  const t0 = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
  const options = { indexURL, lockFileContents: lockHeader(indexURL), stdout: () => {}, stderr: () => {} };
  if (stdlib) options.stdLibURL = path.resolve(stdlib);
  const pyodide = await loadPyodide(options);
  const t1 = performance.now();
  putOnPath(pyodide, path.basename(wheel), readFileSync(path.resolve(wheel)));
  const t2 = performance.now();
  const api = pyodide.pyimport("assessor.browser");
  const t3 = performance.now();
  return {
    pyodide,
    api,
    timings: {
      load_pyodide_ms: round(t1 - t0),
      load_wheel_ms: round(t2 - t1),
      import_engine_ms: round(t3 - t2),
      engine_ready_ms: round(t3 - t0),
    },
  };
}

export const round = (ms) => Math.round(ms * 10) / 10;

/** The lock file without its packages: the engine loads no package by name, so Pyodide needs
 *  only the header (it checks the ABI version). The build passes the browser the same header. */
export function lockHeader(indexURL) {
  const lock = JSON.parse(readFileSync(path.join(indexURL, "pyodide-lock.json"), "utf8"));
  return { info: lock.info, packages: {} };
}

/** Write the wheel into Pyodide's file system and put it first on sys.path (as worker.js does). */
export function putOnPath(pyodide, name, bytes) {
  pyodide.FS.mkdirTree("/engine");
  pyodide.FS.writeFile(`/engine/${name}`, bytes);
  pyodide.pyimport("sys").path.insert(0, `/engine/${name}`);
}
