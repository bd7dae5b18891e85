// Runs the Python engine on self-hosted Pyodide, off the main thread so the page stays
// responsive while the runtime (about 14 MB) loads. Must be started as a module worker.
//
// Messages in:  {type: "start", wheel: URL} once, first; then {id, method, arg: string}
//               with method "describe" or "interview".
// Messages out: {type: "ready"} once, or {type: "failed", error};
//               {id, result: string (JSON)} or {id, error} per call.
// (The wheel's URL comes by message, not in the worker's URL: a service worker may serve
// this file from its cache without the query string.)

const runtimeUrl = new URL("../pyodide/", import.meta.url).href;
let start;
const wheelUrl = new Promise((resolve) => (start = resolve));

const engine = wheelUrl.then(async (wheel) => {
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeUrl).href);
  const pyodide = await loadPyodide({ indexURL: runtimeUrl, stdout: () => {}, stderr: () => {} });
  // Always a URL, never a package name: a name would make Pyodide look for it on a CDN.
  await pyodide.loadPackage(wheel, { messageCallback: () => {} });
  return pyodide.pyimport("assessor.browser");
});

// Errors inside the runtime's own start-up do not always reject loadPyodide: report them too.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault(); // handled: the page shows its explanation
  self.postMessage({ type: "failed", error: String((event.reason && event.reason.message) || event.reason) });
});

engine.then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "failed", error: String((error && error.message) || error) }),
);

const METHODS = {
  describe: (api) => api.describe(),
  interview: (api, arg) => api.interview(arg),
};

self.onmessage = async (event) => {
  const { type, wheel, id, method, arg } = event.data || {};
  if (type === "start") {
    start(new URL(wheel, self.location.href).href);
    return;
  }
  try {
    if (!Object.hasOwn(METHODS, method)) throw new Error(`onbekende opdracht ${method}`);
    const api = await engine;
    self.postMessage({ id, result: METHODS[method](api, String(arg ?? "")) });
  } catch (error) {
    self.postMessage({ id, error: String((error && error.message) || error) });
  }
};
