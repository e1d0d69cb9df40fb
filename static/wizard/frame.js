// Inside an embed frame: tell the parent page how tall the wizard is, whenever that changes, so the
// snippet (embed.js) can size the iframe to fit. A height is not secret, so any parent may read it;
// the snippet checks that the message really comes from its own frame.
(function () {
  "use strict";

  if (window.parent === window) return;

  var last = 0;

  function post(message) {
    window.parent.postMessage(message, "*");
  }

  function sendHeight() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    post({ type: "troubleshooter:height", height: height });
  }

  // Links to other sites (official docs) open in a new tab: most sites refuse to be framed, and the
  // reader should not lose their place in the walk.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.origin === window.location.origin) return;
    link.target = "_blank";
    link.rel = "noopener";
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (window.ResizeObserver) {
      new ResizeObserver(sendHeight).observe(document.body);
    } else {
      window.addEventListener("resize", sendHeight);
    }
    sendHeight();
  });
  // A new step (wizard.js): the snippet scrolls the frame into view if the reader had scrolled past its top.
  document.addEventListener("troubleshooter:step", function () {
    sendHeight();
    post({ type: "troubleshooter:step" });
  });
})();
