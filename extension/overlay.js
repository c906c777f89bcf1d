// ecflink overlay: a small hint panel, and a ring around the element the hint is about, in a
// closed shadow root so page scripts and page styles can neither read nor restyle them. Passive:
// it never takes focus or scrolls the page; Tab reaches its buttons; Escape or × dismisses it;
// new hint text and the panel's own notes are announced through aria-live regions (a problem
// assertively), and the tone is said in a word beside its colour. Its one action button ("Fill CM/ECF
// login") acts only on a real click while the overlay is plainly visible and uncovered.
"use strict";

const ecflinkOverlay = (() => {
  const STYLE = `
    :host { all: initial; }
    .panel {
      position: fixed; right: 16px; bottom: 16px; pointer-events: auto;
      box-sizing: border-box; min-width: 200px; max-width: 352px; padding: 12px 40px 12px 14px;
      font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b;
      background: #fff; border: 1px solid #b8c4d6; border-left: 4px solid #1a4d8f; border-radius: 6px;
      box-shadow: 0 4px 14px rgba(0, 0, 0, 0.18);
    }
    .panel[data-tone="done"] { border-left-color: #1e7b34; }
    .panel[data-tone="problem"] { border-left-color: #b25e00; }
    .title { font-weight: 600; color: #1a4d8f; margin: 0 0 4px; font-size: 12px; letter-spacing: 0.4px; }
    .tone { font-weight: 600; }
    .panel[data-tone="done"] .tone { color: #1e7b34; }
    .panel[data-tone="problem"] .tone { color: #8a4500; }
    .hint { margin: 0; }
    .page-words { font-style: italic; background: #eef1f5; border-radius: 2px; padding: 0 2px; unicode-bidi: isolate; }
    .note { margin: 6px 0 0; font-size: 12px; color: #444; }
    .note:empty { display: none; }
    .action {
      margin-top: 8px; padding: 5px 13px; font: inherit; font-weight: 600; color: #fff;
      background: #1a4d8f; border: 0; border-radius: 4px; cursor: pointer;
    }
    .action[hidden] { display: none; }
    .action[aria-disabled="true"] { background: #8a9bb0; cursor: default; }
    .action:focus-visible { outline: 2px solid #1a4d8f; outline-offset: 2px; }
    .dismiss {
      position: absolute; top: 6px; right: 6px; width: 28px; height: 28px;
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
    @media (forced-colors: active) {
      .panel { border: 2px solid CanvasText; border-left-width: 6px; box-shadow: none; }
      .title, .tone { color: CanvasText; }
      .page-words { background: Canvas; border: 1px dotted CanvasText; }
      .action { border: 1px solid ButtonText; }
      .action[aria-disabled="true"] { color: GrayText; border-color: GrayText; }
      .action:focus-visible, .dismiss:focus-visible { outline: 2px solid Highlight; }
      .ring { border-color: Highlight; box-shadow: none; }
    }
  `;
  const DWELL_MS = 600; // the action button ignores clicks until it has stood still this long
  let host = null;
  let root = null;
  let panel = null;
  let hint = null;
  let note = null;
  let tone = null; // the tone in a word, not only a colour (WCAG 1.4.1)
  let action = null;
  let onAction = null;
  let ring = null;
  let target = null;
  let text = ""; // the latest hint text
  let frame = 0;
  // Layout can move the target after the hint is shown (late images, stylesheets, fonts) without
  // any event, so the ring also follows it on a light timer: one getBoundingClientRect per tick.
  let follow = 0;
  const FOLLOW_MS = 500;

  // The host: a layer over the viewport that lets every click through. Inline !important beats
  // any page stylesheet rule on the host, so a page's CSS can neither move, scale, mask nor hide it
  // (translate, scale, rotate and zoom are properties of their own, apart from transform). Sizes
  // inside are in px, so the page's root font size does not shrink the panel.
  const PINNED = {
    position: "fixed",
    inset: "0",
    "z-index": "2147483647",
    "pointer-events": "none",
    display: "block",
    margin: "0",
    padding: "0",
    border: "0",
    background: "transparent",
    opacity: "1",
    visibility: "visible",
    filter: "none",
    "backdrop-filter": "none",
    "clip-path": "none",
    "mix-blend-mode": "normal",
    transform: "none",
    translate: "none",
    scale: "none",
    rotate: "none",
    zoom: "1",
    perspective: "none",
    "offset-path": "none",
    contain: "none",
    "content-visibility": "visible",
    "will-change": "auto",
    mask: "none",
    "-webkit-mask": "none",
    "font-size": "16px",
    "letter-spacing": "normal",
    "-webkit-text-fill-color": "currentcolor",
    color: "#1b1b1b",
    width: "auto",
    height: "auto",
    "max-width": "none",
    "max-height": "none",
    overflow: "visible",
    animation: "none",
    transition: "none",
  };

  function pin(element) {
    for (const [name, value] of Object.entries(PINNED)) element.style.setProperty(name, value, "important");
  }

  function build() {
    host = document.createElement("div");
    host.setAttribute("data-ecflink", "overlay");
    pin(host);
    root = host.attachShadow({ mode: "closed" });
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
    tone = document.createElement("span");
    tone.className = "tone";
    title.append("ecflink · ", tone);
    hint = document.createElement("p");
    hint.className = "hint";
    hint.setAttribute("aria-live", "polite");
    // What the panel says of its own (held, filled, a click ignored...) is announced too.
    note = document.createElement("p");
    note.className = "note";
    note.setAttribute("aria-live", "polite");
    action = document.createElement("button");
    action.type = "button";
    action.className = "action";
    action.hidden = true;
    action.addEventListener("click", (event) => {
      if (action.getAttribute("aria-disabled") === "true" || !onAction) return;
      const problem = clickProblem(event);
      if (problem) {
        note.textContent = words("clickIgnored", problem);
        return;
      }
      onAction();
    });
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "dismiss";
    dismiss.setAttribute("aria-label", words("dismiss"));
    dismiss.textContent = "×";
    dismiss.addEventListener("click", remove);
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") remove();
    });
    panel.append(title, hint, note, action, dismiss);
    root.append(style, ring, panel);
    document.documentElement.append(host);
    new ResizeObserver(unsteady).observe(panel); // the panel grew or shrank: its button moved
    action.addEventListener("blur", () => {
      focusedByShortcut = false;
    });
    addEventListener("scroll", place, { passive: true, capture: true });
    addEventListener("resize", place, { passive: true });
    addEventListener("resize", unsteady, { passive: true });
    follow = setInterval(() => {
      if (target && !document.hidden) place();
    }, FOLLOW_MS);
  }

  // Why a click on the action button must not count, or null. Against clickjacking: the click must
  // come from the user (a pointer, or the keyboard after ecflink's own shortcut put the focus
  // there), with the button unmoved for a moment, nothing stacked over the overlay, and the panel
  // where and as ecflink draws it: no page style on the host or the root that moves, scales, masks
  // or fades it.
  const SELECTORS_OVER = [":modal", ":popover-open", ":fullscreen", "select:open", "input:open"]; // top layer
  const AS_DRAWN = {
    opacity: ["1"],
    visibility: ["visible"],
    filter: ["none"],
    backdropFilter: ["none", undefined],
    clipPath: ["none"],
    mixBlendMode: ["normal"],
    transform: ["none"],
    translate: ["none", undefined],
    scale: ["none", undefined],
    rotate: ["none", undefined],
    zoom: ["1", "normal", undefined],
    perspective: ["none"],
    offsetPath: ["none", undefined],
    maskImage: ["none", undefined],
    webkitMaskImage: ["none", undefined],
    contentVisibility: ["visible", undefined],
  };
  const NOMINAL = { edge: 16, minWidth: 160, minHeight: 60, maxWidth: 360 }; // the panel as .panel draws it

  function styled(node, pseudo = null) {
    const style = getComputedStyle(node, pseudo);
    return Object.entries(AS_DRAWN).some(([name, allowed]) => !allowed.includes(style[name]));
  }

  function covered() {
    if (document.documentElement.lastElementChild !== host) return true;
    for (const selector of SELECTORS_OVER) {
      try {
        if (document.querySelector(selector)) return true;
      } catch {
        // a browser without this selector
      }
    }
    // The root's ::after is drawn after every child, the panel's host included.
    const after = getComputedStyle(document.documentElement, "::after").content;
    return Boolean(after) && after !== "none" && after !== "normal";
  }

  function misplaced() {
    const frame = host.getBoundingClientRect();
    const box = panel.getBoundingClientRect();
    const button = action.getBoundingClientRect();
    const near = (a, b) => Math.abs(a - b) <= 1.5;
    return !(
      near(frame.left, 0) &&
      near(frame.top, 0) &&
      frame.right <= innerWidth + 1 &&
      frame.bottom <= innerHeight + 1 &&
      frame.right >= innerWidth - 40 &&
      frame.bottom >= innerHeight - 40 &&
      near(box.right, frame.right - NOMINAL.edge) &&
      near(box.bottom, frame.bottom - NOMINAL.edge) &&
      box.width >= NOMINAL.minWidth &&
      box.width <= NOMINAL.maxWidth &&
      box.height >= NOMINAL.minHeight &&
      button.width >= 40 &&
      button.height >= 20 &&
      button.left >= box.left &&
      button.right <= box.right &&
      button.top >= box.top &&
      button.bottom <= box.bottom
    );
  }

  function clickProblem(event) {
    if (!event.isTrusted) return words("clickNotYours");
    const byKeyboard =
      event.detail === 0 &&
      event.pointerType !== "mouse" &&
      event.pointerType !== "touch" &&
      event.pointerType !== "pen";
    if (byKeyboard && !focusedByShortcut) {
      return words("clickKeyboard");
    }
    if (performance.now() - steadySince < DWELL_MS) return words("clickTooSoon");
    if (covered()) return words("clickCovered");
    if ([host, document.documentElement, panel, action].some((node) => styled(node))) {
      return words("clickMoved");
    }
    if (misplaced()) return words("clickMoved");
    const box = action.getBoundingClientRect();
    const points = [[box.left + box.width / 2, box.top + box.height / 2]];
    if (!byKeyboard) points.push([event.clientX, event.clientY]);
    if (points.some(([x, y]) => root.elementFromPoint(x, y) !== action)) return words("clickButtonCovered");
    return null;
  }

  // The dwell: the button counts clicks only once its box has stayed put for DWELL_MS (a new label,
  // a longer hint that moves it, a resized window all start it again).
  let steadySince = 0;
  let dwell = 0;

  function unsteady() {
    steadySince = performance.now();
    if (!action || action.hidden) return;
    action.setAttribute("aria-disabled", "true");
    clearTimeout(dwell);
    dwell = setTimeout(() => action?.setAttribute("aria-disabled", "false"), DWELL_MS);
  }

  // ecflink's own keyboard path: the browser's shortcut for ecflink (manifest "commands") puts the
  // focus on the panel's button; keyboard activation counts only while that focus lasts.
  let focusedByShortcut = false;

  function focusFromShortcut() {
    if (!host?.isConnected || action.hidden) return false;
    action.focus({ preventScroll: true });
    focusedByShortcut = root.activeElement === action;
    return focusedByShortcut;
  }

  function placeNow() {
    frame = 0;
    if (!ring) return;
    ringAround(target?.isConnected ? target.getBoundingClientRect() : null);
  }

  // The first placement on a page takes the target's box from an IntersectionObserver, which the
  // browser fills in after its own layout: asking for the box at once would force the layout of a
  // whole (multi-megabyte) page on the content script's time.
  function placeSoon() {
    if (!ring) return;
    if (!target?.isConnected) return ringAround(null);
    const watched = target;
    const observer = new IntersectionObserver(([entry]) => {
      observer.disconnect();
      if (watched === target && ring) ringAround(entry.boundingClientRect);
    });
    observer.observe(watched);
  }

  function ringAround(box) {
    if (!box || (box.width === 0 && box.height === 0)) {
      ring.hidden = true;
      return;
    }
    const pad = 4;
    Object.assign(ring.style, {
      left: `${box.left - pad}px`,
      top: `${box.top - pad}px`,
      width: `${box.width + 2 * pad}px`,
      height: `${box.height + 2 * pad}px`,
    });
    ring.hidden = false;
  }

  function place() {
    if (!frame) frame = requestAnimationFrame(placeNow);
  }

  function remove() {
    removeEventListener("scroll", place, { capture: true });
    removeEventListener("resize", place);
    removeEventListener("resize", unsteady);
    focusedByShortcut = false;
    clearInterval(follow);
    if (frame) cancelAnimationFrame(frame);
    host?.remove();
    host = root = panel = hint = note = tone = action = onAction = ring = target = null;
    frame = follow = 0;
  }

  // advice: {text, tone, page, target, note}; element: what the hint is about, or null;
  // act: {label, run} for the action button, or null.
  function show(advice, element, act = null) {
    const fresh = !host?.isConnected;
    if (fresh) build();
    // Stay on top of what the page added since; never moved in response to a click.
    if (document.documentElement.lastElementChild !== host) document.documentElement.append(host);
    onAction = act?.run ?? null;
    if (act && (action.hidden || action.textContent !== act.label)) {
      action.textContent = act.label;
      action.hidden = false;
      unsteady();
    }
    if (!act) action.hidden = true;
    panel.dataset.tone = advice.tone ?? "step";
    tone.textContent = words({ done: "toneDone", problem: "toneProblem" }[panel.dataset.tone] ?? "toneStep");
    // A problem is announced at once; a step waits for a pause in what the reader is saying.
    hint.setAttribute("aria-live", panel.dataset.tone === "problem" ? "assertive" : "polite");
    panel.dataset.kind = advice.kind ?? "";
    ring.dataset.target = element ? advice.target : "";
    target = element;
    placeSoon();
    text = advice.text;
    // A new live region is filled only once it is in the page, so screen readers announce it;
    // by then a newer hint may have arrived, so it is filled with the latest text.
    const region = hint;
    const second = advice.note ?? "";
    if (fresh)
      setTimeout(() => {
        if (region !== hint) return;
        write(hint, text);
        note.textContent = second;
      }, 50);
    else {
      write(hint, text);
      note.textContent = second;
    }
  }

  // Hint text into `element`; words the host marks as the page's own (between U+2068 and U+2069:
  // a username, an account holder's name) are drawn apart from ecflink's words.
  function write(element, words) {
    const parts = String(words).split(/\u2068([^\u2069]*)\u2069/);
    element.replaceChildren(
      ...parts.map((part, index) => {
        if (index % 2 === 0) return document.createTextNode(part);
        const span = document.createElement("span");
        span.className = "page-words";
        span.textContent = part;
        return span;
      }),
    );
  }

  function tell(message) {
    if (note) note.textContent = message;
  }

  return { show, remove, tell, focusFromShortcut };
})();
