// The extension's own words: the few things it says by itself (the helper app unreachable,
// working, filled, a click or a fill refused and why) are in _locales/en/messages.json, read
// through the i18n API. Every other word the user reads comes from the host (guide.json).
"use strict";

const words = (() => {
  // The panel's own words, as the background gave them with the page's answer (words.take): an
  // ordinary page then never reads the message catalogue.
  const given = Object.create(null);
  const say = (name, ...substitutions) =>
    (substitutions.length ? undefined : given[name]) ??
    (globalThis.browser ?? globalThis.chrome).i18n.getMessage(name, substitutions);
  say.take = (table) => {
    for (const [name, said] of Object.entries(table ?? {})) {
      if (typeof said === "string") given[name] = said;
    }
  };
  return say;
})();
