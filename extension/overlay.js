// ecflink overlay: a small hint panel, and a ring around the element the hint is about, in a
// closed shadow root so page scripts and page styles can neither read nor restyle them. Passive:
// it never takes focus or scrolls the page, and it moves to another corner rather than cover what its
// ring points at; Tab reaches its buttons; it collapses to a badge; Escape or × dismisses it;
// new hint text and the panel's own notes are announced through aria-live regions (a problem
// assertively), and the tone is said in a word beside its colour. Its one action button ("Fill CM/ECF
// login") acts only on a real click while the overlay is plainly visible and uncovered.
"use strict";

const ecflinkOverlay = (() => {
  // Sizes are in em of the host's font size, which is pinned to "medium": the size the user chose in
  // the browser's settings, which the page's own root font size cannot change. Only the distance
  // from the viewport's edge is in px.
  const STYLE = `
    :host { all: initial; }
    .panel {
      position: fixed; right: 16px; bottom: 16px; pointer-events: auto;
      box-sizing: border-box; min-width: min(14em, calc(100vw - 32px)); max-width: min(25em, calc(100vw - 32px));
      max-height: calc(100vh - 32px); overflow: auto; padding: 0.75em 0.9em 0.85em 1em;
      font: 0.875em/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b;
      background: #fff; border: 1px solid #b8c4d6; border-left: 4px solid #1a4d8f; border-radius: 6px;
      box-shadow: 0 4px 14px rgba(0, 0, 0, 0.18);
    }
    .panel[data-corner^="top"] { top: 16px; bottom: auto; }
    .panel[data-corner$="left"] { left: 16px; right: auto; }
    .panel[data-collapsed] { min-width: 0; padding: 0.6em 0.6em 0.6em 0.75em; }
    .panel[data-collapsed] .body { display: none; }
    .panel[data-tone="done"] { border-left-color: #1e7b34; }
    .panel[data-tone="problem"] { border-left-color: #b25e00; }
    .tools { position: absolute; top: 0.3em; right: 0.3em; display: flex; gap: 0.15em; }
    .title {
      margin: 0; padding-right: 5.6em; min-height: 1.8em; font-weight: 600; font-size: 0.875em;
      letter-spacing: 0.03em; color: #1a4d8f;
    }
    .tone { font-weight: 600; }
    .panel[data-tone="done"] .tone { color: #1e7b34; }
    .panel[data-tone="problem"] .tone { color: #8a4500; }
    .hint { margin: 0.3em 0 0; }
    .page-words { font-style: italic; background: #eef1f5; border-radius: 2px; padding: 0 2px; unicode-bidi: isolate; }
    .note { margin: 0.4em 0 0; font-size: 0.875em; color: #444; }
    .note:empty { display: none; }
    .action {
      margin-top: 0.6em; padding: 0.35em 0.95em; font: inherit; font-weight: 600; color: #fff;
      background: #1a4d8f; border: 0; border-radius: 4px; cursor: pointer;
    }
    .action[hidden] { display: none; }
    .action[aria-disabled="true"] { background: #5f6f84; cursor: default; }
    .action:focus-visible { outline: 2px solid #1a4d8f; outline-offset: 2px; }
    .tool {
      width: 1.75em; height: 1.75em; padding: 0; font: inherit; font-size: 1.15em; line-height: 1;
      border: 0; border-radius: 4px; background: transparent; color: #444; cursor: pointer;
    }
    .tool:hover { background: #eef2f7; }
    /* The buttons' signs are drawn, not said: their names are their aria-labels. */
    .dismiss::before { content: "\\00d7" / ""; }
    .toggle::before { content: "\\2013" / ""; }
    .panel[data-collapsed] .toggle::before { content: "+" / ""; }
    .tool:focus-visible { outline: 2px solid #1a4d8f; outline-offset: 1px; }
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
      .action, .tool { border: 1px solid ButtonText; }
      .action[aria-disabled="true"] { color: GrayText; border-color: GrayText; }
      .action:focus-visible, .tool:focus-visible { outline: 2px solid Highlight; }
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
  let toggle = null; // collapses the panel to a badge, and expands it again
  let collapsed = false;
  let onToggle = null; // told the new state when the user collapses or expands the panel
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
  // (translate, scale, rotate and zoom are properties of their own, apart from transform). Its font
  // size is "medium", the user's own choice in the browser's settings, whatever the page's is.
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
    "font-size": "medium",
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

  // One declaration block, parsed once (a property the browser does not know is left out).
  const PINNED_TEXT = Object.entries(PINNED)
    .map(([name, value]) => `${name}: ${value} !important`)
    .join("; ");

  function build() {
    host = document.createElement("div");
    host.setAttribute("data-ecflink", "overlay");
    host.style.cssText = PINNED_TEXT;
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
    panel.dataset.corner = "bottom-right";
    const tools = document.createElement("div"); // drawn at the top right, last in the Tab order
    tools.className = "tools";
    const title = document.createElement("p");
    title.className = "title";
    tone = document.createElement("span");
    tone.className = "tone";
    title.append("ecflink · ", tone);
    const body = document.createElement("div");
    body.className = "body";
    body.id = "ecflink-body";
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
    toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "tool toggle";
    toggle.setAttribute("aria-controls", body.id);
    toggle.addEventListener("click", () => {
      setCollapsed(!collapsed);
      onToggle?.(collapsed);
    });
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "tool dismiss";
    dismiss.setAttribute("aria-label", words("dismiss"));
    dismiss.addEventListener("click", remove);
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") remove();
    });
    // ecflink's keyboard path lasts while the focus stays in the panel.
    panel.addEventListener("focusout", (event) => {
      if (!panel?.contains(event.relatedTarget)) focusedByShortcut = false;
    });
    tools.append(toggle, dismiss);
    body.append(hint, note, action);
    panel.append(title, body, tools);
    root.append(style, ring, panel);
    setCollapsed(collapsed);
    document.documentElement.append(host);
    // The panel grew or shrank: its button moved, and the corner it fits in may have changed.
    new ResizeObserver(([entry]) => {
      const [box] = entry.borderBoxSize ?? [];
      size = box ? { width: box.inlineSize, height: box.blockSize } : null;
      unsteady();
      keepClear();
    }).observe(panel);
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
  // The panel as .panel draws it, at a 14px font (0.875em of a 16px "medium"); its sizes scale
  // with the font, its distance from the edge does not.
  const NOMINAL = { edge: 16, font: 14, minWidth: 160, minHeight: 60, maxWidth: 360 };

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
    const unit = parseFloat(getComputedStyle(panel).fontSize) / NOMINAL.font;
    const [vertical, horizontal] = panel.dataset.corner.split("-");
    const edge = NOMINAL.edge;
    return !(
      host.style.getPropertyValue("font-size") === "medium" &&
      host.style.getPropertyPriority("font-size") === "important" &&
      unit >= 0.5 &&
      near(frame.left, 0) &&
      near(frame.top, 0) &&
      frame.right <= innerWidth + 1 &&
      frame.bottom <= innerHeight + 1 &&
      frame.right >= innerWidth - 40 &&
      frame.bottom >= innerHeight - 40 &&
      (horizontal === "right" ? near(box.right, frame.right - edge) : near(box.left, frame.left + edge)) &&
      (vertical === "bottom" ? near(box.bottom, frame.bottom - edge) : near(box.top, frame.top + edge)) &&
      box.width >= Math.min(NOMINAL.minWidth * unit, innerWidth - 2 * edge - 1) &&
      box.width <= NOMINAL.maxWidth * unit &&
      box.height >= Math.min(NOMINAL.minHeight * unit, innerHeight - 2 * edge - 1) &&
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
  // focus into the panel (on its action button, or on the badge when collapsed); keyboard
  // activation of the action button counts only while the focus stays in the panel since then.
  let focusedByShortcut = false;

  function focusFromShortcut() {
    if (!host?.isConnected) return false;
    const first = collapsed || action.hidden ? toggle : action;
    first.focus({ preventScroll: true });
    focusedByShortcut = root.activeElement === first;
    return focusedByShortcut;
  }

  // Collapsed, the panel is a badge: the tone's word and the button that expands it again.
  function setCollapsed(value) {
    collapsed = value;
    if (!panel) return;
    panel.toggleAttribute("data-collapsed", collapsed);
    toggle.setAttribute("aria-expanded", String(!collapsed));
    toggle.setAttribute("aria-label", words(collapsed ? "expand" : "collapse"));
    ring.hidden = collapsed || !lastBox;
    keepClear();
  }

  // The panel never covers what its ring points at: it moves to the first corner of the viewport
  // where it does not (bottom right first). Its size comes from the ResizeObserver and the target's
  // box from the ring, so choosing a corner forces no layout.
  const CORNERS = ["bottom-right", "top-right", "bottom-left", "top-left"];
  let size = null;
  let lastBox = null;

  function keepClear() {
    if (!panel || !size) return;
    const box = collapsed ? null : lastBox;
    const edge = NOMINAL.edge;
    const clear = (corner) => {
      if (!box) return true;
      const [vertical, horizontal] = corner.split("-");
      const left = horizontal === "right" ? innerWidth - edge - size.width : edge;
      const top = vertical === "bottom" ? innerHeight - edge - size.height : edge;
      const pad = 8;
      return (
        box.right + pad <= left ||
        box.left - pad >= left + size.width ||
        box.bottom + pad <= top ||
        box.top - pad >= top + size.height
      );
    };
    const corner = CORNERS.find(clear) ?? CORNERS[0];
    if (corner !== panel.dataset.corner) {
      panel.dataset.corner = corner;
      unsteady(); // the button moved: clicks wait for it to stand still again
    }
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
      lastBox = null;
      ring.hidden = true;
      keepClear();
      return;
    }
    const pad = 4;
    Object.assign(ring.style, {
      left: `${box.left - pad}px`,
      top: `${box.top - pad}px`,
      width: `${box.width + 2 * pad}px`,
      height: `${box.height + 2 * pad}px`,
    });
    lastBox = box;
    ring.hidden = collapsed;
    keepClear();
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
    host = root = panel = hint = note = tone = action = onAction = toggle = ring = target = null;
    size = lastBox = null;
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
    if (panel.dataset.tone === "problem" && collapsed) setCollapsed(false); // a caution is never hidden
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

  // The panel's own note, in answer to what the user just did: shown even if it was collapsed.
  function tell(message) {
    if (!note) return;
    if (collapsed) setCollapsed(false);
    note.textContent = message;
  }

  // Whether the panel starts collapsed on this page (the tab's choice), and who is told when the
  // user changes it.
  function remember(startCollapsed, handler) {
    onToggle = handler;
    if (startCollapsed !== collapsed) setCollapsed(startCollapsed);
  }

  return { show, remove, tell, remember, focusFromShortcut };
})();
