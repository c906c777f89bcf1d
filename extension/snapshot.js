// ecflink snapshot: a redacted copy of the page as the browser renders it, saved (only) in ecflink's
// data folder when the user asks, so that a page ecflink misread can be looked at later. Each
// element the browser does not draw is marked, so `ecflink classify` reaches the browser's answer.
// Before the copy leaves the page, every field value, hidden field, script, style, comment and URL
// query value is taken out; the host then replaces names and usernames (reports.py).
"use strict";

const ecflinkSnapshot = (() => {
  const MAX_CHARS = 3_000_000; // as the host's snapshot message allows
  const MAX_MARKED = 50_000; // elements whose rendering is checked
  const REMOVED =
    "script, noscript, template, style, link, meta, iframe, object, embed, input[type=hidden], " +
    "[data-ecflink=overlay]";
  const LABEL_INPUTS = new Set(["submit", "button", "reset", "image"]); // their value is their label
  const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "srcset", "background", "poster", "cite"];
  const KEPT_QUERY = new Set(["pscCourtId"]); // a court's public code, which names the court

  // An address with each query value taken out (bare words such as ?Utilities stay: they name pages).
  function withoutQueryValues(address) {
    const [head, fragment] = address.split("#", 2);
    const [path, query] = head.split("?", 2);
    if (query === undefined) return address;
    const kept = query
      .split("&")
      .map((pair) => {
        const [key, value] = pair.split("=", 2);
        if (value === undefined) return /^[A-Za-z]+$/.test(key) ? key : "";
        return KEPT_QUERY.has(key) ? pair : `${key}=`;
      })
      .filter(Boolean);
    return path + (kept.length ? `?${kept.join("&")}` : "") + (fragment === undefined ? "" : `#${fragment}`);
  }

  // `location='…'` for the address a script snippet leads to, without its query values.
  function scriptTarget(script) {
    const target = ecflinkProbes.QUOTED_URL.exec(script)?.[1];
    return target ? `location='${withoutQueryValues(target)}'` : null;
  }

  function redact(clone) {
    for (const element of clone.querySelectorAll(REMOVED)) element.remove();
    const walker = document.createTreeWalker(clone, NodeFilter.SHOW_COMMENT);
    const comments = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) comments.push(node);
    for (const comment of comments) comment.remove();
    for (const element of [clone, ...clone.querySelectorAll("*")]) {
      for (const { name } of [...element.attributes]) {
        const value = element.getAttribute(name);
        const handler = name.startsWith("on");
        const script = handler || (URL_ATTRIBUTES.includes(name) && /^\s*javascript:/i.test(value));
        if (name === "style" || (handler && !scriptTarget(value))) {
          element.removeAttribute(name);
        } else if (script) {
          // Script: only where it leads (a court's login) is kept, without its query.
          element.setAttribute(name, (handler ? "" : "javascript:") + (scriptTarget(value) ?? ""));
        } else if (URL_ATTRIBUTES.includes(name)) {
          element.setAttribute(name, withoutQueryValues(value));
        } else if (
          name === "value" &&
          !(element.localName === "input" && LABEL_INPUTS.has(element.type)) &&
          element.localName !== "button"
        ) {
          element.setAttribute(name, "");
        }
      }
      if (element.localName === "textarea") element.textContent = "";
      if (element.localName === "option") element.removeAttribute("selected");
    }
  }

  // The redacted copy: {html}, or {problem} when the page is too large to keep.
  function take() {
    const live = [...document.documentElement.querySelectorAll("*")];
    const clone = document.documentElement.cloneNode(true);
    const copies = [...clone.querySelectorAll("*")];
    live.slice(0, MAX_MARKED).forEach((element, i) => {
      if (!ecflinkProbes.rendered(element)) copies[i].setAttribute("data-ecflink-hidden", "");
    });
    clone.setAttribute("data-ecflink-snapshot", live.length > MAX_MARKED ? "partial" : "");
    redact(clone);
    const html = `<!DOCTYPE html>\n${clone.outerHTML}`;
    if (html.length > MAX_CHARS) return { problem: words("snapshotTooLarge") };
    return { html };
  }

  return { take };
})();
