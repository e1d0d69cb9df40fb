// Agent tools: the ticket summary's Copy button, and focus after a form's region is swapped by htmx.
(function () {
  "use strict";

  function revealCopyButtons() {
    // The button only exists for people whose browser runs this: without JavaScript the text stays selectable.
    document.querySelectorAll("[data-copy-target][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function copyWithSelection(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value).then(
        function () { return true; },
        function () { return copyWithSelection(field); }
      );
    }
    return Promise.resolve(copyWithSelection(field));
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-copy-target]") : null;
    if (!button) return;
    var field = document.getElementById(button.dataset.copyTarget);
    if (!field) return;
    var status = button.parentElement.querySelector(".copy-status");
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    copy(field).then(function (copied) {
      button.textContent = copied ? "Copied" : label;
      button.classList.toggle("copied", copied);
      if (status) {
        status.textContent = copied ? "Copied to the clipboard." : "Copy failed: the text is selected, press Ctrl+C.";
      }
      window.setTimeout(function () {
        button.textContent = label;
        button.classList.remove("copied");
      }, 4000);
    });
  });

  // After a form's region is swapped in (wizard.js): focus the result's heading, or the first field with an error.
  document.addEventListener("troubleshooter:form", function (event) {
    var swapped = event.detail.target;
    if (!swapped) return;
    var target = swapped.querySelector("[data-focus-after-swap], .is-invalid, .alert");
    if (target) {
      if (!target.hasAttribute("tabindex") && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", revealCopyButtons);
  document.addEventListener("htmx:load", revealCopyButtons);
})();
