// ecflink probes: the small DOM facts the host asks for, evaluated on the live page with exactly
// the rules of ecflink/htmlfacts.py (the host's evaluator for saved pages), so both agree.
// Cost: one querySelectorAll per probe and at most `limit` elements examined each; no DOM walks.
"use strict";

const ecflinkProbes = (() => {
  const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

  // Hidden by markup: `hidden`, aria-hidden="true", or inline display:none / visibility:hidden,
  // on the element or an ancestor.
  function isVisible(element) {
    for (let node = element; node && node.nodeType === Node.ELEMENT_NODE; node = node.parentElement) {
      if (node.hasAttribute("hidden")) return false;
      if ((node.getAttribute("aria-hidden") ?? "").trim().toLowerCase() === "true") return false;
      if (HIDDEN_STYLE.test(node.getAttribute("style") ?? "")) return false;
    }
    return true;
  }

  const EXTRACT_LIMIT = 200; // characters (code points), as in htmlfacts.py
  const textOf = (element) => element.textContent.replace(/\s+/g, " ").trim();

  function passes(element, probe, texts, valuePattern) {
    if (probe.visible && !isVisible(element)) return false;
    if (texts.length || probe.prefix) {
      const content = textOf(element).toLowerCase();
      if (!texts.every((t) => content.includes(t))) return false;
      if (probe.prefix && !content.startsWith(probe.prefix.toLowerCase())) return false;
    }
    if (probe.has && !element.querySelector(probe.has)) return false;
    if (valuePattern && !valuePattern.test(element.value ?? element.getAttribute("value") ?? "")) return false;
    return true;
  }

  // Calls `visit` on each passing element among the first `limit` matches; stops when it returns true.
  function scan(probe, visit) {
    const texts = (probe.text ?? []).map((t) => t.toLowerCase());
    const valuePattern = probe.value ? new RegExp(probe.value) : null;
    const matches = document.querySelectorAll(probe.selector);
    const end = Math.min(matches.length, probe.limit ?? 100);
    for (let i = 0; i < end; i++) {
      if (passes(matches[i], probe, texts, valuePattern) && visit(matches[i])) return;
    }
  }

  // Every probe's result: counts in `facts`, the short texts of `extract` probes in `texts`. A probe
  // the browser cannot evaluate is left out (the host then concludes nothing from it).
  function evaluate(probes) {
    const facts = {};
    const texts = {};
    for (const [name, probe] of Object.entries(probes)) {
      try {
        if (probe.only_if && !(facts[probe.only_if] > 0)) {
          if (probe.extract) texts[name] = "";
          else facts[name] = 0;
        } else if (probe.extract) {
          let text = "";
          scan(probe, (element) => {
            const found = probe.extract === "value" ? (element.value ?? "")
              : probe.extract === "next" ? (element.nextElementSibling ? textOf(element.nextElementSibling) : "")
              : textOf(element);
            text = Array.from(found).slice(0, EXTRACT_LIMIT).join("");
            return true;
          });
          texts[name] = text;
        } else {
          let count = 0;
          scan(probe, () => { count += 1; return false; });
          facts[name] = count;
        }
      } catch {
        // an unsupported selector or pattern
      }
    }
    return { facts, texts };
  }

  function first(probe) {
    let found = null;
    try {
      scan(probe, (element) => { found = element; return true; });
    } catch {
      return null;
    }
    return found;
  }

  return { evaluate, first, isVisible };
})();
