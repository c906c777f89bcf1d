// ecflink hold: keeps a page that may make the link from submitting until the user confirms in
// ecflink's panel. Runs at document_start on the courts' CM/ECF pages, before any page script, so
// its capture listeners come first. It holds from the start on the page after a link form (the
// background "armed" the tab: the verify page may follow) and on any page the host says to hold,
// and it lets go only when the host says this page needs no hold or the user confirms. What fires
// no event (a page script calling form.submit() on its own, from a timer) it cannot stop: see
// docs/threat-model.md, Known limits.
"use strict";

const ecflinkHold = (() => {
  if (window.top !== window || !/^ecf\.[a-z0-9]+\.uscourts\.gov$/.test(location.hostname)) return null;
  const api = globalThis.browser ?? globalThis.chrome;
  let state = "undecided"; // "undecided" (asking the background), "held", "free"
  let onBlocked = null;
  let pageAnswer = null; // the background's answer to this page's report, when it had one kept

  // What may send the page: a submit button, any button, an input that acts as one, a link or
  // element whose click runs script (javascript: address, onclick). ecflink's own panel is not.
  function sends(target) {
    for (let node = target; node instanceof Element; node = node.parentElement) {
      if (node.hasAttribute("data-ecflink")) return false;
      if (node instanceof HTMLButtonElement || node.hasAttribute("onclick")) return true;
      if (node instanceof HTMLInputElement && ["submit", "image", "button", "reset"].includes(node.type)) return true;
      if (node instanceof HTMLAnchorElement && /^\s*javascript:/i.test(node.getAttribute("href") ?? "")) return true;
    }
    return false;
  }

  function stop(event, why) {
    event.preventDefault();
    event.stopImmediatePropagation();
    onBlocked?.(state, why);
  }

  addEventListener(
    "submit",
    (event) => {
      if (state !== "free") stop(event, "submit");
    },
    true,
  );
  for (const type of ["click", "auxclick", "dblclick"]) {
    addEventListener(
      type,
      (event) => {
        if (state !== "free" && sends(event.target)) stop(event, "click");
      },
      true,
    );
  }
  addEventListener(
    "keydown",
    (event) => {
      if (state !== "free" && event.key === "Enter" && event.target instanceof HTMLInputElement && event.target.form) {
        stop(event, "enter");
      }
    },
    true,
  );

  // While held, the page's submit buttons tell assistive technology why they do nothing: disabled
  // (aria-disabled, so they stay focusable) and described by ecflink's reason; as they were after.
  const REASON_ID = "ecflink-held-reason";
  const marked = new Map(); // submit button -> its own aria-disabled and aria-describedby
  function submitters() {
    return [...document.querySelectorAll("button, input[type=submit], input[type=image]")].filter(
      (b) => b.type === "submit" || b.type === "image",
    );
  }
  function mark() {
    if (state !== "held" || !document.body) return;
    let reason = document.getElementById(REASON_ID);
    if (!reason) {
      reason = Object.assign(document.createElement("span"), { id: REASON_ID, hidden: true });
      reason.textContent = api.i18n.getMessage("heldDescription");
      document.body.append(reason);
    }
    for (const button of submitters()) {
      if (marked.has(button)) continue;
      marked.set(button, [button.getAttribute("aria-disabled"), button.getAttribute("aria-describedby")]);
      button.setAttribute("aria-disabled", "true");
      const described = button.getAttribute("aria-describedby");
      button.setAttribute("aria-describedby", described ? `${described} ${REASON_ID}` : REASON_ID);
    }
  }
  function unmark() {
    for (const [button, [disabled, described]] of marked) {
      for (const [name, value] of [
        ["aria-disabled", disabled],
        ["aria-describedby", described],
      ]) {
        if (value === null) button.removeAttribute(name);
        else button.setAttribute(name, value);
      }
    }
    marked.clear();
    document.getElementById(REASON_ID)?.remove();
  }
  addEventListener("DOMContentLoaded", mark);

  const checked = api.runtime.sendMessage({ type: "hold_check" }).then(
    (reply) => {
      if (state === "undecided") state = reply?.hold ? "held" : "free";
      pageAnswer = reply?.page ?? null;
      mark();
    },
    () => {
      if (state === "undecided") state = "free"; // the extension was reloaded: nothing is armed
    },
  );

  return {
    get state() {
      return state;
    },
    // Taken once, by the content script as it starts, when the hold check has its answer.
    async takePageAnswer() {
      await checked;
      const answer = pageAnswer;
      pageAnswer = null;
      return answer;
    },
    hold() {
      state = "held";
      mark();
    },
    release() {
      state = "free";
      unmark();
    },
    set onBlocked(handler) {
      onBlocked = handler;
    },
  };
})();
