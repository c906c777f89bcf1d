// ecflink probes: the small DOM facts the host asks for, evaluated on the live page with the rules
// of ecflink/htmlfacts.py (the host's evaluator for saved pages), so both agree. docs/pages-format.md
// describes every probe field. Cost: one querySelectorAll per selector probe and at most `limit`
// elements examined; a scan probe reads the text under a root of at most `limit` elements. Sizes
// are checked with item(n) of the browser's live element list, which walks only as far as n (an
// index, [n], counts them all in Chromium).
// The costlier tests (layout: `visible`) run last, only on the few elements every cheaper test let
// through.
"use strict";

const ecflinkProbes = (() => {
  const EXTRACT_LIMIT = 200; // characters (code points), as in htmlfacts.py
  const NEAR_LEVELS = 4; // ancestors whose text may label a field
  const SCAN_LIMIT = 1500; // elements under a scan probe's root, at most, as in htmlfacts.py
  // Exactly the whitespace htmlfacts.py collapses (JavaScript's \s).
  const SPACES = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
  const BLOCKS = new Set(
    `address article aside blockquote body button caption center dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html input legend li main nav ol p pre
    section select summary table tbody td textarea tfoot th thead tr ul`.split(/\s+/),
  );
  const SKIPPED = new Set(["script", "style", "template", "noscript", "head", "title"]);
  // A quoted address in a script snippet (onclick="window.location='/cgi-bin/login.pl'", javascript: links).
  const QUOTED_URL =
    /["']((?:https?:\/\/|\/|\.{1,2}\/)[^"']*|[\w.-]+\.(?:pl|html?|jsf|xhtml|php|aspx?|cgi)(?:\?[^"']*)?)["']/;

  const normalise = (text) => text.replace(SPACES, " ").trim();
  const joined = (run) => normalise(run.map((node) => node.data).join(""));

  // The runs of text under `root`, in document order: a run ends at a <br>, where a block element
  // starts (BLOCKS), or where the nearest block changes; so "C<u>i</u>vil" is one run and two table
  // cells are two. Scripts, styles and templates are skipped.
  function runsOf(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    const found = [];
    let current = [];
    let block = null;
    let broken = false;
    let node = walker.nextNode();
    while (node) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (SKIPPED.has(node.localName)) {
          node = past(walker, node, root);
          continue;
        }
        broken ||= node.localName === "br" || BLOCKS.has(node.localName);
      } else {
        let owner = node.parentElement;
        while (owner && !BLOCKS.has(owner.localName)) owner = owner.parentElement;
        if (broken || owner !== block) {
          found.push(current);
          current = [];
          block = owner;
          broken = false;
        }
        current.push(node);
      }
      node = walker.nextNode();
    }
    found.push(current);
    return found.filter((run) => joined(run));
  }

  // The node after `node`'s whole subtree, within `root`.
  function past(walker, node, root) {
    walker.currentNode = node;
    while (!walker.nextSibling()) {
      if (!walker.parentNode() || walker.currentNode === root) return null;
    }
    return walker.currentNode;
  }

  // What a person reads in an element: its runs of text joined by a space, so that words in
  // separate cells or lines do not run together; scripts and styles are left out. An element
  // without child elements holds one run: its text.
  const textOf = (element) =>
    element.childElementCount === 0 ? normalise(element.textContent) : runsOf(element).map(joined).join(" ");

  // Whether `root` holds more than `limit` elements.
  const moreThan = (root, limit) => root.getElementsByTagName("*").item(limit) !== null;

  // What a person reads on an element: its text, or for a control or image without text its
  // value, aria-label, title or alt.
  function nameOf(element) {
    const text = textOf(element);
    if (text) return text;
    for (const attribute of ["value", "aria-label", "title", "alt"]) {
      const value = (element.getAttribute(attribute) ?? "").trim();
      if (value && !(attribute === "value" && element.localName !== "input")) return normalise(value);
    }
    const image = element.querySelector("img[alt]");
    return image ? normalise(image.getAttribute("alt")) : "";
  }

  // Drawn by the browser: displayed, not transparent, visible, with a box of some size.
  function rendered(element) {
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  }

  // The path (and ?query) on this page's own host a link or button leads to, or null.
  function targetOf(element) {
    let raw = null;
    const href = element.getAttribute("href");
    if (href !== null) {
      raw = href.trim();
      if (/^javascript:/i.test(raw)) raw = QUOTED_URL.exec(raw)?.[1] ?? null;
    } else if (element.hasAttribute("formaction")) {
      raw = element.getAttribute("formaction");
    } else if (element.getAttribute("onclick")) {
      raw = QUOTED_URL.exec(element.getAttribute("onclick"))?.[1] ?? null;
    } else if (
      (element.localName === "button" || element.localName === "input") &&
      ["submit", "image"].includes(element.type)
    ) {
      raw = element.form ? (element.form.getAttribute("action") ?? "") : null;
    }
    if (raw === null) return null;
    try {
      // The page's own host, over http or https on a default port (an old page's http link to its
      // own login script still leads there: browsers upgrade uscourts.gov to https).
      const url = new URL(raw, document.baseURI);
      const own = url.hostname === location.hostname && ["http:", "https:"].includes(url.protocol) && !url.port;
      return own ? url.pathname + url.search : null;
    } catch {
      return null;
    }
  }

  // The texts that may label a field: its <label>s, aria-label, placeholder and title, and the
  // text of its nearest ancestors.
  function labelTexts(element) {
    const texts = [];
    if (element.id) {
      for (const label of document.querySelectorAll(`label[for="${CSS.escape(element.id)}"]`))
        texts.push(textOf(label));
    }
    for (const attribute of ["aria-label", "placeholder", "title"]) {
      if (element.getAttribute(attribute)) texts.push(normalise(element.getAttribute(attribute)));
    }
    let node = element.parentElement;
    for (
      let level = 0;
      node && level < NEAR_LEVELS && node !== document.body && node !== document.documentElement;
      level++, node = node.parentElement
    ) {
      texts.push(textOf(node));
    }
    return texts.filter(Boolean).map((t) => t.toLowerCase());
  }

  function compile(probe) {
    const re = (pattern) => (pattern === undefined ? null : new RegExp(pattern));
    return {
      text: (probe.text ?? []).map(re),
      notText: (probe.not_text ?? []).map(re),
      value: re(probe.value),
      target: re(probe.target),
      near: re(probe.near),
      maxChars: probe.max_chars ?? Infinity,
    };
  }

  function matches(text, p) {
    return p.text.every((r) => r.test(text)) && !p.notText.some((r) => r.test(text)) && text.length <= p.maxChars;
  }

  function passes(element, probe, p, found) {
    if (p.target) {
      const target = targetOf(element);
      if (target === null || !p.target.test(target)) return false;
    }
    if (p.value && !p.value.test(element.value ?? element.getAttribute("value") ?? "")) return false;
    if (p.text.length || p.notText.length || probe.max_chars !== undefined) {
      if (!matches(nameOf(element).toLowerCase(), p)) return false;
    }
    if (probe.has && !element.querySelector(probe.has)) return false;
    if (p.near && !labelTexts(element).some((t) => p.near.test(t))) return false;
    if (probe.same_form_as) {
      const owner = element.form;
      if (!owner || !(found[probe.same_form_as] ?? []).some((e) => e.form === owner)) return false;
    }
    return !probe.visible || rendered(element);
  }

  // The elements matching `selector` among the last `count` elements of the page, in document
  // order: walked back from the end, so a long page is not searched.
  function atEnd(selector, count) {
    let node = document.documentElement;
    while (node?.lastElementChild) node = node.lastElementChild;
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ELEMENT);
    if (node) walker.currentNode = node;
    const matched = [];
    for (let i = 0; node && i < count; i++, node = walker.previousNode()) {
      if (node.matches(selector)) matched.push(node);
    }
    return matched.reverse();
  }

  // The elements a probe finds, in document order: among the first `limit` matches of its selector
  // (in the page's last `at_end` elements), or among the elements another probe found (`from`);
  // none on a page of more than `max_elements`.
  function select(probe, found = {}) {
    if (probe.max_elements !== undefined && moreThan(document, probe.max_elements)) return [];
    const p = compile(probe);
    const matched =
      probe.from !== undefined
        ? (found[probe.from] ?? [])
        : probe.at_end !== undefined
          ? atEnd(probe.selector, probe.at_end)
          : document.querySelectorAll(probe.selector);
    const end = probe.from !== undefined ? matched.length : Math.min(matched.length, probe.limit ?? 100);
    const kept = [];
    for (let i = 0; i < end; i++) {
      if (passes(matched[i], probe, p, found)) kept.push(matched[i]);
    }
    return kept;
  }

  // The runs under a scan probe's root, read once for all the probes that scan it; null when the
  // root holds more than `limit` elements.
  function scanned(probe, cache) {
    const limit = probe.limit ?? SCAN_LIMIT;
    const key = `${probe.scan}\n${limit}`;
    if (!cache.has(key)) {
      const root = document.querySelector(probe.scan) ?? document.body;
      cache.set(key, !root ? [] : moreThan(root, limit) ? null : runsOf(root));
    }
    return cache.get(key);
  }

  // [runs matching, the text after the first match] for a scan probe.
  function scan(probe, cache) {
    const runs = scanned(probe, cache);
    if (runs === null) return [0, ""];
    const p = compile(probe);
    let count = 0;
    let after = null;
    runs.forEach((run, i) => {
      if (!matches(joined(run).toLowerCase(), p)) return;
      if (probe.visible && !matches(joined(run.filter((n) => rendered(n.parentElement))).toLowerCase(), p)) return;
      count += 1;
      if (after === null && probe.extract === "after") {
        const whole = joined(run);
        const hit = p.text.length ? p.text[0].exec(whole.toLowerCase()) : null;
        const end = hit ? hit.index + hit[0].length : 0;
        after = whole.slice(end).replace(/^[ :]+|[ :]+$/g, "") || (i + 1 < runs.length ? joined(runs[i + 1]) : "");
      }
    });
    return [
      count,
      Array.from(after ?? "")
        .slice(0, EXTRACT_LIMIT)
        .join(""),
    ];
  }

  function extracted(element, how) {
    const found =
      how === "value"
        ? (element.value ?? "")
        : how === "next"
          ? element.nextElementSibling
            ? textOf(element.nextElementSibling)
            : ""
          : how === "name"
            ? nameOf(element)
            : textOf(element);
    return Array.from(found).slice(0, EXTRACT_LIMIT).join("");
  }

  // `only_if: "p"` skips a probe unless probe p counted something; `only_if: "!p"` skips it if p did.
  function skipped(probe, facts) {
    if (!probe.only_if) return false;
    if (probe.only_if.startsWith("!")) return facts[probe.only_if.slice(1)] > 0;
    return !(facts[probe.only_if] > 0);
  }

  // The probes a probe reads the result of: they are evaluated before it.
  const inputs = (probe) => [probe.only_if?.replace(/^!/, ""), probe.from, probe.same_form_as].filter(Boolean);

  // Every probe's result: counts in `facts`, the short texts of `extract` probes in `texts`. A probe
  // the browser cannot evaluate is left out (the host then concludes nothing from it). A probe runs
  // after those it reads, whatever order the table's names come in: a table kept in Chromium's
  // storage comes back with its names sorted.
  function evaluate(probes) {
    const facts = {};
    const texts = {};
    const found = {};
    const cache = new Map();
    const done = new Set();
    const run = (name) => {
      if (done.has(name) || !Object.hasOwn(probes, name)) return;
      done.add(name);
      const probe = probes[name];
      inputs(probe).forEach(run);
      try {
        if (skipped(probe, facts)) {
          if (probe.extract) texts[name] = "";
          else facts[name] = 0;
        } else if (probe.scan !== undefined) {
          const [count, after] = scan(probe, cache);
          if (probe.extract) texts[name] = after;
          else facts[name] = count;
        } else {
          found[name] = select(probe, found);
          if (probe.extract) texts[name] = found[name].length ? extracted(found[name][0], probe.extract) : "";
          else facts[name] = found[name].length;
        }
      } catch {
        // an unsupported selector or pattern
      }
    };
    Object.keys(probes).forEach(run);
    return { facts, texts, found };
  }

  return { evaluate, rendered, QUOTED_URL };
})();
