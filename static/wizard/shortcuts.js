// Keyboard shortcuts for agents: 1-9 choose the n-th answer, Backspace goes back.
// Both are ignored while typing in a field or with a modifier held, so they never eat real input.
(function () {
  "use strict";

  document.documentElement.classList.add("has-shortcuts");

  // Keys pressed while a step is loading wait for it: htmx only wires up the new answer links when the swap
  // settles, and an agent typing "1 2 1" means three answers in turn, not three answers to the same question.
  var loading = false;
  var queued = [];

  function revealHints() {
    document.querySelectorAll("#wizard .shortcut-hint").forEach(function (hint) {
      hint.hidden = false;
    });
  }

  function linkFor(key) {
    var panel = document.getElementById("wizard");
    if (!panel) return null;
    if (/^[1-9]$/.test(key)) return panel.querySelectorAll(".answers a.answer")[Number(key) - 1] || null;
    if (key === "Backspace") return panel.querySelector(".wizard-nav a[rel='prev']");
    return null;
  }

  function follow(key) {
    var link = linkFor(key);
    // A click, not a location change: htmx handles it as it would a pointer click (swap, push URL, focus).
    if (link) link.click();
    return link !== null;
  }

  function targetsWizard(event) {
    var target = event.detail && event.detail.target;
    return Boolean(target && target.id === "wizard");
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
    if (window.troubleshooter.typing(event.target) || !document.getElementById("wizard")) return;
    var key = event.key;
    if (!/^[1-9]$/.test(key) && key !== "Backspace") return;
    if (event.repeat && key !== "Backspace") return;
    if (loading) {
      event.preventDefault();
      queued.push(key);
      return;
    }
    if (linkFor(key)) {
      event.preventDefault();
      follow(key);
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (targetsWizard(event)) loading = true;
  });
  // A new step settled (wizard.js).
  document.addEventListener("troubleshooter:step", function () {
    loading = false;
    // One queued key per settled step: the click it makes starts the next load, which replays the rest. A key
    // with nothing to follow on this step is dropped, as it would be if pressed now.
    while (queued.length) {
      if (follow(queued.shift())) break;
    }
  });
  function giveUp(event) {
    if (!targetsWizard(event)) return;
    loading = false;
    queued = [];
  }
  // A failed or swap-less answer (error page, 204, lost network) leaves the step as it was: drop the queue.
  document.addEventListener("htmx:afterRequest", function (event) {
    var detail = event.detail || {};
    if (!detail.successful || (detail.xhr && detail.xhr.status === 204)) giveUp(event);
  });
  document.addEventListener("htmx:swapError", giveUp);
  document.addEventListener("htmx:historyRestore", function () {
    loading = false;
    queued = [];
  });

  document.addEventListener("DOMContentLoaded", revealHints);
  document.addEventListener("htmx:load", revealHints);
})();
