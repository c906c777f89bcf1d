// ecflink content script: reports the page to the background and shows the host's answer.
// Kept cheap: no DOM walks; it runs once per page load in the top frame only.
"use strict";

(() => {
  if (window.top !== window) return;
  const api = globalThis.browser ?? globalThis.chrome;
  api.runtime
    .sendMessage({ type: "page" })
    .then((reply) => {
      if (reply?.text) ecflinkOverlay.show(reply.text);
    })
    .catch(() => {}); // the extension was reloaded or is shutting down: nothing to show
})();
