// The header search box: "/" focuses it from anywhere, arrow keys move between it and the results,
// and after active search swaps in new results the page title and the status line follow.
(function () {
  "use strict";

  function box() {
    return document.getElementById("site-search-q");
  }

  function resultLinks() {
    return Array.prototype.slice.call(document.querySelectorAll("#search-results .search-result-link"));
  }

  document.addEventListener("keydown", function (event) {
    var input = box();
    if (!input) return;
    var modified = event.ctrlKey || event.metaKey || event.altKey;
    if (event.key === "/" && !modified && !window.troubleshooter.typing(event.target)) {
      event.preventDefault();
      input.focus();
      input.select();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = resultLinks();
    if (!links.length) return;
    if (event.target === input && event.key === "ArrowDown") {
      event.preventDefault();
      links[0].focus();
      return;
    }
    var at = links.indexOf(event.target);
    if (at === -1) return;
    event.preventDefault();
    if (event.key === "ArrowDown") {
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (at === 0) {
      input.focus();
    } else {
      links[at - 1].focus();
    }
  });

  // Results swapped in by active search (wizard.js): the title and the status line follow.
  document.addEventListener("troubleshooter:results", function () {
    var results = document.getElementById("search-results");
    if (results.dataset.title) document.title = results.dataset.title;
    var summary = document.getElementById("search-summary");
    var status = document.getElementById("wizard-status");
    // Focus stays in the box while typing; the count is announced instead.
    if (summary && status) status.textContent = summary.textContent.replace(/\s+/g, " ").trim();
  });
})();
