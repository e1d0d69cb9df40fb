// The page's own script, loaded first. After htmx swaps something in, this decides once what settled and tells the
// other scripts with an event of ours: "troubleshooter:step" (a new step in the wizard panel), "troubleshooter:form"
// (a form's region after its POST) or "troubleshooter:results" (search results). A new step also gets its heading
// focused, the page title updated and its heading announced here.
(function () {
  "use strict";

  var troubleshooter = (window.troubleshooter = window.troubleshooter || {});

  // Whether a key press belongs to a field being typed in: keyboard shortcuts leave those keys alone.
  troubleshooter.typing = function (target) {
    if (!(target instanceof Element)) return false;
    return target.isContentEditable || target.closest("input, textarea, select, [contenteditable]") !== null;
  };

  function announce(name, detail) {
    document.dispatchEvent(new CustomEvent("troubleshooter:" + name, { detail: detail }));
  }

  function settleStep() {
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

  document.addEventListener("htmx:afterSettle", function (event) {
    var detail = event.detail || {};
    var target = detail.target;
    if (!target) return;
    var config = detail.requestConfig;
    if (target.id === "wizard") {
      // Only swaps of the wizard panel itself move focus; a form swapped inside it keeps its own focus.
      settleStep();
      announce("step", { target: target });
    } else if (config && config.verb === "post" && (target.id === "feedback" || target.id === "escalation")) {
      // htmx applies the new attributes of elements that keep their id (such as error classes) only on settle.
      announce("form", { target: document.getElementById(target.id) });
    }
    if (document.getElementById("search-results") && target.contains(document.getElementById("search-results"))) {
      announce("results", { target: target });
    }
  });
  document.addEventListener("htmx:historyRestore", settleStep);
})();
