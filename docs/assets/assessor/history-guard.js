// Loaded before the theme's own scripts (see overrides/main.html). Listeners on window run in
// the order they were added, so this one runs before the theme's instant navigation and lets
// the assessor claim its own screen changes (#stap-N), which must not reload the page.
(function () {
  function guard(event) {
    var claims = window.__awClaimsHistory;
    if (typeof claims === "function" && claims(event)) event.stopImmediatePropagation();
  }
  window.addEventListener("popstate", guard);
  window.addEventListener("hashchange", guard);
  // A link to a place on the tool's page (the theme's "Ga naar inhoud"): the browser follows it
  // (scroll, focus), but the theme's instant navigation must not see the click, or it loads the
  // page again over the tool. Captured on window, before the theme's own listener.
  window.addEventListener("click", function (event) {
    var claims = window.__awClaimsLink;
    if (typeof claims === "function" && claims(event)) event.stopPropagation();
  }, true);
})();
