// After htmx swaps in a new step: move focus to its heading, update the title, and announce it.
(function () {
  "use strict";

  function settle() {
    var panel = document.getElementById("wizard");
    if (!panel) return;
    if (panel.dataset.title) document.title = panel.dataset.title;
    var heading = document.getElementById("wizard-heading");
    if (heading) {
      heading.focus({ preventScroll: true });
      var status = document.getElementById("wizard-status");
      if (status) status.textContent = heading.textContent.trim();
    }
  }

  // Only swaps of the wizard panel itself move focus; a form swapped inside it keeps its own focus.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id === "wizard") settle();
  });
  document.addEventListener("htmx:historyRestore", settle);
})();
