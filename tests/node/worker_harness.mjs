// Runs docs/assets/assessor/worker.js under Node, with the few worker globals it uses, to test
// its start-up and its recovery without a browser (tests/test_stdlib_bytecode.py).
//
//   node worker_harness.mjs <worker.js> <node_modules/pyodide> <start message JSON> <calls JSON>
//
// Lays out a temporary site: assets/assessor/worker.js (a copy) and assets/pyodide/pyodide.mjs,
// a stand-in that passes the worker's file:// URLs to the real runtime as paths (Pyodide under
// Node takes paths); fetch() reads file:// URLs (the worker fetches the wheel). Sends the start
// message (give the wheel and stdlib as absolute file:// URLs), waits for "ready" or "failed",
// then sends each call ({method, arg}) in turn. Prints
// {start: {type, error?}, calls: [{result?, error?}], info: [console.info lines],
//  stdlibs: [stdLibURL of every loadPyodide]}.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [workerSource, pyodideDir, startJson, callsJson] = process.argv.slice(2);
const site = mkdtempSync(path.join(tmpdir(), "worker-harness-"));
const workerPath = path.join(site, "assets", "assessor", "worker.js");
mkdirSync(path.dirname(workerPath), { recursive: true });
mkdirSync(path.join(site, "assets", "pyodide"));
copyFileSync(workerSource, workerPath);
writeFileSync(path.join(site, "assets", "pyodide", "pyodide.mjs"), `
import { fileURLToPath } from "node:url";
import { loadPyodide as load } from ${JSON.stringify(pathToFileURL(path.join(path.resolve(pyodideDir), "pyodide.mjs")).href)};
const asPath = (url) => (typeof url === "string" && url.startsWith("file:") ? fileURLToPath(url) : url);
export async function loadPyodide(options) {
  globalThis.harnessStdlibs.push(options.stdLibURL ?? null);
  return load({ ...options, indexURL: ${JSON.stringify(path.resolve(pyodideDir) + path.sep)},
                stdLibURL: asPath(options.stdLibURL) });
}
`);

const info = [];
console.info = (...parts) => info.push(parts.map(String).join(" "));
globalThis.harnessStdlibs = [];
const listeners = { unhandledrejection: [] };
const waiting = [];
const inbox = [];
globalThis.self = globalThis;
const nodeFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = String(input?.url ?? input);
  if (!url.startsWith("file:")) return nodeFetch(input, init);
  try {
    return new Response(readFileSync(fileURLToPath(url)));
  } catch {
    return new Response(null, { status: 404 });
  }
};
self.location = { href: pathToFileURL(workerPath).href };
self.addEventListener = (type, listener) => (listeners[type] ??= []).push(listener);
self.postMessage = (message) => (waiting.length ? waiting.shift()(message) : inbox.push(message));
process.on("unhandledRejection", (reason) => {
  const event = { reason, preventDefault() {} };
  for (const listener of listeners.unhandledrejection) listener(event);
});
const next = () => new Promise((resolve) => (inbox.length ? resolve(inbox.shift()) : waiting.push(resolve)));

try {
  await import(pathToFileURL(workerPath).href);
  self.onmessage({ data: JSON.parse(startJson) });
  const start = await next();
  const calls = [];
  for (const [index, call] of JSON.parse(callsJson).entries()) {
    self.onmessage({ data: { id: index + 1, ...call } });
    const { id, ...answer } = await next();
    calls.push(answer);
  }
  // A pipe is written asynchronously: exit only once the whole report is out.
  await new Promise((resolve) => process.stdout.write(
    JSON.stringify({ start, calls, info, stdlibs: globalThis.harnessStdlibs }) + "\n", resolve));
} finally {
  rmSync(site, { recursive: true, force: true });
}
process.exit(0);
