// ecflink overlay: a small hint panel, and a ring around the element the hint is about, in a
// closed shadow root so page scripts and page styles can neither read nor restyle them. Passive:
// it never takes focus or scrolls the page; Tab reaches its button; Escape or the button dismisses
// it; new hint text is announced through an aria-live region.
"use strict";

const ecflinkOverlay = (() => {
  const STYLE = `
    :host { all: initial; }
    .panel {
      position: fixed; right: 16px; bottom: 16px; pointer-events: auto;
      box-sizing: border-box; max-width: 22rem; padding: 0.75rem 2.5rem 0.75rem 0.9rem;
      font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b;
      background: #fff; border: 1px solid #b8c4d6; border-left: 4px solid #1a4d8f; border-radius: 6px;
      box-shadow: 0 4px 14px rgba(0, 0, 0, 0.18);
    }
    .panel[data-tone="done"] { border-left-color: #1e7b34; }
    .panel[data-tone="problem"] { border-left-color: #b25e00; }
    .title { font-weight: 600; color: #1a4d8f; margin: 0 0 0.25rem; font-size: 12px; letter-spacing: 0.03em; }
    .hint { margin: 0; }
    .dismiss {
      position: absolute; top: 0.35rem; right: 0.35rem; width: 1.75rem; height: 1.75rem;
      border: 0; border-radius: 4px; background: transparent; color: #444; font-size: 18px; cursor: pointer;
    }
    .dismiss:hover { background: #eef2f7; }
    .dismiss:focus-visible { outline: 2px solid #1a4d8f; outline-offset: 1px; }
    .ring {
      position: fixed; pointer-events: none; box-sizing: border-box; border: 3px solid #1a4d8f;
      border-radius: 4px; box-shadow: 0 0 0 4px rgba(26, 77, 143, 0.25);
    }
    .ring[hidden] { display: none; }
    @media print { .panel, .ring { display: none; } }
  `;
  let host = null;
  let panel = null;
  let hint = null;
  let ring = null;
  let target = null;
  let text = ""; // the latest hint text
  let frame = 0;
  // Layout can move the target after the hint is shown (late images, stylesheets, fonts) without
  // any event, so the ring also follows it on a light timer: one getBoundingClientRect per tick.
  let follow = 0;
  const FOLLOW_MS = 500;

  function pin(element) {
    // A layer over the viewport that lets every click through; inline !important beats page
    // stylesheets that target the host element.
    const fixed = { position: "fixed", inset: "0", "z-index": "2147483647", "pointer-events": "none",
                    display: "block", margin: "0", padding: "0", border: "0", background: "transparent" };
    for (const [name, value] of Object.entries(fixed)) element.style.setProperty(name, value, "important");
  }

  function build() {
    host = document.createElement("div");
    host.setAttribute("data-ecflink", "overlay");
    pin(host);
    const root = host.attachShadow({ mode: "closed" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    ring = document.createElement("div");
    ring.className = "ring";
    ring.hidden = true;
    panel = document.createElement("section");
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
    root.append(style, ring, panel);
    document.documentElement.append(host);
    addEventListener("scroll", place, { passive: true, capture: true });
    addEventListener("resize", place, { passive: true });
    follow = setInterval(() => { if (target && !document.hidden) place(); }, FOLLOW_MS);
  }

  function placeNow() {
    frame = 0;
    if (!ring) return;
    const box = target?.isConnected ? target.getBoundingClientRect() : null;
    if (!box || (box.width === 0 && box.height === 0)) {
      ring.hidden = true;
      return;
    }
    const pad = 4;
    Object.assign(ring.style, { left: `${box.left - pad}px`, top: `${box.top - pad}px`,
                                width: `${box.width + 2 * pad}px`, height: `${box.height + 2 * pad}px` });
    ring.hidden = false;
  }

  function place() {
    if (!frame) frame = requestAnimationFrame(placeNow);
  }

  function remove() {
    removeEventListener("scroll", place, { capture: true });
    removeEventListener("resize", place);
    clearInterval(follow);
    if (frame) cancelAnimationFrame(frame);
    host?.remove();
    host = panel = hint = ring = target = null;
    frame = follow = 0;
  }

  // hint: {text, tone, page, target}; element: what the hint is about, or null.
  function show(advice, element) {
    const fresh = !host?.isConnected;
    if (fresh) build();
    panel.dataset.tone = advice.tone ?? "step";
    panel.dataset.kind = advice.page ?? "";
    ring.dataset.target = element ? advice.target : "";
    target = element;
    placeNow();
    text = advice.text;
    // A new live region is filled only once it is in the page, so screen readers announce it;
    // by then a newer hint may have arrived, so it is filled with the latest text.
    const region = hint;
    if (fresh) setTimeout(() => { if (region === hint) hint.textContent = text; }, 50);
    else hint.textContent = text;
  }

  return { show, remove };
})();
