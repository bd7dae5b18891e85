// Runs the Python engine on self-hosted Pyodide, off the main thread so the page stays
// responsive while the runtime (about 14 MB) loads. Must be started as a module worker.
//
// Messages in:  {type: "start", wheel: URL, stdlib?: URL, lock: {info}} once, first; then
//               {id, method, arg: string} with method "describe" or "interview".
// Messages out: {type: "ready"} once, or {type: "failed", error, status?} (status: the HTTP
//               status when the engine's wheel was not there, 404 for a folder of another deployment);
//               {id, result: string (JSON)} or {id, error} per call.
// (The URLs come by message, not in the worker's URL: a service worker may serve this file
// from its cache without the query string.)
//
// `stdlib` is the build's precompiled standard library (build_scripts/stdlib_bytecode.py):
// only the modules the engine was seen to use, as bytecode, so Pyodide need not compile
// Python sources at every start. Should a module turn out to be missing (at start-up or in a
// call), the worker starts once more on Pyodide's full python_stdlib.zip and carries on; the
// officer only waits a little longer.

const runtimeUrl = new URL("../pyodide/", import.meta.url).href;

// The runtime's files (the wasm, the standard library, the wheel) come over the network and the
// browser's HTTP cache, which also keeps the compiled WebAssembly for the next start. Without a
// network they come from the copy the service worker keeps (build_scripts/offline.py).
const networkFetch = self.fetch.bind(self);
self.fetch = (input, init) => networkFetch(input, init).catch(async (error) => {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url, self.location.href).href;
  const kept = self.caches ? await caches.match(url, { ignoreSearch: true }) : undefined;
  if (kept) return kept;
  throw error;
});
let wheelUrl = null;
let lockHeader = null; // the runtime's lock file without its packages (the engine loads none by name)
let start;
let engine = new Promise((resolve) => (start = resolve)); // the engine's module, assessor.browser
let trimmedApi = null; // the engine while it runs on the precompiled standard library
let fullEngine = null; // the engine on the full standard library, once it was needed

// Errors inside the runtime's own start-up do not always reject loadPyodide: they arrive here
// instead and fail the start in progress.
let failBoot = () => {};
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault(); // handled: a start on the full library, or the page's explanation
  failBoot(event.reason);
});
// Pyodide 314 only logs a failed WebAssembly instantiation (the wasm file did not arrive, say),
// and loadPyodide then never settles: fail the start in progress instead.
for (const name of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = (...args) => original.apply(WebAssembly, args).catch((error) => {
    failBoot(error);
    throw error;
  });
}

function boot(stdlibUrl) {
  return new Promise((resolve, reject) => {
    failBoot = reject;
    (async () => {
      const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeUrl).href);
      // The lock file's header instead of the lock file (120 KB the engine does not need).
      const options = { indexURL: runtimeUrl, lockFileContents: lockHeader, stdout: () => {}, stderr: () => {} };
      if (stdlibUrl) options.stdLibURL = stdlibUrl; // else indexURL + "python_stdlib.zip"
      const wheel = fetch(wheelUrl).then((response) => {
        if (!response.ok) throw Object.assign(new Error(`${wheelUrl}: ${response.status}`), { status: response.status });
        return response.arrayBuffer();
      });
      const pyodide = await loadPyodide(options);
      // The engine is pure Python: Python imports it straight from the wheel (a zip) on sys.path,
      // as it does the standard library. Pyodide's package loader, and the modules it needs, are
      // not used (build_scripts/node/boot.mjs does the same under Node).
      const name = new URL(wheelUrl).pathname.split("/").pop();
      pyodide.FS.mkdirTree("/engine");
      pyodide.FS.writeFile(`/engine/${name}`, new Uint8Array(await wheel));
      pyodide.pyimport("sys").path.insert(0, `/engine/${name}`);
      return pyodide.pyimport("assessor.browser");
    })().then(resolve, reject);
  });
}

/** Start (once) on Pyodide's full standard library; later calls use that engine. */
function onFullStdlib(reason) {
  if (!fullEngine) {
    const why = String(reason?.message ?? reason).trim().split("\n").pop(); // the traceback's last line
    console.info("Rekenmodule: start opnieuw met de volledige standaardbibliotheek.", why); // for support
    fullEngine = engine = boot(null);
  }
  return fullEngine;
}

// A call that needs a module the precompiled library lacks fails with one of these.
const missingModule = (error) => /\b(ModuleNotFoundError|ImportError)\b/.test(String(error?.message ?? error));

engine.then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "failed", error: String((error && error.message) || error), status: error && error.status }),
);

const METHODS = {
  describe: (api) => api.describe(),
  interview: (api, arg) => api.interview(arg),
  word_document: (api, arg) => api.word_document(arg),
};

self.onmessage = async (event) => {
  const { type, wheel, stdlib, lock, id, method, arg } = event.data || {};
  if (type === "start") {
    wheelUrl = new URL(wheel, self.location.href).href;
    lockHeader = { info: lock, packages: {} };
    if (!stdlib) {
      start(boot(null));
      return;
    }
    const first = boot(new URL(stdlib, self.location.href).href).then((api) => (trimmedApi = api));
    start(first.catch(onFullStdlib)); // any failure to start on it: try the full library
    return;
  }
  try {
    if (!Object.hasOwn(METHODS, method)) throw new Error(`onbekende opdracht ${method}`);
    const api = await engine;
    let result;
    try {
      result = METHODS[method](api, String(arg ?? ""));
    } catch (error) {
      if (api !== trimmedApi || !missingModule(error)) throw error;
      result = METHODS[method](await onFullStdlib(error), String(arg ?? ""));
    }
    self.postMessage({ id, result });
  } catch (error) {
    self.postMessage({ id, error: String((error && error.message) || error) });
  }
};
