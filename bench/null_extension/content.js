// The null extension's content script, the floor for ecflink's panel (bench/bench.py): on the same
// pages and at the same run_at as ecflink's, it draws a fixed panel in a closed shadow root at
// once, with no helper app and no message. What the browser needs to show any panel at all.
"use strict";

(() => {
  if (window.top !== window) return;
  const host = document.createElement("div");
  host.setAttribute("data-null-panel", "");
  host.style.setProperty("position", "fixed", "important");
  host.style.setProperty("inset", "0", "important");
  host.style.setProperty("pointer-events", "none", "important");
  const root = host.attachShadow({ mode: "closed" });
  root.innerHTML =
    "<style>p{position:fixed;right:16px;bottom:96px;margin:0;padding:12px;background:#fff;border:1px solid #888}</style>" +
    "<p>null panel</p>";
  document.documentElement.append(host);
})();
