/* Troubleshooter embed snippet. Paste where the wizard should appear:
 *
 *   <a href="https://wizard.example.com/guides/GUIDE/" data-troubleshooter-fallback>Open the troubleshooting guide</a>
 *   <script src="https://wizard.example.com/static/wizard/embed.js" data-guide="GUIDE" async></script>
 *
 * Options (data-* on the script tag): data-guide (required), data-node (a step to start on), data-theme
 * ("light" or "dark"), data-accent ("#rrggbb"), data-font ("system", "serif", "mono", ...), data-source
 * (a name for your site in our statistics), data-title (the iframe's accessible name).
 * The wizard checks every option again; anything invalid is ignored there.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src) return;

  var SLUG = /^[A-Za-z0-9_-]+$/;
  var data = script.dataset;
  if (!SLUG.test(data.guide || "")) return;

  var origin = new URL(script.src).origin;
  var path = "/embed/" + data.guide + "/" + (SLUG.test(data.node || "") ? data.node + "/" : "");
  var query = new URLSearchParams();
  ["theme", "accent", "font", "source"].forEach(function (name) {
    if (data[name]) query.set(name, data[name]);
  });
  var url = origin + path + (query.toString() ? "?" + query.toString() : "");

  var iframe = document.createElement("iframe");
  iframe.src = url;
  iframe.title = data.title || "Troubleshooting guide";
  iframe.className = "troubleshooter-embed";
  iframe.referrerPolicy = "strict-origin-when-cross-origin";
  // Set through the DOM (CSSOM), which a host page's style-src policy allows, unlike inline style attributes.
  iframe.style.display = "block";
  iframe.style.width = "100%";
  iframe.style.border = "0";
  iframe.style.height = "480px";
  iframe.style.colorScheme = data.theme === "dark" ? "dark" : "light";

  window.addEventListener("message", function (event) {
    // Only our own frame, from the wizard's origin: other frames on the page cannot resize this one.
    if (event.origin !== origin || event.source !== iframe.contentWindow) return;
    var message = event.data || {};
    if (message.type === "troubleshooter:height") {
      var height = Number(message.height);
      if (height > 0 && height < 100000) iframe.style.height = Math.ceil(height) + "px";
    } else if (message.type === "troubleshooter:step") {
      if (iframe.getBoundingClientRect().top < 0) iframe.scrollIntoView({ block: "start" });
    }
  });

  var fallback = script.previousElementSibling;
  if (fallback && fallback.hasAttribute("data-troubleshooter-fallback")) fallback.hidden = true;
  script.parentNode.insertBefore(iframe, script.nextSibling);
})();
