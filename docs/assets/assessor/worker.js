// Runs the Python engine on self-hosted Pyodide, off the main thread so the page stays
// responsive while the runtime (about 14 MB) loads. Must be started as a module worker.
//
// Messages in:  {id, method: "describe" | "interview", arg: string}
// Messages out: {type: "ready"} once, or {type: "failed", error};
//               {id, result: string (JSON)} or {id, error} per call.

const wheelUrl = new URL(self.location.href).searchParams.get("wheel");
const runtimeUrl = new URL("../pyodide/", import.meta.url).href;

const engine = (async () => {
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeUrl).href);
  const pyodide = await loadPyodide({ indexURL: runtimeUrl, stdout: () => {}, stderr: () => {} });
  // Always a URL, never a package name: a name would make Pyodide look for it on a CDN.
  await pyodide.loadPackage(new URL(wheelUrl, self.location.href).href, { messageCallback: () => {} });
  return pyodide.pyimport("assessor.browser");
})();

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
  const { id, method, arg } = event.data || {};
  try {
    if (!Object.hasOwn(METHODS, method)) throw new Error(`onbekende opdracht ${method}`);
    const api = await engine;
    self.postMessage({ id, result: METHODS[method](api, String(arg ?? "")) });
  } catch (error) {
    self.postMessage({ id, error: String((error && error.message) || error) });
  }
};
