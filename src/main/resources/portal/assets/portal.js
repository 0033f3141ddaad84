// The portal's only script: follows a requested dump until it ends, then reloads the overview. No key, no storage.
(function () {
  "use strict";
  // snippets name this server by the address the browser used
  var codes = document.querySelectorAll("code.copy");
  for (var i = 0; i < codes.length; i++) {
    codes[i].textContent = codes[i].textContent.split("{{BASE_URL}}").join(window.location.origin);
  }
  var status = document.getElementById("run-status");
  if (!status) return;
  var run = status.getAttribute("data-run");
  var initial = status.getAttribute("data-status");
  if (initial !== "queued" && initial !== "running") return; // ended already: nothing to follow
  function poll() {
    fetch("/portal/runs/" + encodeURIComponent(run), { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body) return;
        var label = status.getAttribute("data-label-" + body.status) || body.status;
        status.textContent = label;
        status.setAttribute("data-status", body.status);
        if (body.status === "published" || body.status === "failed") {
          setTimeout(function () { window.location.replace("/portal?done=" + encodeURIComponent(run)); }, 800);
        } else {
          setTimeout(poll, 1000);
        }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
