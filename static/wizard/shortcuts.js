// Keyboard shortcuts for agents: 1-9 choose the n-th answer, Backspace goes back.
// Both are ignored while typing in a field or with a modifier held, so they never eat real input.
(function () {
  "use strict";

  document.documentElement.classList.add("has-shortcuts");

  function typing(target) {
    if (!(target instanceof Element)) return false;
    return target.isContentEditable || target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  function revealHints() {
    document.querySelectorAll("#wizard .shortcut-hint").forEach(function (hint) {
      hint.hidden = false;
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
    if (typing(event.target)) return;
    var panel = document.getElementById("wizard");
    if (!panel) return;
    var link = null;
    if (/^[1-9]$/.test(event.key)) {
      if (event.repeat) return;
      link = panel.querySelectorAll(".answers a.answer")[Number(event.key) - 1] || null;
    } else if (event.key === "Backspace") {
      link = panel.querySelector(".wizard-nav a[rel='prev']");
    }
    if (!link) return;
    event.preventDefault();
    // A click, not a location change: htmx handles it as it would a pointer click (swap, push URL, focus).
    link.click();
  });

  document.addEventListener("DOMContentLoaded", revealHints);
  document.addEventListener("htmx:load", revealHints);
})();
