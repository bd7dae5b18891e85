// The engine in its Web Worker, started once per browser tab: with instant navigation the
// page changes but this module (and so the loaded Python runtime) stays.

export class EngineUnavailable extends Error {
  constructor(reason, detail = "") {
    super(detail || reason);
    this.reason = reason;
  }
}

let started = null;

function unavailableReason() {
  if (location.protocol === "file:") return "file";
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return "wasm";
  return null;
}

/** Start the engine (once) and resolve to {describe(), interview(answers)} when it is ready. */
export function startEngine(root) {
  if (started) return started;
  const reason = unavailableReason();
  if (reason) return Promise.reject(new EngineUnavailable(reason));
  const workerUrl = new URL(root.dataset.worker, location.href);
  const wheelUrl = new URL(root.dataset.wheel, location.href).href;
  // The precompiled standard library, when the build made one (worker.js falls back by itself).
  const stdlibUrl = root.dataset.stdlib ? new URL(root.dataset.stdlib, location.href).href : undefined;
  const pending = new Map();
  let nextId = 1;
  started = new Promise((resolve, reject) => {
    let worker;
    try {
      worker = new Worker(workerUrl.href, { type: "module" });
    } catch (error) {
      reject(new EngineUnavailable("worker", String(error)));
      return;
    }
    const call = (method, arg) =>
      new Promise((done, fail) => {
        const id = nextId++;
        pending.set(id, { done, fail });
        worker.postMessage({ id, method, arg });
      }).then((text) => JSON.parse(text));
    worker.addEventListener("message", (event) => {
      const message = event.data || {};
      if (message.type === "ready") {
        resolve({
          describe: () => call("describe", ""),
          interview: (answers) => call("interview", JSON.stringify(answers)),
          wordDocument: (record) => call("word_document", JSON.stringify(record)),
        });
      } else if (message.type === "failed") {
        // "missing": the engine's folder is not on the server: this page is of another deployment.
        reject(new EngineUnavailable(message.status === 404 ? "missing" : "load", message.error));
      } else if (pending.has(message.id)) {
        const { done, fail } = pending.get(message.id);
        pending.delete(message.id);
        if ("error" in message) fail(new Error(message.error));
        else done(message.result);
      }
    });
    worker.postMessage({ type: "start", wheel: wheelUrl, stdlib: stdlibUrl, lock: JSON.parse(root.dataset.lock) });
    worker.addEventListener("error", (event) => {
      event.preventDefault(); // handled: the page shows its explanation
      reject(new EngineUnavailable("worker", event.message || "de rekenmodule kon niet starten"));
    });
  });
  started.catch(() => {
    started = null; // a later visit may try again (for example after going online)
  });
  return started;
}
