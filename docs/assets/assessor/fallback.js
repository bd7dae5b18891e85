// A classic (non-module) script, so it also runs where module scripts cannot: opened as a
// file (file://) or with the module blocked. It shows the tool's explanation of how to open
// it when the assessor could not start at all.
(function () {
  function check() {
    var app = document.getElementById("aw-app");
    if (!app || app.dataset.mounted) return;
    var reason = location.protocol === "file:" ? "file" : "scripts";
    var texts = app.querySelectorAll("[data-fallback-reason]");
    for (var j = 0; j < texts.length; j++) texts[j].hidden = texts[j].getAttribute("data-fallback-reason") !== reason;
    app.querySelector("[data-fallback]").hidden = false;
    var screens = app.querySelectorAll("[data-screen]");
    for (var i = 0; i < screens.length; i++) screens[i].hidden = true;
  }
  function schedule() {
    if (!document.getElementById("aw-app")) return;
    if (location.protocol === "file:") check();
    else window.setTimeout(check, 8000);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", schedule);
  else schedule();
})();
