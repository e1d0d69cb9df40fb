// After htmx swaps in a new step: move focus to its heading, update the title, and announce it.
(function () {
  "use strict";

  var shown = null;

  function settle() {
    var panel = document.getElementById("wizard");
    if (!panel) return;
    var current = panel.dataset.guide + "/" + panel.dataset.node;
    if (current === shown) return;
    shown = current;
    if (panel.dataset.title) document.title = panel.dataset.title;
    var heading = document.getElementById("wizard-heading");
    if (heading) {
      heading.focus({ preventScroll: true });
      var status = document.getElementById("wizard-status");
      if (status) status.textContent = heading.textContent.trim();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("wizard");
    if (panel) shown = panel.dataset.guide + "/" + panel.dataset.node;
  });
  document.addEventListener("htmx:afterSettle", settle);
  document.addEventListener("htmx:historyRestore", settle);
})();
