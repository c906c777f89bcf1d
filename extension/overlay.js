// ecflink overlay: a small hint panel in a closed shadow root, so page scripts and page styles
// cannot read or restyle it. Passive: it never takes focus; Tab reaches its button; Escape or the
// button dismisses it; new hint text is announced through an aria-live region.
"use strict";

const ecflinkOverlay = (() => {
  const STYLE = `
    :host { all: initial; }
    .panel {
      box-sizing: border-box; max-width: 22rem; padding: 0.75rem 2.5rem 0.75rem 0.9rem;
      font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b;
      background: #fff; border: 1px solid #b8c4d6; border-left: 4px solid #1a4d8f; border-radius: 6px;
      box-shadow: 0 4px 14px rgba(0, 0, 0, 0.18); position: relative;
    }
    .title { font-weight: 600; color: #1a4d8f; margin: 0 0 0.25rem; font-size: 12px; letter-spacing: 0.03em; }
    .hint { margin: 0; }
    .dismiss {
      position: absolute; top: 0.35rem; right: 0.35rem; width: 1.75rem; height: 1.75rem;
      border: 0; border-radius: 4px; background: transparent; color: #444; font-size: 18px; cursor: pointer;
    }
    .dismiss:hover { background: #eef2f7; }
    .dismiss:focus-visible { outline: 2px solid #1a4d8f; outline-offset: 1px; }
    @media print { .panel { display: none; } }
  `;
  let host = null;
  let hint = null;

  function pin(element) {
    // Inline !important beats page stylesheets that target the host element.
    const fixed = { position: "fixed", right: "16px", bottom: "16px", "z-index": "2147483647",
                    display: "block", margin: "0", padding: "0", border: "0" };
    for (const [name, value] of Object.entries(fixed)) element.style.setProperty(name, value, "important");
  }

  function build() {
    host = document.createElement("div");
    host.setAttribute("data-ecflink", "overlay");
    pin(host);
    const root = host.attachShadow({ mode: "closed" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    const panel = document.createElement("section");
    panel.className = "panel";
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", "ecflink");
    const title = document.createElement("p");
    title.className = "title";
    title.textContent = "ecflink";
    hint = document.createElement("p");
    hint.className = "hint";
    hint.setAttribute("aria-live", "polite");
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "dismiss";
    dismiss.setAttribute("aria-label", "Dismiss ecflink hint");
    dismiss.textContent = "×";
    dismiss.addEventListener("click", remove);
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") remove();
    });
    panel.append(title, hint, dismiss);
    root.append(style, panel);
    document.documentElement.append(host);
  }

  function remove() {
    host?.remove();
    host = null;
    hint = null;
  }

  function show(text) {
    if (!host?.isConnected) {
      build();
      // Fill the live region only once it is in the page, so screen readers announce it.
      setTimeout(() => { if (hint) hint.textContent = text; }, 50);
      return;
    }
    hint.textContent = text;
  }

  return { show, remove };
})();
