// Registers the service worker that keeps the whole site, the assessor and its Python runtime
// available offline after a first visit. Browsers allow it only on https and on localhost;
// on a plain-http intranet name the site simply works online.
(function () {
  if (!("serviceWorker" in navigator)) return;
  var local = location.hostname === "localhost" || location.hostname === "127.0.0.1";
  if (location.protocol !== "https:" && !(location.protocol === "http:" && local)) return;
  var root = new URL("../../", document.currentScript.src);
  navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.href }).catch(function () {});
})();
