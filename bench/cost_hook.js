// Benchmark only, never in a release build: bench/bench.py adds this script first and
// cost_hook_end.js last to a copy of ecflink's content scripts. Together they time the content
// script's own work with performance.now(): the scripts' first run, every callback they hand the
// browser (timers, animation frames, observers, event listeners) and the calls into the panel, the
// probes and the fill that run after a message's answer. Nested calls count once. When the
// benchmark asks (an "ecflink-bench-read" event on the document, from the page's world), the total
// is written on the page's root element (data-ecflink-cost-ms), with the number of the page's
// requests that went to the helper app (data-ecflink-host-requests), of the page messages it sent
// the background at all (data-ecflink-page-messages: none when the answer came with hold.js's
// message) and of its reads of the message catalogue (data-ecflink-catalogue-reads: none when the
// panel's words came with the answer); writing them at every call would itself cost a style
// recalculation of the page. One attribute is written as it happens, once a page: data-ecflink-answered,
// when the answer to the page's first report came, so that the benchmark knows when a page that
// gets no panel is done.
"use strict";

const ecflinkCost = (() => {
  let total = 0;
  let depth = 0;
  const injected = performance.now();
  let requests = 0;
  let pageMessages = 0;
  let catalogueReads = 0;

  function timed(fn) {
    return function (...args) {
      if (depth) return fn.apply(this, args);
      depth += 1;
      const start = performance.now();
      try {
        return fn.apply(this, args);
      } finally {
        total += performance.now() - start;
        depth -= 1;
      }
    };
  }

  for (const name of ["setTimeout", "setInterval", "requestAnimationFrame", "queueMicrotask"]) {
    const original = globalThis[name];
    globalThis[name] = (callback, ...rest) =>
      original.call(globalThis, typeof callback === "function" ? timed(callback) : callback, ...rest);
  }
  for (const name of ["MutationObserver", "ResizeObserver", "IntersectionObserver"]) {
    const Original = globalThis[name];
    globalThis[name] = class extends Original {
      constructor(callback, options) {
        super(timed(callback), options);
      }
    };
  }
  const wrapped = new WeakMap();
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (typeof listener !== "function") return add.call(this, type, listener, options);
    if (!wrapped.has(listener)) wrapped.set(listener, timed(listener));
    return add.call(this, type, wrapped.get(listener), options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    return remove.call(this, type, wrapped.get(listener) ?? listener, options);
  };

  // Messages to the helper app for this page: each the content script sends, but for a page report
  // the background answered from what it kept (`kept`).
  const api = globalThis.browser ?? globalThis.chrome;
  const send = api.runtime.sendMessage.bind(api.runtime);
  const read = api.i18n.getMessage.bind(api.i18n);
  try {
    api.runtime.sendMessage = (message, ...rest) => {
      if (message?.type === "page") pageMessages += 1;
      return send(message, ...rest).then((reply) => {
        if (!reply?.kept && ["page", "facts"].includes(message?.type)) requests += 1;
        if (message?.type === "facts" && message.first) document.documentElement.setAttribute("data-ecflink-answered", "");
        return reply;
      });
    };
    api.i18n.getMessage = (...args) => {
      catalogueReads += 1;
      return read(...args);
    };
  } catch {
    // a browser whose extension API objects cannot be changed: no count
  }

  add.call(document, "ecflink-bench-read", () => {
    document.documentElement.setAttribute("data-ecflink-cost-ms", total.toFixed(3));
    document.documentElement.setAttribute("data-ecflink-host-requests", String(requests));
    document.documentElement.setAttribute("data-ecflink-page-messages", String(pageMessages));
    document.documentElement.setAttribute("data-ecflink-catalogue-reads", String(catalogueReads));
  });

  return {
    // cost_hook_end.js: the scripts' first run is over; the modules' entry points are timed too.
    ready(modules) {
      total += performance.now() - injected;
      for (const module of modules) {
        for (const [name, value] of Object.entries(module)) {
          if (typeof value === "function") module[name] = timed(value);
        }
      }
    },
  };
})();
